import OffloadModel

/// Lower bounds on the makespan of job-level plans.
public enum LowerBound {
    /// A lower bound on `Pipeline.makespan` of every plan that picks one option
    /// per job (`options[j]` lists job `j`'s options) and any order. Jobs
    /// without options are ignored. Stage times should be finite; stages that
    /// are not positive are skipped, as in `Pipeline`.
    ///
    /// It is the largest of four bounds, each valid for every plan:
    /// 1. **Longest job**: `max_j min_o total(j, o)`. A job's nonzero stages run
    ///    one after another, starting no earlier than 0.
    /// 2. **Lane bounds** (for each lane L that some job cannot avoid, i.e.
    ///    `S = Σ_j m_j > 0` with `m_j = min_o t_L(j, o)`): let `pre`/`post` be
    ///    an option's time before/after lane L. A lane serves its jobs one at a
    ///    time, so the makespan is at least `pre(first job on L) + Σ_j t_L +
    ///    post(last job on L)`. Charging each job its cheapest lane time and
    ///    the first and last jobs the extra of their cheapest option that uses
    ///    L (`F_j = min (pre + t_L) − m_j`, `G_j = min (t_L + post) − m_j`,
    ///    over options with `t_L > 0`) gives
    ///    `S + min(min_{i≠k} F_i + G_k, min_j (min total − m_j))`, the last
    ///    term covering a job alone on the lane. The coupling of the lanes
    ///    through the chosen option is respected: each job's option is
    ///    minimised once per lane term, never split across lanes.
    /// 3. **Load balance (LP relaxation)**: for any weights `λ ≥ 0` summing to
    ///    1, makespan ≥ Σ_L λ_L (load of L + forced head/tail of L) ≥
    ///    `Σ_j min_o λ·t(j, o) + Σ_L λ_L h_L`, where `h_L` is `min pre + min
    ///    post` over options using L if every plan uses L, else 0. This is the
    ///    dual of letting each job split itself fractionally over its options.
    ///    The weights are optimised numerically (golden section over the cloud
    ///    weight, exact over the device/uplink split); any weights give a valid
    ///    bound, so inexact optimisation only costs strength, never validity.
    /// 4. **Integral device/uplink balance**: makespan ≥ max(device load +
    ///    h_device, uplink load + h_uplink) for the plan's own option choices,
    ///    so it is at least the minimum of that over every choice, read off
    ///    the Pareto front of reachable (device, uplink) loads (`LoadFront`,
    ///    coarsened to `frontLimit` points by replacing neighbours with their
    ///    lower corner, which only lowers the bound). Usually the strongest.
    ///    Computed only up to `frontJobLimit` jobs, where its cost stays small;
    ///    beyond, bound 3 is within one job's spread of it.
    ///
    /// Jobs with identical option lists (the same model) are grouped, so the
    /// cost grows with the number of distinct lists, not of jobs.
    public static func makespan(options: [[StageTimes]]) -> Double {
        let (jobs, counts) = groupIdentical(options.filter { !$0.isEmpty })
        return makespan(kinds: jobs, counts: counts)
    }

    /// The same bound for `counts[k]` jobs having option list `kinds[k]` (for example one kind
    /// per model), without hashing every job's list.
    public static func makespan(kinds: [[StageTimes]], counts: [Int]) -> Double {
        var jobs: [[StageTimes]] = []
        var multiplicities: [Int] = []
        for (kind, count) in zip(kinds, counts) where count > 0 && !kind.isEmpty {
            jobs.append(kind.map(Self.effective))
            multiplicities.append(count)
        }
        let counts = multiplicities
        guard !jobs.isEmpty else { return 0 }
        var bound = 0.0
        for job in jobs {
            bound = max(bound, job.map(\.total).min() ?? 0)
        }
        var heads = [0.0, 0.0, 0.0]
        for lane in 0..<3 {
            let laneBound = Self.laneBound(jobs, counts: counts, lane: lane)
            bound = max(bound, laneBound.bound)
            heads[lane] = laneBound.forcedHeadAndTail
        }
        if jobs.contains(where: { $0.count > 1 }) {
            bound = max(bound, loadBalance(jobs, counts: counts, forced: heads))
            if counts.reduce(0, +) <= frontJobLimit {
                var front = LoadFront.empty
                for (job, count) in zip(jobs, counts) {
                    let own = LoadFront(options: job)
                    for _ in 0..<count { front = front.adding(own, limit: frontLimit) }
                }
                bound = max(bound, front.bound(device: heads[0], uplink: heads[1]))
            }
        }
        return bound
    }

