import Foundation
import OffloadModel
@testable import OffloadReport
import OffloadScheduler
import OffloadSimulator
import Testing
import OffloadTestSupport

/// Every JSON document a command prints, written straight into the `JSONWriter`, is byte
/// for byte the document the `JSONValue` trees built before (``ReferenceReportJSON``,
/// written by ``ReferenceJSONWriter``): on every bundled scenario and on random ones.
@Suite struct ReportJSONTests {
    static let samples = Repository.path("sample-jobs")

    /// The streamed document is the reference tree as the reference writer writes it, and
    /// says where the first number JSON cannot hold is exactly where the tree has it.
    static func expectSame(_ document: JSONDocument, _ reference: JSONValue, _ comment: @autoclosure () -> String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = ReferenceJSONWriter.serialized(reference)
        if document.bytes != Array(expected.utf8) {
            let got = document.serialized().split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
            let ours = line < got.count ? String(got[line]) : "(end)", theirs = line < want.count ? String(want[line]) : "(end)"
            Issue.record("\(comment()): the streamed document differs from the reference at line \(line + 1): \(ours) != \(theirs)",
                         sourceLocation: sourceLocation)
        }
        #expect(document.nonFinitePath == ReferenceJSONWriter.firstNonFinitePath(in: reference), "\(comment())",
                sourceLocation: sourceLocation)
    }

    static func bundledScenarios() throws -> [(name: String, scenario: Scenario)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, try ScenarioFile.load(path: "\(samples)/\($0)")) }
    }

    /// `schedule` with every algorithm, `compare`, `sweep`, and `simulate` (plain, jittered,
    /// re-planning, repeated runs) on `scenario`.
    static func expectEveryDocumentSame(_ scenario: Scenario, name: String, algorithms: [Algorithm] = Algorithm.allCases) {
        let planner = Planner(scenario: scenario)
        let environment = scenario.environment
        for algorithm in algorithms {
            guard let plan = try? planner.plan(algorithm, in: environment) else { continue }
            expectSame(PlanJSON.plan(plan, scenario: scenario), ReferenceReportJSON.plan(plan, scenario: scenario), "\(name) schedule \(algorithm)")
        }
        let comparison = Comparison(planner: planner, environment: environment, algorithms: algorithms)
        expectSame(CompareReport.json(comparison, scenario: scenario), ReferenceReportJSON.compare(comparison, scenario: scenario),
                   "\(name) compare")

        var sweep = Sweep(planner: planner, environment: environment, algorithms: [.partitionOnly, .joint],
                          bandwidths: Sweep.logSpaced(from: 1, to: 100, steps: 3))
        sweep.computeAll()
        expectSame(SweepReport.json(sweep, scenario: scenario, environment: environment),
                   ReferenceReportJSON.sweep(sweep, scenario: scenario, environment: environment), "\(name) sweep")

        guard let plan = try? planner.plan(.joint, in: environment) else { return }
        let jitter = Jitter(percent: 10, seed: 3)
        for options in [SimulationOptions(), SimulationOptions(jitter: jitter), SimulationOptions(jitter: jitter, replan: true)] {
            guard let timeline = try? Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options) else { continue }
            let staticTimeline = options.replan
                ? try? Simulator.play(plan: plan, scenario: scenario, environment: environment, options: SimulationOptions(jitter: jitter))
                : nil
            let played = SimulationReport.Played(scenario: scenario, environment: environment, plan: plan, timeline: timeline,
                                                  staticTimeline: staticTimeline, jitter: options.jitter)
            expectSame(SimulationReport.json(played), ReferenceReportJSON.simulate(played), "\(name) simulate \(options)")
        }
        for replan in [false, true] {
            guard let results = try? Simulator.jitterRuns(plan: plan, scenario: scenario, environment: environment, percent: 5,
                                                          firstSeed: UInt64.max - 1, count: 3, replan: replan) else { continue }
            let runs = SimulationReport.Runs(scenario: scenario, environment: environment, plan: plan, jitterPercent: 5, runs: results)
            expectSame(SimulationReport.json(runs), ReferenceReportJSON.runs(runs), "\(name) simulate --runs 3 replan \(replan)")
        }
    }

    @Test func everyBundledScenarioWritesTheSameBytes() throws {
        let scenarios = try Self.bundledScenarios()
        #expect(scenarios.count >= 10)
        for (name, scenario) in scenarios {
            Self.expectEveryDocumentSame(scenario, name: name)
        }
    }

    /// `simulate --measured` on the bundled measured run: the simulate document with the
    /// `measured` member after the others.
    @Test func theMeasuredRunWritesTheSameBytes() throws {
        let scenario = try ScenarioFile.load(path: "\(Self.samples)/onnx/mixed.json")
        let run = try MeasuredRun.load(path: "\(Self.samples)/onnx/mixed.measured.json")
        let plan = try Planner(scenario: scenario).plan(.joint, in: scenario.environment)
        let measured = try run.timeline(of: plan, scenario: scenario)
        let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
        let played = SimulationReport.Played(scenario: scenario, environment: scenario.environment, plan: plan, timeline: timeline)
        let document = SimulationReport.json(played) { json in
            json.key("measured")
            MeasuredReport.write(scenario: scenario, plan: plan, run: run, measured: measured, to: json)
        }
        guard case var .object(members) = ReferenceReportJSON.simulate(played) else {
            Issue.record("the reference simulate document is not an object")
            return
        }
        members.append(("measured", ReferenceReportJSON.measured(scenario: scenario, plan: plan, run: run, measured: measured)))
        Self.expectSame(document, .object(members), "mixed.measured.json")
    }

    /// Random scenarios: random DAGs with names holding quotes, controls and other scripts,
    /// environments from the slowest to the fastest the loaders accept, some with a trace.
    @Test func randomScenariosWriteTheSameBytes() throws {
        var generator = SplitMix64(seed: 14)
        for round in 0..<40 {
            let scenario = try Self.randomScenario(&generator)
            let algorithms: [Algorithm] = scenario.jobs.count <= 4 ? Algorithm.allCases : Algorithm.allCases.filter { $0 != .exact }
            Self.expectEveryDocumentSame(scenario, name: "random \(round)", algorithms: algorithms)
        }
    }

    /// A number that is not finite is written as `null`, and the document says where the
    /// first one is, as the tree said: in random trees with infinities and NaNs put in.
    @Test func theFirstNonFiniteNumberIsFoundWhereTheTreeHasIt() {
        var generator = SplitMix64(seed: 99)
        var found = 0
        for _ in 0..<400 {
            let tree = Self.randomTree(depth: 0, generator: &generator)
            let document = tree.document
            Self.expectSame(document, tree, "random tree")
            if document.nonFinitePath != nil { found += 1 }
        }
        #expect(found > 50, "too few trees held a number that is not finite: \(found)")
        let tree = JSONValue.object([("a\"\u{1}\u{202E}é", .array([.int(1), .object([("x\\y\n", .measured(.nan))])]))])
        #expect(tree.document.nonFinitePath == "a\"\u{1}\u{202E}é[1].x\\y\n")
        #expect(JSONValue.measured(.infinity).document.nonFinitePath == "")
        #expect(JSONValue.rounded(.infinity).document.nonFinitePath == nil)
    }

    static func randomTree(depth: Int, generator: inout SplitMix64) -> JSONValue {
        func number() -> JSONValue {
            switch generator.integer(0...5) {
            case 0: .measured(.infinity)
            case 1: .exact(-.infinity)
            case 2: .number(.nan, exactInt: nil)
            case 3: .rounded(.nan)
            default: .measured(generator.uniform(-100...100))
            }
        }
        switch generator.integer(0...(depth >= 4 ? 2 : 5)) {
        case 0: return number()
        case 1: return .string(JSONWriterTests.randomText(&generator))
        case 2: return .array((0..<generator.integer(0...3)).map { _ in number() })
        case 3: return .array((0..<generator.integer(0...3)).map { _ in randomTree(depth: depth + 1, generator: &generator) })
        default:
            return .object((0..<generator.integer(0...3)).map { _ in
                (JSONWriterTests.randomText(&generator), randomTree(depth: depth + 1, generator: &generator))
            })
        }
    }

    static func randomScenario(_ generator: inout SplitMix64) throws -> Scenario {
        var models: [ModelGraph] = []
        for modelIndex in 0..<generator.integer(1...3) {
            var layers: [Layer] = []
            for index in 0..<generator.integer(1...9) {
                var inputs = ["input"]
                if index > 0 {
                    let reads = generator.integer(1...min(2, index))
                    inputs = Array(Set((0..<reads).map { _ in layers[generator.integer(max(0, index - 3)...(index - 1))].name })).sorted()
                }
                let name = "l\(index)" + (generator.integer(0...3) == 0 ? JSONWriterTests.randomText(&generator) : "")
                layers.append(Layer(name: layers.contains { $0.name == name } ? "l\(index)" : name, inputs: inputs,
                                    deviceMs: generator.uniform(0...20), cloudMs: generator.uniform(0...2),
                                    outputBytes: generator.integer(0...4_000_000)))
            }
            models.append(try ModelGraph(name: "m\(modelIndex)" + JSONWriterTests.randomText(&generator),
                                         inputBytes: generator.integer(1...1_000_000), layers: layers))
        }
        let jobs = (0..<generator.integer(1...7)).map { Job(id: "j\($0)" + JSONWriterTests.randomText(&generator), modelIndex: generator.integer(0...(models.count - 1))) }
        let rates = [Limits.rates.lowerBound, 0.01, 0.5, 1, 3.7, 100, Limits.rates.upperBound]
        var environment = Environment(deviceSpeed: rates[generator.integer(0...6)], cloudSpeed: rates[generator.integer(0...6)],
                                      bandwidthMbps: rates[generator.integer(0...6)],
                                      latencyMs: [0, 2, 1e-7, Limits.maximumMs][generator.integer(0...3)])
        if generator.integer(0...2) == 0 {
            environment.bandwidthTrace = (0..<generator.integer(1...4)).map {
                TracePoint(atMs: Double($0) * generator.uniform(1...500), mbps: generator.uniform(0.5...200))
            }
        }
        return Scenario(name: "random" + JSONWriterTests.randomText(&generator), environment: environment, models: models, jobs: jobs)
    }
}

extension ReferenceJSONWriter {
    /// The path of the first number that is not finite, depth first (`""` for the root), as
    /// `JSONValue.finiteSerialized` found it before the writer noted it as it went.
    static func firstNonFinitePath(in value: JSONValue, at path: String = "") -> String? {
        switch value {
        case let .number(number, exactInt): return exactInt == nil && !number.isFinite ? path : nil
        case let .array(elements):
            for (index, element) in elements.enumerated() {
                if let found = firstNonFinitePath(in: element, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case let .object(members):
            for member in members {
                if let found = firstNonFinitePath(in: member.value, at: path.isEmpty ? member.key : "\(path).\(member.key)") { return found }
            }
            return nil
        case .null, .bool, .string: return nil
        }
    }
}
