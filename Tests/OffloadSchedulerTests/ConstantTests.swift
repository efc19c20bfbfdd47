import OffloadModel
import Testing
@testable import OffloadScheduler
import OffloadTestSupport

/// Constants (layers with no inputs, docs/FORMATS.md §2): the cut graph's twins, the
/// candidate cuts and every algorithm, against definitions written out here.
@Suite struct ConstantTests {
    /// A random small model with constants: ordinary layers read one to three earlier layers,
    /// the raw input or constants; some constants feed several layers, some none; times and
    /// bytes include zeros.
    static func randomModel(_ random: inout SplitMix64, layers: Int) -> ModelGraph {
        var list: [Layer] = []
        var constants: [String] = []
        var ordinary: [String] = []
        for index in 0..<layers {
            let name = "l\(index)"
            let device = random.maybeZero(8), cloud = random.maybeZero(2)
            let bytes = random.chance(0.2) ? 0 : random.integer(1...200_000)
            if index > 0 && random.chance(0.3) {
                list.append(Layer(name: name, type: "get_attr", inputs: [], deviceMs: device, cloudMs: cloud, outputBytes: bytes))
                constants.append(name)
                continue
            }
            var inputs: [String] = []
            if ordinary.isEmpty || random.chance(0.2) { inputs.append("input") }
            for _ in 0..<random.integer(1...2) where !ordinary.isEmpty {
                inputs.append(ordinary[random.integer(0...(ordinary.count - 1))])
            }
            for _ in 0..<random.integer(0...2) where !constants.isEmpty {
                inputs.append(constants[random.integer(0...(constants.count - 1))])
            }
            list.append(Layer(name: name, inputs: Array(Set(inputs)).sorted(), deviceMs: device, cloudMs: cloud, outputBytes: bytes))
            ordinary.append(name)
        }
        // Shuffle the file order: the loader orders topologically.
        for index in list.indices.reversed() where index > 0 { list.swapAt(index, random.integer(0...index)) }
        do {
            return try ModelGraph(name: "m", inputBytes: random.chance(0.1) ? 0 : random.integer(1_000...300_000), layers: list)
        } catch {
            Issue.record("random model refused: \(error)")
            return CostOfConstants.tiny
        }
    }

    /// A model's cut profile straight from docs/FORMATS.md §1–§2, for a set of non-constant layers.
    static func definitionProfile(_ model: ModelGraph, device: [Bool]) -> (deviceMs: Double, bytes: Int, cloudMs: Double, sent: [Int]) {
        var deviceMs = 0.0, cloudMs = 0.0
        var sent = Set<Int>()
        for v in model.layers.indices {
            let layer = model.layers[v]
            if model.isConstant[v] {
                if model.consumers[v].contains(where: { device[$0] }) { deviceMs += layer.deviceMs }
                if model.consumers[v].contains(where: { !device[$0] }) { cloudMs += layer.cloudMs }
            } else if device[v] {
                deviceMs += layer.deviceMs
            } else {
                cloudMs += layer.cloudMs
                if model.readsRawInput[v] { sent.insert(Cut.rawInput) }
                for p in model.predecessors[v] where !model.isConstant[p] && device[p] { sent.insert(p) }
            }
        }
        let bytes = sent.reduce(0) { $0 + ($1 == Cut.rawInput ? model.inputBytes : model.layers[$1].outputBytes) }
        return (deviceMs, bytes, cloudMs, sent.sorted())
    }

    /// Every closed set of non-constant layers (constants marked false), by brute force.
    static func closedSets(_ model: ModelGraph) -> [[Bool]] {
        let ordinary = model.layers.indices.filter { !model.isConstant[$0] }
        var result: [[Bool]] = []
        for mask in 0..<(1 << ordinary.count) {
            var device = [Bool](repeating: false, count: model.layers.count)
            for (bit, v) in ordinary.enumerated() where mask & (1 << bit) != 0 { device[v] = true }
            let closed = ordinary.allSatisfy { v in
                !device[v] || model.predecessors[v].allSatisfy { model.isConstant[$0] || device[$0] }
            }
            if closed { result.append(device) }
        }
        return result
    }

    static func cost(_ device: Double, _ bytes: Int, _ cloud: Double, _ w: Weighting) -> Double {
        CutBruteForce.cost(deviceMs: device, bytes: bytes, cloudMs: cloud, w)
    }

