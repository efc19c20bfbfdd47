import OffloadModel

/// Local search over options and order together, with O(1) evaluation of a job placed
/// between a prefix and a suffix (lane free times meet lane tails; see `LaneTransfer`).
struct JointLocalSearch: Sendable {
    /// `transfers[j][o]`: matrix of job `j` with option `o` (a zero job when `j` has no options).
    let transfers: [[LaneTransfer]]
    let jobCount: Int

    init(options: [[StageTimes]]) {
        transfers = options.map { list in
            list.isEmpty ? [LaneTransfer(StageTimes(device: 0, uplink: 0, cloud: 0))] : list.map { LaneTransfer($0) }
        }
        jobCount = options.count
    }

    /// A candidate: jobs in order and the option of each job.
    struct Candidate: Sendable, Equatable {
        var sequence: [Int]
        var choice: [Int]
        /// The makespan.
        var value: Double
        /// Tie-breaker that rewards slack: the sum of the three lanes' finishing times.
        var slack: Double = 0
    }

    /// A makespan and its tie-breaker, compared lexicographically with a relative tolerance.
    struct Score: Sendable {
        var makespan: Double
        var lanes: Double

        init(_ final: LaneVector) {
            makespan = final.largest
            lanes = final.device + final.uplink + final.cloud
        }

        init(_ c: Candidate) {
            makespan = c.value
            lanes = c.slack
        }

        func beats(_ other: Score) -> Bool {
            let tol = 1e-9 * max(1, other.makespan)
            if makespan < other.makespan - tol { return true }
            if makespan > other.makespan + tol { return false }
            return lanes < other.lanes - 1e-9 * max(1, other.lanes)
        }
    }

    func transfer(_ job: Int, _ choice: [Int]) -> LaneTransfer {
        transfers[job][max(choice[job], 0)]
    }

    /// Makespan of `sequence` under `choice`.
    func value(_ sequence: [Int], _ choice: [Int]) -> Double {
        finalLanes(sequence, choice).largest
    }

    /// Lane finishing times of `sequence` under `choice`.
    func finalLanes(_ sequence: [Int], _ choice: [Int]) -> LaneVector {
        var s = LaneVector.zero
        for job in sequence { s = s.through(transfer(job, choice)) }
        return s
    }

    /// A candidate with its makespan and tie-breaker filled in.
    func candidate(_ sequence: [Int], _ choice: [Int]) -> Candidate {
        let f = finalLanes(sequence, choice)
        return Candidate(sequence: sequence, choice: choice, value: f.largest, slack: f.device + f.uplink + f.cloud)
    }



    /// `exits[i]`: lane free times after the first `i` jobs of `sequence`, `i` in `0...count`.
    private func exits(_ sequence: [Int], _ choice: [Int]) -> [LaneVector] {
        var result = [LaneVector.zero]
        result.reserveCapacity(sequence.count + 1)
        var s = LaneVector.zero
        for job in sequence { s = s.through(transfer(job, choice)); result.append(s) }
        return result
    }

    /// `suffixes[i]`: matrix of the jobs `sequence[i...]`, `i` in `0...count`.
    private func suffixes(_ sequence: [Int], _ choice: [Int]) -> [LaneTransfer] {
        var result = Array(repeating: LaneTransfer.identity, count: sequence.count + 1)
        var t = LaneTransfer.identity
        for i in stride(from: sequence.count - 1, through: 0, by: -1) {
            t = transfer(sequence[i], choice).then(t)
            result[i] = t
        }
        return result
    }

    // MARK: Full neighbourhoods (small n)

    /// Takes each job out in turn and puts it back with its best option at its best position.
    /// Returns true when some move improved the makespan.
    func reinsertPass(_ c: inout Candidate) -> Bool {
        var improvedAny = false
        for job in 0..<jobCount {
            guard let position = c.sequence.firstIndex(of: job) else { continue }
            var rest = c.sequence
            rest.remove(at: position)
            let pre = exits(rest, c.choice)
            let post = suffixes(rest, c.choice)
            var best = Score(c), bestOption = c.choice[job], bestPosition = position
            for (o, t) in transfers[job].enumerated() {
                for i in 0...rest.count {
                    let score = Score(pre[i].through(t).through(post[i]))
                    if score.beats(best) { best = score; bestOption = o; bestPosition = i }
                }
            }
            if bestOption != c.choice[job] || bestPosition != position {
                if c.choice[job] >= 0 { c.choice[job] = bestOption }
                rest.insert(job, at: bestPosition)
                c = candidate(rest, c.choice)
                improvedAny = true
            }
        }
        return improvedAny
    }

    /// Applies the best swap of two jobs whose distance is at most `window`, if it improves.
    func swapPass(_ c: inout Candidate, window: Int) -> Bool {
        let n = c.sequence.count
        guard n >= 2 else { return false }
        let pre = exits(c.sequence, c.choice)
        let post = suffixes(c.sequence, c.choice)
        var best = Score(c), bestPair: (Int, Int)? = nil
        for i in 0..<(n - 1) {
            let ti = transfer(c.sequence[i], c.choice)
            var middle = LaneTransfer.identity
            for j in (i + 1)..<min(n, i + 1 + window) {
                let tj = transfer(c.sequence[j], c.choice)
                let score = Score(pre[i].through(tj).through(middle).through(ti).through(post[j + 1]))
                if score.beats(best) { best = score; bestPair = (i, j) }
                middle = middle.then(tj)
            }
        }
        guard let (i, j) = bestPair else { return false }
        c.sequence.swapAt(i, j)
        c = candidate(c.sequence, c.choice)
        return true
    }

