/// One inference job: a model run on one input.
public struct Job: Sendable, Hashable {
    /// Unique within its scenario (`cam-1` … `cam-4` after `count` expansion).
    public var id: String
    /// Index into `Scenario.models`.
    public var modelIndex: Int

    public init(id: String, modelIndex: Int) {
        self.id = id
        self.modelIndex = modelIndex
    }
}

/// A set of jobs under an environment (docs/FORMATS.md §3).
///
/// Jobs share models by index; a job whose `inputBytes` overrides its model's
/// gets its own model variant, so cut costs depend on the model index alone.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var environment: Environment
    /// The distinct models (with their input size) the jobs run.
    public var models: [ModelGraph]
    public var jobs: [Job]
    /// For each model (by index), how the scenario file named it, so that the scenario
    /// can be written again (`ScenarioFile.encode`); empty for a scenario built in code.
    public var modelSources: [ModelSource]

    /// A scenario; `modelSources` (one per model, or none) lets `ScenarioFile.encode` write it.
    public init(name: String, description: String = "", environment: Environment, models: [ModelGraph], jobs: [Job],
                modelSources: [ModelSource] = []) {
        self.name = name
        self.description = description
        self.environment = environment
        self.models = models
        self.jobs = jobs
        self.modelSources = modelSources
    }

    /// The model job `index` runs.
    public func model(ofJob index: Int) -> ModelGraph { models[jobs[index].modelIndex] }

    /// Layers summed over every job: the size of the work `layer-level` and the simulator
    /// do, bounded by `Limits.layersPerScenario` in files.
    public var totalLayers: Int {
        jobs.reduce(0) { $0 + models[$1.modelIndex].layers.count }
    }

    /// Why one more job of model `modelIndex` would break a limit a scenario file must
    /// keep (`Limits.jobsPerScenario`, `Limits.layersPerScenario`), or nil when it fits.
    public func limitReached(addingJobOf modelIndex: Int) -> String? {
        if jobs.count >= Limits.jobsPerScenario {
            return "a scenario holds at most \(Limits.jobsPerScenario) jobs"
        }
        if totalLayers + models[modelIndex].layers.count > Limits.layersPerScenario {
            return "a scenario holds at most \(Limits.layersPerScenario) layers over all its jobs"
        }
        return nil
    }

    /// How the scenario file named model `index`, or nil when it is not known.
    public func modelSource(ofModel index: Int) -> ModelSource? {
        modelSources.indices.contains(index) ? modelSources[index] : nil
    }
}

/// How a scenario file names one of its models: the `model` path of a job, as written
/// (relative to the scenario file), and the job's `inputBytes` override, if any.
public struct ModelSource: Sendable, Hashable {
    /// The path as the scenario file writes it.
    public var path: String
    /// The job's `inputBytes`, overriding the model's; nil when the job has none.
    public var inputBytes: Int?

    /// The source of a model named by `path`, with the job's `inputBytes` override if any.
    public init(path: String, inputBytes: Int? = nil) {
        self.path = path
        self.inputBytes = inputBytes
    }
}
