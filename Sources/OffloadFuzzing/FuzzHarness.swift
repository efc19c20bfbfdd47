import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// One fuzz input, from raw bytes to every screen and export the user could see.
///
/// The bytes go through the loader they look like (a scenario when the JSON has `jobs`,
/// a model when it has `layers`, a trace when it has `points`, every loader otherwise,
/// and the theme parser when they are not JSON). What a loader accepts is then planned
/// with every algorithm, played in the simulator, written as text and JSON, and drawn
/// by the dashboard after a few keystrokes. Bad input must come back as an `InputError`;
/// anything else that goes wrong — a trap, or a broken invariant checked here — stops
/// the process, which is how libFuzzer (and the regression tests) see a failure.
public enum FuzzHarness {
    /// The largest accepted input that is planned and drawn; larger ones are only
    /// decoded, so that each run stays well under a second.
    static let plannedJobs = 12
    static let plannedLayers = 160

    /// Runs `bytes` through the whole pipeline; returns what happened to them.
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> Outcome {
        let file = "fuzz-input"
        let json: JSONValue
        do {
            json = try FileReader.json(bytes, file: file)
        } catch {
            checkMessage(error)
            return runTheme(bytes, file: file)
        }
        if case .object = json {
            if json["jobs"] != nil { return runScenario(json, file: file) }
            if json["layers"] != nil { return runModel(json, file: file) }
            if json["points"] != nil { return runTrace(json, file: file) }
        }
        // Shapes none of the loaders recognise: every loader must refuse them in words.
        _ = runModel(json, file: file)
        _ = runTrace(json, file: file)
        return runScenario(json, file: file)
    }

    /// Whether an input was accepted, and how far it went.
    public enum Outcome: Sendable, Equatable {
        /// A loader refused it with this message.
        case refused(String)
        /// A loader accepted it; `planned` says whether it was small enough to plan and draw.
        case accepted(planned: Bool)
    }

    // MARK: - Loaders

    private static func runModel(_ json: JSONValue, file: String) -> Outcome {
        let model: ModelGraph
        do {
            model = try ModelFile.decode(json, file: file)
        } catch {
            return refused(error)
        }
        guard model.layers.count <= plannedLayers else { return .accepted(planned: false) }
        let jobs = (0..<3).map { Job(id: "job-\($0 + 1)", modelIndex: 0) }
        // The model under the default environment, and under the slowest one a file may
        // hold: every accepted number at its worst must still plan to finite times.
        for environment in [Environment(), slowest] {
            let scenario = Scenario(name: "fuzzed model", environment: environment, models: [model], jobs: jobs)
            exercise(scenario, seed: fingerprint(of: json))
        }
        return .accepted(planned: true)
    }

    /// The slowest environment the loaders accept (docs/FORMATS.md, "Limits").
    static let slowest = Environment(deviceSpeed: Limits.rates.lowerBound, cloudSpeed: Limits.rates.lowerBound,
                                     bandwidthMbps: Limits.rates.lowerBound, latencyMs: Limits.maximumMs)

    private static func runTrace(_ json: JSONValue, file: String) -> Outcome {
        let trace: BandwidthTrace
        do {
            trace = try TraceFile.decode(json, file: file)
        } catch {
            return refused(error)
        }
        var scenario = FuzzModels.scenario
        scenario.environment.bandwidthTrace = trace.points
        exercise(scenario, seed: fingerprint(of: json))
        return .accepted(planned: true)
    }

    private static func runScenario(_ json: JSONValue, file: String) -> Outcome {
        let scenario: Scenario
        do {
            scenario = try ScenarioFile.decode(json, file: file, loadModel: FuzzModels.model(named:),
                                               loadTrace: FuzzModels.trace(named:))
        } catch {
            return refused(error)
        }
        let layers = scenario.models.reduce(0) { $0 + $1.layers.count }
        guard scenario.jobs.count <= plannedJobs, layers <= plannedLayers else { return .accepted(planned: false) }
        exercise(scenario, seed: fingerprint(of: json))
        return .accepted(planned: true)
    }

