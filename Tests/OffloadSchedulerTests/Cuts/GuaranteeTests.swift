import OffloadModel
import Testing
@testable import OffloadScheduler
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct GuaranteeTests {
    /// The brute-force optimum over every closed cut equals the best candidate, for random
    /// small DAGs (ties, zeros, duplicate inputs, input-less layers) and random positive
    /// weightings with latency.
    @Test(arguments: 0..<8)
    func candidatesAttainTheOptimum(batch: Int) {
        var rng = SplitMix64(seed: 0xC075 &+ UInt64(batch))
        for graphIndex in 0..<60 {
            let graph = SmallGraphs.random(&rng)
            // The default work budget finishes small graphs: the guarantee is the exact one.
            let result = CutEnumeration.enumerate(graph)
            #expect(result.isComplete)
            let candidates = result.cuts
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            let bytesScale = Double(max(1, all.map(\.uplinkBytes).max() ?? 1))
            for _ in 0..<40 {
                let w = Weighting.random(&rng, bytesScale: bytesScale)
                let truth = all.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? 0
                let best = candidates.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? .infinity
                #expect(abs(best - truth) <= 1e-9 * abs(truth) + 1e-300,
                        "batch \(batch) graph \(graphIndex): best \(best) vs truth \(truth) under \(w)\n\(graph)")
            }
        }
    }

    /// Every cut that is the unique optimum for some weighting on the brute-force lower hull
    /// is present: checked through weights sampled near the simplex corners and edges too.
    @Test func extremeWeightsAreCovered() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<150 {
            let graph = SmallGraphs.random(&rng)
            let candidates = CutEnumeration.compute(graph)
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            let scale = Double(max(1, all.map(\.uplinkBytes).max() ?? 1))
            for a in [1e-7, 1e-3, 1.0, 1e3, 1e7] {
                for b in [1e-7, 1e-3, 1.0, 1e3, 1e7] {
                    for latency in [0.0, 1.0] {
                        let w = Weighting(device: a, bytes: b / scale, cloud: 1, latency: latency)
                        let truth = all.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? 0
                        let best = candidates.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? .infinity
                        #expect(abs(best - truth) <= 1e-9 * abs(truth) + 1e-300, "\(w)\n\(graph)")
                    }
                }
            }
        }
    }

    /// The series-block oracle and the single-network oracle agree with brute force.
    @Test func oraclesAgreeWithBruteForce() {
        var rng = SplitMix64(seed: 4242)
        for _ in 0..<300 {
            let graph = SmallGraphs.random(&rng)
            let topology = CutTopology(graph)
            let n = graph.layerCount
            let whole = MinCutOracle(graph: graph, topology: topology, block: 0..<n, entry: -1,
                                     placement: Array(repeating: .free, count: n))
            let blocks = CutOracle(graph: graph, topology: topology)
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            for _ in 0..<10 {
                let w = Weighting.random(&rng, bytesScale: 1 + Double(graph.outputBytes.max() ?? 0))
                func value(_ p: CutBruteForce.Profile) -> Double {
                    w.device * p.deviceMs + w.bytes * Double(p.uplinkBytes) + w.cloud * p.cloudMs
                }
                let truth = all.map(value).min() ?? 0
                for set in [whole.minimise(w.device, w.bytes, w.cloud), blocks.minimise(w.device, w.bytes, w.cloud)] {
                    #expect(CutBruteForce.isClosed(graph, set))
                    let got = value(CutBruteForce.profile(graph, set))
                    #expect(abs(got - truth) <= 1e-9 * abs(truth) + 1e-300, "\(w)\n\(graph)")
                }
            }
        }
    }
}

@Suite struct MediumGraphTests {
    /// Graphs too big for brute force: at random and extreme positive weightings the best
    /// candidate is as good as a minimum cut of the whole, undecomposed network (which in
    /// turn is checked against brute force above).
    @Test(arguments: 0..<4)
    func candidatesMatchTheWholeNetworkOptimum(batch: Int) throws {
        var rng = SplitMix64(seed: 555 &+ UInt64(batch))
        for g in 0..<12 {
            let graph = g % 3 == 0
                ? SyntheticGraphs.randomDAG(layers: Int.random(in: 20...160, using: &rng), seed: UInt64(batch * 100 + g))
                : g % 3 == 1 ? SmallGraphs.random(&rng, maxLayers: 60)
                : SyntheticGraphs.resNetLike(layers: Int.random(in: 20...120, using: &rng), seed: UInt64(g))
            let result = CutEnumeration.enumerate(graph)
            #expect(result.isComplete, "graph \(g)")
            let candidates = result.cuts
            let topology = CutTopology(graph)
            let n = graph.layerCount
            let whole = MinCutOracle(graph: graph, topology: topology, block: 0..<n, entry: -1,
                                     placement: Array(repeating: .free, count: n))
            let bytesScale = Double(max(1, candidates.map(\.uplinkBytes).max() ?? 1))
            for k in 0..<60 {
                let w = k % 2 == 0
                    ? Weighting.random(&rng, bytesScale: bytesScale, decades: 10)
                    : Weighting(device: pow(10, Double.random(in: -8...8, using: &rng)),
                                bytes: pow(10, Double.random(in: -8...8, using: &rng)) / bytesScale, cloud: 1, latency: 0)
                func value(_ c: Cut) -> Double { w.device * c.deviceMs + w.bytes * Double(c.uplinkBytes) + w.cloud * c.cloudMs }
                let optimum = try #require(graph.profile(onDevice: whole.minimise(w.device, w.bytes, w.cloud)))
                let best = candidates.map(value).min() ?? .infinity
                #expect(abs(best - value(optimum)) <= 1e-9 * value(optimum), "graph \(g): \(best) vs \(value(optimum)) under \(w)")
            }
        }
    }
}
