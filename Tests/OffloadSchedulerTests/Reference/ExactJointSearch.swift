import OffloadModel
@testable import OffloadScheduler

/// Exact minimum makespan over all option choices and orders, by dynamic programming over
/// subsets of placed jobs with Pareto-minimal lane states and lane-load bounds.
/// For tests and benchmarks with up to about 10 jobs.
enum ExactJointSearch {
    private struct State {
        var device: Double, uplink: Double, cloud: Double
        var parentMask: Int, parentIndex: Int, job: Int, option: Int
    }

    /// The optimal makespan and one optimal (choice, order). `upperBound` (for example a
    /// heuristic's makespan) only speeds the search up; it must be achievable.
    static func solve(options: [[StageTimes]], upperBound: Double = .infinity)
        -> (makespan: Double, choice: [Int], order: [Int])
    {
        let n = options.count
        guard n > 0 else { return (0, [], []) }
        let full = (1 << n) - 1
        var weights: [(Double, Double, Double)] = []
        let steps = 8
        for i in 0...steps {
            for j in 0...(steps - i) {
                let wd = Double(i) / Double(steps), wu = Double(j) / Double(steps)
                weights.append((wd, wu, max(0, 1 - wd - wu)))
            }
        }
        // cheapest[j][w]: job j's cheapest weighted option.
        let cheapest: [[Double]] = options.map { list in
            weights.map { w in
                list.map { w.0 * $0.device + w.1 * $0.uplink + w.2 * $0.cloud }.min() ?? 0
            }
        }
        var remainingLoad = Array(repeating: Array(repeating: 0.0, count: weights.count), count: full + 1)
        for mask in 0...full {
            for j in 0..<n where mask & (1 << j) == 0 {
                for w in weights.indices { remainingLoad[mask][w] += cheapest[j][w] }
            }
        }
        let cutoff = upperBound.isFinite ? upperBound + 1e-9 * max(1, upperBound) : .infinity
        var fronts = Array(repeating: [State](), count: full + 1)
        fronts[0] = [State(device: 0, uplink: 0, cloud: 0, parentMask: -1, parentIndex: -1, job: -1, option: -1)]
        for mask in 0..<full {
            let front = pareto(fronts[mask])
            fronts[mask] = front
            for (index, s) in front.enumerated() {
                for j in 0..<n where mask & (1 << j) == 0 {
                    let next = mask | (1 << j)
                    for (o, t) in options[j].enumerated() {
                        var d = s.device, u = s.uplink, c = s.cloud
                        var ready = 0.0
                        if t.device > 0 { d += t.device; ready = d }
                        if t.uplink > 0 { u = max(u, ready) + t.uplink; ready = u }
                        if t.cloud > 0 { c = max(c, ready) + t.cloud }
                        var bound = max(d, u, c)
                        for (w, x) in weights.enumerated() {
                            bound = max(bound, x.0 * d + x.1 * u + x.2 * c + remainingLoad[next][w])
                        }
                        if bound > cutoff { continue }
                        fronts[next].append(State(
                            device: d, uplink: u, cloud: c, parentMask: mask, parentIndex: index, job: j, option: o))
                    }
                }
            }
            fronts[mask] = front
        }
        var best = Double.infinity
        var bestIndex = -1
        for (i, s) in fronts[full].enumerated() {
            let v = max(s.device, s.uplink, s.cloud)
            if v < best { best = v; bestIndex = i }
        }
        guard bestIndex >= 0 else { return (upperBound, [], []) }
        var choice = Array(repeating: 0, count: n)
        var order: [Int] = []
        var mask = full, index = bestIndex
        while mask != 0 {
            let s = fronts[mask][index]
            choice[s.job] = s.option
            order.append(s.job)
            mask = s.parentMask
            index = s.parentIndex
        }
        order.reverse()
        return (Pipeline.makespan(order: order, times: (0..<n).map { options[$0][choice[$0]] }), choice, order)
    }

    private static func pareto(_ states: [State]) -> [State] {
        let sorted = states.sorted {
            ($0.device, $0.uplink, $0.cloud) < ($1.device, $1.uplink, $1.cloud)
        }
        var kept: [State] = []
        for s in sorted where !kept.contains(where: {
            $0.device <= s.device && $0.uplink <= s.uplink && $0.cloud <= s.cloud
        }) {
            kept.append(s)
        }
        return kept
    }
}
