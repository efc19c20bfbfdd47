/// Decodes scenarios (docs/FORMATS.md §3) and the models they name.
public enum ScenarioFile {
    /// Loads the scenario at `path` and every model it names (paths relative to it).
    ///
    /// `warnings` collects the unknown keys of the scenario, its models and its trace file
    /// (or refuses them when strict); without it they are ignored silently.
    public static func load(path: String, warnings: KeyWarnings? = nil) throws(InputError) -> Scenario {
        var cache: [String: ModelGraph] = [:]
        return try decode(FileReader.json(atPath: path), file: path, warnings: warnings) { (modelPath: String) throws(InputError) in
            let resolved = OffloadModel.path(modelPath, relativeTo: path)
            if let model = cache[resolved] { return model }
            let model = try ModelFile.load(path: resolved, warnings: warnings)
            cache[resolved] = model
            return model
        }
    }

    /// Validates a parsed scenario; `loadModel` resolves each job's `model` path.
    ///
    /// `loadTrace` resolves an `environment.bandwidthTrace` given as a path; by default
    /// it reads the trace file (docs/FORMATS.md §3) relative to `file`.
    public static func decode(
        _ json: JSONValue, file: String, warnings: KeyWarnings? = nil, loadModel: (String) throws(InputError) -> ModelGraph,
        loadTrace: ((String) throws(InputError) -> [TracePoint])? = nil
    ) throws(InputError) -> Scenario {
        if case .object = json, json["jobs"] == nil {
            if json["layers"] != nil {
                throw InputError(file: file, message: "this is a model profile (it has \"layers\"), not a scenario; expected \"jobs\" — name it as a job's \"model\" in a scenario")
            }
            if json["points"] != nil {
                throw InputError(file: file, message: "this is a bandwidth trace (it has \"points\"), not a scenario; expected \"jobs\" — name it as environment.bandwidthTrace in a scenario")
            }
        }
        let top = try FieldReader(json, file: file, location: nil, what: "a scenario")
        try top.reportUnknownKeys(known: ["name", "description", "environment", "jobs"], to: warnings)
        let name = try top.name("name")
        let description = try top.optionalText("description") ?? ""
        let environment = try decodeEnvironment(top.value("environment"), file: file, warnings: warnings) { (tracePath: String) throws(InputError) in
            if let loadTrace { return try loadTrace(tracePath) }
            return try TraceFile.load(path: OffloadModel.path(tracePath, relativeTo: file), warnings: warnings).points
        }
        let specs = try top.array("jobs", of: "jobs")
        if specs.isEmpty { throw top.fail("jobs must list at least one job") }
        if specs.count > Limits.jobsPerScenario {
            throw top.fail("jobs lists \(specs.count) jobs; the limit is \(Limits.jobsPerScenario)")
        }

        var models: [ModelGraph] = []
        var sources: [ModelSource] = []
        var modelIndex: [ModelKey: Int] = [:]
        var jobs: [Job] = []
        var idOwner: [String: String] = [:]
        var totalLayers = 0
        for (position, spec) in specs.enumerated() {
            let unnamed = try FieldReader(spec, file: file, location: "job \(position + 1)", what: "a job")
            let id = try unnamed.name("id")
            let fields = try FieldReader(spec, file: file, location: "job \"\(id)\"", what: "a job")
            try fields.reportUnknownKeys(known: ["id", "model", "count", "inputBytes"], to: warnings)
            let modelPath = try fields.path("model")
            let remaining = Limits.jobsPerScenario - jobs.count
            let count = try fields.optionalInteger("count", minimum: 1, maximum: Limits.jobsPerScenario) ?? 1
            if count > remaining {
                throw fields.fail("count \(count) brings the scenario to \(jobs.count + count) jobs; the limit is \(Limits.jobsPerScenario)")
            }
            let inputBytes = try fields.optionalInteger("inputBytes", minimum: 0, maximum: Limits.maximumBytes)
            let key = ModelKey(path: modelPath, inputBytes: inputBytes)
            let index: Int
            if let known = modelIndex[key] {
                index = known
            } else {
                let model: ModelGraph
                do {
                    model = try loadModel(modelPath)
                } catch {
                    throw InputError(file: file, location: "job \"\(id)\"", message: "model \"\(modelPath)\": " + error.description)
                }
                index = models.count
                models.append(inputBytes.map { model.withInputBytes($0) } ?? model)
                sources.append(ModelSource(path: modelPath, inputBytes: inputBytes))
                modelIndex[key] = index
            }
            let layers = models[index].layers.count
            if count > (Limits.layersPerScenario - totalLayers) / layers {
                let jobs = count == 1 ? "1 job" : "\(count) jobs"
                throw fields.fail("\(jobs) of \(layers) layers each bring the scenario to \(totalLayers + count * layers) layers "
                    + "over all its jobs; the limit is \(Limits.layersPerScenario)")
            }
            totalLayers += count * layers
            for copy in 1...count {
                let jobID = count == 1 ? id : "\(id)-\(copy)"
                if let owner = idOwner[jobID] {
                    throw fields.fail("job id \"\(jobID)\" is already used by job \"\(owner)\"; ids must be unique")
                }
                idOwner[jobID] = id
                jobs.append(Job(id: jobID, modelIndex: index))
            }
        }
        return Scenario(name: name, description: description, environment: environment, models: models, jobs: jobs,
                        modelSources: sources)
    }

