import ArgumentParser
import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// `offload bench`: in-process timings of the paths users wait on.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time re-planning, candidate cuts, the exact solver and the simulator in-process (median and p99 over many runs).",
        discussion: """
            Examples:
              swift build -c release && .build/release/offload bench
              offload bench --filter replan --seconds 0.5
              offload bench --format json | jq '.cases[] | {name, medianMs}'
            The JSON is described by docs/schema/bench.schema.json.
            """
    )

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Run only the cases whose name contains this text.")
    var filter: String?

    @Option(name: .customLong("seconds"), parsing: .unconditional, help: "Time budget per case, in seconds (more than 0, at most 600).")
    var secondsPerCase: Double = 1.5

    func validate() throws {
        if !(secondsPerCase.isFinite && secondsPerCase > 0 && secondsPerCase <= 600) {
            throw ValidationError("--seconds must be a number in (0, 600], found \(describeFlag(secondsPerCase))")
        }
    }

    func run() throws {
        let chosen = Benchmarks.all.filter { filter.map($0.name.contains) ?? true }
        if chosen.isEmpty, let filter {
            throw UsageError("--filter \"\(filter)\" matches no case; the cases are \(Benchmarks.all.map(\.name).joined(separator: ", "))")
        }
        let samples = try SampleFiles()
        var results: [BenchResult] = []
        for (_, make) in chosen {
            let benchCase = try make(samples)
            results.append(benchCase.measure(budget: .milliseconds(Int64(secondsPerCase * 1000))))
        }
        switch format {
        case .json: try Output.standardOutput(BenchResult.json(results).bytes + [UInt8(ascii: "\n")])
        case .text:
            let rows = results.map { [$0.name, NumberFormat.fixed($0.medianMs, decimals: 3), NumberFormat.fixed($0.p99Ms, decimals: 3),
                                      NumberFormat.fixed($0.targetMs, decimals: 0), $0.megabytesPerSecond.map { NumberFormat.fixed($0, decimals: 0) } ?? "",
                                      String($0.runs), $0.medianMs <= $0.targetMs ? "ok" : "SLOW"] }
            let table = TextReport.table(headings: ["case", "median ms", "p99 ms", "target ms", "MB/s", "runs", ""], rows: rows,
                                         rightAligned: [1, 2, 3, 4, 5])
            try Output.standardOutput(TextWidth.bounded(table.joined(separator: "\n") + "\n", width: Terminal.width))
        }
    }
}

/// One timed case: `prepare` runs once, `body` many times.
struct BenchCase {
    var name: String
    /// The median this case must stay under, in ms.
    var targetMs: Double
    /// The bytes one run writes, for a throughput figure (nil: the case writes none).
    var bytesPerRun: Int? = nil
    var body: () -> Void

    /// Runs `body` until `budget` is spent (at least 5 and at most 2,000 runs).
    func measure(budget: Duration) -> BenchResult {
        let clock = ContinuousClock()
        var samples: [Double] = []
        let started = clock.now
        body() // warm caches once, untimed
        while samples.count < 5 || (samples.count < 2000 && clock.now - started < budget) {
            let start = clock.now
            body()
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.99).rounded(.up)) - 1)]
        let throughput = bytesPerRun.flatMap { bytes in median > 0 ? Double(bytes) / 1e6 / (median / 1000) : nil }
        return BenchResult(name: name, medianMs: median, p99Ms: p99, targetMs: targetMs, runs: samples.count,
                           megabytesPerSecond: throughput)
    }
}

/// The timing of one case.
struct BenchResult {
    var name: String
    var medianMs: Double
    var p99Ms: Double
    var targetMs: Double
    var runs: Int
    /// For a case that writes output: its bytes over the median time, in 10^6 bytes a second.
    var megabytesPerSecond: Double?

    /// `{"cases": [{"name", "medianMs", "p99Ms", "targetMs", "runCount", "megabytesPerSecond"}]}`,
    /// the last only for a case that writes output (docs/schema/bench.schema.json).
    static func json(_ results: [BenchResult]) -> JSONDocument {
        JSONWriter.document { json in
            json.object {
                json.array("cases") {
                    for result in results {
                        json.object {
                            json.string("name", result.name)
                            json.rounded("medianMs", result.medianMs)
                            json.rounded("p99Ms", result.p99Ms)
                            json.rounded("targetMs", result.targetMs)
                            json.int("runCount", result.runs)
                            if let throughput = result.megabytesPerSecond { json.rounded("megabytesPerSecond", throughput) }
                        }
                    }
                }
            }
        }
    }
}

/// The bundled sample files the benchmarks use.
struct SampleFiles: Sendable {
    /// The `sample-jobs` folder.
    let folder: String

