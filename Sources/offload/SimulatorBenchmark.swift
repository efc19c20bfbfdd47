import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// The `simulate-1000` benchmark: a layer-level plan of 1,000 mixed jobs played under a
/// bandwidth trace.
///
/// Setting up (loading the bundled models and the trace, planning) is done once by
/// `init`; `run()` is the part to time.
struct SimulatorBenchmark: Sendable {
    /// 1,000 jobs cycling through the bundled models, each on an 8-bit 224 × 224 frame.
    let scenario: Scenario
    /// Nominal 4G (5.85 Mbps) for planning, played under `traceFile`.
    let environment: Environment
    /// The plan `run()` plays: the layer-level algorithm's when the scheduler offers it,
    /// else a hand-built layer-level plan (`LayerLevelPlan.handBuilt`).
    let plan: Plan

    /// The trace played, relative to the samples folder.
    static let traceFile = "traces/4g-drive.json"

    /// Loads the bundled models (``SampleFiles/modelNames``) and the trace from `samples`
    /// and builds the plan of `jobs` jobs.
    init(samples: SampleFiles, jobs: Int = 1000) throws(InputError) {
        var models: [ModelGraph] = []
        for name in SampleFiles.modelNames {
            models.append(try ModelFile.load(path: samples.modelPath(name)).withInputBytes(150_528))
        }
        let trace = try TraceFile.load(path: samples.folder + "/" + Self.traceFile)
        let environment = Environment(bandwidthMbps: 5.85, bandwidthTrace: trace.points)
        let jobList = (0..<max(1, jobs)).map { index in
            Job(id: "\(SampleFiles.modelNames[index % models.count])-\(index / models.count + 1)", modelIndex: index % models.count)
        }
        let scenario = Scenario(name: "simulate-1000", description: "\(jobList.count) mixed jobs under \(Self.traceFile)",
                                environment: environment, models: models, jobs: jobList)
        let planner = Planner(scenario: scenario)
        if let plan = try? planner.plan(.layerLevel, in: environment) {
            self.plan = plan
        } else {
            // Every kind of cut appears: job j takes candidate j mod k of its model's k.
            let cuts = scenario.jobs.indices.map { job -> Cut in
                let candidates = planner.candidates[scenario.jobs[job].modelIndex]
                return candidates[(job / models.count) % candidates.count]
            }
            plan = LayerLevelPlan.handBuilt(scenario: scenario, cuts: cuts, environment: environment,
                                            lowerBoundMs: planner.lowerBound(in: environment))
        }
        self.scenario = scenario
        self.environment = environment
    }

    /// Plays the plan under the trace: the timed part.
    func run() throws(SimulationError) -> Timeline {
        try Simulator.play(plan: plan, scenario: scenario, environment: environment)
    }
}

