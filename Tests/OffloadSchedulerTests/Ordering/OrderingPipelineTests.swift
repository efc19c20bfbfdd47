import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

/// Hand-worked example (times in ms):
///   job 0 = (device 2, uplink 3, cloud 1), a split
///   job 1 = (device 0, uplink 2, cloud 4), cloud-only: it skips the device
///   job 2 = (device 5, uplink 0, cloud 0), device-only
///
/// Order [0, 1, 2]:
///   job 0: device 0–2, uplink 2–5, cloud 5–6.
///   job 1: no device stage, so ready at 0; uplink max(5, 0) = 5–7; cloud max(6, 7) = 7–11.
///   job 2: device 2–7, nothing else.                              makespan = max(6, 11, 7) = 11
/// Order [1, 0, 2]:
///   job 1: uplink 0–2, cloud 2–6.
///   job 0: device 0–2, uplink max(2, 2) = 2–5, cloud max(6, 5) = 6–7.
///   job 2: device 2–7.                                            makespan = 7
/// Order [2, 1, 0]:
///   job 2: device 0–5.
///   job 1: uplink 0–2 (it does not wait for the device), cloud 2–6.
///   job 0: device 5–7, uplink 7–10, cloud 10–11.                   makespan = 11
/// Order [0, 2, 1]: job 0 as above (ends 6); job 2: device 2–7;
///   job 1: uplink max(5, 0) = 5–7, cloud max(6, 7) = 7–11.         makespan = 11
@Test func pipelineMatchesHandWorkedExample() {
    let times = [
        StageTimes(device: 2, uplink: 3, cloud: 1),
        StageTimes(device: 0, uplink: 2, cloud: 4),
        StageTimes(device: 5, uplink: 0, cloud: 0),
    ]
    #expect(Pipeline.makespan(order: [0, 1, 2], times: times) == 11)
    #expect(Pipeline.makespan(order: [1, 0, 2], times: times) == 7)
    #expect(Pipeline.makespan(order: [2, 1, 0], times: times) == 11)
    #expect(Pipeline.makespan(order: [0, 2, 1], times: times) == 11)
    #expect(BruteForce.bestOrder(times) == 7)
    #expect(Pipeline.makespan(order: FlowShop.order(times), times: times) == 7)
}

@Test func laneAvailabilityReproducesPipelineBitForBit() {
    var rng = SplitMix64(seed: 1)
    for _ in 0..<200 {
        let times = (0..<rng.integer(0...9)).map { _ in Instances.option(&rng) }
        let order = Array(0..<times.count).shuffled(using: &rng)
        var state = LaneAvailability.start
        for job in order { state = state.after(times[job]) }
        #expect(state.makespan == Pipeline.makespan(order: order, times: times))
    }
}

/// Splitting an order anywhere into prefix state and suffix tail gives the makespan.
@Test func suffixTailsComposeWithPrefixStates() {
    var rng = SplitMix64(seed: 2)
    for _ in 0..<300 {
        let times = (0..<rng.integer(1...8)).map { _ in Instances.option(&rng) }
        let order = Array(0..<times.count).shuffled(using: &rng)
        let expected = Pipeline.makespan(order: order, times: times)
        for split in 0...order.count {
            var state = LaneAvailability.start
            for job in order[..<split] { state = state.after(times[job]) }
            var tail = SuffixTail.empty
            for job in order[split...].reversed() { tail = tail.prepending(times[job]) }
            #expect(nearlyEqual(state.finished(with: tail), expected))
        }
    }
}

/// Lowering any stage time, even to zero (the stage is then skipped), never
/// raises the makespan: the basis of option dominance.
@Test func makespanIsMonotoneInStageTimes() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<500 {
        let times = (0..<rng.integer(1...6)).map { _ in Instances.option(&rng) }
        let order = Array(0..<times.count).shuffled(using: &rng)
        var smaller = times
        let job = rng.integer(0...(times.count - 1))
        switch rng.integer(0...2) {
        case 0: smaller[job].device = rng.chance(0.5) ? 0 : smaller[job].device * rng.uniform(0...1)
        case 1: smaller[job].uplink = rng.chance(0.5) ? 0 : smaller[job].uplink * rng.uniform(0...1)
        default: smaller[job].cloud = rng.chance(0.5) ? 0 : smaller[job].cloud * rng.uniform(0...1)
        }
        #expect(Pipeline.makespan(order: order, times: smaller) <= Pipeline.makespan(order: order, times: times))
    }
}
