import OffloadModel
import OffloadScheduler

/// Every algorithm's plan for the current jobs under one environment: the comparison
/// panel's bars, the header's gain over partition-only, and the plans `a` switches
/// between without planning again.
///
/// After a knob step only the current algorithm and partition-only are planned at once
/// (what the first frame needs); the other algorithms' plans from the previous
/// environment stay as stale values until `completeNext` replaces them, one per tick,
/// so that a slow algorithm never delays the keystroke's frame.
struct PlanSet: Sendable {
    private(set) var environment: Environment
    private var entries: [Algorithm: Entry] = [:]
    /// The lower bound no job-level plan over the candidate cuts beats.
    private(set) var lowerBoundMs: Double

    /// One algorithm's plan or why it made none.
    struct Entry: Sendable {
        var result: Result<Plan, PlanError>
        /// False while it was made under an earlier environment or job list.
        var fresh: Bool
    }

    /// Plans with `now` at once (every algorithm by default).
    init(planner: Planner, environment: Environment, now: [Algorithm] = Algorithm.allCases) {
        self.environment = environment
        lowerBoundMs = Self.bound(planner, environment)
        for algorithm in now { entries[algorithm] = Entry(result: Self.plan(algorithm, planner: planner, environment: environment), fresh: true) }
    }

    /// Moves to a new environment (or job list): plans `now` at once; every other plan
    /// becomes stale until `completeNext` or `completeAll` makes it again.
    mutating func rebase(planner: Planner, environment: Environment, now: [Algorithm]) {
        self.environment = environment
        lowerBoundMs = Self.bound(planner, environment)
        for algorithm in entries.keys { entries[algorithm]?.fresh = false }
        for algorithm in now { ensure(algorithm, planner: planner) }
    }

    /// The lower bound, or 0 (no bound shown) should it overflow: the planner refuses
    /// plans whose times overflow, and the screen shows no infinity either.
    private static func bound(_ planner: Planner, _ environment: Environment) -> Double {
        let bound = planner.lowerBound(in: environment)
        return bound.isFinite ? bound : 0
    }

    /// Plans `algorithm` now unless its plan is fresh.
    mutating func ensure(_ algorithm: Algorithm, planner: Planner) {
        if entries[algorithm]?.fresh == true { return }
        entries[algorithm] = Entry(result: Self.plan(algorithm, planner: planner, environment: environment), fresh: true)
    }

    /// The algorithms whose plans are stale or missing, in `Algorithm.allCases` order.
    var pending: [Algorithm] { Algorithm.allCases.filter { entries[$0]?.fresh != true } }

    /// Plans the first pending algorithm; false when none was pending.
    mutating func completeNext(planner: Planner) -> Bool {
        guard let next = pending.first else { return false }
        ensure(next, planner: planner)
        return true
    }

    mutating func completeAll(planner: Planner) {
        while completeNext(planner: planner) {}
    }

    /// Plans with the interactive effort: a tick that plans `exact` gives up within its
    /// small work budget (`Planner.Effort.interactive`) rather than hold up the next key.
    private static func plan(_ algorithm: Algorithm, planner: Planner, environment: Environment) -> Result<Plan, PlanError> {
        do throws(PlanError) {
            return .success(try planner.with(effort: .interactive).plan(algorithm, in: environment))
        } catch {
            return .failure(error)
        }
    }

    /// Whether `algorithm`'s entry was made under the current environment.
    func isFresh(_ algorithm: Algorithm) -> Bool { entries[algorithm]?.fresh == true }

    /// The plan of `algorithm`, fresh or stale.
    func plan(_ algorithm: Algorithm) -> Plan? {
        guard case let .success(plan) = entries[algorithm]?.result else { return nil }
        return plan
    }

    /// Why `algorithm` made no plan, or nil when it made one (or has not been asked yet).
    func failure(_ algorithm: Algorithm) -> String? {
        guard case let .failure(error) = entries[algorithm]?.result else { return nil }
        // The dashboard's own remedy: `a` steps to joint.
        return error.cause.jointCanPlan ? error.reason + "; joint plans it (a)" : error.reason
    }

    func makespan(_ algorithm: Algorithm) -> Double? { plan(algorithm)?.makespanMs }

    /// How much shorter `makespan` is than partition-only's, in percent (negative when longer).
    func gainPercent(_ makespan: Double) -> Double? {
        guard isFresh(.partitionOnly), let baseline = self.makespan(.partitionOnly), baseline > 0 else { return nil }
        return (1 - makespan / baseline) * 100
    }

    /// How far `makespan` lies above the lower bound, in percent (never below 0).
    func gapPercent(_ makespan: Double) -> Double {
        Plan.gapPercent(makespanMs: makespan, lowerBoundMs: lowerBoundMs)
    }
}
