import OffloadModel

/// Optimal option choice and order for `count` identical jobs sharing one option list
/// (for a chain DNN: its prefixes). See docs/homogeneous-chains.md for the theory.
///
/// Three stages:
/// 1. *Structured plans*: runs of at most two options (`P^x Q^(N-x)`, either order) with at
///    most one extra job (from a short list of lane-extreme options) at the front, between the
///    runs, or at the end, front-plus-end pairs from short lists, and two bulk runs followed by a
///    run of an option light on uplink and cloud (typically device-only). Each run's count is found by a convex integer search, since the
///    makespan of a run sequence is a maximum of functions affine in the run lengths.
/// 2. *Certificate*: a lane-load lower bound; a structured plan that meets it is optimal.
/// 3. *Exact search* otherwise: a breadth-first search over job positions that keeps only
///    Pareto-minimal lane states and drops states whose lower bound reaches the best plan.
///    It is exact; it stops when `exactWorkBudget` state expansions are used up, in which case
///    the structured plan is returned with `isProvenOptimal == false`.
public enum HomogeneousSolver {
    /// Default work budget of the exact search (state expansions, each one option).
    public static let defaultExactWorkBudget = 400_000

    /// The best plan for `count` identical jobs with the given options
    /// (optimal whenever `analyze` proves it; see there).
    public static func solve(options: [StageTimes], count: Int) -> JobLevelPlan {
        analyze(options: options, count: count).plan
    }

    /// The best plan together with a lower bound and an optimality flag.
    ///
    /// A job list without options yields choices of `-1` and makespan 0.
    public static func analyze(
        options: [StageTimes], count: Int, exactWorkBudget: Int = defaultExactWorkBudget
    ) -> HomogeneousAnalysis {
        let n = max(count, 0)
        let order = Array(0..<n)
        guard n > 0, !options.isEmpty else {
            let plan = JobLevelPlan(choice: Array(repeating: -1, count: n), order: order, makespan: 0)
            return HomogeneousAnalysis(plan: plan, lowerBound: 0, isProvenOptimal: true)
        }
        let kept = nonDominated(options)
        let problem = HomogeneousProblem(options: options, kept: kept, count: n)

        let structured = problem.bestStructuredSequence()
        var sequence = structured.sequence
        var best = Pipeline.makespan(order: order, times: sequence.map { options[$0] })
        let lowerBound = min(problem.lowerBound(), best)
        let tolerance = 1e-9 * max(1, best)
        var proven = best <= lowerBound + tolerance
        if !proven && n * kept.count <= exactWorkBudget {
            let search = problem.exactSearch(upperBound: best, workBudget: exactWorkBudget)
            if search.finished {
                proven = true
                if let better = search.sequence {
                    let value = Pipeline.makespan(order: order, times: better.map { options[$0] })
                    if value < best { sequence = better; best = value }
                }
            }
        }
        let plan = JobLevelPlan(choice: sequence, order: order, makespan: best)
        return HomogeneousAnalysis(plan: plan, lowerBound: proven ? best : lowerBound, isProvenOptimal: proven)
    }

    /// Indices of options not dominated by another option (no larger on every lane; of equal
    /// options the first), ascending. Makespan never decreases when a stage grows, so an
    /// optimal plan never needs a dominated option. O(k log k): a sweep by device time
    /// with a staircase of (uplink, cloud).
    static func nonDominated(_ options: [StageTimes]) -> [Int] {
        let sorted = options.indices.sorted { i, j in
            let a = options[i], b = options[j]
            if a.device != b.device { return a.device < b.device }
            if a.uplink != b.uplink { return a.uplink < b.uplink }
            if a.cloud != b.cloud { return a.cloud < b.cloud }
            return i < j
        }
        // Staircase of kept (uplink, cloud): uplink ascending, cloud strictly descending.
        var stairUplink: [Double] = []
        var stairCloud: [Double] = []
        var kept: [Int] = []
        for index in sorted {
            let e = options[index]
            var lo = 0
            var hi = stairUplink.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if stairUplink[mid] <= e.uplink { lo = mid + 1 } else { hi = mid }
            }
            let step = lo - 1
            // Every kept option has device time ≤ this one's: dominated iff one is ≤ on both others.
            if step >= 0 && stairCloud[step] <= e.cloud { continue }
            kept.append(index)
            var insertAt = lo
            if step >= 0 && stairUplink[step] == e.uplink { insertAt = step }
            var removeEnd = insertAt
            while removeEnd < stairUplink.count && stairCloud[removeEnd] >= e.cloud { removeEnd += 1 }
            stairUplink.replaceSubrange(insertAt..<removeEnd, with: [e.uplink])
            stairCloud.replaceSubrange(insertAt..<removeEnd, with: [e.cloud])
        }
        return kept.sorted()
    }
}

