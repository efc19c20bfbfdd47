import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

/// Instances of each case Johnson's rule claims to solve, with zero stages.
private func johnsonInstance(_ rng: inout SplitMix64, kind: Int, jobs: Int) -> [StageTimes] {
    func time(_ rng: inout SplitMix64, zero: Double = 0.3) -> Double {
        rng.chance(zero) ? 0 : (rng.chance(0.5) ? Double(rng.integer(1...9)) : rng.uniform(0.1...10))
    }
    return (0..<jobs).map { _ in
        switch kind {
        case 0: return StageTimes(device: time(&rng), uplink: 0, cloud: time(&rng))
        case 1: return StageTimes(device: time(&rng), uplink: time(&rng), cloud: 0)
        case 2: return StageTimes(device: 0, uplink: time(&rng), cloud: time(&rng))
        case 3: // min device ≥ max uplink; zeros allowed in uplink and cloud
            return StageTimes(device: 5 + time(&rng, zero: 0), uplink: rng.chance(0.3) ? 0 : rng.uniform(0...5),
                              cloud: time(&rng))
        default: // min cloud ≥ max uplink; zeros allowed in device and uplink
            return StageTimes(device: time(&rng), uplink: rng.chance(0.3) ? 0 : rng.uniform(0...5),
                              cloud: 5 + time(&rng, zero: 0))
        }
    }
}

@Test(arguments: 0..<5)
func johnsonCasesAreOptimal(kind: Int) {
    var rng = SplitMix64(seed: 100 + UInt64(kind))
    for _ in 0..<150 {
        let times = johnsonInstance(&rng, kind: kind, jobs: rng.integer(1...7))
        #expect(FlowShop.isJohnsonOptimal(times))
        let order = FlowShop.order(times)
        #expect(order.sorted() == Array(0..<times.count))
        #expect(nearlyEqual(Pipeline.makespan(order: order, times: times), BruteForce.bestOrder(times)))
    }
}

/// On random instances (zeros, device-only and cloud-only jobs, duplicates):
/// a permutation, never better than brute force (sanity), and optimal
/// whenever Johnson's rule is claimed to apply.
@Test func randomInstancesAgainstBruteForce() {
    var rng = SplitMix64(seed: 7)
    var johnsonCount = 0, heuristicCount = 0, heuristicOptimal = 0
    for _ in 0..<400 {
        let jobs = rng.integer(1...7)
        var times = (0..<jobs).map { _ in Instances.option(&rng) }
        if jobs > 1, rng.chance(0.3) { times[0] = times[jobs - 1] }
        let order = FlowShop.order(times)
        #expect(order.sorted() == Array(0..<jobs))
        let value = Pipeline.makespan(order: order, times: times)
        let best = BruteForce.bestOrder(times)
        #expect(value >= best - 1e-9 * max(1, best))
        if FlowShop.isJohnsonOptimal(times) {
            johnsonCount += 1
            #expect(nearlyEqual(value, best))
        } else {
            heuristicCount += 1
            if nearlyEqual(value, best) { heuristicOptimal += 1 }
        }
    }
    print("FlowShop: Johnson cases \(johnsonCount); heuristic cases \(heuristicCount), optimal in \(heuristicOptimal)")
    #expect(johnsonCount > 0 && heuristicCount > 0)
}

@Test func heuristicIsMostlyOptimalOnSmallThreeLaneInstances() {
    var rng = SplitMix64(seed: 8)
    var optimal = 0, worst = 1.0
    let trials = 200
    for _ in 0..<trials {
        let times = (0..<rng.integer(4...7)).map { _ in
            StageTimes(device: rng.uniform(0...10), uplink: rng.uniform(0...10), cloud: rng.uniform(0...10))
        }
        let value = Pipeline.makespan(order: FlowShop.order(times), times: times)
        let best = BruteForce.bestOrder(times)
        if nearlyEqual(value, best) { optimal += 1 }
        worst = max(worst, value / best)
    }
    print("FlowShop heuristic: optimal on \(optimal)/\(trials), worst ratio \(worst)")
    #expect(optimal * 10 >= trials * 8)
    #expect(worst < 1.1)
}

@Test func orderIsDeterministicAndHandlesLargeInputs() {
    var rng = SplitMix64(seed: 9)
    let times = (0..<300).map { _ in
        StageTimes(device: rng.uniform(1...300), uplink: rng.chance(0.2) ? 0 : rng.uniform(0...400),
                   cloud: rng.uniform(0.5...15))
    }
    let order = FlowShop.order(times)
    #expect(order.sorted() == Array(0..<times.count))
    #expect(order == FlowShop.order(times))
    #expect(Pipeline.makespan(order: order, times: times) >= LowerBound.makespan(options: times.map { [$0] }))
}

@Test func degenerateInputsDoNotTrap() {
    #expect(FlowShop.order([]) == [])
    #expect(FlowShop.order([StageTimes(device: 1, uplink: 2, cloud: 3)]) == [0])
    let odd = [
        StageTimes(device: .nan, uplink: 1, cloud: 2),
        StageTimes(device: -1, uplink: 3, cloud: .infinity),
        StageTimes(device: 2, uplink: 5, cloud: 1),
        StageTimes(device: 0, uplink: 0, cloud: 0),
    ]
    #expect(FlowShop.order(odd).sorted() == [0, 1, 2, 3])
}
