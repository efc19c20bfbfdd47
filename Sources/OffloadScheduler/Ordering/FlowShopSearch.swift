import OffloadModel

/// Heuristic search for a good job order with fixed stage times: NEH
/// construction and local search, each candidate position evaluated in O(1)
/// from prefix states (`LaneAvailability`) and suffix tails (`SuffixTail`),
/// as in Taillard's acceleration of NEH. Heads and tails are updated
/// incrementally when a job is inserted or removed.
///
/// All work is counted in job steps and stops at `budget`, so the result
/// depends on the input only, never on the clock.
struct FlowShopSearch {
    let times: [StageTimes]
    /// Job steps performed so far.
    private(set) var work = 0
    /// Job steps after which no further improvement is attempted.
    let budget: Int

    /// The current (partial) order, with `heads[i]` the state after its first
    /// `i` jobs and `tails[i]` the tail of its jobs from position `i` on.
    private(set) var order: [Int] = []
    private var heads: [LaneAvailability] = [.start]
    private var tails: [SuffixTail] = [.empty]

    init(times: [StageTimes], budget: Int) {
        self.times = times
        self.budget = budget
    }

    var isExhausted: Bool { work >= budget }

    /// Relative tolerance below which a change does not count as an improvement,
    /// so that rounding differences between evaluation paths cannot cycle.
    static let tolerance = 1e-12

    @inline(__always)
    static func improves(_ candidate: Double, on current: Double) -> Bool {
        candidate < current - tolerance * max(1, abs(current))
    }

    /// The makespan of `order`, computed exactly as `Pipeline.makespan` does.
    mutating func makespan(of order: [Int]) -> Double {
        work += order.count
        var state = LaneAvailability.start
        for job in order { state = state.after(times[job]) }
        return state.makespan
    }

    /// Makes `order` the current order.
    mutating func load(_ order: [Int]) {
        self.order = order
        heads = Array(repeating: .start, count: order.count + 1)
        tails = Array(repeating: .empty, count: order.count + 1)
        refreshHeads(from: 0)
        refreshTails(through: order.count - 1)
    }

    /// Recomputes `heads[from + 1 ... count]`.
    private mutating func refreshHeads(from start: Int) {
        let count = order.count
        guard start < count else { return }
        work += count - start
        times.withUnsafeBufferPointer { times in
            order.withUnsafeBufferPointer { order in
                heads.withUnsafeMutableBufferPointer { heads in
                    var state = heads[start]
                    for position in start..<count {
                        state = state.after(times[order[position]])
                        heads[position + 1] = state
                    }
                }
            }
        }
    }

    /// Recomputes `tails[0 ... end]`.
    private mutating func refreshTails(through end: Int) {
        guard end >= 0 else { return }
        work += end + 1
        times.withUnsafeBufferPointer { times in
            order.withUnsafeBufferPointer { order in
                tails.withUnsafeMutableBufferPointer { tails in
                    var tail = tails[end + 1]
                    var position = end + 1
                    while position > 0 {
                        position -= 1
                        tail = tail.prepending(times[order[position]])
                        tails[position] = tail
                    }
                }
            }
        }
    }

    /// Inserts `job` at `position` of the current order.
    mutating func insert(_ job: Int, at position: Int) {
        order.insert(job, at: position)
        heads.insert(.start, at: position + 1)
        tails.insert(.empty, at: position)
        refreshHeads(from: position)
        refreshTails(through: position)
    }

    /// Removes the job at `position` of the current order and returns it.
    mutating func remove(at position: Int) -> Int {
        let job = order.remove(at: position)
        heads.remove(at: position + 1)
        tails.remove(at: position)
        refreshHeads(from: position)
        refreshTails(through: position - 1)
        return job
    }

    /// The makespan of the current order.
    var currentMakespan: Double { heads[order.count].makespan }

    /// The best position to insert `job` into the current order and the
    /// resulting makespan; the lowest position wins ties.
    mutating func bestInsertion(of job: Int) -> (position: Int, makespan: Double) {
        let t = times[job]
        let count = order.count
        work += count + 1
        return heads.withUnsafeBufferPointer { heads in
            tails.withUnsafeBufferPointer { tails in
                var bestPosition = 0
                var best = Double.infinity
                for position in 0...count {
                    let value = heads[position].after(t).finished(with: tails[position])
                    if value < best { best = value; bestPosition = position }
                }
                return (bestPosition, best)
            }
        }
    }

    /// The NEH construction: jobs are inserted one by one, in `priority` order,
    /// each at the position that minimises the partial makespan.
    mutating func neh(priority: [Int]) -> [Int] {
        load([])
        for job in priority {
            insert(job, at: bestInsertion(of: job).position)
        }
        return order
    }

    /// One pass of the insertion neighbourhood over the current order: every
    /// job in turn is removed and reinserted at its best position if that
    /// strictly improves the makespan. Returns whether anything improved.
    mutating func insertionPass(stopAt target: Double) -> Bool {
        var improved = false
        var makespan = currentMakespan
        for job in order {
            if isExhausted || makespan <= target { break }
            guard let from = order.firstIndex(of: job) else { continue }
            _ = remove(at: from)
            let (position, value) = bestInsertion(of: job)
            if Self.improves(value, on: makespan) {
                insert(job, at: position)
                makespan = currentMakespan
                improved = true
            } else {
                insert(job, at: from)
            }
        }
        return improved
    }

    /// One pass of the pairwise-interchange neighbourhood over the current
    /// order (first improvement). Returns whether anything improved.
    mutating func swapPass(stopAt target: Double) -> Bool {
        let count = order.count
        var improved = false
        var makespan = currentMakespan
        var first = 0
        while first < count - 1 {
            var second = first + 1
            while second < count {
                if isExhausted || makespan <= target { return improved }
                work += second - first + 1
                var state = heads[first].after(times[order[second]])
                var middle = first + 1
                while middle < second { state = state.after(times[order[middle]]); middle += 1 }
                state = state.after(times[order[first]])
                let value = state.finished(with: tails[second + 1])
                if Self.improves(value, on: makespan) {
                    order.swapAt(first, second)
                    refreshHeads(from: first)
                    refreshTails(through: second)
                    makespan = currentMakespan
                    improved = true
                }
                second += 1
            }
            first += 1
        }
        return improved
    }
}