/// The working data of one homogeneous instance.
struct HomogeneousProblem: Sendable {
    let options: [StageTimes]
    let kept: [Int]
    let count: Int
    let single: [LaneTransfer]

    init(options: [StageTimes], kept: [Int], count: Int) {
        self.options = options
        self.kept = kept
        self.count = count
        self.single = options.map { LaneTransfer($0) }
    }

    // MARK: Structured plans

    /// A run sequence: `front`, `x` copies of `p`, `middle`, `bulk - x` copies of `q`, `back`.
    private struct Shape {
        var front: Int?
        var p: Int
        var middle: Int?
        var q: Int
        var back: Int?
        var bulk: Int
        /// A final run of `backRunCount` copies of `backRun` (after `back`).
        var backRun: Int = 0
        var backRunCount: Int = 0
    }

    private func block(_ option: Int, _ copies: Int) -> LaneTransfer {
        copies <= 0 ? .identity : LaneTransfer(options[option], repeated: copies)
    }

    private func value(_ s: Shape, _ x: Int, front: LaneTransfer, middle: LaneTransfer, back: LaneTransfer) -> Double {
        front.then(block(s.p, x)).then(middle).then(block(s.q, s.bulk - x)).then(back)
            .then(block(s.backRun, s.backRunCount)).makespan
    }