    private struct ModelKey: Hashable {
        var path: String
        var inputBytes: Int?
    }

    static func decodeEnvironment(
        _ json: JSONValue?, file: String, warnings: KeyWarnings?, loadTrace: (String) throws(InputError) -> [TracePoint]
    ) throws(InputError) -> Environment {
        var environment = Environment()
        guard let json else { return environment }
        let fields = try FieldReader(json, file: file, location: "environment", what: "environment")
        try fields.reportUnknownKeys(known: ["deviceSpeed", "cloudSpeed", "bandwidthMbps", "latencyMs", "bandwidthTrace"], to: warnings)
        if let speed = try fields.optionalNumber("deviceSpeed", rule: .rate) { environment.deviceSpeed = speed }
        if let speed = try fields.optionalNumber("cloudSpeed", rule: .rate) { environment.cloudSpeed = speed }
        if let mbps = try fields.optionalNumber("bandwidthMbps", rule: .rate) { environment.bandwidthMbps = mbps }
        if let latency = try fields.optionalNumber("latencyMs", rule: .duration) { environment.latencyMs = latency }
        if let trace = fields.value("bandwidthTrace"), trace != .null {
            let location = "environment.bandwidthTrace"
            if case let .string(tracePath) = trace {
                if tracePath.isEmpty {
                    throw InputError(file: file, location: location, message: "must be an array of points or the path of a trace file, found an empty string")
                }
                if tracePath.count > Limits.pathLength {
                    throw InputError(file: file, location: location, message: "the path is \(tracePath.count) characters long; the limit is \(Limits.pathLength)")
                }
                do {
                    environment.bandwidthTrace = try loadTrace(tracePath)
                } catch {
                    throw InputError(file: file, location: location, message: "trace \"\(tracePath)\": " + error.description)
                }
            } else {
                environment.bandwidthTrace = try decodeTrace(trace, file: file, location: location, warnings: warnings)
            }
        }
        return environment
    }

    /// A bandwidth trace: points ascending in `atMs`, the first at 0, every rate > 0
    /// (docs/FORMATS.md §3: bandwidth must be > 0; model an outage with a small rate such as 0.01).
    public static func decodeTrace(_ json: JSONValue, file: String, location: String,
                                   warnings: KeyWarnings? = nil) throws(InputError) -> [TracePoint] {
        guard case let .array(elements) = json else {
            throw InputError(file: file, location: location, message: "must be an array of {\"atMs\", \"mbps\"} points or the path of a trace file, found \(json.kindName)")
        }
        if elements.isEmpty { throw InputError(file: file, location: location, message: "must have at least one point") }
        if elements.count > Limits.tracePoints {
            throw InputError(file: file, location: location, message: "\(elements.count) points; the limit is \(Limits.tracePoints)")
        }
        var points: [TracePoint] = []
        points.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            let fields = try FieldReader(element, file: file, location: "\(location)[\(index)]", what: "a trace point")
            try fields.reportUnknownKeys(known: ["atMs", "mbps"], to: warnings)
            let atMs = try fields.number("atMs", rule: .nonNegative)
            guard let rate = fields.value("mbps") else {
                throw fields.fail("missing required field \"mbps\" (a finite number > 0)")
            }
            if case .number(0, _) = rate {
                throw fields.fail("mbps must be a finite number > 0, found 0; for an outage use a small rate such as 0.01")
            }
            let mbps = try fields.number(rate, key: "mbps", rule: .rate)
            if index == 0 && atMs != 0 { throw fields.fail("the first point must be at atMs 0, found \(formatFound(atMs))") }
            if let previous = points.last, atMs <= previous.atMs {
                throw fields.fail("atMs must ascend: \(formatFound(atMs)) follows \(formatFound(previous.atMs))")
            }
            points.append(TracePoint(atMs: atMs, mbps: mbps))
        }
        return points
    }
}
