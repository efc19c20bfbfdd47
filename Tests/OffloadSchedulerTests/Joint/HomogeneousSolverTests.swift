import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

/// Random option lists of three kinds: chain-like (with and without cloud-only and
/// device-only endpoints), adversarial integers with zeros, and unstructured reals.
private func randomOptions(_ kind: Int, _ k: Int, _ rng: inout SplitMix64) -> [StageTimes] {
    switch kind {
    case 0: return InstanceGenerator.chain(options: k, rng: &rng)
    case 1: return InstanceGenerator.chain(options: k, endpoints: true, rng: &rng)
    case 2: return InstanceGenerator.adversarial(options: k, rng: &rng)
    default: return InstanceGenerator.uniform(options: k, rng: &rng)
    }
}

@Test func homogeneousEqualsBruteForce() {
    var rng = SplitMix64(seed: 21)
    var proven = 0, total = 0
    for instance in 0..<240 {
        let kind = instance % 4
        let k = rng.integer(1...6)
        let maxCount = k <= 3 ? 6 : (k <= 4 ? 5 : 4)
        let count = rng.integer(1...maxCount)
        let options = randomOptions(kind, k, &rng)
        let analysis = HomogeneousSolver.analyze(options: options, count: count)
        let plan = analysis.plan
        let brute = BruteForce.homogeneous(options: options, count: count)
        let recomputed = Pipeline.makespan(order: plan.order, times: plan.choice.map { options[$0] })
        #expect(abs(recomputed - plan.makespan) <= 1e-9 * max(1, brute))
        #expect(abs(plan.makespan - brute) <= 1e-9 * max(1, brute), "kind \(kind) k \(k) n \(count)")
        #expect(analysis.lowerBound <= brute + 1e-9 * max(1, brute))
        total += 1
        if analysis.isProvenOptimal { proven += 1 }
    }
    #expect(proven == total)
}

@Test func homogeneousLargeCountIsFastAndBounded() {
    var rng = SplitMix64(seed: 22)
    let options = InstanceGenerator.chain(options: 15, endpoints: true, rng: &rng)
    let analysis = HomogeneousSolver.analyze(options: options, count: 100_000)
    #expect(analysis.plan.choice.count == 100_000)
    #expect(analysis.lowerBound <= analysis.plan.makespan)
    // Not proven optimal at this size (see docs/homogeneous-chains.md); the gap to the
    // fractional lower bound stays small.
    #expect(analysis.plan.makespan <= analysis.lowerBound * 1.05)
}

@Test func homogeneousEdgeCases() {
    let empty = HomogeneousSolver.solve(options: [], count: 3)
    #expect(empty.choice == [-1, -1, -1])
    #expect(empty.makespan == 0)
    let none = HomogeneousSolver.solve(options: [StageTimes(device: 1, uplink: 2, cloud: 3)], count: 0)
    #expect(none.choice.isEmpty && none.makespan == 0)
    let one = HomogeneousSolver.solve(options: [StageTimes(device: 1, uplink: 2, cloud: 3)], count: 4)
    // a + b + c + (n - 1) max(a, b, c)
    #expect(abs(one.makespan - (6 + 3 * 3)) < 1e-12)
}

@Test func counterexamplesToTwoCutStructure() {
    // Two lanes: (0,10), (10,0), (6,6). For 3 jobs the unique optimum uses all three cuts.
    let options = [
        StageTimes(device: 0, uplink: 10, cloud: 0),
        StageTimes(device: 10, uplink: 0, cloud: 0),
        StageTimes(device: 6, uplink: 6, cloud: 0),
    ]
    let plan = HomogeneousSolver.solve(options: options, count: 3)
    #expect(plan.makespan == 16)
    #expect(Set(plan.choice).count == 3)
    // Three lanes: the optimum must interleave (1,2,0) and (1,0,2); any grouping is worse.
    let alternating = [StageTimes(device: 1, uplink: 2, cloud: 0), StageTimes(device: 1, uplink: 0, cloud: 2)]
    let best = HomogeneousSolver.solve(options: alternating, count: 4)
    #expect(best.makespan == BruteForce.homogeneous(options: alternating, count: 4))
    let grouped = Pipeline.makespan(order: [0, 1, 2, 3], times: [alternating[1], alternating[1], alternating[0], alternating[0]])
    #expect(best.makespan < grouped)
}