    /// A lane-load bound: for lane weights `λ ≥ 0` summing to 1, the makespan is at least
    /// the busiest lane's load, so at least `Σ_L λ_L load_L ≥ Σ_k counts[k] · min_o λ·t(k, o)`;
    /// the largest over a grid of weightings (corners included, where it is the least
    /// possible load of one lane) is returned. Valid for layer-level plans too, where a
    /// job's stages may overlap (a job's transfers at layer level carry its bytes and at
    /// least one latency, so they take no less than its job-level uplink).
    public static func laneLoads(kinds: [[StageTimes]], counts: [Int]) -> Double {
        let used = zip(kinds, counts).filter { $0.1 > 0 && !$0.0.isEmpty }.map { (options: $0.0.map(effective), count: Double($0.1)) }
        guard !used.isEmpty else { return 0 }
        let steps = laneLoadSteps
        var best = 0.0
        for a in 0...steps {
            for b in 0...(steps - a) {
                let wd = Double(a) / Double(steps)
                let wu = Double(b) / Double(steps)
                let wc = max(0, 1 - wd - wu)
                var total = 0.0
                for kind in used {
                    var least = Double.infinity
                    for t in kind.options { least = min(least, wd * t.device + wu * t.uplink + wc * t.cloud) }
                    total += kind.count * least
                }
                best = max(best, total)
            }
        }
        return best
    }

    /// Divisions of each weight axis in ``laneLoads(kinds:counts:)``.
    static let laneLoadSteps = 16

    /// Points kept in the load front of bound 4.
    static let frontLimit = 256
    /// The most jobs for which bound 4 is computed.
    static let frontJobLimit = 64

    /// The distinct option lists (with stages as `Pipeline` treats them) and how many jobs have each,
    /// in order of first appearance.
    private static func groupIdentical(_ options: [[StageTimes]]) -> (jobs: [[StageTimes]], counts: [Int]) {
        var index: [[StageTimes]: Int] = [:]
        var jobs: [[StageTimes]] = []
        var counts: [Int] = []
        for job in options {
            if let known = index[job] {
                counts[known] += 1
            } else {
                index[job] = jobs.count
                jobs.append(job.map(Self.effective))
                counts.append(1)
            }
        }
        return (jobs, counts)
    }

    /// The bound for fixed stage times (one option per job), in O(n).
    static func makespan(times: [StageTimes]) -> Double {
        makespan(options: times.map { [$0] })
    }

    /// Stage times with every non-positive (or NaN) stage set to zero, the way
    /// `Pipeline` treats it.
    static func effective(_ times: StageTimes) -> StageTimes {
        StageTimes(device: times.device > 0 ? times.device : 0,
                   uplink: times.uplink > 0 ? times.uplink : 0,
                   cloud: times.cloud > 0 ? times.cloud : 0)
    }

    static func lane(_ times: StageTimes, _ lane: Int) -> Double {
        lane == 0 ? times.device : (lane == 1 ? times.uplink : times.cloud)
    }

    static func before(_ times: StageTimes, _ lane: Int) -> Double {
        lane == 0 ? 0 : (lane == 1 ? times.device : times.device + times.uplink)
    }

    static func after(_ times: StageTimes, _ lane: Int) -> Double {
        lane == 0 ? times.uplink + times.cloud : (lane == 1 ? times.cloud : 0)
    }