    init() throws {
        let defaultPath = try DefaultScenario.path()
        folder = String(defaultPath.dropLast("/default.json".count))
    }

    func scenario(_ name: String) throws -> Scenario {
        try ScenarioFile.load(path: "\(folder)/\(name).json")
    }

    /// Every bundled model profile, by file name.
    static let modelNames = [
        "alexnet", "efficientnet_b0", "googlenet", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small", "resnet101",
        "resnet18", "resnet34", "resnet50", "squeezenet1_1", "vgg11", "vgg16", "vgg19",
    ]

    func modelPath(_ name: String) -> String { "\(folder)/models/\(name).json" }
}

/// The benchmark cases of the scheduler issue.
enum Benchmarks {
    /// Every case by name, built only when it runs.
    static let all: [(name: String, make: @Sendable (SampleFiles) throws -> BenchCase)] = [
        ("replan-default", replanDefault), ("replan-1000", replan1000),
        ("candidates-all", candidatesAll), ("candidates-inception-314", candidatesInception),
        ("candidates-random-1000", candidatesRandom1000), ("exact-8", exact8), ("exact-8-large", exact8Large),
        ("simulate-1000", simulate1000), ("json-1000", json1000),
        ("render-default", renderDefault), ("keystroke-1000", keystroke1000),
    ]

    /// Bandwidths a user steps through with `b`/`B`: every run re-plans under the next one.
    static let bandwidthSteps = [18.88, 15, 12, 10, 8, 6.5, 5, 4, 5, 6.5, 8, 10, 12, 15, 20, 25]

    /// Re-plan (joint) the default scenario after a bandwidth change.
    static func replanDefault(_ samples: SampleFiles) throws -> BenchCase {
        replan(Planner(scenario: try samples.scenario("default")), name: "replan-default", targetMs: 1)
    }

    /// The same for 1,000 jobs cycling through the stress scenario's models.
    static func replan1000(_ samples: SampleFiles) throws -> BenchCase {
        replan(Planner(scenario: try mixedScenario(jobs: 1000, samples: samples)), name: "replan-1000", targetMs: 50)
    }

    static func replan(_ planner: Planner, name: String, targetMs: Double) -> BenchCase {
        var environment = planner.scenario.environment
        var step = 0
        return BenchCase(name: name, targetMs: targetMs) {
            step = (step + 1) % bandwidthSteps.count
            environment.bandwidthMbps = bandwidthSteps[step]
            _ = try? planner.plan(.joint, in: environment)
        }
    }

    /// Load every bundled model and compute its candidate cuts (each model's complete
    /// Pareto set of closed cuts).
    static func candidatesAll(_ samples: SampleFiles) -> BenchCase {
        BenchCase(name: "candidates-all", targetMs: 50) {
            for name in SampleFiles.modelNames {
                if let model = try? ModelFile.load(path: samples.modelPath(name)) { _ = CandidateCuts.compute(model) }
            }
        }
    }

    /// The complete Pareto set of a generated 314-layer Inception-v3-like model
    /// (`InceptionLikeModel`: 35,684 closed cuts, as the real Inception-v3).
    static func candidatesInception(_ samples: SampleFiles) throws -> BenchCase {
        let model = try InceptionLikeModel.make(seed: 1)
        return BenchCase(name: "candidates-inception-314", targetMs: 50) { _ = CandidateCuts.compute(model) }
    }

    /// Prove the optimum over every partition for 8 jobs of 8 different models with over a
    /// thousand candidate cuts each (GoogLeNet, 1,280, and seven Inception-like models,
    /// about 4,000 each) over Wi-Fi.
    static func exact8Large(_ samples: SampleFiles) throws -> BenchCase {
        var models = [try ModelFile.load(path: samples.modelPath("googlenet"))]
        for seed in 1...7 { models.append(try InceptionLikeModel.make(seed: UInt64(seed))) }
        let scenario = Scenario(name: "exact-8-large", environment: Environment(bandwidthMbps: 18.88), models: models,
                                jobs: models.indices.map { Job(id: models[$0].name, modelIndex: $0) })
        let planner = Planner(scenario: scenario)
        return BenchCase(name: "exact-8-large", targetMs: 1000) {
            _ = try? planner.plan(.exact, in: scenario.environment)
        }
    }

    /// Compute the candidate cuts of a 1,000-layer randomly wired model (see
    /// ``randomlyWiredModel(layers:seed:)``), the hard case: its cost hull is too large to
    /// finish, so this times the work budget of the enumeration.
    static func candidatesRandom1000(_ samples: SampleFiles) throws -> BenchCase {
        let model = try randomlyWiredModel(layers: 1000, seed: 1)
        return BenchCase(name: "candidates-random-1000", targetMs: 300) { _ = CandidateCuts.compute(model) }
    }

