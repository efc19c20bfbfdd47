import OffloadModel
@testable import OffloadScheduler

/// Exact reference solvers for small instances (tests and benchmarks only).
enum ExhaustiveSearch {
    /// Minimum makespan over all option sequences of `count` identical jobs (all multisets and
    /// orders): `options.count ^ count` sequences.
    static func homogeneous(options: [StageTimes], count: Int) -> Double {
        guard count > 0, !options.isEmpty else { return 0 }
        var best = Double.infinity
        var digits = Array(repeating: 0, count: count)
        let order = Array(0..<count)
        while true {
            let v = Pipeline.makespan(order: order, times: digits.map { options[$0] })
            best = min(best, v)
            var i = 0
            while i < count {
                digits[i] += 1
                if digits[i] < options.count { break }
                digits[i] = 0
                i += 1
            }
            if i == count { break }
        }
        return best
    }

    /// Minimum makespan over all option choices and all orders (brute force; small n only).
    static func joint(options: [[StageTimes]]) -> Double {
        let n = options.count
        guard n > 0 else { return 0 }
        var best = Double.infinity
        var choice = Array(repeating: 0, count: n)
        let orders = permutations(n)
        while true {
            let times = (0..<n).map { options[$0][choice[$0]] }
            for order in orders { best = min(best, Pipeline.makespan(order: order, times: times)) }
            var i = 0
            while i < n {
                choice[i] += 1
                if choice[i] < options[i].count { break }
                choice[i] = 0
                i += 1
            }
            if i == n { break }
        }
        return best
    }

    /// All permutations of `0..<n`.
    static func permutations(_ n: Int) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        var used = Array(repeating: false, count: n)
        func extend() {
            if current.count == n { result.append(current); return }
            for j in 0..<n where !used[j] {
                used[j] = true; current.append(j)
                extend()
                current.removeLast(); used[j] = false
            }
        }
        extend()
        return result
    }
}