    /// The best `x` in `0...bulk` for a shape: both ends, and the interior by convex search.
    private func bestSplit(_ s: Shape) -> (x: Int, value: Double) {
        let front = s.front.map { single[$0] } ?? .identity
        let middle = s.middle.map { single[$0] } ?? .identity
        let back = s.back.map { single[$0] } ?? .identity
        var bestX = 0
        var best = value(s, 0, front: front, middle: middle, back: back)
        if s.bulk >= 1 {
            let v = value(s, s.bulk, front: front, middle: middle, back: back)
            if v < best { best = v; bestX = s.bulk }
        }
        if s.bulk >= 2 && s.p != s.q {
            var lo = 1, hi = s.bulk - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if value(s, mid, front: front, middle: middle, back: back)
                    <= value(s, mid + 1, front: front, middle: middle, back: back) {
                    hi = mid
                } else {
                    lo = mid + 1
                }
            }
            let v = value(s, lo, front: front, middle: middle, back: back)
            if v < best { best = v; bestX = lo }
        }
        return (bestX, best)
    }

    private func sequence(of s: Shape, x: Int) -> [Int] {
        var seq: [Int] = []
        seq.reserveCapacity(count)
        if let f = s.front { seq.append(f) }
        seq.append(contentsOf: repeatElement(s.p, count: x))
        if let m = s.middle { seq.append(m) }
        seq.append(contentsOf: repeatElement(s.q, count: s.bulk - x))
        if let b = s.back { seq.append(b) }
        seq.append(contentsOf: repeatElement(s.backRun, count: s.backRunCount))
        return seq
    }

    /// Most options a run may use: beyond it, runs use ``runOptions(specials:)``.
    static let fullRunLimit = 64

    /// The options the runs of structured plans use: every non-dominated option when there
    /// are at most ``fullRunLimit``; otherwise the minimisers of weighted lane sums on a grid
    /// of weightings (a sample of the lower hull, where steady-state mixes of runs live) and
    /// the `specials`. This keeps the structured search linear in the options (it only
    /// proposes plans: optimality is claimed from the certificate or the exact search, which
    /// still see every option).
    private func runOptions(specials: [Int]) -> [Int] {
        guard kept.count > Self.fullRunLimit else { return kept }
        var pool = Set(specials)
        let steps = 16
        for a in 0...steps {
            for b in 0...(steps - a) {
                let w = (Double(a) + 0.25, Double(b) + 0.25, Double(steps - a - b) + 0.25)
                var best = kept[0]
                var bestValue = Double.infinity
                for i in kept {
                    let t = options[i]
                    let value = w.0 * t.device + w.1 * t.uplink + w.2 * t.cloud
                    if value < bestValue { best = i; bestValue = value }
                }
                pool.insert(best)
            }
        }
        return pool.sorted()
    }

    /// Options most useful as a single first or last job.
    private func shortList(_ key: (StageTimes) -> Double) -> [Int] {
        let sorted = kept.sorted { (key(options[$0]), $0) < (key(options[$1]), $1) }
        return Array(sorted.prefix(3))
    }

    /// The best structured plan (always a valid sequence of `count` options).
    func bestStructuredSequence() -> (sequence: [Int], value: Double) {
        var bestShape = Shape(front: nil, p: kept[0], middle: nil, q: kept[0], back: nil, bulk: count)
        var bestX = count
        var best = Double.infinity
        func consider(_ s: Shape) {
            let r = bestSplit(s)
            if r.value < best { best = r.value; bestShape = s; bestX = r.x }
        }
        // Single extra jobs: the options best at some lane or lane pair (at most 2 each).
        var specials: [Int] = []
        let keys: [(StageTimes) -> Double] = [
            { $0.device }, { $0.uplink }, { $0.cloud }, { $0.device + $0.uplink },
            { $0.uplink + $0.cloud }, { $0.total }, { max($0.device, $0.uplink, $0.cloud) },
        ]
        for key in keys {
            let sorted = kept.sorted { (key(options[$0]), $0) < (key(options[$1]), $1) }
            for i in sorted.prefix(2) where !specials.contains(i) { specials.append(i) }
        }
        let fronts = shortList { $0.device }
        let backs = shortList { $0.uplink + $0.cloud }
        let runs = runOptions(specials: specials)
        for p in runs {
            for q in runs {
                consider(Shape(front: nil, p: p, middle: nil, q: q, back: nil, bulk: count))
                guard count >= 2 else { continue }
                for s in specials {
                    consider(Shape(front: s, p: p, middle: nil, q: q, back: nil, bulk: count - 1))
                    consider(Shape(front: nil, p: p, middle: nil, q: q, back: s, bulk: count - 1))
                    if p != q {
                        consider(Shape(front: nil, p: p, middle: s, q: q, back: nil, bulk: count - 1))
                    }
                }
                guard count >= 3 else { continue }
                for f in fronts {
                    for b in backs {
                        consider(Shape(front: f, p: p, middle: nil, q: q, back: b, bulk: count - 2))
                    }
                }
            }
        }
        // Three runs: two bulk options and a final run of an option light on uplink and cloud
        // (typically device-only); the final run's length by an outer convex search.
        if count >= 3 {
            for r in backs {
                for p in specials {
                    for q in specials where q != p {
                        func split(_ z: Int) -> (Shape, Int, Double) {
                            let shape = Shape(front: nil, p: p, middle: nil, q: q, back: nil, bulk: count - z,
                                              backRun: r, backRunCount: z)
                            let result = bestSplit(shape)
                            return (shape, result.x, result.value)
                        }
                        var lo = 1, hi = count - 1
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if split(mid).2 <= split(mid + 1).2 { hi = mid } else { lo = mid + 1 }
                        }
                        let (shape, x, v) = split(lo)
                        if v < best { best = v; bestShape = shape; bestX = x }
                    }
                }
            }
        }
        return (sequence(of: bestShape, x: bestX), best)
    }

    // MARK: Lower bound

    /// Lane weightings used by the bounds (a grid on the simplex).
    private static func weights(steps: Int) -> [LaneVector] {
        var result: [LaneVector] = []
        for i in 0...steps {
            for j in 0...(steps - i) {
                let wd = Double(i) / Double(steps), wu = Double(j) / Double(steps)
                result.append(LaneVector(wd, wu, max(0, 1 - wd - wu)))
            }
        }
        return result
    }

    /// Per weighting `w`: `w` at the weighting, the cheapest weighted job, and the cheapest
    /// weighted last job (its own stages plus what must follow its device and uplink work).
    struct Weighting: Sendable {
        var w: LaneVector
        var cheapest: Double
        var cheapestLast: Double
    }

    func weightings(steps: Int) -> [Weighting] {
        Self.weights(steps: steps).map { w in
            var cheapest = Double.infinity, cheapestLast = Double.infinity
            for i in kept {
                let t = options[i]
                let v = w.device * t.device + w.uplink * t.uplink + w.cloud * t.cloud
                let afterDevice = t.device > 0 ? t.uplink + t.cloud : 0
                let afterUplink = t.uplink > 0 ? t.cloud : 0
                cheapest = min(cheapest, v)
                cheapestLast = min(cheapestLast, v + w.device * afterDevice + w.uplink * afterUplink)
            }
            return Weighting(w: w, cheapest: cheapest, cheapestLast: cheapestLast)
        }
    }

    /// A lower bound on the makespan of any completion of lane state `s` by `remaining` jobs.
    static func bound(_ s: LaneVector, remaining: Int, _ ws: [Weighting]) -> Double {
        var best = s.largest
        guard remaining > 0 else { return best }
        let r = Double(remaining - 1)
        for x in ws {
            let v = x.w.device * s.device + x.w.uplink * s.uplink + x.w.cloud * s.cloud
                + r * x.cheapest + x.cheapestLast
            if v > best { best = v }
        }
        return best
    }

    /// A lower bound on every plan's makespan: over the first job's option, the lane bound of
    /// the remaining jobs.
    func lowerBound() -> Double {
        let ws = weightings(steps: 24)
        var result = Double.infinity
        for f in kept {
            let s = LaneVector.zero.through(single[f])
            result = min(result, Self.bound(s, remaining: count - 1, ws))
        }
        return result
    }

    // MARK: Exact search

    private struct Node {
        var state: LaneVector
        var parent: Int
        var option: Int
    }

    /// Exact search for a sequence with makespan below `upperBound`; `finished` is false when
    /// the budget ran out. `sequence` is nil when no sequence beats `upperBound`.
    func exactSearch(upperBound: Double, workBudget: Int) -> (finished: Bool, sequence: [Int]?) {
        let ws = weightings(steps: 6)
        let cutoff = upperBound - 1e-9 * max(1, upperBound)
        var levels: [[Node]] = [[Node(state: .zero, parent: -1, option: -1)]]
        var work = 0
        var bestValue = cutoff
        var bestFinal: (parent: Int, option: Int)? = nil
        for level in 0..<count {
            let remaining = count - level - 1
            var next: [Node] = []
            for (index, node) in levels[level].enumerated() {
                work += kept.count
                if work > workBudget { return (false, nil) }
                for o in kept {
                    let s = node.state.through(single[o])
                    if remaining == 0 {
                        let v = s.largest
                        if v < bestValue { bestValue = v; bestFinal = (index, o) }
                    } else if Self.bound(s, remaining: remaining, ws) < cutoff {
                        next.append(Node(state: s, parent: index, option: o))
                    }
                }
            }
            if remaining == 0 { break }
            if next.isEmpty { return (true, nil) }
            levels.append(Self.paretoMinimal(next))
        }
        guard let final = bestFinal else { return (true, nil) }
        var sequence = Array(repeating: 0, count: count)
        sequence[count - 1] = final.option
        var index = final.parent
        var level = count - 1
        while level > 0 {
            let node = levels[level][index]
            sequence[level - 1] = node.option
            index = node.parent
            level -= 1
        }
        return (true, sequence)
    }

    /// The nodes whose states no other node's state dominates (ties: the first kept), by a
    /// sweep in device order with a staircase of (uplink, cloud): O(m log m).
    private static func paretoMinimal(_ nodes: [Node]) -> [Node] {
        let sorted = nodes.enumerated().sorted { l, r in
            let a = l.element.state, b = r.element.state
            if a.device != b.device { return a.device < b.device }
            if a.uplink != b.uplink { return a.uplink < b.uplink }
            if a.cloud != b.cloud { return a.cloud < b.cloud }
            return l.offset < r.offset
        }.map(\.element)
        var stairUplink: [Double] = []
        var stairCloud: [Double] = []
        var kept: [Node] = []
        for node in sorted {
            let s = node.state
            var lo = 0
            var hi = stairUplink.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if stairUplink[mid] <= s.uplink { lo = mid + 1 } else { hi = mid }
            }
            let step = lo - 1
            if step >= 0 && stairCloud[step] <= s.cloud { continue }
            kept.append(node)
            var insertAt = lo
            if step >= 0 && stairUplink[step] == s.uplink { insertAt = step }
            var removeEnd = insertAt
            while removeEnd < stairUplink.count && stairCloud[removeEnd] >= s.cloud { removeEnd += 1 }
            stairUplink.replaceSubrange(insertAt..<removeEnd, with: [s.uplink])
            stairCloud.replaceSubrange(insertAt..<removeEnd, with: [s.cloud])
        }
        return kept
    }
}
