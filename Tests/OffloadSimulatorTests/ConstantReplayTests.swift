import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// Plans of models with constants (docs/FORMATS.md §2) replay exactly.
@Suite struct ConstantReplayTests {
    /// 2–9 layers, about a third of them constants feeding zero to three later layers.
    static func model(_ rng: inout SplitMix64, name: String) -> ModelGraph {
        let count = Int.random(in: 2...9, using: &rng)
        var layers: [Layer] = []
        var constants: [String] = [], ordinary: [String] = []
        for index in 0..<count {
            let name = "l\(index)"
            let bytes = Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Int.random(in: 100...20_000, using: &rng)
            if index > 0 && Int.random(in: 0..<3, using: &rng) == 0 {
                layers.append(Layer(name: name, inputs: [], deviceMs: rng.maybeZero(2), cloudMs: rng.maybeZero(1), outputBytes: bytes))
                constants.append(name)
                continue
            }
            var inputs = ordinary.isEmpty ? ["input"] : [ordinary[Int.random(in: 0..<ordinary.count, using: &rng)]]
            if Int.random(in: 0..<4, using: &rng) == 0 { inputs.append("input") }
            if let constant = constants.randomElement(using: &rng), Bool.random(using: &rng) { inputs.append(constant) }
            if let constant = constants.randomElement(using: &rng), Bool.random(using: &rng) { inputs.append(constant) }
            layers.append(Layer(name: name, inputs: Array(Set(inputs)).sorted(), deviceMs: rng.maybeZero(8),
                                cloudMs: rng.maybeZero(3), outputBytes: bytes))
            ordinary.append(name)
        }
        // Valid by construction: unique names, earlier inputs only, l0 reads the input.
        return try! ModelGraph(name: name, inputBytes: Int.random(in: 0...30_000, using: &rng), layers: layers)
    }

    static func scenario(_ rng: inout SplitMix64) -> Scenario {
        let models = (0..<Int.random(in: 1...3, using: &rng)).map { model(&rng, name: "m\($0)") }
        let jobs = (0..<Int.random(in: 1...7, using: &rng)).map { Job(id: "j\($0)", modelIndex: Int.random(in: 0..<models.count, using: &rng)) }
        return Scenario(name: "constants", environment: RandomInstances.environment(&rng), models: models, jobs: jobs)
    }

    @Test func everyAlgorithmsPlanReplaysExactlyOnAConstantLink() throws {
        var rng = SplitMix64(seed: 0xC0457)
        for round in 0..<40 {
            let scenario = Self.scenario(&rng)
            let planner = Planner(scenario: scenario)
            for algorithm in Algorithm.allCases {
                let plan = try planner.plan(algorithm, in: scenario.environment)
                let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
                #expect(abs(timeline.makespanMs - plan.makespanMs) <= 1e-9 * max(1, plan.makespanMs), "\(algorithm) round \(round)")
                // Job-level plans replay segment for segment. (A layer-level plan may leave a lane
                // idle where the work-conserving simulator starts a piece earlier, with or without
                // constants; its makespan is still the plan's.)
                if algorithm != .layerLevel {
                    #expect(timeline.segments.count == plan.segments.count && zip(timeline.segments, plan.segments).allSatisfy {
                        abs($0.startMs - $1.startMs) <= 1e-9 * max(1, plan.makespanMs) && abs($0.endMs - $1.endMs) <= 1e-9 * max(1, plan.makespanMs)
                    }, "\(algorithm) round \(round)")
                }
                #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [],
                        "\(algorithm) round \(round)")
            }
        }
    }

    @Test func handBuiltLayerLevelPlansOfConstantModelsAreExact() throws {
        try RandomRuns.handBuiltPlays(seed: 0xC0458, rounds: 60, scenario: Self.scenario) { scenario, cuts, plan, timeline in
            // Each job's lanes hold exactly its cut's times: constants counted where they run.
            for (job, cut) in cuts.enumerated() {
                let device = plan.segments.filter { $0.job == job && $0.lane == .device }.reduce(0) { $0 + $1.durationMs }
                let cloud = plan.segments.filter { $0.job == job && $0.lane == .cloud }.reduce(0) { $0 + $1.durationMs }
                let times = cut.stageTimes(in: scenario.environment)
                #expect(abs(device - times.device) <= 1e-9 * max(1, times.device))
                #expect(abs(cloud - times.cloud) <= 1e-9 * max(1, times.cloud))
            }
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [])
        }
    }
}

/// The bundled scenario that mixes the synthesized constant models with a measured CNN.
@Suite struct GalleryScenarioTests {
    @Test func everyAlgorithmPlansAndReplaysTheGalleryScenario() throws {
        let scenario = try ScenarioFile.load(path: TraceFileTests.samples + "/gallery-transformers-wifi.json")
        #expect(scenario.models.filter(\.hasConstants).count == 2)
        let planner = Planner(scenario: scenario)
        var makespans: [Algorithm: Double] = [:]
        for algorithm in Algorithm.allCases {
            let plan = try planner.plan(algorithm, in: scenario.environment)
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
            #expect(abs(timeline.makespanMs - plan.makespanMs) <= 1e-9 * plan.makespanMs, "\(algorithm)")
            #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [],
                    "\(algorithm)")
            makespans[algorithm] = plan.makespanMs
        }
        let joint = try #require(makespans[.joint])
        #expect(try #require(makespans[.exact]) <= joint + 1e-9)
        #expect(try #require(makespans[.layerLevel]) <= joint + 1e-9)
        #expect(joint < min(try #require(makespans[.local]), try #require(makespans[.cloud])))
    }
}
