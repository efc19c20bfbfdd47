import OffloadModel
import Testing
@testable import OffloadScheduler

/// The closed-cut program against brute force over every closed device set.
@Suite struct ClosedCutTests {
    /// A random DAG of `n` layers with the shapes that matter here: layers without inputs
    /// (as constants reduce to), dead ends, zero-byte tensors, zero times, the raw input
    /// read deep inside, repeated inputs.
    static func smallDAG(layers n: Int, _ rng: inout SplitMix64) -> CutGraph {
        var inputs: [[Int]] = []
        var deviceMs: [Double] = []
        var cloudMs: [Double] = []
        var outputBytes: [Int] = []
        var followers: [Bool] = []
        for i in 0..<n {
            var ins: [Int] = []
            let r = Double.random(in: 0..<1, using: &rng)
            if i > 0 && r < 0.12 {
                ins = []  // a layer with no input
            } else {
                let reads = Int.random(in: 1...3, using: &rng)
                for _ in 0..<reads { ins.append(Int.random(in: max(-1, i - 5)...(i - 1), using: &rng)) }
            }
            inputs.append(ins)
            // A follower (as a constant's cloud twin is): closure only, sent nothing.
            followers.append(!ins.isEmpty && Double.random(in: 0..<1, using: &rng) < 0.1)
            // Small integer-ish costs make equal profiles and ties common.
            deviceMs.append(Double.random(in: 0..<1, using: &rng) < 0.15 ? 0 : Double(Int.random(in: 1...9, using: &rng)) * 0.25)
            cloudMs.append(Double.random(in: 0..<1, using: &rng) < 0.15 ? 0 : Double(Int.random(in: 1...9, using: &rng)) * 0.125)
            outputBytes.append(Double.random(in: 0..<1, using: &rng) < 0.25 ? 0 : Int.random(in: 1...6, using: &rng) * 100)
        }
        return CutGraph(inputBytes: Int.random(in: 0...8, using: &rng) * 100, deviceMs: deviceMs, cloudMs: cloudMs,
                        outputBytes: outputBytes, inputs: inputs, followsOnly: followers)
    }

    struct Point: Hashable {
        var device: Double
        var bytes: Int
        var cloud: Double
    }

    static func paretoPoints(_ points: [Point]) -> Set<Point> {
        Set(points.filter { p in
            !points.contains { q in q != p && q.device <= p.device && q.bytes <= p.bytes && q.cloud <= p.cloud }
        })
    }

    @Test func exactProgramFindsEveryParetoCut() {
        var rng = SplitMix64(seed: 10)
        for trial in 0..<400 {
            let n = Int.random(in: 1...14, using: &rng)
            let graph = Self.smallDAG(layers: n, &rng)
            let sets = CutBruteForce.closedSets(graph)
            let truth = Self.paretoPoints(sets.map {
                let p = CutBruteForce.profile(graph, $0)
                return Point(device: p.deviceMs, bytes: p.uplinkBytes, cloud: p.cloudMs)
            })
            let topology = CutTopology(graph)
            guard let outcome = ClosedCutEnumerator(graph: graph, topology: topology)
                .program(ClosedCutEnumerator(graph: graph, topology: topology).schedule(), rule: nil, workBudget: .max)
            else {
                Issue.record("trial \(trial): no outcome")
                continue
            }
            #expect(outcome.closedCuts == sets.count, "trial \(trial)")
            for set in outcome.sets { #expect(CutBruteForce.isClosed(graph, set), "trial \(trial)") }
            let found = Self.paretoPoints(outcome.sets.map {
                let p = CutBruteForce.profile(graph, $0)
                return Point(device: p.deviceMs, bytes: p.uplinkBytes, cloud: p.cloudMs)
            })
            #expect(found == truth, "trial \(trial): \(graph)")
            // The public entry point: the same points, closed cuts with exact profiles, marked complete.
            let candidates = CutEnumeration.candidateSet(graph)
            #expect(candidates.isComplete && candidates.epsilonMs == 0, "trial \(trial)")
            #expect(candidates.closedCuts == sets.count, "trial \(trial)")
            #expect(Set(candidates.cuts.map { Point(device: $0.deviceMs, bytes: $0.uplinkBytes, cloud: $0.cloudMs) }) == truth,
                    "trial \(trial)")
            for cut in candidates.cuts {
                let p = CutBruteForce.profile(graph, cut.onDevice)
                #expect(p.sent == cut.sentTensors && p.deviceMs == cut.deviceMs && p.cloudMs == cut.cloudMs, "trial \(trial)")
            }
        }
    }