    /// Bound 2 for one lane, and `h_L` of bound 3.
    /// `jobs` are distinct option lists, `counts` how many jobs have each.
    private static func laneBound(_ jobs: [[StageTimes]], counts: [Int], lane: Int) -> (bound: Double, forcedHeadAndTail: Double) {
        var load = 0.0
        var bestFirst = Double.infinity, secondFirst = Double.infinity, bestFirstJob = -1
        var bestLast = Double.infinity, secondLast = Double.infinity, bestLastJob = -1
        var alone = Double.infinity
        var sameKindPair = Double.infinity
        var minBefore = Double.infinity, minAfter = Double.infinity
        for (index, job) in jobs.enumerated() {
            let cheapest = job.map { Self.lane($0, lane) }.min() ?? 0
            load += Double(counts[index]) * cheapest
            var first = Double.infinity, last = Double.infinity, total = Double.infinity
            for option in job where Self.lane(option, lane) > 0 {
                let time = Self.lane(option, lane)
                first = min(first, before(option, lane) + time - cheapest)
                last = min(last, time + after(option, lane) - cheapest)
                total = min(total, option.total - cheapest)
                minBefore = min(minBefore, before(option, lane))
                minAfter = min(minAfter, after(option, lane))
            }
            if first < bestFirst { secondFirst = bestFirst; bestFirst = first; bestFirstJob = index }
            else if first < secondFirst { secondFirst = first }
            if last < bestLast { secondLast = bestLast; bestLast = last; bestLastJob = index }
            else if last < secondLast { secondLast = last }
            alone = min(alone, total)
            // Two jobs of one kind can be the first and the last on the lane.
            if counts[index] > 1 { sameKindPair = min(sameKindPair, first + last) }
        }
        guard load > 0 else { return (0, 0) }
        let pair = min(sameKindPair, bestFirstJob != bestLastJob
            ? bestFirst + bestLast
            : min(bestFirst + secondLast, secondFirst + bestLast))
        return (load + min(pair, alone), minBefore + minAfter)
    }

    /// Bound 3: `max_λ Σ_j min_o λ·t(j, o) + λ·forced`.
    private static func loadBalance(_ jobs: [[StageTimes]], counts: [Int], forced: [Double]) -> Double {
        // For a fixed cloud weight μ the value is concave and piecewise linear
        // in the device weight x ∈ [0, 1 − μ] (uplink weight 1 − μ − x), and
        // its maximum over x is concave in μ.
        func best(cloudWeight mu: Double) -> Double {
            let upper = 1 - mu
            var envelopes: [LowerEnvelope] = []
            envelopes.reserveCapacity(jobs.count + 1)
            for (job, count) in zip(jobs, counts) {
                let weight = Double(count)
                envelopes.append(LowerEnvelope(
                    intercepts: job.map { weight * ($0.uplink + mu * ($0.cloud - $0.uplink)) },
                    slopes: job.map { weight * ($0.device - $0.uplink) },
                    upper: upper))
            }
            envelopes.append(LowerEnvelope(
                intercepts: [forced[1] + mu * (forced[2] - forced[1])],
                slopes: [forced[0] - forced[1]],
                upper: upper))
            var slope = 0.0
            var breaks: [LowerEnvelope.Break] = []
            for envelope in envelopes {
                slope += envelope.startSlope
                breaks += envelope.breaks
            }
            breaks.sort { JohnsonRule.ascending($0.at, 0, $1.at, 0) }
            var x = 0.0
            if slope > 0 {
                x = upper
                for point in breaks {
                    slope += point.slopeChange
                    if slope <= 0 { x = point.at; break }
                }
            }
            // Evaluate directly at x: a valid bound whatever x is.
            var value = forced[1] + mu * (forced[2] - forced[1]) + x * (forced[0] - forced[1])
            for (job, count) in zip(jobs, counts) {
                var cheapest = Double.infinity
                for t in job {
                    cheapest = min(cheapest, x * t.device + (upper - x) * t.uplink + mu * t.cloud)
                }
                value += Double(count) * cheapest
            }
            return value
        }
        // Golden-section search for the cloud weight; every evaluation is valid.
        let ratio = 0.618_033_988_749_894_8 // (√5 − 1) / 2
        var low = 0.0, high = 1.0
        var result = max(best(cloudWeight: 0), best(cloudWeight: 1))
        var left = high - ratio * (high - low), right = low + ratio * (high - low)
        var leftValue = best(cloudWeight: left), rightValue = best(cloudWeight: right)
        for _ in 0..<48 {
            if leftValue < rightValue {
                low = left; left = right; leftValue = rightValue
                right = low + ratio * (high - low); rightValue = best(cloudWeight: right)
            } else {
                high = right; right = left; rightValue = leftValue
                left = high - ratio * (high - low); leftValue = best(cloudWeight: left)
            }
        }
        result = max(result, max(leftValue, rightValue))
        return result
    }
}
