import OffloadModel
import OffloadScheduler

/// What really happened when a plan was played: the realised Gantt chart (the shape of
/// docs/FORMATS.md §5) and its metrics.
public struct Timeline: Sendable {
    /// Every piece of work as it ran, in the plan's order (work re-planned at run time
    /// follows the work of the plan it replaced). Each has the same `work` as in the plan
    /// that scheduled it; zero-length work appears with `startMs == endMs`.
    public var segments: [Segment]
    /// Each job's cut as played, by job index (re-planning may change a job's cut).
    public var cuts: [Cut]
    /// When each job's last piece of work ended, by job index (0 for a job with no work).
    public var finishMs: [Double]
    /// When the last lane finished the last job.
    public var makespanMs: Double
    /// Busy time, utilisation and idle gaps of the device, uplink and cloud lanes, in that order.
    public var lanes: [LaneMetrics]
    /// The chain of work and waits that fixes the makespan, from time 0 to the end.
    public var criticalPath: [CriticalStep]
    /// The re-plannings made while playing, in time order (empty without re-planning).
    public var replans: [Replan]

    /// The metrics of `lane`.
    public func metrics(_ lane: Lane) -> LaneMetrics { lanes[lane.rawValue] }
}

/// How one lane spent the time from 0 to the makespan.
public struct LaneMetrics: Sendable, Hashable {
    public var lane: Lane
    /// Total time the lane was working, in ms.
    public var busyMs: Double
    /// `busyMs / makespan`, from 0 to 1 (0 when the makespan is 0).
    public var utilisation: Double
    /// Every interval of positive length in [0, makespan] during which the lane was idle:
    /// before its first work, between two pieces, after its last.
    public var idleGaps: [IdleGap]

    /// The total idle time, in ms.
    public var idleMs: Double { idleGaps.reduce(0) { $0 + $1.durationMs } }
}

/// A stretch of time during which a lane did nothing.
public struct IdleGap: Sendable, Hashable {
    public var startMs: Double
    public var endMs: Double
    public var durationMs: Double { endMs - startMs }

    public init(startMs: Double, endMs: Double) {
        self.startMs = startMs
        self.endMs = endMs
    }
}

/// One link of the critical path: a segment of the timeline and what it waited for.
public struct CriticalStep: Sendable, Hashable {
    /// What decided when a piece of work started.
    public enum Cause: String, Sendable, Hashable, CustomStringConvertible {
        /// It started at time 0, the moment the plan began.
        case start
        /// It waited for the previous work on its lane to finish.
        case lane
        /// It waited for its input: the job's previous stage, the layer that makes a
        /// tensor, or the transfer that carries it.
        case input
        /// It was re-planned while waiting and started at the moment of re-planning.
        case replan

        public var description: String { rawValue }
    }

    /// Index into `Timeline.segments`.
    public var segment: Int
    public var cause: Cause
    /// The time between the end of the step before (or 0) and this segment's start:
    /// 0 except after a re-planning.
    public var waitMs: Double
}

/// One re-planning made while playing.
public struct Replan: Sendable, Hashable {
    /// When the bandwidth changed and the work not yet started was re-planned.
    public var atMs: Double
    /// The rate in force from then on, which the new plan assumes.
    public var mbps: Double
    /// The jobs re-planned: those none of whose work had started.
    public var jobs: [Int]
}
