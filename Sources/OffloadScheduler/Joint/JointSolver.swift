import OffloadModel

/// Chooses every job's option and the job order together (joint partition and scheduling).
///
/// Starts: each job's minimum-total option; options minimising weighted lane sums for fixed
/// and load-balancing weightings; all-device and all-cloud options where a job has them; and
/// the seeds (as given, and with their options re-ordered). Each start is ordered by
/// `FlowShop.order`. Local search then moves in the joint space until no move helps:
/// - `n <= fullSearchLimit`: take a job out and put it back with its best option at its best
///   position; swap any two jobs. All starts are improved.
/// - larger `n`: change one job's option in place; swap jobs at most `largeSwapWindow` apart;
///   re-order by `FlowShop.order`. Only the `largeImprovedStarts` best starts are improved, for at
///   most `largeMaxPasses` rounds each.
/// Each neighbour costs O(1) from prefix lane times and suffix lane tails, so a pass costs
/// O(n^2 k) (full) or O(n k + n w) plus O(n) per accepted move (cheap).
/// The result is never worse than a valid seed. When all jobs share one option list, the
/// result comes from `HomogeneousSolver` (optimal when it proves it).
public enum JointSolver {
    /// Largest job count that gets the full neighbourhood on every start.
    public static let fullSearchLimit = 50
    /// Local optima (best first) that get the deep neighbourhood for small job counts.
    public static let deepStarts = 100
    /// Largest swap distance for large job counts.
    public static let largeSwapWindow = 6
    /// Starts improved by local search for large job counts.
    public static let largeImprovedStarts = 2
    /// Rounds of local search per start for large job counts.
    public static let largeMaxPasses = 6

    /// The best plan found for jobs with the given option lists; never worse than a valid seed.
    ///
    /// A seed is valid when it has one choice per job within range and its order is a
    /// permutation of the jobs. A job with no options gets choice `-1` and takes no time.
    public static func solve(options: [[StageTimes]], seeds: [JobLevelPlan] = []) -> JobLevelPlan {
        let n = options.count
        guard n > 0 else { return JobLevelPlan(choice: [], order: [], makespan: 0) }
        let search = JointLocalSearch(options: options)
        let validSeeds = seeds.filter { isValid($0, options) }

        var best: JointLocalSearch.Candidate? = nil
        func offer(_ c: JointLocalSearch.Candidate) {
            let exact = makespan(c, options)
            if best == nil || exact < (best?.value ?? .infinity) {
                best = JointLocalSearch.Candidate(sequence: c.sequence, choice: c.choice, value: exact)
            }
        }

        // Seeds as given: the result can only be better.
        for seed in validSeeds {
            offer(JointLocalSearch.Candidate(sequence: seed.order, choice: seed.choice, value: 0))
        }

        // All jobs identical: the homogeneous solver.
        if let shared = options.first, !shared.isEmpty, options.allSatisfy({ $0 == shared }) {
            let analysis = HomogeneousSolver.analyze(options: shared, count: n)
            let plan = analysis.plan
            offer(JointLocalSearch.Candidate(sequence: plan.order, choice: plan.choice, value: 0))
            if analysis.isProvenOptimal, let result = best {
                return JobLevelPlan(choice: result.choice, order: result.sequence, makespan: result.value)
            }
        }

        // Starting assignments, each ordered by FlowShop.order (for many jobs, by the cheaper
        // Johnson order on (device + uplink, uplink + cloud); the best few are re-ordered below).
        var assignments = startingChoices(options)
        for seed in validSeeds where !assignments.contains(seed.choice) { assignments.append(seed.choice) }
        var starts: [JointLocalSearch.Candidate] = []
        for choice in assignments {
            let times = (0..<n).map { time(options, $0, choice[$0]) }
            let sequence = n <= fullSearchLimit
                ? FlowShop.order(times)
                : JohnsonRule.order(first: times.map { $0.device + $0.uplink }, second: times.map { $0.uplink + $0.cloud })
            starts.append(search.candidate(sequence, choice))
        }
        for seed in validSeeds {
            starts.append(search.candidate(seed.order, seed.choice))
        }
        if let b = best { starts.append(search.candidate(b.sequence, b.choice)) }
        for s in starts { offer(s) }

        if n <= fullSearchLimit {
            var seen: [JointLocalSearch.Candidate] = []
            var improved: [JointLocalSearch.Candidate] = []
            for s in starts where !seen.contains(s) {
                seen.append(s)
                let c = search.improve(s, full: true, window: n, maxPasses: 200)
                offer(c)
                if !improved.contains(where: { $0.sequence == c.sequence && $0.choice == c.choice }) { improved.append(c) }
            }
            let ranked = improved.enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
            for (_, c) in ranked.prefix(deepStarts) {
                offer(search.improve(c, full: true, deep: true, window: n, maxPasses: 200))
            }
        } else {
            let ranked = starts.enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
            func reordered(_ c: JointLocalSearch.Candidate) -> JointLocalSearch.Candidate {
                let r = search.candidate(FlowShop.order((0..<n).map { time(options, $0, c.choice[$0]) }), c.choice)
                return r.value < c.value ? r : c
            }
            for (_, s) in ranked.prefix(largeImprovedStarts) {
                var c = reordered(s)
                for _ in 0..<largeMaxPasses {
                    let before = c.value
                    c = search.improve(c, full: false, window: largeSwapWindow, maxPasses: 1)
                    if !(c.value < before) { break }
                }
                offer(reordered(c))
            }
        }
        guard let result = best else { return JobLevelPlan(choice: [], order: [], makespan: 0) }
        return JobLevelPlan(choice: result.choice, order: result.sequence, makespan: result.value)
    }

