import OffloadModel

/// Ordering jobs whose stage times are fixed so as to minimise
/// `Pipeline.makespan`.
///
/// When the instance is one of the cases Johnson's rule solves (see
/// `isJohnsonOptimal(_:)`) the order is optimal. Otherwise it is the best of
/// the Johnson order on `(device + uplink, uplink + cloud)` and NEH
/// constructions (by decreasing total time, and seeded with that Johnson
/// order), improved by insertion and pairwise-interchange local search until
/// no move improves it, the fixed-times lower bound is reached (the order is
/// then provably optimal), or a deterministic work budget is spent.
///
/// Every candidate position is evaluated in O(1) from prefix lane states and
/// suffix tails (Taillard's acceleration, adapted to skipped stages), so an
/// NEH construction costs about n² job steps. The budget is 1.5 million steps
/// (5–10 ms in release builds): up to ~750 jobs both NEH constructions run,
/// up to ~1,060 only the first, beyond that the Johnson order goes straight
/// to the (then truncated) local search. The result depends on the
/// input only, never on timing.
public enum FlowShop {
    /// Work budget of the heuristic, in job steps (one step of
    /// `Pipeline.makespan`); about 5 ns each in release builds.
    static let workBudget = 1_500_000

    /// An order of the indices of `times` with small makespan (optimal when
    /// `isJohnsonOptimal(times)`).
    public static func order(_ times: [StageTimes]) -> [Int] {
        let count = times.count
        if count <= 1 { return Array(0..<count) }
        if let keys = johnsonKeys(times) {
            return JohnsonRule.order(first: keys.first, second: keys.second)
        }
        var search = FlowShopSearch(times: times, budget: workBudget)
        // Stop as soon as the lower bound is reached (up to rounding).
        let bound = LowerBound.makespan(times: times)
        let target = bound + FlowShopSearch.tolerance * max(1, abs(bound))

        let seed = JohnsonRule.order(
            first: times.map { $0.device + $0.uplink },
            second: times.map { $0.uplink + $0.cloud })
        var best = seed
        var bestMakespan = search.makespan(of: seed)
        if bestMakespan <= target { return best }

        // An NEH construction costs about n² steps; each runs only if it
        // leaves a quarter of the budget for the local search.
        let byTotal = (0..<count).sorted { JohnsonRule.ascending(-times[$0].total, $0, -times[$1].total, $1) }
        for priority in [byTotal, seed]
        where bestMakespan > target && search.work + count * count <= workBudget * 3 / 4 {
            let candidate = search.neh(priority: priority)
            let value = search.makespan(of: candidate)
            if FlowShopSearch.improves(value, on: bestMakespan) {
                best = candidate
                bestMakespan = value
            }
        }

        search.load(best)
        while !search.isExhausted && search.currentMakespan > target {
            if search.insertionPass(stopAt: target) { continue }
            if !search.swapPass(stopAt: target) { break }
        }
        return search.order
    }

    /// Whether `order(times)` is provably optimal by Johnson's rule: at most
    /// one job; or one lane unused by every job (two-lane flow shop); or the
    /// uplink dominated, `min device ≥ max uplink` or `min cloud ≥ max uplink`
    /// (Johnson on `(device + uplink, uplink + cloud)`).
    ///
    /// Why zero-duration stages (which are skipped) do not break this:
    /// * Two lanes, say X then Y (the third lane is empty for every job). The
    ///   first used lane never waits, so a job with zero X time is released to
    ///   lane Y at time 0. Moving all such jobs to the front keeps every other
    ///   job's X completion and shortens or keeps every suffix of lane-Y work,
    ///   so it never increases the makespan; in that form (which Johnson's
    ///   order has: `x = 0 < y` sorts first) skipping equals the classic
    ///   semantics, and a zero Y stage is last anyway. Hence Johnson's classic
    ///   optimum is also optimal here.
    /// * `min device ≥ max uplink > 0`: every job has device work, the uplink
    ///   never waits (`uplink start = device completion`, by induction since
    ///   each uplink time ≤ the next job's device time) and cloud release
    ///   times are non-decreasing along the order, so skipping a zero uplink
    ///   or cloud stage changes nothing: the makespan equals the classic one
    ///   for every order, and Johnson's 1954 reduction applies.
    /// * `min cloud ≥ max uplink > 0` is the mirror image: the pipeline is
    ///   reversible (the reversed order on reversed lanes has the same longest
    ///   path), which maps it to the previous case.
    /// The test suite checks all cases against brute force, zeros included.
    public static func isJohnsonOptimal(_ times: [StageTimes]) -> Bool {
        times.count <= 1 || johnsonKeys(times) != nil
    }

    /// The two-machine times for which Johnson's rule is optimal, or nil.
    static func johnsonKeys(_ times: [StageTimes]) -> (first: [Double], second: [Double])? {
        // Pipeline skips any stage that is not positive; so do the keys.
        let device = times.map { $0.device > 0 ? $0.device : 0 }
        let uplink = times.map { $0.uplink > 0 ? $0.uplink : 0 }
        let cloud = times.map { $0.cloud > 0 ? $0.cloud : 0 }
        if uplink.allSatisfy({ $0 == 0 }) { return (device, cloud) }
        if cloud.allSatisfy({ $0 == 0 }) { return (device, uplink) }
        if device.allSatisfy({ $0 == 0 }) { return (uplink, cloud) }
        let maxUplink = uplink.max() ?? 0
        if (device.min() ?? 0) >= maxUplink || (cloud.min() ?? 0) >= maxUplink {
            return (times.indices.map { device[$0] + uplink[$0] }, times.indices.map { uplink[$0] + cloud[$0] })
        }
        return nil
    }
}
