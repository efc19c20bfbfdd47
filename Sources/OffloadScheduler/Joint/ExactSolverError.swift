import OffloadModel

/// Why `ExactSolver` could not prove an optimal plan. The descriptions say what happened,
/// not what to do: each front end words its own remedy (see `PlanError`).
public enum ExactSolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More jobs than `ExactSolver.maximumJobs`; refused before searching.
    case tooManyJobs(jobs: Int, maximum: Int)
    /// The work budget (`ExactSolver.workLimit`) ran out after `nodes` search nodes,
    /// before optimality was proved.
    case workLimitReached(work: Int, nodes: Int, jobs: Int)
    /// The time limit ran out before optimality was proved.
    case timeLimitReached(nodes: Int, jobs: Int)
    /// A job has no options to choose from.
    case noOptions(job: Int)
    /// A stage time is negative, infinite or NaN.
    case invalidStageTimes(job: Int, option: Int)

    public var description: String {
        switch self {
        case let .tooManyJobs(jobs, maximum):
            return "exact search refused \(Self.count(jobs, "job")): it handles at most \(maximum)"
        case let .workLimitReached(_, nodes, jobs):
            return "exact search gave up after \(Self.count(nodes, "node")): \(Self.count(jobs, "job")) is beyond its budget"
        case let .timeLimitReached(nodes, jobs):
            return "exact search ran out of time after \(Self.count(nodes, "node")): \(Self.count(jobs, "job")) is beyond its budget"
        case let .noOptions(job):
            return "exact search cannot plan job \(job): it has no options"
        case let .invalidStageTimes(job, option):
            return "exact search cannot plan job \(job): option \(option) has a negative or non-finite stage time"
        }
    }

    /// "1 node", "2 nodes".
    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
