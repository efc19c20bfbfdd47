import OffloadModel

/// A complete plan: every job's cut, the order, and the Gantt chart it yields.
public struct Plan: Sendable {
    public var algorithm: Algorithm
    public var environment: Environment
    /// Each job's cut, by job index.
    public var cuts: [Cut]
    /// Each job's lane times under `environment`, by job index.
    public var times: [StageTimes]
    /// The job order on every lane (job-level plans), or the order jobs were released (layer-level).
    public var order: [Int]
    /// Every piece of work on every lane.
    public var segments: [Segment]
    /// When each job's last piece of work ends, by job index.
    public var finishMs: [Double]
    /// When the last lane finishes the last job.
    public var makespanMs: Double
    /// A lower bound on the makespan of every job-level plan (layer-level: of every plan)
    /// over the cuts `optimality.scope` names.
    public var lowerBoundMs: Double
    /// What the plan and its bound cover (set by `Planner`).
    public var optimality = Optimality(scope: .candidates, epsilonMs: 0, proven: false, candidateCuts: 0)

    /// A plan whose Gantt chart was built elsewhere (layer-level): each job's lane times are
    /// what its segments spend on each lane, its finish the end of its last segment.
    public init(algorithm: Algorithm, environment: Environment, cuts: [Cut], order: [Int], segments: [Segment],
                lowerBoundMs: Double) {
        var times = [StageTimes](repeating: StageTimes(device: 0, uplink: 0, cloud: 0), count: cuts.count)
        var finish = [Double](repeating: 0, count: cuts.count)
        for segment in segments where cuts.indices.contains(segment.job) {
            switch segment.lane {
            case .device: times[segment.job].device += segment.durationMs
            case .uplink: times[segment.job].uplink += segment.durationMs
            case .cloud: times[segment.job].cloud += segment.durationMs
            }
            finish[segment.job] = max(finish[segment.job], segment.endMs)
        }
        self.init(algorithm: algorithm, environment: environment, cuts: cuts, times: times, order: order,
                  segments: segments, finishMs: finish, lowerBoundMs: lowerBoundMs)
    }

    /// A job-level plan: each job's cut and one order, scheduled on the pipeline.
    public init(algorithm: Algorithm, environment: Environment, cuts: [Cut], order: [Int], lowerBoundMs: Double) {
        let times = cuts.map { $0.stageTimes(in: environment) }
        let (segments, finish) = Pipeline.schedule(order: order, times: times)
        self.init(algorithm: algorithm, environment: environment, cuts: cuts, times: times, order: order,
                  segments: segments, finishMs: finish, lowerBoundMs: lowerBoundMs)
    }

    /// Whether every time in the plan is a finite number. Times overflow a `Double` only
    /// when speeds, bandwidth, latency or layer times are absurdly far from any real
    /// device; `Planner` refuses such plans rather than hand out infinity or NaN.
    public var isFinite: Bool {
        makespanMs.isFinite && lowerBoundMs.isFinite && finishMs.allSatisfy(\.isFinite)
            && times.allSatisfy { $0.device.isFinite && $0.uplink.isFinite && $0.cloud.isFinite }
            && segments.allSatisfy { $0.startMs.isFinite && $0.endMs.isFinite }
    }

    /// The makespan is the last finish; the bound is reported no higher than it.
    private init(algorithm: Algorithm, environment: Environment, cuts: [Cut], times: [StageTimes], order: [Int],
                 segments: [Segment], finishMs: [Double], lowerBoundMs: Double) {
        self.algorithm = algorithm
        self.environment = environment
        self.cuts = cuts
        self.times = times
        self.order = order
        self.segments = segments
        self.finishMs = finishMs
        makespanMs = finishMs.max() ?? 0
        self.lowerBoundMs = min(lowerBoundMs, makespanMs)
    }
}

/// How far a plan's optimality claim and lower bound reach (docs/FORMATS.md §6).
public struct Optimality: Sendable, Equatable {
    /// The cuts the claim covers.
    public enum Scope: String, Sendable {
        /// Every closed cut of every job: each job's candidate set is complete.
        case allCuts = "all-cuts"
        /// Only the candidate cuts (some model's set is not complete).
        case candidates
    }

