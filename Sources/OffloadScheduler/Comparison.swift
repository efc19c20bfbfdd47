import OffloadModel

/// Every algorithm's makespan on one scenario under one environment.
public struct Comparison: Sendable {
    /// One algorithm's outcome: its makespan, or why it made no plan.
    public struct Entry: Sendable {
        public var algorithm: Algorithm
        public var makespanMs: Double?
        /// Why it made no plan (nil when it made one).
        public var error: PlanError?
        /// ``error``'s reason, with no remedy (front ends add their own).
        public var failure: String? { error?.reason }
    }

    public let entries: [Entry]
    public let environment: Environment
    /// The lower bound every job-level plan over the candidate cuts respects.
    public let lowerBoundMs: Double

    /// Plans with every algorithm of docs/FORMATS.md §1, "Algorithms", in that order.
    public init(planner: Planner, environment: Environment, algorithms: [Algorithm] = Algorithm.allCases) {
        self.init(algorithms: algorithms, results: planner.plans(algorithms, in: environment), environment: environment,
                  lowerBoundMs: planner.lowerBound(in: environment))
    }

    /// The comparison of plans already made: `results[i]` is `algorithms[i]`'s.
    public init(algorithms: [Algorithm], results: [Result<Plan, PlanError>], environment: Environment, lowerBoundMs: Double) {
        entries = zip(algorithms, results).map { algorithm, result in
            switch result {
            case let .success(plan): Entry(algorithm: algorithm, makespanMs: plan.makespanMs, error: nil)
            case let .failure(error): Entry(algorithm: algorithm, makespanMs: nil, error: error)
            }
        }
        self.lowerBoundMs = lowerBoundMs
        self.environment = environment
    }

    /// The makespan of `algorithm`, when it made a plan.
    public func makespan(of algorithm: Algorithm) -> Double? {
        entries.first { $0.algorithm == algorithm }?.makespanMs
    }

    /// How far `makespan` lies above the lower bound, in percent (never below 0: see
    /// ``Plan/gapPercent(makespanMs:lowerBoundMs:)``).
    public func gapPercent(_ makespan: Double) -> Double {
        Plan.gapPercent(makespanMs: makespan, lowerBoundMs: lowerBoundMs)
    }

    /// How much shorter `makespan` is than partition-only's, in percent (negative when longer).
    public func gainPercent(_ makespan: Double) -> Double? {
        guard let baseline = self.makespan(of: .partitionOnly), baseline > 0 else { return nil }
        return (1 - makespan / baseline) * 100
    }
}
