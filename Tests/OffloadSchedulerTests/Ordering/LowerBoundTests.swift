import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

@Test func lowerBoundNeverExceedsBruteForceOptimum() {
    var rng = SplitMix64(seed: 20)
    var ratioSum = 0.0, count = 0
    for _ in 0..<400 {
        let jobs = rng.integer(1...5)
        let options = Instances.options(&rng, jobs: jobs, maxOptions: jobs == 5 ? 3 : 4)
        let optimum = BruteForce.bestPlan(options)
        let bound = LowerBound.makespan(options: options)
        #expect(bound <= optimum * (1 + 1e-12) + 1e-12)
        if optimum > 0 { ratioSum += bound / optimum; count += 1 }
    }
    let average = ratioSum / Double(count)
    print("LowerBound: average bound/optimum \(average) on \(count) random instances (n ≤ 5)")
    #expect(average > 0.75)
}

@Test func lowerBoundIsExactForOneJob() {
    var rng = SplitMix64(seed: 21)
    for _ in 0..<200 {
        let options = Instances.options(&rng, jobs: 1, maxOptions: 6)
        #expect(nearlyEqual(LowerBound.makespan(options: options), BruteForce.bestPlan(options)))
    }
}

/// Many equal jobs with a device-only and a cloud-only option: the load
/// balance bound is what carries the weight here.
@Test func lowerBoundCapturesTheDeviceUplinkTradeOff() {
    let job = [StageTimes(device: 10, uplink: 0, cloud: 0), StageTimes(device: 0, uplink: 10, cloud: 1)]
    let options = Array(repeating: job, count: 4)
    let optimum = BruteForce.bestPlan(options)
    let bound = LowerBound.makespan(options: options)
    #expect(optimum == 21)
    #expect(bound <= optimum)
    #expect(bound >= 20)
}

@Test func lowerBoundWithFixedTimes() {
    var rng = SplitMix64(seed: 22)
    for _ in 0..<300 {
        let times = (0..<rng.integer(1...6)).map { _ in Instances.option(&rng) }
        let bound = LowerBound.makespan(options: times.map { [$0] })
        #expect(bound <= BruteForce.bestOrder(times) * (1 + 1e-12) + 1e-12)
    }
    #expect(LowerBound.makespan(options: []) == 0)
    #expect(LowerBound.makespan(options: [[], [StageTimes(device: 1, uplink: 2, cloud: 3)]]) == 6)
}

/// The load front, coarsened or not, never claims more than the best
/// max(Σ device, Σ uplink) over all option choices, and is exact uncoarsened.
@Test func loadFrontBoundsTheIntegralLoadBalance() {
    var rng = SplitMix64(seed: 23)
    for _ in 0..<200 {
        let options = Instances.options(&rng, jobs: rng.integer(1...5), maxOptions: 4)
        var best = Double.infinity
        var choice = Array(repeating: 0, count: options.count)
        func choose(_ job: Int) {
            if job == options.count {
                var device = 0.0, uplink = 0.0
                for (j, o) in choice.enumerated() { device += options[j][o].device; uplink += options[j][o].uplink }
                best = min(best, max(device, uplink))
                return
            }
            for option in options[job].indices { choice[job] = option; choose(job + 1) }
        }
        choose(0)
        var exact = LoadFront.empty, coarse = LoadFront.empty
        for job in options {
            exact = exact.adding(LoadFront(options: job), limit: 10_000)
            coarse = coarse.adding(LoadFront(options: job), limit: 2)
        }
        #expect(nearlyEqual(exact.bound(device: 0, uplink: 0), best))
        #expect(coarse.bound(device: 0, uplink: 0) <= best * (1 + 1e-12))
        #expect(coarse.points.count <= 2)
    }
}

@Test func lowerBoundDoesNotTrapOnOddInput() {
    let odd = [
        [StageTimes(device: .nan, uplink: 1, cloud: 2), StageTimes(device: .infinity, uplink: 0, cloud: 0)],
        [StageTimes(device: -3, uplink: .infinity, cloud: 1), StageTimes(device: 2, uplink: 2, cloud: .nan)],
    ]
    _ = LowerBound.makespan(options: odd)
    // Negative and NaN stages count as skipped, as in Pipeline.
    #expect(LowerBound.makespan(options: [[StageTimes(device: -3, uplink: .nan, cloud: 4)]]) == 4)
}
