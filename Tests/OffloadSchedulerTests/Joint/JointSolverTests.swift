import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

private func mixedOptions(_ n: Int, _ kind: Int, _ rng: inout SplitMix64) -> [[StageTimes]] {
    (0..<n).map { _ in
        let k = rng.integer(1...4)
        switch kind {
        case 0: return InstanceGenerator.chain(options: k, rng: &rng)
        case 1: return InstanceGenerator.chain(options: k, endpoints: true, rng: &rng)
        default: return InstanceGenerator.adversarial(options: k, rng: &rng)
        }
    }
}

/// Seeds like the product's: all-device, all-cloud, min-total options (partition-only),
/// and one fixed option with a Johnson order (schedule-only), plus a random plan.
private func seeds(_ options: [[StageTimes]], _ rng: inout SplitMix64) -> [JobLevelPlan] {
    let n = options.count
    func plan(_ choice: [Int], _ order: [Int]) -> JobLevelPlan {
        JobLevelPlan(choice: choice, order: order,
                     makespan: Pipeline.makespan(order: order, times: (0..<n).map { options[$0][choice[$0]] }))
    }
    let identity = Array(0..<n)
    let local = options.map { $0.count - 1 }
    let cloud = options.map { _ in 0 }
    let minTotal = options.map { list in list.indices.min { list[$0].total < list[$1].total } ?? 0 }
    var shuffled = identity
    shuffled.shuffle(using: &rng)
    let random = options.map { rng.integer(0...($0.count - 1)) }
    return [plan(local, identity), plan(cloud, identity), plan(minTotal, identity.reversed()), plan(random, shuffled)]
}

@Test func jointSolverMatchesBruteForceAndSeeds() {
    var rng = SplitMix64(seed: 31)
    var gaps: [Double] = []
    for instance in 0..<150 {
        let n = rng.integer(1...5)
        let options = mixedOptions(n, instance % 3, &rng)
        let given = seeds(options, &rng)
        let plan = JointSolver.solve(options: options, seeds: given)
        let recomputed = Pipeline.makespan(order: plan.order, times: (0..<n).map { options[$0][plan.choice[$0]] })
        #expect(abs(recomputed - plan.makespan) <= 1e-9 * max(1, recomputed))
        #expect(plan.order.sorted() == Array(0..<n))
        for seed in given { #expect(plan.makespan <= seed.makespan) }
        let optimum = BruteForce.bestPlan(options)
        #expect(plan.makespan >= optimum - 1e-9 * max(1, optimum))
        let gap = optimum > 0 ? plan.makespan / optimum - 1 : 0
        gaps.append(gap)
        #expect(gap <= 0.03)
    }
    let within = Double(gaps.filter { $0 <= 0.01 }.count) / Double(gaps.count)
    #expect(within >= 0.95)
}

@Test func jointSolverUsesHomogeneousSolverForIdenticalJobs() {
    var rng = SplitMix64(seed: 32)
    for instance in 0..<60 {
        let k = rng.integer(1...4)
        let list = instance % 2 == 0
            ? InstanceGenerator.chain(options: k, endpoints: true, rng: &rng)
            : InstanceGenerator.adversarial(options: k, rng: &rng)
        let n = rng.integer(1...5)
        let plan = JointSolver.solve(options: Array(repeating: list, count: n))
        let optimum = BruteForce.homogeneous(options: list, count: n)
        #expect(abs(plan.makespan - optimum) <= 1e-9 * max(1, optimum))
    }
}

@Test func jointSolverIsDeterministicAndHandlesEdgeCases() {
    var rng = SplitMix64(seed: 33)
    let options = (0..<30).map { _ in InstanceGenerator.chain(options: rng.integer(5...12), rng: &rng) }
    #expect(JointSolver.solve(options: options) == JointSolver.solve(options: options))
    let big = (0..<120).map { _ in InstanceGenerator.chain(options: 6, rng: &rng) }
    let bigPlan = JointSolver.solve(options: big)
    #expect(bigPlan.order.sorted() == Array(0..<120))
    #expect(JointSolver.solve(options: []) == JobLevelPlan(choice: [], order: [], makespan: 0))
    // A job without options gets -1 and takes no time; invalid seeds are ignored.
    let withEmpty: [[StageTimes]] = [[], [StageTimes(device: 1, uplink: 1, cloud: 1)]]
    let invalid = JobLevelPlan(choice: [0, 5], order: [1, 1], makespan: 0)
    let plan = JointSolver.solve(options: withEmpty, seeds: [invalid])
    #expect(plan.choice == [-1, 0])
    #expect(plan.makespan == 3)
}

@Test func jointSolverQualityOnSixToEightJobs() {
    var rng = SplitMix64(seed: 34)
    var gaps: [Double] = []
    for _ in 0..<24 {
        let n = rng.integer(6...8)
        let options = (0..<n).map { _ in InstanceGenerator.chain(options: rng.integer(3...6), rng: &rng) }
        let plan = JointSolver.solve(options: options)
        let exact = ExactJointSearch.solve(options: options, upperBound: plan.makespan).makespan
        #expect(plan.makespan >= exact - 1e-9 * exact)
        gaps.append(plan.makespan / exact - 1)
    }
    let sorted = gaps.sorted()
    let mean = gaps.reduce(0, +) / Double(gaps.count)
    let p95 = sorted[min(sorted.count - 1, Int(0.95 * Double(sorted.count - 1) + 0.999))]
    let within = Double(gaps.filter { $0 <= 0.01 }.count) / Double(gaps.count)
    print("JointSolver gap vs exact (6-8 jobs): mean \(mean * 100)%, p95 \(p95 * 100)%, max \((sorted.last ?? 0) * 100)%, within 1%: \(within * 100)%")
    #expect((sorted.last ?? 0) <= 0.03)
    #expect(within >= 0.9)
}