    public var scope: Scope
    /// Slack of an all-cuts claim: the zero-byte rule's device time summed over the jobs,
    /// at the environment's device speed. The best plan over every partition is no
    /// shorter than the bound, and `proven` plans are within this of it. 0 when exact.
    public var epsilonMs: Double
    /// Whether the plan is proven optimal over `scope` (within `epsilonMs`): `exact`
    /// always, any other plan when it meets the lower bound.
    public var proven: Bool
    /// Candidate cuts of the scenario's models, summed over the distinct models used.
    public var candidateCuts: Int

    public init(scope: Scope, epsilonMs: Double, proven: Bool, candidateCuts: Int) {
        self.scope = scope
        self.epsilonMs = epsilonMs
        self.proven = proven
        self.candidateCuts = candidateCuts
    }

    /// "optimal over all partitions", "optimal over N candidate cuts", or `nil` when not proven.
    public var claim: String? {
        guard proven else { return nil }
        switch scope {
        case .allCuts: return "optimal over all partitions"
        case .candidates: return "optimal over \(candidateCuts) candidate cuts"
        }
    }
}

/// Why a plan could not be made: the algorithm and a typed ``Cause``.
///
/// ``reason`` says what happened, never what to do about it: a remedy depends on the
/// front end (the command line names a flag, the dashboard a key), so each words its
/// own from ``cause`` (``Cause/jointCanPlan`` says when `joint` is the way out).
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What stopped the algorithm.
    public enum Cause: Sendable, Equatable {
        /// The exact search accepts at most `maximum` jobs (`ExactSolver.maximumJobs`).
        case tooManyJobs(jobs: Int, maximum: Int)
        /// The exact search spent its work budget after `nodes` nodes without proving
        /// optimality.
        case budgetExhausted(nodes: Int, jobs: Int)
        /// The exact search reached its time limit after `nodes` nodes.
        case timeLimitReached(nodes: Int, jobs: Int)
        /// A time of the plan overflows a `Double`: the speeds, bandwidth, latency or layer
        /// times are too extreme.
        case overflow
        /// The exact search was handed options it cannot use (a job without options, or a
        /// negative or non-finite stage time); `ExactSolverError.description` says which.
        case invalidOptions(ExactSolverError)
        /// The layer-level scheduler refused its instance.
        case layerLevel(LayerLevelError)

        /// The cause of an exact search's failure.
        public init(_ error: ExactSolverError) {
            switch error {
            case let .tooManyJobs(jobs, maximum): self = .tooManyJobs(jobs: jobs, maximum: maximum)
            case let .workLimitReached(_, nodes, jobs): self = .budgetExhausted(nodes: nodes, jobs: jobs)
            case let .timeLimitReached(nodes, jobs): self = .timeLimitReached(nodes: nodes, jobs: jobs)
            case .noOptions, .invalidStageTimes: self = .invalidOptions(error)
            }
        }

        /// Whether `joint` plans what this refused: the exact search's limits, not the input,
        /// stopped it.
        public var jointCanPlan: Bool {
            switch self {
            case .tooManyJobs, .budgetExhausted, .timeLimitReached: true
            case .overflow, .invalidOptions, .layerLevel: false
            }
        }

        /// What happened, as a sentence with no remedy.
        public var reason: String {
            switch self {
            case let .tooManyJobs(jobs, maximum): ExactSolverError.tooManyJobs(jobs: jobs, maximum: maximum).description
            case let .budgetExhausted(nodes, jobs):
                ExactSolverError.workLimitReached(work: 0, nodes: nodes, jobs: jobs).description
            case let .timeLimitReached(nodes, jobs): ExactSolverError.timeLimitReached(nodes: nodes, jobs: jobs).description
            case .overflow:
                "its times overflow (beyond the largest number a Double holds, about 1.8e308 ms): "
                    + "the speeds, bandwidth, latency or layer times are too extreme to plan with"
            case let .invalidOptions(error): error.description
            case let .layerLevel(error): error.description
            }
        }
    }

    public var algorithm: Algorithm
    public var cause: Cause

    public init(algorithm: Algorithm, cause: Cause) {
        self.algorithm = algorithm
        self.cause = cause
    }

    /// What happened, with no remedy (``Cause/reason``).
    public var reason: String { cause.reason }

    /// `algorithm exact: …`, control characters escaped (``TerminalText``).
    public var description: String { TerminalText.escaped("algorithm \(algorithm): \(reason)") }
}
