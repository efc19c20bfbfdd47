import OffloadModel
import Testing
@testable import OffloadScheduler
import OffloadTestSupport

/// Checks on the bundled measured models (sample-jobs/models) and on large synthetic graphs.
@Suite struct RealModelTests {
    static let directory = Repository.path("sample-jobs/models")
    static let names = ["alexnet", "efficientnet_b0", "googlenet", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
                        "resnet101", "resnet18", "resnet34", "resnet50", "squeezenet1_1", "vgg11", "vgg16", "vgg19"]
    static let models: [(name: String, graph: CutGraph)] = names.compactMap { name in
        (try? ModelFile.load(path: "\(directory)/\(name).json")).map { (name, CandidateCuts.cutGraph(of: $0)) }
    }

    @Test func profilesLoad() {
        #expect(Self.models.count == Self.names.count)
        for (name, graph) in Self.models { #expect(graph.validationIssue == nil, "\(name)") }
    }

    static let graphs: [(name: String, graph: CutGraph)] = models + [
        ("resnet-like-600", SyntheticGraphs.resNetLike(layers: 600, seed: 1)),
        ("random-dag-400", SyntheticGraphs.randomDAG(layers: 400, seed: 2)),
    ]

    /// Candidates are closed with exact profiles, and at random weightings the best one is
    /// as good as a minimum cut of the whole, undecomposed network.
    @Test func candidatesMatchTheWholeNetworkOptimum() throws {
        var rng = SplitMix64(seed: 2026)
        for (name, graph) in Self.graphs {
            #expect(graph.validationIssue == nil, "\(name)")
            // Within the default work budget these hulls are finished: the guarantee is exact.
            let result = CutEnumeration.enumerate(graph)
            #expect(result.isComplete, "\(name)")
            let candidates = result.cuts
            #expect(!candidates.isEmpty, "\(name)")
            for c in candidates {
                #expect(graph.isClosed(onDevice: c.onDevice), "\(name)")
                #expect(graph.profile(onDevice: c.onDevice) == c, "\(name)")
                let p = CutBruteForce.profile(graph, c.onDevice)
                #expect(p.deviceMs == c.deviceMs && p.cloudMs == c.cloudMs && p.uplinkBytes == c.uplinkBytes
                        && p.sent == c.sentTensors, "\(name)")
            }
            let topology = CutTopology(graph)
            let n = graph.layerCount
            let whole = MinCutOracle(graph: graph, topology: topology, block: 0..<n, entry: -1,
                                     placement: Array(repeating: .free, count: n))
            let bytesScale = Double(candidates.map(\.uplinkBytes).max() ?? 1)
            for _ in 0..<25 {
                let w = Weighting.random(&rng, bytesScale: bytesScale, decades: 4)
                func value(_ c: Cut) -> Double { w.device * c.deviceMs + w.bytes * Double(c.uplinkBytes) + w.cloud * c.cloudMs }
                let optimum = try #require(graph.profile(onDevice: whole.minimise(w.device, w.bytes, w.cloud)))
                let best = candidates.map(value).min() ?? .infinity
                #expect(abs(best - value(optimum)) <= 1e-9 * value(optimum), "\(name) \(w)")
            }
        }
    }

    @Test func chainsAreDetected() {
        for (name, graph) in Self.models where ["alexnet", "vgg11", "vgg16", "vgg19"].contains(name) {
            #expect(CutTopology(graph).isChain, "\(name)")
            #expect(CutEnumeration.compute(graph).count <= graph.layerCount + 1)
        }
    }
}

enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