    private static func runTheme(_ bytes: [UInt8], file: String) -> Outcome {
        do {
            try ThemeCheck.check(bytes, file: file)
            return .accepted(planned: false)
        } catch {
            return refused(error)
        }
    }

    private static func refused(_ error: InputError) -> Outcome {
        checkMessage(error)
        return .refused(error.description)
    }

    /// A refusal is one line that names the input.
    private static func checkMessage(_ error: InputError) {
        let text = error.description
        require(!error.message.isEmpty, "an empty error message: \(text)")
        require(!text.contains("\n"), "a message of more than one line: \(text)")
        require(text.hasPrefix("fuzz-input"), "a message that does not name the file: \(text)")
    }

    // MARK: - Planning, simulation, output

    /// Plans `scenario` with every algorithm and checks each plan, then simulates,
    /// writes and draws it.
    static func exercise(_ scenario: Scenario, seed: UInt64) {
        let planner = Planner(scenario: scenario)
        var algorithms = Algorithm.allCases
        if scenario.jobs.count > 4 { algorithms.removeAll { $0 == .exact } }
        let results = planner.plans(algorithms, in: scenario.environment)
        var plans: [Plan] = []
        for (algorithm, result) in zip(algorithms, results) {
            switch result {
            case let .success(plan):
                check(plan, of: scenario, algorithm: algorithm)
                plans.append(plan)
            case let .failure(error):
                require(!error.reason.isEmpty, "\(algorithm) failed without a reason")
            }
        }
        for plan in plans { simulate(plan, scenario: scenario) }
        if let plan = plans.first { write(plan, scenario: scenario, width: Int(seed % 200)) }
        let comparison = Comparison(algorithms: algorithms, results: results, environment: scenario.environment,
                                    lowerBoundMs: planner.lowerBound(in: scenario.environment))
        checkJSON(CompareReport.json(comparison, scenario: scenario), what: "compare")
        _ = CompareReport.text(comparison, scenario: scenario)
        draw(scenario, seed: seed)
    }

    private static func check(_ plan: Plan, of scenario: Scenario, algorithm: Algorithm) {
        require(plan.makespanMs.isFinite && plan.makespanMs >= 0, "\(algorithm): makespan \(plan.makespanMs)")
        require(plan.lowerBoundMs.isFinite && plan.lowerBoundMs >= 0, "\(algorithm): lower bound \(plan.lowerBoundMs)")
        require(plan.lowerBoundMs <= plan.makespanMs * (1 + 1e-9) + 1e-9,
                "\(algorithm): lower bound \(plan.lowerBoundMs) above makespan \(plan.makespanMs)")
        require(plan.cuts.count == scenario.jobs.count, "\(algorithm): \(plan.cuts.count) cuts for \(scenario.jobs.count) jobs")
        require(plan.order.sorted() == Array(scenario.jobs.indices), "\(algorithm): the order is not a permutation")
        // Every cut is the model's own cut of its device layers: constants run where their
        // consumers do and are never sent (docs/FORMATS.md §2).
        for (job, cut) in plan.cuts.enumerated() {
            let model = scenario.model(ofJob: job)
            guard let own = model.cut(onDevice: cut.onDevice) else { violated("\(algorithm): job \(job)'s cut is not closed") }
            require(own.onDevice == cut.onDevice && own.sentTensors == cut.sentTensors && own.uplinkBytes == cut.uplinkBytes
                    && abs(own.deviceMs - cut.deviceMs) <= 1e-9 * max(1, own.deviceMs)
                    && abs(own.cloudMs - cut.cloudMs) <= 1e-9 * max(1, own.cloudMs),
                    "\(algorithm): job \(job)'s cut differs from the model's cut of its device layers")
        }
        for segment in plan.segments {
            if segment.lane == .uplink, case let .items(items) = segment.work {
                let model = scenario.model(ofJob: segment.job)
                require(!items.contains { $0 >= 0 && $0 < model.layers.count && model.isConstant[$0] }, "\(algorithm): a constant is sent")
            }
            require(segment.startMs.isFinite && segment.endMs.isFinite && segment.startMs >= -1e-9
                    && segment.endMs >= segment.startMs && segment.endMs <= plan.makespanMs * (1 + 1e-9) + 1e-9,
                    "\(algorithm): segment \(segment.startMs)–\(segment.endMs) outside 0–\(plan.makespanMs)")
        }
    }

