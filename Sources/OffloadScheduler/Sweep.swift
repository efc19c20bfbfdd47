#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OffloadModel

/// Each algorithm's makespan over a range of uplink bandwidths (docs/FORMATS.md §10).
///
/// More bandwidth never makes a plan worse: every transfer gets shorter, and a schedule that
/// was feasible stays feasible with the same start times. So the curves of the algorithms
/// that optimise (`joint`, `exact`, `layer-level`) never rise, by construction:
/// - `joint` and `exact` also evaluate, at each bandwidth, every plan they found at the
///   lower bandwidths (the same cuts and order, rescheduled on the pipeline) and keep the
///   shortest;
/// - `layer-level` keeps the shortest of its own schedule, its value at the previous
///   bandwidth (whose schedule stays feasible) and `joint`'s value there (a job-level plan
///   is also a layer-level schedule).
///
/// Where a carried plan meets the lower bound it is optimal, and `joint` and `exact` are not
/// planned again at that bandwidth.
///
/// Each point plans `exact` with the interactive work budget (`Planner.Effort.interactive`):
/// where it gives up there, the point has no `exact` value of its own (a carried plan or
/// the previous point's value may still give one).
///
/// The baselines (`local`, `cloud`, `partition-only`, `schedule-only`) are what they are at
/// each bandwidth: they follow fixed rules, and a rule may pick a worse plan at a higher one.
public struct Sweep: Sendable {
    /// One bandwidth and each algorithm's makespan there (nil where it made no plan).
    public struct Point: Sendable, Equatable {
        public var bandwidthMbps: Double
        /// By position in `Sweep.algorithms`.
        public var makespanMs: [Double?]
    }

    /// The algorithms swept, in the order given.
    public let algorithms: [Algorithm]
    /// The bandwidths to visit, ascending.
    public let bandwidths: [Double]
    /// The points computed so far, ascending in bandwidth (a prefix of `bandwidths`).
    public private(set) var points: [Point] = []

    private let planner: Planner
    private let environment: Environment
    /// The job-level plans each carried algorithm found so far (cuts by job, order), distinct.
    private var carried: [Algorithm: [CarriedPlan]] = [:]

    /// The algorithms whose curves never rise (see the type's documentation).
    public static let monotone: Set<Algorithm> = [.joint, .exact, .layerLevel]

    /// A sweep over `bandwidths` (sorted here) of `planner`'s scenario under `environment`
    /// with its bandwidth replaced; nothing is planned until `computeNext` or `computeAll`.
    public init(planner: Planner, environment: Environment, algorithms: [Algorithm], bandwidths: [Double]) {
        // Every point is planned again: `exact` gets the interactive budget, so that a sweep
        // (and the dashboard's sweep panel, one point per tick) never waits long on one point.
        self.planner = planner.with(effort: .interactive)
        self.environment = environment
        self.algorithms = algorithms
        self.bandwidths = bandwidths.filter { $0.isFinite && $0 > 0 }.sorted()
    }

    /// The algorithms a sweep shows unless told: every one, but `exact` only where it can
    /// plan `jobs` jobs.
    public static func defaultAlgorithms(jobs: Int) -> [Algorithm] {
        Algorithm.allCases.filter { $0 != .exact || jobs <= ExactSolver.maximumJobs }
    }

    /// The range a sweep covers unless told: 1 to 1,000 Mbps, widened by powers of ten to
    /// hold `bandwidthMbps` with room on either side.
    public static func defaultRange(around bandwidthMbps: Double) -> (Double, Double) {
        var low = 1.0, high = 1000.0
        while low > 1e-6 && low > bandwidthMbps / 2 { low /= 10 }
        while high < 1e6 && high < bandwidthMbps * 2 { high *= 10 }
        return (max(low, 1e-6), min(high, 1e6))
    }

    /// `steps` bandwidths from `low` to `high`, evenly spaced on a log scale, both ends
    /// included (`[low]` for one step).
    public static func logSpaced(from low: Double, to high: Double, steps: Int) -> [Double] {
        guard steps > 1, low > 0, high > 0 else { return steps >= 1 ? [low] : [] }
        let ratio = log(high / low)
        return (0..<steps).map { index in
            index == steps - 1 ? high : low * exp(ratio * Double(index) / Double(steps - 1))
        }
    }

    /// Whether every point is computed.
    public var isComplete: Bool { points.count == bandwidths.count }

    /// Computes every remaining point.
    public mutating func computeAll() {
        while computeNext() {}
    }

    /// Computes the next point; false when the sweep was complete.
    @discardableResult
    public mutating func computeNext() -> Bool {
        guard points.count < bandwidths.count else { return false }
        var env = environment
        env.bandwidthMbps = bandwidths[points.count]
        // A carried plan that meets the lower bound is optimal: joint and exact need not plan.
        let bound = planner.lowerBound(in: env)
        let proven = algorithms.filter { algorithm in
            guard algorithm == .joint || algorithm == .exact, bound.isFinite, bound > 0 else { return false }
            return (carried[algorithm] ?? []).contains { plan in
                Pipeline.makespan(order: plan.order, times: plan.cuts.map { $0.stageTimes(in: env) }) <= bound * (1 + 1e-12)
            }
        }
        let planned = algorithms.filter { !proven.contains($0) }
        let made = planner.plans(planned, in: env)
        let results = algorithms.map { algorithm -> Result<Plan, PlanError>? in
            planned.firstIndex(of: algorithm).map { made[$0] }
        }
        let previous = points.last
        var values = [Double?](repeating: nil, count: algorithms.count)
        // Joint and exact first: layer-level may take joint's value at this bandwidth.
        let order = algorithms.indices.sorted { rank(algorithms[$0]) < rank(algorithms[$1]) }
        for index in order {
            let algorithm = algorithms[index]
            var value: Double?
            if case let .success(plan)? = results[index] { value = plan.makespanMs }
            switch algorithm {
            case .joint, .exact:
                if case let .success(plan)? = results[index] {
                    let found = CarriedPlan(cuts: plan.cuts, order: plan.order)
                    if carried[algorithm, default: []].contains(found) == false { carried[algorithm, default: []].append(found) }
                }
                for plan in carried[algorithm] ?? [] {
                    let makespan = Pipeline.makespan(order: plan.order, times: plan.cuts.map { $0.stageTimes(in: env) })
                    if makespan.isFinite { value = Self.least(value, makespan) }
                }
            case .layerLevel:
                if let joint = algorithms.firstIndex(of: .joint) { value = Self.least(value, values[joint]) }
            default:
                break
            }
            if Self.monotone.contains(algorithm), let earlier = previous?.makespanMs[index] {
                value = Self.least(value, earlier)
            }
            values[index] = value
        }
        points.append(Point(bandwidthMbps: env.bandwidthMbps, makespanMs: values))
        return true
    }

    /// The makespan of `algorithm` at point `index`, when it made a plan there.
    public func makespan(_ algorithm: Algorithm, at index: Int) -> Double? {
        guard let position = algorithms.firstIndex(of: algorithm), points.indices.contains(index) else { return nil }
        return points[index].makespanMs[position]
    }

    private func rank(_ algorithm: Algorithm) -> Int {
        switch algorithm {
        case .joint: 0
        case .exact: 1
        case .layerLevel: 3
        default: 2
        }
    }

    private static func least(_ a: Double?, _ b: Double?) -> Double? {
        switch (a, b) {
        case let (a?, b?): min(a, b)
        case let (a?, nil): a
        case let (nil, b): b
        }
    }

    private struct CarriedPlan: Sendable, Equatable {
        var cuts: [Cut]
        var order: [Int]
    }
}