    /// With the zero-byte rule every closed cut is matched within the reported ε.
    @Test func zeroByteRuleStaysWithinEpsilon() {
        var rng = SplitMix64(seed: 11)
        var ruled = 0
        for trial in 0..<300 {
            let n = Int.random(in: 2...14, using: &rng)
            let graph = Self.smallDAG(layers: n, &rng)
            let topology = CutTopology(graph)
            // A budget of 0 makes the exact attempt give up; the rule's attempt gets the same 0
            // unless the graph is tiny, so use the rule directly through a budget the exact
            // program cannot meet but the rule can: run both and compare.
            guard let outcome = ClosedCutEnumerator.run(graph, topology, workBudget: .max, forceRule: true) else {
                continue
            }
            ruled += 1
            var epsilon = 0.0
            for v in 0..<n where graph.outputBytes[v] == 0 && !graph.inputs[v].isEmpty { epsilon += graph.deviceMs[v] }
            #expect(outcome.epsilonMs == epsilon, "trial \(trial)")
            let kept = outcome.sets.map { CutBruteForce.profile(graph, $0) }
            for set in outcome.sets { #expect(CutBruteForce.isClosed(graph, set), "trial \(trial)") }
            for set in CutBruteForce.closedSets(graph) {
                let p = CutBruteForce.profile(graph, set)
                let matched = kept.contains { k in
                    k.uplinkBytes <= p.uplinkBytes && k.cloudMs <= p.cloudMs + 1e-9 && k.deviceMs <= p.deviceMs + epsilon + 1e-9
                }
                #expect(matched, "trial \(trial): \(set) unmatched in \(graph)")
            }
        }
        #expect(ruled > 100)
    }

    /// Models with constants (`"inputs": []`): the candidates, mapped back from the cut
    /// graph, are the Pareto set of every model cut (constants placed by the cost model).
    @Test func modelsWithConstants() throws {
        var rng = SplitMix64(seed: 12)
        var withConstants = 0
        for trial in 0..<150 {
            let n = Int.random(in: 2...12, using: &rng)
            var layers: [Layer] = []
            for i in 0..<n {
                var inputs: [String] = []
                if i == 0 {
                    inputs = ["input"]
                } else if Double.random(in: 0..<1, using: &rng) >= 0.25 {
                    for _ in 0..<Int.random(in: 1...3, using: &rng) {
                        let u = Int.random(in: max(-1, i - 4)...(i - 1), using: &rng)
                        inputs.append(u < 0 ? "input" : "l\(u)")
                    }
                }
                layers.append(Layer(name: "l\(i)", inputs: inputs, deviceMs: Double(Int.random(in: 0...6, using: &rng)) * 0.5,
                                    cloudMs: Double(Int.random(in: 0...6, using: &rng)) * 0.25,
                                    outputBytes: Double.random(in: 0..<1, using: &rng) < 0.2 ? 0 : Int.random(in: 1...5, using: &rng) * 100))
            }
            let model = try ModelGraph(name: "t\(trial)", inputBytes: 300, layers: layers)
            if model.hasConstants { withConstants += 1 }
            var points: [Point] = []
            // The distinct partitions of the user's layers: constants go where the cost model puts them.
            var partitions = Set<[Bool]>()
            for mask in 0..<(1 << n) {
                let onDevice = (0..<n).map { mask & (1 << $0) != 0 }
                if let cut = model.cut(onDevice: onDevice) {
                    points.append(Point(device: cut.deviceMs, bytes: cut.uplinkBytes, cloud: cut.cloudMs))
                    partitions.insert((0..<n).map { model.isConstant[$0] ? false : onDevice[$0] })
                }
            }
            let truth = Self.paretoPoints(points)
            let set = CandidateCuts.analyze(model)
            #expect(set.isComplete, "trial \(trial)")
            // Twin placements are not counted as cuts of their own (docs/FORMATS.md, "Candidate cuts").
            #expect(set.closedCuts == partitions.count, "trial \(trial): \(layers)")
            let found = Set(set.cuts.map { Point(device: $0.deviceMs, bytes: $0.uplinkBytes, cloud: $0.cloudMs) })
            #expect(found == truth, "trial \(trial): \(layers)")
            for cut in set.cuts {
                let again = model.cut(onDevice: cut.onDevice)
                #expect(again?.deviceMs == cut.deviceMs && again?.uplinkBytes == cut.uplinkBytes && again?.cloudMs == cut.cloudMs,
                        "trial \(trial)")
            }
        }
        #expect(withConstants > 50)
    }