    // MARK: Options for a fixed order

    private struct OptionState {
        var lanes: LaneVector
        var bound: Double
        var parent: Int
        var option: Int
    }

    /// Re-chooses every job's option for the fixed order `c.sequence` by a forward search over
    /// positions that keeps Pareto-minimal lane states (at most `cap` per position, those with
    /// the smallest lower bounds). Exact when `cap` is never reached. Returns true on improvement.
    func reassignPass(_ c: inout Candidate, cap: Int) -> Bool {
        let n = c.sequence.count
        guard n >= 1 else { return false }
        let weights: [LaneVector] = [
            LaneVector(1, 0, 0), LaneVector(0, 1, 0), LaneVector(0, 0, 1),
            LaneVector(0.5, 0.5, 0), LaneVector(0, 0.5, 0.5), LaneVector(0.5, 0, 0.5),
            LaneVector(1.0 / 3, 1.0 / 3, 1.0 / 3),
        ]
        // remaining[i][w]: sum over positions >= i of the cheapest weighted option.
        var remaining = Array(repeating: Array(repeating: 0.0, count: weights.count), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let job = c.sequence[i]
            for (k, w) in weights.enumerated() {
                var cheapest = Double.infinity
                for t in transfers[job] {
                    cheapest = min(cheapest, w.device * t.d11 + w.uplink * t.d22 + w.cloud * t.d33)
                }
                remaining[i][k] = remaining[i + 1][k] + cheapest
            }
        }
        let cutoff = c.value - 1e-9 * max(1, c.value)
        var levels: [[OptionState]] = [[OptionState(lanes: .zero, bound: 0, parent: -1, option: -1)]]
        for i in 0..<n {
            let job = c.sequence[i]
            var next: [OptionState] = []
            for (index, state) in levels[i].enumerated() {
                for (o, t) in transfers[job].enumerated() {
                    let lanes = state.lanes.through(t)
                    var bound = lanes.largest
                    for (k, w) in weights.enumerated() {
                        bound = max(bound, w.device * lanes.device + w.uplink * lanes.uplink
                            + w.cloud * lanes.cloud + remaining[i + 1][k])
                    }
                    if bound < cutoff { next.append(OptionState(lanes: lanes, bound: bound, parent: index, option: o)) }
                }
            }
            if next.isEmpty { return false }
            next.sort { l, r in
                (l.lanes.device, l.lanes.uplink, l.lanes.cloud, l.parent, l.option)
                    < (r.lanes.device, r.lanes.uplink, r.lanes.cloud, r.parent, r.option)
            }
            var kept: [OptionState] = []
            for s in next where !kept.contains(where: {
                $0.lanes.device <= s.lanes.device && $0.lanes.uplink <= s.lanes.uplink && $0.lanes.cloud <= s.lanes.cloud
            }) {
                kept.append(s)
            }
            if kept.count > cap {
                kept = kept.enumerated().sorted { ($0.element.bound, $0.offset) < ($1.element.bound, $1.offset) }
                    .prefix(cap).map(\.element)
            }
            levels.append(kept)
        }
        guard let last = levels[n].indices.min(by: {
            (levels[n][$0].lanes.largest, $0) < (levels[n][$1].lanes.largest, $1)
        }) else { return false }
        var choice = c.choice
        var index = last
        for i in stride(from: n, through: 1, by: -1) {
            let state = levels[i][index]
            if choice[c.sequence[i - 1]] >= 0 { choice[c.sequence[i - 1]] = state.option }
            index = state.parent
        }
        let improved = candidate(c.sequence, choice)
        guard Score(improved).beats(Score(c)) else { return false }
        c = improved
        return true
    }

    // MARK: Cheap neighbourhoods (large n)

    /// Changes options in place, position by position, keeping improvements.
    func optionPass(_ c: inout Candidate) -> Bool {
        var pre = exits(c.sequence, c.choice)
        var post = suffixes(c.sequence, c.choice)
        var improvedAny = false
        for p in c.sequence.indices {
            let job = c.sequence[p]
            guard c.choice[job] >= 0 else { continue }
            var best = Score(c), bestOption = c.choice[job]
            for (o, t) in transfers[job].enumerated() where o != c.choice[job] {
                let score = Score(pre[p].through(t).through(post[p + 1]))
                if score.beats(best) { best = score; bestOption = o }
            }
            if bestOption != c.choice[job] {
                c.choice[job] = bestOption
                pre = exits(c.sequence, c.choice)
                post = suffixes(c.sequence, c.choice)
                c = candidate(c.sequence, c.choice)
                improvedAny = true
            }
        }
        return improvedAny
    }

    /// Runs the moves until none improves (or `maxPasses` rounds).
    /// `full`: reinsertion with option change plus all swaps, and with `deep` also re-choosing
    /// all options for the order and changing two jobs' options at once; otherwise in-place option
    /// changes and swaps within `window`.
    func improve(_ start: Candidate, full: Bool, deep: Bool = false, window: Int, maxPasses: Int) -> Candidate {
        var c = start
        var passes = 0
        while passes < maxPasses {
            passes += 1
            var improved = false
            if full {
                if reinsertPass(&c) { improved = true }
                while swapPass(&c, window: c.sequence.count) { improved = true }
                if !improved, deep {
                    if reassignPass(&c, cap: 16) { improved = true }
                }
            } else {
                if optionPass(&c) { improved = true }
            }
            while swapPass(&c, window: full ? c.sequence.count : window) { improved = true }
            if !improved { break }
        }
        return c
    }
}
