import OffloadModel

/// Which colour each job's blocks get in the exported pictures, and the legend that explains
/// them: one colour per job, or one per model (models of one name share), as the
/// dashboard's `m` chooses.
public struct JobColouring: Sendable, Equatable {
    /// The palette index of each job.
    public var indices: [Int]
    /// What each colour stands for: the palette index and a label (a job id or a model name).
    public var legend: [(index: Int, label: String)]

    public init(scenario: Scenario, byModel: Bool) {
        guard byModel else {
            indices = Array(scenario.jobs.indices)
            legend = scenario.jobs.enumerated().map { ($0.offset, $0.element.id) }
            return
        }
        var byName: [String: Int] = [:]
        var legend: [(index: Int, label: String)] = []
        indices = scenario.jobs.map { job in
            let name = scenario.models.indices.contains(job.modelIndex) ? scenario.models[job.modelIndex].name : "?"
            if let known = byName[name] { return known }
            byName[name] = legend.count
            legend.append((legend.count, name))
            return legend.count - 1
        }
        self.legend = legend
    }

    /// Colour by model when the jobs outnumber the palette (their colours would repeat) and
    /// the models do not.
    public static func automatic(scenario: Scenario, paletteSize: Int) -> Bool {
        scenario.jobs.count > paletteSize && Set(scenario.models.map(\.name)).count <= paletteSize
    }

    /// The palette index of `job`.
    public func index(_ job: Int) -> Int { indices.indices.contains(job) ? indices[job] : job }

    public static func == (a: JobColouring, b: JobColouring) -> Bool {
        a.indices == b.indices && a.legend.map(\.index) == b.legend.map(\.index) && a.legend.map(\.label) == b.legend.map(\.label)
    }
}
