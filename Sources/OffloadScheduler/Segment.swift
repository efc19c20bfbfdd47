import OffloadModel

/// The three resources of the pipeline, in pipeline order.
public enum Lane: Int, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case device, uplink, cloud

    /// `device`, `uplink` or `cloud`, as in docs/FORMATS.md §5.
    public var description: String {
        switch self {
        case .device: "device"
        case .uplink: "uplink"
        case .cloud: "cloud"
        }
    }
}

/// One piece of work on one lane: a bar of the Gantt chart (docs/FORMATS.md §5).
public struct Segment: Sendable, Hashable {
    public var lane: Lane
    /// Index of the job in the scenario.
    public var job: Int
    public var startMs: Double
    public var endMs: Double
    public var work: Work

    public init(lane: Lane, job: Int, startMs: Double, endMs: Double, work: Work) {
        self.lane = lane
        self.job = job
        self.startMs = startMs
        self.endMs = endMs
        self.work = work
    }

    /// What a segment runs or sends.
    public enum Work: Sendable, Hashable {
        /// Everything the job's cut puts on this lane (job-level plans).
        case wholeStage
        /// These layers (device, cloud) or tensors (uplink; `Cut.rawInput` for the raw input),
        /// in execution order (layer-level plans).
        case items([Int])
    }

    public var durationMs: Double { endMs - startMs }
}
