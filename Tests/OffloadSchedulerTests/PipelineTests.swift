import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

@Suite struct PipelineTests {
    /// Worked by hand, order 0, 1, 2, 3:
    /// job 0 (2, 3, 1): device 0–2, uplink 2–5, cloud 5–6.
    /// job 1 (4, 1, 2): device 2–6, uplink 6–7, cloud 7–9.
    /// job 2 (0, 2, 5) cloud only: skips the device, uplink 7–9, cloud 9–14.
    /// job 3 (3, 0, 0) device only: device 6–9, never waits for the uplink.
    static let times = [
        StageTimes(device: 2, uplink: 3, cloud: 1), StageTimes(device: 4, uplink: 1, cloud: 2),
        StageTimes(device: 0, uplink: 2, cloud: 5), StageTimes(device: 3, uplink: 0, cloud: 0),
    ]

    @Test func makespanWorkedByHand() {
        #expect(Pipeline.makespan(order: [0, 1, 2, 3], times: Self.times) == 14)
        // Cloud-only job first: uplink 0–2, cloud 2–7; job 0 uplink 2–5 … cloud 7–8;
        // job 1 device 2–6, uplink 6–7, cloud 8–10; job 3 device 6–9.
        #expect(Pipeline.makespan(order: [2, 0, 1, 3], times: Self.times) == 10)
    }

    @Test func segmentsWorkedByHand() {
        let (segments, finish) = Pipeline.schedule(order: [0, 1, 2, 3], times: Self.times)
        #expect(finish == [6, 9, 14, 9])
        let expected: [(Lane, Int, Double, Double)] = [
            (.device, 0, 0, 2), (.uplink, 0, 2, 5), (.cloud, 0, 5, 6),
            (.device, 1, 2, 6), (.uplink, 1, 6, 7), (.cloud, 1, 7, 9),
            (.uplink, 2, 7, 9), (.cloud, 2, 9, 14),
            (.device, 3, 6, 9),
        ]
        #expect(segments.map { [$0.lane.rawValue, $0.job] } == expected.map { [$0.0.rawValue, $0.1] })
        #expect(segments.map { [$0.startMs, $0.endMs] } == expected.map { [$0.2, $0.3] })
    }

    @Test func scheduleAgreesWithMakespanOnRandomInstances() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let count = Int.random(in: 1...7, using: &random)
            let times = (0..<count).map { _ in
                StageTimes(device: random.maybeZero(10), uplink: random.maybeZero(10), cloud: random.maybeZero(10))
            }
            let order = Array(0..<count).shuffled(using: &random)
            let (segments, finish) = Pipeline.schedule(order: order, times: times)
            #expect(finish.max() == Pipeline.makespan(order: order, times: times))
            #expect(Feasibility.violations(segments: segments, times: times, order: order).isEmpty)
        }
    }
}