    @Test func everyCutCostsWhatTheDefinitionSays() throws {
        var random = SplitMix64(seed: 101)
        for round in 0..<60 {
            let model = Self.randomModel(&random, layers: random.integer(2...12))
            for device in Self.closedSets(model) {
                let cut = try #require(model.cut(onDevice: device), "round \(round)")
                let want = Self.definitionProfile(model, device: device)
                #expect(abs(cut.deviceMs - want.deviceMs) <= 1e-9 && abs(cut.cloudMs - want.cloudMs) <= 1e-9
                        && cut.uplinkBytes == want.bytes && cut.sentTensors == want.sent, "round \(round)")
                // A constant is on the device exactly when it runs there.
                for v in model.layers.indices where model.isConstant[v] {
                    #expect(cut.onDevice[v] == model.consumers[v].contains { device[$0] })
                }
            }
        }
    }

    @Test func twinGraphClosedSetsMapToTheModelsCuts() throws {
        var random = SplitMix64(seed: 102)
        var checked = 0, chained = 0
        for round in 0..<80 {
            let model = Self.randomModel(&random, layers: random.integer(2...9))
            let reduction = CutGraphReduction(model)
            #expect(reduction.graph.validationIssue == nil)
            // Brute force over the cut graph's closed sets: keep it to 2^18 sets.
            guard reduction.graph.layerCount <= 18 else { continue }
            checked += 1
            if model.consumers.indices.contains(where: { model.isConstant[$0] && model.consumers[$0].count > 2 }) { chained += 1 }
            let graphSets = CutBruteForce.closedSets(reduction.graph)
            var mapped = Set<[Bool]>()
            for set in graphSets {
                let cut = try #require(reduction.modelCut(graphOnDevice: set), "round \(round)")
                mapped.insert(cut.onDevice)
                // Never better than the normal set of the same cut, and equal when normal.
                let twin = CutBruteForce.profile(reduction.graph, set)
                #expect(cut.uplinkBytes == twin.uplinkBytes)
                #expect(cut.deviceMs <= twin.deviceMs + 1e-9 && cut.cloudMs <= twin.cloudMs + 1e-9)
                if reduction.graphOnDevice(cut) == set {
                    #expect(abs(cut.deviceMs - twin.deviceMs) <= 1e-9 && abs(cut.cloudMs - twin.cloudMs) <= 1e-9)
                }
            }
            let all = Set(try Self.closedSets(model).map { try #require(model.cut(onDevice: $0)).onDevice })
            #expect(mapped == all, "round \(round)")
        }
        // Enough graphs, some with chains of three twins or more.
        #expect(checked >= 40 && chained >= 5, "\(checked) graphs, \(chained) with a constant read three times or more")
    }

    @Test func candidatesAreAsGoodAsEveryCutUnderAnyWeighting() throws {
        var random = SplitMix64(seed: 103)
        for round in 0..<80 {
            let model = Self.randomModel(&random, layers: random.integer(2...12))
            let candidates = CandidateCuts.compute(model)
            let cuts = try Self.closedSets(model).map { try #require(model.cut(onDevice: $0)) }
            for candidate in candidates {
                // Each candidate is a normalised cut of the model with the model's costs.
                #expect(model.cut(onDevice: candidate.onDevice) == candidate, "round \(round)")
            }
            for _ in 0..<20 {
                let w = Weighting.random(&random, bytesScale: 100_000)
                let best = cuts.map { Self.cost($0.deviceMs, $0.uplinkBytes, $0.cloudMs, w) }.min() ?? 0
                let found = candidates.map { Self.cost($0.deviceMs, $0.uplinkBytes, $0.cloudMs, w) }.min() ?? .infinity
                #expect(found <= best * (1 + 1e-9) + 1e-12, "round \(round) \(w)")
            }
        }
    }

    /// Random scenarios of constant models (with plain ones) for the planners.
    static func randomScenario(_ random: inout SplitMix64, jobs: Int) -> Scenario {
        let models = (0..<3).map { _ in randomModel(&random, layers: random.integer(3...9)) }
        let environment = RandomInstances.plannerEnvironment(&random)
        return Scenario(name: "constants", environment: environment, models: models,
                        jobs: (0..<jobs).map { Job(id: "j\($0)", modelIndex: random.integer(0...2)) })
    }

    /// `count` rounds of random constant scenarios (seeded by `seed`) of `jobs` jobs, each
    /// with its planner.
    static func planningRounds(seed: UInt64, count: Int, jobs: ClosedRange<Int>,
                               _ body: (Int, Scenario, Planner) throws -> Void) throws {
        var random = SplitMix64(seed: seed)
        for round in 0..<count {
            let scenario = randomScenario(&random, jobs: random.integer(jobs))
            try body(round, scenario, Planner(scenario: scenario))
        }
    }

    @Test func everyAlgorithmPlansConstantModelsFeasibly() throws {
        try Self.planningRounds(seed: 104, count: 30, jobs: 1...6) { round, scenario, planner in
            let environment = scenario.environment
            let joint = try planner.plan(.joint, in: environment)
            for algorithm in Algorithm.allCases {
                let plan = try planner.plan(algorithm, in: environment)
                for (job, cut) in plan.cuts.enumerated() {
                    #expect(scenario.model(ofJob: job).cut(onDevice: cut.onDevice) == cut, "\(algorithm) round \(round)")
                }
                if algorithm == .layerLevel {
                    let problems = LayerFeasibility.violations(jobs: planner.layerJobs(cuts: plan.cuts), speeds: environment,
                                                               segments: planner.layerSegments(of: plan))
                    #expect(problems.isEmpty, "layer-level round \(round): \(problems.prefix(3))")
                    #expect(plan.makespanMs <= joint.makespanMs + 1e-9)
                } else {
                    #expect(plan.times == plan.cuts.map { $0.stageTimes(in: environment) })
                    #expect(Feasibility.violations(segments: plan.segments, times: plan.times, order: plan.order).isEmpty,
                            "\(algorithm) round \(round)")
                }
                #expect(plan.lowerBoundMs <= plan.makespanMs + 1e-9)
            }
            #expect(try planner.plan(.exact, in: environment).makespanMs <= joint.makespanMs + 1e-9)
        }
    }

    @Test func exactIsOptimalOverEveryCutOfConstantModels() throws {
        try Self.planningRounds(seed: 105, count: 20, jobs: 1...3) { round, scenario, planner in
            let environment = scenario.environment
            // Every cut's lane times, by model (all cuts: these models are small).
            let all = try scenario.models.map { model in
                try Self.closedSets(model).map { try #require(model.cut(onDevice: $0)).stageTimes(in: environment) }
            }
            let options = scenario.jobs.map { all[$0.modelIndex] }
            let best = BruteForce.bestPlan(options)
            let exact = try planner.plan(.exact, in: environment)
            // The candidates are complete only for the job's own latency; over the makespan
            // they must still never beat brute force, and match it when a job is alone.
            #expect(exact.makespanMs >= best - 1e-9 * max(1, best), "round \(round)")
            if scenario.jobs.count == 1 {
                #expect(abs(exact.makespanMs - best) <= 1e-9 * max(1, best), "round \(round)")
            }
        }
    }

    @Test func aConstantRunsOnBothSidesAndIsNeverSent() throws {
        let model = CostOfConstants.shared
        // a, b on the device; c in the cloud: k feeds b (device) and c (cloud).
        let cut = try #require(model.cut(onDevice: [false, true, true, false, false]))
        let names = model.layers.map(\.name)
        let k = try #require(names.firstIndex(of: "k")), z = try #require(names.firstIndex(of: "z"))
        let b = try #require(names.firstIndex(of: "b")), c = try #require(names.firstIndex(of: "c"))
        #expect(cut.onDevice[k] && model.runsInCloud(k, in: cut))
        #expect(!cut.onDevice[z] && !model.runsInCloud(z, in: cut))
        #expect(cut.sentTensors == [b])
        #expect(cut.deviceMs == 2 + 4 + 0.5 && cut.cloudMs == 0.25 + 0.25 && cut.uplinkBytes == 250)
        // At layer level k has a copy on each side, z none; b reads the device copy, c the cloud one.
        let copies = ConstantCopies(model: model, cut: cut)
        #expect(copies.job.layerCount == model.layers.count)
        #expect(copies.deviceCopy[z] < 0 && copies.cloudCopy[z] < 0)
        #expect(copies.job.inputs[copies.deviceCopy[b]].contains(copies.deviceCopy[k]))
        #expect(copies.job.inputs[copies.cloudCopy[c]].contains(copies.cloudCopy[k]))
        #expect(copies.job.onDevice[copies.deviceCopy[k]] && !copies.job.onDevice[copies.cloudCopy[k]])
    }
}

/// Small fixed models with constants.
enum CostOfConstants {
    /// input → a → b → c; k (a constant) feeds b and c; z (a constant) feeds nothing.
    static let shared: ModelGraph = {
        let layers = [
            Layer(name: "k", inputs: [], deviceMs: 0.5, cloudMs: 0.25, outputBytes: 4_000),
            Layer(name: "a", inputs: ["input"], deviceMs: 2, cloudMs: 1, outputBytes: 1_000),
            Layer(name: "b", inputs: ["a", "k"], deviceMs: 4, cloudMs: 0.5, outputBytes: 250),
            Layer(name: "c", inputs: ["b", "k"], deviceMs: 6, cloudMs: 0.25, outputBytes: 10),
            Layer(name: "z", inputs: [], deviceMs: 100, cloudMs: 100, outputBytes: 1),
        ]
        return (try? ModelGraph(name: "shared", inputBytes: 2_000, layers: layers)) ?? tiny
    }()

    static let tiny: ModelGraph = {
        (try? ModelGraph(name: "tiny", inputBytes: 1, layers: [Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 1, outputBytes: 1)]))!
    }()
}

/// Followers (`CutGraph.followsOnly`, the cloud twins of constants) in the cut machinery itself.
@Suite struct FollowerTests {
    /// Random small DAGs where about a quarter of the layers with inputs are followers: the
    /// candidates attain the brute-force optimum, and every candidate's profile is its own.
    @Test func candidatesAttainTheOptimumWithFollowers() {
        var rng = SplitMix64(seed: 0xF011)
        for graphIndex in 0..<300 {
            var graph = SmallGraphs.random(&rng, maxLayers: 11)
            graph.followsOnly = graph.inputs.map { !$0.isEmpty && Int.random(in: 0..<4, using: &rng) == 0 }
            let result = CutEnumeration.enumerate(graph)
            #expect(result.isComplete)
            for cut in result.cuts {
                let own = CutBruteForce.profile(graph, cut.onDevice)
                #expect(CutBruteForce.isClosed(graph, cut.onDevice))
                #expect(abs(own.deviceMs - cut.deviceMs) <= 1e-9 && own.uplinkBytes == cut.uplinkBytes
                        && abs(own.cloudMs - cut.cloudMs) <= 1e-9 && own.sent == cut.sentTensors, "graph \(graphIndex)")
            }
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            let bytesScale = Double(max(1, all.map(\.uplinkBytes).max() ?? 1))
            for _ in 0..<30 {
                let w = Weighting.random(&rng, bytesScale: bytesScale)
                let truth = all.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? 0
                let best = result.cuts.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? .infinity
                #expect(abs(best - truth) <= 1e-9 * abs(truth) + 1e-300, "graph \(graphIndex) under \(w)")
            }
        }
    }

    @Test func followersOfTheWrongLengthAreRefused() {
        let graph = CutGraph(inputBytes: 1, deviceMs: [1, 1], cloudMs: [1, 1], outputBytes: [1, 1], inputs: [[-1], [0]],
                             followsOnly: [true])
        #expect(graph.validationIssue == .mismatchedLengths)
    }
}

