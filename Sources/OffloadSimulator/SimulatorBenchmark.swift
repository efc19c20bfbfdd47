import OffloadModel
import OffloadScheduler

/// The `simulate-1000` benchmark: a layer-level plan of 1,000 mixed jobs played under a
/// bandwidth trace.
///
/// Setting up (loading the bundled models and the trace, planning) is done once by
/// `init`; `run()` is the part to time.
public struct SimulatorBenchmark: Sendable {
    /// 1,000 jobs cycling through the bundled models, each on an 8-bit 224 × 224 frame.
    public let scenario: Scenario
    /// Nominal 4G (5.85 Mbps) for planning, played under `traceFile`.
    public let environment: Environment
    /// The plan `run()` plays.
    public let plan: Plan
    /// Where the plan comes from: `layer-level algorithm` when the scheduler offers it,
    /// else `hand-built layer-level plan` (see `LayerLevelPlan.handBuilt`).
    public let planSource: String

    /// The bundled models the jobs cycle through, in `sample-jobs/models/`.
    public static let modelNames = [
        "alexnet", "efficientnet_b0", "googlenet", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
        "resnet101", "resnet18", "resnet34", "resnet50", "squeezenet1_1", "vgg11", "vgg16", "vgg19",
    ]
    /// The trace played, relative to the samples folder.
    public static let traceFile = "traces/4g-drive.json"

    /// Loads the models and the trace from `samplesFolder` (the repository's
    /// `sample-jobs`) and builds the plan of `jobs` jobs.
    public init(samplesFolder: String, jobs: Int = 1000) throws(InputError) {
        var models: [ModelGraph] = []
        for name in Self.modelNames {
            models.append(try ModelFile.load(path: samplesFolder + "/models/\(name).json").withInputBytes(150_528))
        }
        let trace = try TraceFile.load(path: samplesFolder + "/" + Self.traceFile)
        let environment = Environment(bandwidthMbps: 5.85, bandwidthTrace: trace.points)
        let jobList = (0..<max(1, jobs)).map { index in
            Job(id: "\(Self.modelNames[index % models.count])-\(index / models.count + 1)", modelIndex: index % models.count)
        }
        let scenario = Scenario(name: "simulate-1000", description: "\(jobList.count) mixed jobs under \(Self.traceFile)",
                                environment: environment, models: models, jobs: jobList)
        let planner = Planner(scenario: scenario)
        if let plan = try? planner.plan(.layerLevel, in: environment) {
            self.plan = plan
            planSource = "layer-level algorithm"
        } else {
            // Every kind of cut appears: job j takes candidate j mod k of its model's k.
            let cuts = scenario.jobs.indices.map { job -> Cut in
                let candidates = planner.candidates[scenario.jobs[job].modelIndex]
                return candidates[(job / models.count) % candidates.count]
            }
            plan = LayerLevelPlan.handBuilt(scenario: scenario, cuts: cuts, environment: environment,
                                            lowerBoundMs: planner.lowerBound(in: environment))
            planSource = "hand-built layer-level plan"
        }
        self.scenario = scenario
        self.environment = environment
    }

    /// Plays the plan under the trace: the timed part.
    public func run() throws(SimulationError) -> Timeline {
        try Simulator.play(plan: plan, scenario: scenario, environment: environment)
    }

    /// Sets up and plays once.
    public static func simulate1000(samplesFolder: String) throws -> Timeline {
        try SimulatorBenchmark(samplesFolder: samplesFolder).run()
    }
}

/// Layer-level plans built without a layer-level planner.
public enum LayerLevelPlan {
    /// A layer-level plan of the given cuts, jobs in listed order on every lane.
    ///
    /// Each job's device layers run in topological order, split into one segment after
    /// every layer whose output is sent, so each tensor can leave as soon as it exists;
    /// each sent tensor is its own transfer (the raw input first); the cloud layers run
    /// as one segment. The planned times are those of playing it on a constant link.
    public static func handBuilt(scenario: Scenario, cuts: [Cut], environment: Environment, lowerBoundMs: Double = 0) -> Plan {
        var segments: [Segment] = []
        for (job, cut) in cuts.enumerated() {
            let model = scenario.model(ofJob: job)
            guard cut.onDevice.count == model.layers.count else { continue }
            let sent = Set(cut.sentTensors)
            var chunk: [Int] = []
            for layer in model.layers.indices where cut.onDevice[layer] {
                chunk.append(layer)
                if sent.contains(layer) {
                    segments.append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk)))
                    chunk = []
                }
            }
            if !chunk.isEmpty { segments.append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk))) }
            for tensor in cut.sentTensors {
                segments.append(Segment(lane: .uplink, job: job, startMs: 0, endMs: 0, work: .items([tensor])))
            }
            let cloudLayers = model.cloudLayers(of: cut)
            if !cloudLayers.isEmpty {
                segments.append(Segment(lane: .cloud, job: job, startMs: 0, endMs: 0, work: .items(cloudLayers)))
            }
        }
        var constant = environment
        constant.bandwidthTrace = nil
        var plan = Plan(algorithm: .layerLevel, environment: constant, cuts: cuts, order: Array(cuts.indices),
                        lowerBoundMs: lowerBoundMs)
        plan.segments = segments
        // Every segment was built from the cuts, so the plan always fits; keep the job-level
        // times if it somehow does not.
        if let played = try? Simulator.play(plan: plan, scenario: scenario, environment: constant) {
            plan.segments = played.segments
            plan.finishMs = played.finishMs
            plan.makespanMs = played.makespanMs
            plan.lowerBoundMs = min(plan.lowerBoundMs, played.makespanMs)
        }
        return plan
    }
}