    // MARK: Starts

    /// Option of each job minimising a weighted lane sum (ties: lowest index); -1 for no options.
    static func choices(_ options: [[StageTimes]], weights w: (Double, Double, Double)) -> [Int] {
        options.map { list in
            var best = -1, bestValue = Double.infinity
            for (o, t) in list.enumerated() {
                let v = w.0 * t.device + w.1 * t.uplink + w.2 * t.cloud
                if v < bestValue { bestValue = v; best = o }
            }
            return best
        }
    }

    /// The deterministic list of starting assignments (without duplicates).
    static func startingChoices(_ options: [[StageTimes]]) -> [[Int]] {
        var result: [[Int]] = []
        func add(_ c: [Int]) { if !result.contains(c) { result.append(c) } }
        let minTotal = choices(options, weights: (1, 1, 1))
        add(minTotal)
        let fixed: [(Double, Double, Double)] = [
            (1, 0.01, 0.01), (0.01, 1, 0.01), (1, 1, 0.01), (0.01, 1, 1), (1, 0.01, 1),
            (2, 1, 1), (1, 2, 1), (1, 1, 2),
        ]
        for w in fixed { add(choices(options, weights: w)) }
        // Device-versus-uplink trade-offs (the cloud lane is usually light), then uplink-versus-cloud.
        for step in 1..<20 {
            let lambda = Double(step) / 20
            add(choices(options, weights: (lambda, 1 - lambda, 0.05)))
        }
        for step in 1..<5 {
            let mu = Double(step) / 5
            add(choices(options, weights: (0.05, mu, 1 - mu)))
        }
        // Load balancing: weight each lane by its current load, a few rounds.
        var current = minTotal
        for _ in 0..<6 {
            var load = (0.0, 0.0, 0.0)
            for j in options.indices where current[j] >= 0 {
                let t = options[j][current[j]]
                load.0 += t.device; load.1 += t.uplink; load.2 += t.cloud
            }
            let total = load.0 + load.1 + load.2
            guard total > 0 else { break }
            let w = (load.0 / total + 0.05, load.1 / total + 0.05, load.2 / total + 0.05)
            let next = choices(options, weights: (w.0 * w.0, w.1 * w.1, w.2 * w.2))
            add(next)
            if next == current { break }
            current = next
        }
        add(balancedChoices(options))
        // All-device and all-cloud options where present.
        add(options.indices.map { j in
            options[j].firstIndex { $0.uplink == 0 && $0.cloud == 0 } ?? minTotal[j]
        })
        add(options.indices.map { j in
            options[j].firstIndex { $0.device == 0 } ?? minTotal[j]
        })
        return result
    }

    /// Options that balance the device and uplink loads with a mix of cuts: the device weight λ of
    /// (λ, 1 − λ, ε) is bisected to where the device load stops exceeding the uplink load, then jobs
    /// switch one at a time from the device-heavier choice to the uplink-heavier one while that lowers
    /// the larger load. Identical jobs may so take different cuts, which no single weighting gives.
    static func balancedChoices(_ options: [[StageTimes]]) -> [Int] {
        func loads(_ choice: [Int]) -> (device: Double, uplink: Double) {
            var device = 0.0, uplink = 0.0
            for j in options.indices where choice[j] >= 0 {
                device += options[j][choice[j]].device
                uplink += options[j][choice[j]].uplink
            }
            return (device, uplink)
        }
        var low = 0.0, high = 1.0
        var heavy = choices(options, weights: (low, 1 - low, 0.01))
        var light = choices(options, weights: (high, 1 - high, 0.01))
        for _ in 0..<40 {
            let middle = (low + high) / 2
            let choice = choices(options, weights: (middle, 1 - middle, 0.01))
            let load = loads(choice)
            if load.device > load.uplink { low = middle; heavy = choice } else { high = middle; light = choice }
        }
        var choice = heavy
        var load = loads(choice)
        for j in options.indices where choice[j] != light[j] && choice[j] >= 0 && light[j] >= 0 {
            let from = options[j][choice[j]], to = options[j][light[j]]
            let device = load.device - from.device + to.device
            let uplink = load.uplink - from.uplink + to.uplink
            guard max(device, uplink) < max(load.device, load.uplink) else { continue }
            choice[j] = light[j]
            load = (device, uplink)
        }
        return choice
    }

    // MARK: Helpers

    static func time(_ options: [[StageTimes]], _ job: Int, _ option: Int) -> StageTimes {
        option >= 0 && option < options[job].count
            ? options[job][option] : StageTimes(device: 0, uplink: 0, cloud: 0)
    }

    static func makespan(_ c: JointLocalSearch.Candidate, _ options: [[StageTimes]]) -> Double {
        Pipeline.makespan(order: c.sequence, times: options.indices.map { time(options, $0, c.choice[$0]) })
    }

    static func isValid(_ plan: JobLevelPlan, _ options: [[StageTimes]]) -> Bool {
        let n = options.count
        guard plan.choice.count == n, plan.order.count == n else { return false }
        for j in 0..<n {
            let c = plan.choice[j]
            if options[j].isEmpty ? c != -1 : !(0..<options[j].count).contains(c) { return false }
        }
        var seen = Array(repeating: false, count: n)
        for job in plan.order {
            guard (0..<n).contains(job), !seen[job] else { return false }
            seen[job] = true
        }
        return true
    }
}