    /// A model of `layers` layers, the same for the same seed: layer 0 reads the raw input,
    /// every later layer one to three distinct layers among the ten before it; device time
    /// 0.01–5 ms, cloud time 0.001–0.2 ms, output 1,000–4,000,000 bytes, each uniform.
    static func randomlyWiredModel(layers count: Int, seed: UInt64) throws(InputError) -> ModelGraph {
        var random = SplitMix64(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { random.uniform(low...high) }
        func integer(_ low: Int, _ high: Int) -> Int { random.integer(low...high) }
        var layers: [Layer] = []
        for index in 0..<count {
            var inputs = ["input"]
            if index > 0 {
                var pool = Array(max(0, index - 10)..<index)
                let reads = min(integer(1, 3), pool.count)
                for k in 0..<reads { pool.swapAt(k, integer(k, pool.count - 1)) }
                inputs = pool.prefix(reads).sorted().map { "l\($0)" }
            }
            layers.append(Layer(name: "l\(index)", inputs: inputs, deviceMs: uniform(0.01, 5), cloudMs: uniform(0.001, 0.2),
                                outputBytes: integer(1_000, 4_000_000)))
        }
        return try ModelGraph(name: "randomly-wired-\(count)", inputBytes: 602_112, layers: layers)
    }

    /// Prove the optimum for 8 jobs of 8 different models over Wi-Fi.
    static func exact8(_ samples: SampleFiles) throws -> BenchCase {
        let names = ["alexnet", "resnet18", "mobilenet_v2", "googlenet", "vgg11", "squeezenet1_1", "resnet50", "mobilenet_v3_small"]
        let models = try names.map { name throws(InputError) in try ModelFile.load(path: samples.modelPath(name)) }
        let scenario = Scenario(name: "exact-8", environment: Environment(bandwidthMbps: 18.88), models: models,
                                jobs: names.indices.map { Job(id: names[$0], modelIndex: $0) })
        let planner = Planner(scenario: scenario)
        return BenchCase(name: "exact-8", targetMs: 1000) {
            _ = try? planner.plan(.exact, in: scenario.environment)
        }
    }

    /// Play a layer-level plan of 1,000 mixed jobs under the 4G drive trace.
    static func simulate1000(_ samples: SampleFiles) throws -> BenchCase {
        let benchmark = try SimulatorBenchmark(samples: samples, jobs: 1000)
        return BenchCase(name: "simulate-1000", targetMs: 20) { _ = try? benchmark.run() }
    }

    /// Write the plan JSON (`schedule --format json`) of 1,000 mixed jobs, about 5.6 MB,
    /// straight into the byte writer: the target is 25 ms, 200 MB/s. Planning is done once,
    /// untimed.
    static func json1000(_ samples: SampleFiles) throws -> BenchCase {
        let scenario = try mixedScenario(jobs: 1000, samples: samples)
        let plan = try Planner(scenario: scenario).plan(.joint, in: scenario.environment)
        let bytes = PlanJSON.plan(plan, scenario: scenario).bytes.count
        return BenchCase(name: "json-1000", targetMs: 25, bytesPerRun: bytes) {
            _ = try? PlanJSON.plan(plan, scenario: scenario).checkFinite()
        }
    }

    /// Render one 200×60 dashboard frame of the default scenario into the canvas.
    static func renderDefault(_ samples: SampleFiles) throws -> BenchCase {
        let dashboard = try Dashboard(scenario: samples.scenario("default"), scenarioPath: nil, options: DashboardOptions())
        return BenchCase(name: "render-default", targetMs: 2) { _ = dashboard.render(width: 200, height: 60) }
    }

    /// Press `b` or `B` in the dashboard (every algorithm re-plans, the plan is played
    /// again) and render the 200×60 frame, with 1,000 mixed jobs.
    static func keystroke1000(_ samples: SampleFiles) throws -> BenchCase {
        var dashboard = try Dashboard(scenario: mixedScenario(jobs: 1000, samples: samples), scenarioPath: nil, options: DashboardOptions())
        _ = dashboard.handle(.resize(width: 200, height: 60))
        let keys: [Character] = ["B", "B", "B", "b", "b", "b"]
        var step = 0
        return BenchCase(name: "keystroke-1000", targetMs: 50) {
            step = (step + 1) % keys.count
            _ = dashboard.handle(.key(.character(keys[step])))
            _ = dashboard.render(width: 200, height: 60)
        }
    }

    /// `jobs` jobs cycling through the models of the stress scenario.
    static func mixedScenario(jobs: Int, samples: SampleFiles) throws -> Scenario {
        var scenario = try samples.scenario("stress-mixed")
        let models = scenario.models.count
        scenario.jobs = (0..<jobs).map { Job(id: "job-\($0 + 1)", modelIndex: $0 % models) }
        return scenario
    }
}
