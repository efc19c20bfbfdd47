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

/// A set of jobs under an environment (SPEC §3).
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

    public init(name: String, description: String = "", environment: Environment, models: [ModelGraph], jobs: [Job]) {
        self.name = name
        self.description = description
        self.environment = environment
        self.models = models
        self.jobs = jobs
    }

    /// The model job `index` runs.
    public func model(ofJob index: Int) -> ModelGraph { models[jobs[index].modelIndex] }
}
