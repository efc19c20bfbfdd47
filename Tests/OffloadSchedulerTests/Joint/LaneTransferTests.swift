import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

@Test func laneTransferReproducesPipeline() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<500 {
        let n = rng.integer(1...7)
        let times = (0..<n).map { _ in
            StageTimes(
                device: rng.integer(0...2) == 0 ? 0 : rng.uniform(0...10),
                uplink: rng.integer(0...2) == 0 ? 0 : rng.uniform(0...10),
                cloud: rng.integer(0...2) == 0 ? 0 : rng.uniform(0...10))
        }
        let expected = Pipeline.makespan(order: Array(0..<n), times: times)
        var product = LaneTransfer.identity
        var lanes = LaneVector.zero
        var tails = LaneVector.zero
        for t in times { product = product.then(LaneTransfer(t)); lanes = lanes.through(LaneTransfer(t)) }
        for t in times.reversed() { tails = tails.before(LaneTransfer(t)) }
        #expect(abs(product.makespan - expected) < 1e-9)
        #expect(abs(lanes.largest - expected) < 1e-9)
        #expect(abs(LaneVector.zero.meeting(tails) - expected) < 1e-9)
    }
}

@Test func repeatedBlockMatchesProduct() {
    var rng = SplitMix64(seed: 12)
    for _ in 0..<300 {
        let t = InstanceGenerator.adversarial(options: 1, rng: &rng)[0]
        let m = rng.integer(1...6)
        var product = LaneTransfer.identity
        for _ in 0..<m { product = product.then(LaneTransfer(t)) }
        #expect(product == LaneTransfer(t, repeated: m))
    }
}