    /// Brute force agrees on graphs with dead ends of zero bytes hanging off a chain, the
    /// `torch.fx` shape: the exact program stays exact.
    @Test func deadEndsOffAChain() {
        var inputs: [[Int]] = []
        for i in 0..<12 { inputs.append(i % 3 == 2 ? [i - 2] : [i - 1]) }
        inputs[0] = [-1]
        let graph = CutGraph(inputBytes: 500, deviceMs: (0..<12).map { 0.5 + Double($0 % 4) },
                             cloudMs: (0..<12).map { 0.1 * Double($0 % 5) }, outputBytes: (0..<12).map { $0 % 3 == 2 ? 0 : 400 - 10 * $0 },
                             inputs: inputs)
        let sets = CutBruteForce.closedSets(graph)
        let truth = Self.paretoPoints(sets.map {
            let p = CutBruteForce.profile(graph, $0)
            return Point(device: p.deviceMs, bytes: p.uplinkBytes, cloud: p.cloudMs)
        })
        let candidates = CutEnumeration.candidateSet(graph)
        #expect(candidates.isComplete && candidates.closedCuts == sets.count)
        #expect(Set(candidates.cuts.map { Point(device: $0.deviceMs, bytes: $0.uplinkBytes, cloud: $0.cloudMs) }) == truth)
    }
}

/// The bundled models: every one is enumerated completely, exactly (no zero-byte rule).
@Suite struct BundledClosedCutTests {
    /// Counts from an independent enumerator (docs/FORMATS.md, "Candidate cuts").
    @Test func referenceCounts() throws {
        let expected: [String: (closed: Int, pareto: Int)] = ["googlenet": (8_838, 1_279), "resnet50": (240, 215)]
        for (name, graph) in RealModelTests.models {
            let set = CutEnumeration.candidateSet(graph)
            #expect(set.isComplete && set.epsilonMs == 0, "\(name)")
            if let reference = expected[name] {
                #expect(set.closedCuts == reference.closed, "\(name)")
                // The reference compares times to a relative 1e-12: GoogLeNet has one pair whose
                // cloud times differ by one rounding step of the sum (1.9216 and 1.9216000000000002).
                #expect(Self.paretoCount(set.cuts, tolerance: 1e-12) == reference.pareto, "\(name)")
            }
            for cut in set.cuts { #expect(graph.isClosed(onDevice: cut.onDevice), "\(name)") }
        }
    }

    /// Cuts not dominated by another when times within a relative `tolerance` count as equal
    /// (of mutually dominating cuts, the first in the list is kept).
    static func paretoCount(_ cuts: [Cut], tolerance: Double) -> Int {
        func noWorse(_ b: Cut, _ a: Cut) -> Bool {
            b.uplinkBytes <= a.uplinkBytes && b.deviceMs <= a.deviceMs * (1 + tolerance) && b.cloudMs <= a.cloudMs * (1 + tolerance)
        }
        return cuts.indices.filter { i in
            !cuts.indices.contains { j in j != i && noWorse(cuts[j], cuts[i]) && (!noWorse(cuts[i], cuts[j]) || j < i) }
        }.count
    }
}

@Suite struct InceptionLikeTests {
    @Test func enumeratesCompletely() throws {
        let model = try InceptionLikeModel.make(seed: 1)
        #expect(model.layers.count == 314)
        let set = CandidateCuts.analyze(model)
        #expect(set.isComplete && set.epsilonMs == 0)
        // The reference enumerator's count for Inception-v3, whose shape this model copies.
        #expect(set.closedCuts == 35_684)
    }
}
