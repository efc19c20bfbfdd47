import OffloadModel

/// A quick job-level plan used as the first incumbent of `ExactSolver`.
///
/// Choices come from weighted costs `λ·device + (1 − λ)·uplink + cloud` for a
/// grid of λ, each ordered by `FlowShop.order`; the best one wins. (Improving
/// it further by single option changes was tried: it barely reduced the
/// branch-and-bound's nodes and cost more than it saved.)
enum PlanHeuristic {
    static func plan(options: [[StageTimes]]) -> JobLevelPlan {
        var best = JobLevelPlan(choice: [], order: [], makespan: .infinity)
        func consider(_ choice: [Int]) {
            let times = choice.enumerated().map { options[$0.offset][$0.element] }
            let order = FlowShop.order(times)
            let makespan = Pipeline.makespan(order: order, times: times)
            if makespan < best.makespan {
                best = JobLevelPlan(choice: choice, order: order, makespan: makespan)
            }
        }
        var tried: [[Int]] = []
        for step in 0...10 {
            let weight = Double(step) / 10
            let choice = options.map { list in
                list.indices.min {
                    let a = list[$0], b = list[$1]
                    let costA = weight * a.device + (1 - weight) * a.uplink + a.cloud
                    let costB = weight * b.device + (1 - weight) * b.uplink + b.cloud
                    return costA < costB || (costA == costB && (a.total < b.total || (a.total == b.total && $0 < $1)))
                } ?? 0
            }
            if !tried.contains(choice) {
                tried.append(choice)
                consider(choice)
            }
        }
        return best
    }
}
