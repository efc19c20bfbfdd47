/// A named bandwidth trace read from its own file (docs/FORMATS.md §3, "Trace files").
public struct BandwidthTrace: Sendable, Hashable {
    /// Shown in output, e.g. `4G drive with dips`.
    public var name: String
    /// Free text: the story of the trace.
    public var description: String
    /// Where the numbers come from, when the file says so as text (a measurement, or
    /// what a hand-built trace is modelled on).
    public var source: String?
    /// The rate over time: ascending `atMs`, the first at 0, the last rate > 0.
    public var points: [TracePoint]

    public init(name: String, description: String = "", source: String? = nil, points: [TracePoint]) {
        self.name = name
        self.description = description
        self.source = source
        self.points = points
    }
}

/// Decodes bandwidth trace files: `{"name", "description", "source", "points": [{"atMs", "mbps"}, …]}`.
public enum TraceFile {
    /// Loads and validates the trace file at `path`; errors name the file and the point.
    public static func load(path: String, warnings: KeyWarnings? = nil) throws(InputError) -> BandwidthTrace {
        try decode(FileReader.json(atPath: path), file: path, warnings: warnings)
    }

    /// Validates a parsed trace file; errors name `file` and the point, as in
    /// `traces/walk.json: points[3]: atMs must ascend: 100 follows 200`.
    public static func decode(_ json: JSONValue, file: String, warnings: KeyWarnings? = nil) throws(InputError) -> BandwidthTrace {
        if case .object = json, json["points"] == nil {
            if json["jobs"] != nil {
                throw InputError(file: file, message: "this is a scenario (it has \"jobs\"), not a bandwidth trace; expected \"points\"")
            }
            if json["layers"] != nil {
                throw InputError(file: file, message: "this is a model profile (it has \"layers\"), not a bandwidth trace; expected \"points\"")
            }
        }
        if case .array = json {
            throw InputError(file: file, message: "a trace file is an object with \"name\" and \"points\"; a bare array of points belongs inline in a scenario's environment.bandwidthTrace")
        }
        let top = try FieldReader(json, file: file, location: nil, what: "a bandwidth trace")
        try top.reportUnknownKeys(known: ["name", "description", "source", "points"], to: warnings)
        let name = try top.name("name")
        let description = try top.optionalText("description") ?? ""
        var source: String?
        if let value = top.value("source") {
            switch value {
            case let .string(text): source = text
            case .object, .null: source = nil  // informative, like a model's source block
            default: throw top.fail("source must be a string or an object, found \(value.kindName)")
            }
        }
        guard let points = top.value("points") else {
            throw top.fail("missing required field \"points\" (an array of {\"atMs\", \"mbps\"} points)")
        }
        return BandwidthTrace(name: name, description: description, source: source,
                              points: try ScenarioFile.decodeTrace(points, file: file, location: "points", warnings: warnings))
    }
}
