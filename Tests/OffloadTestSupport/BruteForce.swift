import OffloadModel
import OffloadScheduler

/// Exact answers by enumeration, for checking the algorithms on small instances.
public enum BruteForce {
    /// Every permutation of `0..<count`, in lexicographic order.
    public static func permutations(_ count: Int) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        var used = Array(repeating: false, count: count)
        func extend() {
            if current.count == count { result.append(current); return }
            for job in 0..<count where !used[job] {
                used[job] = true; current.append(job)
                extend()
                current.removeLast(); used[job] = false
            }
        }
        extend()
        return result
    }

    /// The smallest makespan over all orders of fixed stage times.
    public static func bestOrder(_ times: [StageTimes]) -> Double {
        permutations(times.count).map { Pipeline.makespan(order: $0, times: times) }.min() ?? 0
    }

    /// The smallest makespan over every option combination and every order (0 for no jobs).
    public static func bestPlan(_ options: [[StageTimes]]) -> Double {
        let orders = permutations(options.count)
        var best = Double.infinity
        var choice = Array(repeating: 0, count: options.count)
        func choose(_ job: Int) {
            if job == options.count {
                let times = choice.enumerated().map { options[$0.offset][$0.element] }
                for order in orders { best = min(best, Pipeline.makespan(order: order, times: times)) }
                return
            }
            for option in options[job].indices { choice[job] = option; choose(job + 1) }
        }
        choose(0)
        return options.isEmpty ? 0 : best
    }

    /// The smallest makespan of `count` identical jobs over every sequence of their options
    /// (all multisets and orders: `options.count ^ count` sequences).
    public static func homogeneous(options: [StageTimes], count: Int) -> Double {
        guard count > 0, !options.isEmpty else { return 0 }
        var best = Double.infinity
        var digits = Array(repeating: 0, count: count)
        let order = Array(0..<count)
        while true {
            best = min(best, Pipeline.makespan(order: order, times: digits.map { options[$0] }))
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
}

/// Random job-level instances: option lists with ties and zeros.
public enum Instances {
    /// One option: device-only, cloud-only (no device work), a split, or a
    /// stage pattern with random zeros. Small integers make ties likely.
    public static func option(_ rng: inout SplitMix64) -> StageTimes {
        func time(_ rng: inout SplitMix64) -> Double {
            rng.chance(0.5) ? Double(rng.integer(1...9)) : rng.uniform(0.1...20)
        }
        switch rng.integer(0...4) {
        case 0: return StageTimes(device: time(&rng), uplink: 0, cloud: 0)
        case 1: return StageTimes(device: 0, uplink: time(&rng), cloud: time(&rng))
        case 2: return StageTimes(device: time(&rng), uplink: time(&rng), cloud: time(&rng))
        default:
            return StageTimes(device: rng.chance(0.6) ? time(&rng) : 0,
                              uplink: rng.chance(0.6) ? time(&rng) : 0,
                              cloud: rng.chance(0.6) ? time(&rng) : 0)
        }
    }

    /// `jobs` jobs with 1...`maxOptions` options each; some jobs are copies of
    /// earlier ones (identical option sets).
    public static func options(_ rng: inout SplitMix64, jobs: Int, maxOptions: Int) -> [[StageTimes]] {
        var result: [[StageTimes]] = []
        for _ in 0..<jobs {
            if !result.isEmpty, rng.chance(0.25) {
                result.append(result[rng.integer(0...(result.count - 1))])
            } else {
                result.append((0..<rng.integer(1...maxOptions)).map { _ in option(&rng) })
            }
        }
        return result
    }

    /// The cut options of a synthetic DNN with `layers` layers: device prefix,
    /// upload of the tensor at the cut, cloud suffix; cut 0 is cloud-only
    /// (no device stage), the last cut device-only.
    public static func cuts(_ rng: inout SplitMix64, layers: Int) -> [StageTimes] {
        let device = (0..<layers).map { _ in rng.uniform(1...40) }
        let cloud = device.map { $0 * rng.uniform(0.02...0.1) }
        var options: [StageTimes] = []
        var size = rng.uniform(20...150)
        for cut in 0...layers {
            let prefix = device[..<cut].reduce(0, +), suffix = cloud[cut...].reduce(0, +)
            options.append(StageTimes(device: prefix, uplink: cut == layers ? 0 : size, cloud: suffix))
            size *= rng.uniform(0.4...1.5)
        }
        return options
    }
}

/// Whether `a` and `b` agree to a relative `1e-9`.
public func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
}
