import OffloadModel
import Testing
@testable import OffloadScheduler

@Suite struct CandidateTests {
    /// Candidates are closed, their numbers match a brute-force recomputation, they are
    /// sorted, pairwise non-dominated and distinct, and include nothing-on-device or a
    /// cut dominating it, likewise for everything-on-device.
    @Test func candidatesAreWellFormed() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<400 {
            let graph = SmallGraphs.random(&rng, maxLayers: 14)
            let candidates = CutEnumeration.compute(graph)
            #expect(!candidates.isEmpty)
            for c in candidates {
                #expect(c.onDevice.count == graph.layerCount)
                #expect(graph.isClosed(onDevice: c.onDevice))
                #expect(CutBruteForce.isClosed(graph, c.onDevice))
                let p = CutBruteForce.profile(graph, c.onDevice)
                #expect(p.uplinkBytes == c.uplinkBytes)
                #expect(p.sent == c.sentTensors)
                // Bit-identical: both sum from 0.0 in ascending layer order, as the product's
                // ModelGraph.cut(onDevice:) does.
                #expect(p.deviceMs == c.deviceMs)
                #expect(p.cloudMs == c.cloudMs)
                #expect(graph.profile(onDevice: c.onDevice) == c)
            }
            for (a, b) in zip(candidates, candidates.dropFirst()) {
                #expect(a.deviceMs < b.deviceMs || (a.deviceMs == b.deviceMs && a.uplinkBytes <= b.uplinkBytes))
            }
            for a in candidates {
                for b in candidates where a != b {
                    let dominates = a.deviceMs <= b.deviceMs && a.uplinkBytes <= b.uplinkBytes && a.cloudMs <= b.cloudMs
                    #expect(!dominates, "\(a) dominates \(b)")
                }
            }
            let n = graph.layerCount
            for extreme in [[Bool](repeating: false, count: n), [Bool](repeating: true, count: n)] {
                guard let p = graph.profile(onDevice: extreme) else { continue }
                #expect(candidates.contains { $0.deviceMs <= p.deviceMs && $0.uplinkBytes <= p.uplinkBytes && $0.cloudMs <= p.cloudMs })
            }
        }
    }

    /// Chains give exactly the non-dominated prefixes (one per distinct profile).
    @Test func chainsGiveTheNonDominatedPrefixes() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let n = Int.random(in: 1...40, using: &rng)
            let tieHeavy = Bool.random(using: &rng)
            let graph = CutGraph(
                inputBytes: Int.random(in: 0...1_000, using: &rng),
                deviceMs: (0..<n).map { _ in tieHeavy ? Double(Int.random(in: 0...2, using: &rng)) : Double.random(in: 0...5, using: &rng) },
                cloudMs: (0..<n).map { _ in tieHeavy ? Double(Int.random(in: 0...2, using: &rng)) : Double.random(in: 0...1, using: &rng) },
                outputBytes: (0..<n).map { _ in Int.random(in: 0...1_000, using: &rng) },
                inputs: (0..<n).map { [$0 - 1] })
            let prefixes = (0...n).map { k in graph.profile(onDevice: (0..<n).map { $0 < k })! }
            let expected = Set(prefixes.filter { p in
                !prefixes.contains { q in
                    q.deviceMs <= p.deviceMs && q.uplinkBytes <= p.uplinkBytes && q.cloudMs <= p.cloudMs
                        && (q.deviceMs, q.uplinkBytes, q.cloudMs) != (p.deviceMs, p.uplinkBytes, p.cloudMs)
                }
            }.map { Triple(device: $0.deviceMs, bytes: $0.uplinkBytes, cloud: $0.cloudMs) })
            let candidates = CutEnumeration.compute(graph)
            let got = candidates.map { Triple(device: $0.deviceMs, bytes: $0.uplinkBytes, cloud: $0.cloudMs) }
            #expect(Set(got) == expected)
            #expect(got.count == expected.count)
            for c in candidates {
                // Each is a prefix.
                let k = c.onDevice.firstIndex(of: false) ?? n
                #expect(c.onDevice == (0..<n).map { $0 < k })
            }
        }
    }

    struct Triple: Hashable {
        var device: Double
        var bytes: Int
        var cloud: Double
    }

    /// Output is a pure function of the input.
    @Test func deterministic() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<50 {
            let graph = SmallGraphs.random(&rng, maxLayers: 14)
            #expect(CutEnumeration.compute(graph) == CutEnumeration.compute(graph))
        }
        let big = SyntheticGraphs.randomDAG(layers: 300, seed: 3)
        #expect(CutEnumeration.compute(big) == CutEnumeration.compute(big))
    }

    /// Zero, subnormal and huge magnitudes neither trap nor hang and give closed cuts with
    /// exact profiles; with zeros and a 1e6 spread per axis the optimum is still exact.
    /// (Spreads near the limits of `Double` can lose hull vertices that matter only under
    /// correspondingly extreme weightings.)
    @Test(arguments: [[0, Double.leastNonzeroMagnitude, 1e-300, 1e-9, 1, 1e9, 1e300], [0, 1e-3, 1, 1e3]])
    func extremeMagnitudes(magnitudes: [Double]) {
        var rng = SplitMix64(seed: 8)
        let exact = magnitudes.max() ?? 0 < 1e6
        for _ in 0..<300 {
            let shape = SmallGraphs.random(&rng, maxLayers: 10)
            let n = shape.layerCount
            let sizes = exact ? [0, 1, 1_000, 1_000_000] : [0, 1, 1 << 40, 1 << 60]
            let graph = CutGraph(
                inputBytes: sizes.randomElement(using: &rng) ?? 0,
                deviceMs: (0..<n).map { _ in magnitudes.randomElement(using: &rng) ?? 0 },
                cloudMs: (0..<n).map { _ in magnitudes.randomElement(using: &rng) ?? 0 },
                outputBytes: (0..<n).map { _ in sizes.randomElement(using: &rng) ?? 0 },
                inputs: shape.inputs)
            guard graph.validationIssue == nil else { continue }
            let candidates = CutEnumeration.compute(graph)
            #expect(!candidates.isEmpty)
            for c in candidates {
                #expect(CutBruteForce.isClosed(graph, c.onDevice))
                #expect(graph.profile(onDevice: c.onDevice) == c)
            }
            guard exact else { continue }
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            for _ in 0..<20 {
                let w = Weighting.random(&rng, bytesScale: 1_000, decades: 6)
                let truth = all.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? 0
                let best = candidates.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? .infinity
                #expect(abs(best - truth) <= 1e-9 * truth + 1e-300, "\(w)\n\(graph)")
            }
        }
    }

    /// Wide fan-out from the raw input and one layer feeding many: tensors still paid once.
    @Test func wideFanOut() throws {
        let n = 300
        var inputs: [[Int]] = [[-1]]
        for i in 1..<n { inputs.append(i % 2 == 0 ? [-1, 0] : [0, i - 1]) }
        let graph = CutGraph(inputBytes: 1_000, deviceMs: Array(repeating: 1, count: n),
                             cloudMs: Array(repeating: 0.1, count: n), outputBytes: Array(repeating: 50, count: n),
                             inputs: inputs)
        let candidates = CutEnumeration.compute(graph)
        #expect(!candidates.isEmpty)
        let only0 = try #require(graph.profile(onDevice: (0..<n).map { $0 == 0 }))
        #expect(only0.sentTensors == [-1, 0])
        #expect(only0.uplinkBytes == 1_050)
        for c in candidates { #expect(graph.profile(onDevice: c.onDevice) == c) }
    }

    @Test func emptyGraphHasOneCut() {
        let graph = CutGraph(inputBytes: 10, deviceMs: [], cloudMs: [], outputBytes: [], inputs: [])
        let candidates = CutEnumeration.compute(graph)
        #expect(candidates == [Cut(onDevice: [], deviceMs: 0, cloudMs: 0, uplinkBytes: 0, sentTensors: [])])
    }
}