    /// Under a constant link the simulator must replay a plan exactly.
    private static func simulate(_ plan: Plan, scenario: Scenario) {
        let timeline: Timeline
        do {
            timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
        } catch {
            violated("simulating \(plan.algorithm) failed on an accepted scenario: \(error)")
        }
        require(timeline.makespanMs.isFinite, "\(plan.algorithm): realised makespan \(timeline.makespanMs)")
        if scenario.environment.bandwidthTrace == nil {
            let tolerance = 1e-6 * max(1, plan.makespanMs)
            require(abs(timeline.makespanMs - plan.makespanMs) <= tolerance,
                    "\(plan.algorithm): planned \(plan.makespanMs) ms, replayed \(timeline.makespanMs) ms")
        }
        let played = SimulationReport.Played(scenario: scenario, environment: scenario.environment, plan: plan, timeline: timeline)
        checkJSON(SimulationReport.json(played), what: "simulate")
        _ = SimulationReport.text(played, width: 100)
    }

    private static func write(_ plan: Plan, scenario: Scenario, width: Int) {
        _ = TextReport.plan(plan, scenario: scenario, width: width)
        checkJSON(PlanJSON.plan(plan, scenario: scenario), what: "schedule")
    }

    /// An export holds finite numbers only and reads back as JSON.
    private static func checkJSON(_ document: JSONDocument, what: String) {
        require(document.nonFinitePath == nil, "\(what) exports a number that is not finite at \(document.nonFinitePath ?? "")")
        do {
            _ = try JSONParser.parse(document.bytes)
        } catch {
            violated("\(what) wrote JSON that does not parse (\(error.message)): \(document.serialized().prefix(300))")
        }
    }

    /// Opens the dashboard, presses keys chosen by `seed` and draws after each.
    private static func draw(_ scenario: Scenario, seed: UInt64) {
        var dashboard: Dashboard
        do {
            dashboard = try Dashboard(scenario: scenario, scenarioPath: nil, options: DashboardOptions())
        } catch {
            return
        }
        var random = seed | 1
        let sizes = [(80, 24), (Int(seed % 130), Int((seed >> 8) % 50))]
        for (width, height) in sizes {
            _ = dashboard.handle(.resize(width: width, height: height))
            checkCanvas(dashboard.render(width: width, height: height), width: width, height: height)
        }
        for _ in 0..<8 {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            let key = safeKeys[Int((random >> 33) % UInt64(safeKeys.count))]
            _ = dashboard.handle(.key(key))
            if random & 4 != 0 { _ = dashboard.handle(.tick(elapsedMs: 33)) }
            checkCanvas(dashboard.render(width: 80, height: 24), width: 80, height: 24)
        }
    }

    /// Keys that change what is planned and drawn, never the files on disk.
    private static let safeKeys: [Key] = "bBdDcClLr12345aAnxjk+-0<>m vR?t".map { Key.character($0) }
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .escape]

    private static func checkCanvas(_ canvas: Canvas, width: Int, height: Int) {
        require(canvas.width == max(0, width) && canvas.height == max(0, height),
                "drew \(canvas.width)×\(canvas.height) for a \(width)×\(height) terminal")
    }

    // MARK: - Helpers

    /// Stops the process with `message` when `condition` is false (in every build mode).
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { violated(message()) }
    }

    /// The harness's one deliberate trap: a broken invariant must stop the process, which
    /// is how libFuzzer records a crash and how a regression test fails. Only the fuzz
    /// harness traps on input; the product refuses bad input with an `InputError`.
    static func violated(_ message: String) -> Never {
        fatalError("invariant broken: \(message)")
    }

    /// A stable hash of the input, to choose sizes and keys.
    static func fingerprint(of json: JSONValue) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in json.serialized().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
