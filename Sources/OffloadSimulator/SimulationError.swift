import OffloadScheduler

/// Why a plan could not be played, as a sentence a user can act on.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bandwidth trace breaks its rules (docs/FORMATS.md §3).
    case invalidTrace(String)
    /// The plan does not fit the scenario: a job or layer it names does not exist, or a
    /// piece of work reads something no piece of work makes.
    case planDoesNotFit(String)
    /// The plan's order on `lane` puts work of `job` before the work its input comes from,
    /// so the lane would wait forever.
    case deadlock(lane: Lane, job: String)
    /// Re-planning at `atMs` failed.
    case replanFailed(atMs: Double, reason: String)
    /// A simulation option is out of range.
    case invalidOption(String)
    /// A time of the played timeline overflowed a `Double` (rates or durations far beyond
    /// any real link or device).
    case overflow

    public var description: String {
        switch self {
        case let .invalidTrace(reason):
            "the bandwidth trace cannot be played: \(reason)"
        case let .planDoesNotFit(reason):
            "the plan does not fit the scenario: \(reason)"
        case let .deadlock(lane, job):
            "the plan cannot be played: the \(lane) lane's next work, for job \"\(job)\", waits for an input that the plan orders after it"
        case let .replanFailed(atMs, reason):
            "re-planning at \(atMs) ms failed: \(reason)"
        case let .invalidOption(reason):
            reason
        case .overflow:
            "the timeline's times overflow (beyond the largest number a Double holds, about 1.8e308 ms): "
                + "the trace's rates, the speeds or the layer times are too extreme to play"
        }
    }
}