/// The synthesized sample models with constants (sample-jobs/models/vit_like.json and
/// convnext_like.json).
@Suite struct ConstantSampleModelTests {
    static func load(_ name: String) throws -> ModelGraph {
        try ModelFile.load(path: "\(RealModelTests.directory)/\(name).json")
    }

    @Test(arguments: ["vit_like", "convnext_like"])
    func candidatesAreCompleteAndExact(name: String) throws {
        let model = try Self.load(name)
        #expect(model.hasConstants && !model.isChain)
        let reduction = CutGraphReduction(model)
        #expect(reduction.graph.validationIssue == nil)
        // A constant with k >= 2 consumers has two chains of k twins; the others are folded or dropped.
        let shared = model.layers.indices.filter { model.isConstant[$0] && model.consumers[$0].count > 1 }
        #expect(shared.count == (name == "vit_like" ? 1 : 0))
        #expect(reduction.graph.layerCount == model.cutLayerCount + shared.reduce(0) { $0 + 2 * model.consumers[$1].count })
        // Folding single-use constants keeps the series decomposition: convnext_like splits at
        // least once per residual block (8). vit_like's shared attention scale ties its four
        // blocks together (its twin chains run from block to block), so it splits only in
        // the stem.
        #expect(CutTopology(reduction.graph).splitPoints().count >= (name == "convnext_like" ? 8 : 1), "\(name)")
        let result = CutEnumeration.enumerate(reduction.graph)
        #expect(result.isComplete, "\(name)")
        let candidates = CandidateCuts.modelCuts(result.cuts, reduction: reduction)
        #expect(candidates.count > 2, "\(name)")
        for cut in candidates { #expect(model.cut(onDevice: cut.onDevice) == cut, "\(name)") }
        #expect(candidates.contains { $0.onDevice == model.localCut.onDevice } || candidates.contains {
            $0.deviceMs <= model.localCut.deviceMs && $0.uplinkBytes == 0 && $0.cloudMs <= model.localCut.cloudMs
        })
    }

    @Test func theAttentionScaleRunsOnBothSidesOfACutBetweenBlocks() throws {
        let model = try Self.load("vit_like")
        let names = model.layers.map(\.name)
        let scale = try #require(names.firstIndex(of: "attention_scale"))
        // Everything up to the end of block 1 on the device (a prefix of the file's order,
        // which keeps each block's shape-reading dead ends with the block).
        let last = try #require(names.firstIndex(of: "encoder_layers_1_add_1"))
        let onDevice = names.indices.map { $0 <= last }
        let cut = try #require(model.cut(onDevice: onDevice))
        #expect(cut.onDevice[scale] && model.runsInCloud(scale, in: cut))
        #expect(cut.sentTensors == [last])
        #expect(cut.uplinkBytes == model.layers[last].outputBytes)
        #expect(!cut.sentTensors.contains(scale))
    }
}
