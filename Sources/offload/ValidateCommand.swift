import ArgumentParser
import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload validate FILE…`: checks scenario, model, trace and theme files.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario, model, bandwidth trace or theme files; exit 0 only when all are valid.",
        discussion: """
            Examples:
              offload validate sample-jobs/*.json sample-jobs/models/*.json
              offload validate my-scenario.json --strict
              offload validate sample-jobs/traces/*.json --format json
              cat my-scenario.json | offload validate -
            Unknown keys are warnings on standard error (--strict: errors). The JSON is \\
            described by docs/schema/validate.schema.json.
            """
    )

    @Argument(help: "Scenario, model profile or trace files (told apart by their \"jobs\", \"layers\" or \"points\"), or .theme files; - reads one from standard input.")
    var files: [String]

    @OptionGroup var input: InputOptions

    @OptionGroup var shape: OutputShape

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to validate") }
        try shape.check()
    }

    func run() throws {
        var results: [FileCheck.Result] = []
        for file in files {
            let result = FileCheck.check(file, strict: input.strict)
            input.warn(result.warnings)
            if let error = result.error { Terminal.printError("offload: \(error)") }
            results.append(result)
        }
        switch shape.format {
        case .json:
            try Output.standardOutput(FileCheck.json(results).bytes + [UInt8(ascii: "\n")])
        case .text:
            let lines = results.filter { $0.error == nil }.map { "ok  \($0.file)  (\($0.summary))" }
            if !lines.isEmpty {
                try Output.standardOutput(TextWidth.bounded(lines.joined(separator: "\n") + "\n", width: shape.textWidth))
            }
        }
        if results.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}

/// Recognises and checks one input file.
enum FileCheck {
    /// What a file turned out to be and hold.
    enum Kind: String {
        case scenario, model, trace, theme
    }

    /// The check of one file.
    struct Result {
        var file: String
        /// Nil when the file could not be recognised (unreadable, not JSON, no telling key).
        var kind: Kind?
        /// What the file holds (for a valid file): `name`, counts.
        var holds: [(key: String, value: JSONValue)] = []
        var warnings: [UnknownKeyWarning] = []
        var error: InputError?
        /// A model's candidate cuts, for the text line (`CutSetSummary`).
        var cutSummary: String?

        /// `scenario "Campus": 5 jobs, 2 models`.
        var summary: String {
            func count(_ key: String, _ noun: String) -> String {
                guard case let .number(_, value?)? = holds.first(where: { $0.key == key })?.value else { return "" }
                return counted(value, noun)
            }
            var name = ""
            if case let .string(text)? = holds.first(where: { $0.key == "name" })?.value { name = " \"\(text)\"" }
            switch kind {
            case .scenario?: return "scenario\(name): " + count("jobCount", "job") + ", " + count("modelCount", "model")
            case .model?:
                let shape = holds.contains { $0.key == "chain" && $0.value == .bool(true) } ? "a chain" : "a DAG"
                let constants = count("constantCount", "constant")
                return "model\(name): " + count("layerCount", "layer") + (constants.hasPrefix("0 ") ? "" : " (\(constants))") + ", " + shape
                    + (cutSummary.map { "; " + $0 } ?? "")
            case .trace?: return "bandwidth trace\(name): " + count("pointCount", "point")
            case .theme?: return "theme"
            case nil: return "unknown"
            }
        }
    }

    /// Checks the file at `path`, collecting unknown keys (as an error when `strict`).
    static func check(_ path: String, strict: Bool) -> Result {
        var result = Result(file: path)
        let log = KeyWarnings(strict: strict)
        do throws(InputError) {
            try inspect(path, into: &result, warnings: log)
        } catch {
            result.error = error
            result.holds = []
        }
        result.warnings = log.take()
        return result
    }

    private static func inspect(_ path: String, into result: inout Result, warnings: KeyWarnings) throws(InputError) {
        if path.hasSuffix(".theme") {
            result.kind = .theme
            try ThemeCheck.check(FileReader.bytes(atPath: path), file: path)
            return
        }
        let json = try FileReader.json(atPath: path)
        if json["jobs"] != nil {
            result.kind = .scenario
            var cache: [String: ModelGraph] = [:]
            let scenario = try ScenarioFile.decode(json, file: path, warnings: warnings) { (model: String) throws(InputError) in
                let resolved = OffloadModel.path(model, relativeTo: path)
                if let known = cache[resolved] { return known }
                let graph = try ModelFile.load(path: resolved, warnings: warnings)
                cache[resolved] = graph
                return graph
            }
            result.holds = [("name", .string(scenario.name)), ("jobCount", .int(scenario.jobs.count)),
                            ("modelCount", .int(Set(scenario.models.map(\.name)).count))]
            if let trace = scenario.environment.bandwidthTrace { result.holds.append(("tracePointCount", .int(trace.count))) }
            return
        }
        if json["layers"] != nil {
            result.kind = .model
            let model = try ModelFile.decode(json, file: path, warnings: warnings)
            // Constants (docs/FORMATS.md §2) are counted among the layers and named apart; how far
            // the candidate cuts cover the partitions (docs/FORMATS.md, "Candidate cuts").
            let cuts = CandidateCuts.analyze(model)
            result.holds = [("name", .string(model.name)), ("layerCount", .int(model.layers.count)),
                            ("constantCount", .int(model.constantCount)), ("chain", .bool(model.isChain)),
                            ("cuts", .object([("complete", .bool(cuts.isComplete)), ("count", .int(cuts.cuts.count)),
                                              ("epsilonMs", .measured(cuts.epsilonMs)),
                                              ("digest", .string(cuts.fingerprint))]))]
            result.cutSummary = CutSetSummary.text(cuts)
            return
        }
        if json["points"] != nil {
            result.kind = .trace
            let trace = try TraceFile.decode(json, file: path, warnings: warnings)
            result.holds = [("name", .string(trace.name)), ("pointCount", .int(trace.points.count))]
            return
        }
        guard case .object = json else {
            throw InputError(file: path, message: "expected a scenario, a model profile or a bandwidth trace (a JSON object), found \(json.kindName)")
        }
        throw InputError(file: path, message: "neither a scenario (no \"jobs\"), a model profile (no \"layers\") nor a bandwidth trace (no \"points\")")
    }

    /// `{"valid", "files": [{"file", "kind", "valid", "holds", "warnings", "error"}]}`
    /// (docs/schema/validate.schema.json).
    static func json(_ results: [Result]) -> JSONDocument {
        JSONWriter.document { json in
            json.object {
                json.bool("valid", results.allSatisfy { $0.error == nil })
                json.array("files") {
                    for result in results {
                        json.object {
                            json.string("file", result.file)
                            if let kind = result.kind { json.string("kind", kind.rawValue) }
                            json.bool("valid", result.error == nil)
                            if result.error == nil {
                                json.key("holds")
                                json.value(.object(result.holds))
                            }
                            json.array("warnings") { for warning in result.warnings { warningJSON(warning, to: json) } }
                            if let error = result.error { json.string("error", error.description) }
                        }
                    }
                }
            }
        }
    }

    /// `{"file", "location", "key", "suggestion", "message"}`, `location` and `suggestion`
    /// only when there is one.
    static func warningJSON(_ warning: UnknownKeyWarning, to json: JSONWriter) {
        json.object {
            json.string("file", warning.file)
            if let location = warning.location { json.string("location", location) }
            json.string("key", warning.key)
            if let suggestion = warning.suggestion { json.string("suggestion", suggestion) }
            json.string("message", warning.description)
        }
    }
}

/// `1 job`, `2 jobs`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
