import ArgumentParser
import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload validate FILE…`: checks scenario, model, trace and theme files.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario, model, bandwidth trace or theme files; exit 0 only when all are valid."
    )

    @Argument(help: "Scenario, model profile or trace files (told apart by their \"jobs\", \"layers\" or \"points\"), or .theme files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to validate") }
    }

    func run() throws {
        var invalid = 0
        for file in files {
            do {
                print("ok  \(file)  (\(try FileCheck.summary(ofFileAt: file)))")
            } catch {
                Terminal.printError("offload: \(error)")
                invalid += 1
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}

/// Recognises and checks one input file.
enum FileCheck {
    /// A one-line summary of a valid file; throws what is wrong with an invalid one.
    static func summary(ofFileAt path: String) throws(InputError) -> String {
        if path.hasSuffix(".theme") {
            try ThemeCheck.check(FileReader.bytes(atPath: path), file: path)
            return "theme"
        }
        let json = try FileReader.json(atPath: path)
        if json["jobs"] != nil {
            var cache: [String: ModelGraph] = [:]
            let scenario = try ScenarioFile.decode(json, file: path) { (model: String) throws(InputError) in
                let resolved = OffloadModel.path(model, relativeTo: path)
                if let known = cache[resolved] { return known }
                let graph = try ModelFile.load(path: resolved)
                cache[resolved] = graph
                return graph
            }
            return "scenario \"\(scenario.name)\": " + counted(scenario.jobs.count, "job") + ", "
                + counted(Set(scenario.models.map(\.name)).count, "model")
        }
        if json["layers"] != nil {
            let model = try ModelFile.decode(json, file: path)
            // Constants (docs/FORMATS.md §2) are counted among the layers and named apart; how far
            // the candidate cuts cover the partitions (docs/FORMATS.md, "Candidate cuts").
            let constants = model.constantCount
            return "model \"\(model.name)\": " + counted(model.layers.count, "layer")
                + (constants > 0 ? " (\(counted(constants, "constant")))" : "") + (model.isChain ? ", a chain" : ", a DAG")
                + "; " + CutSetSummary.text(CandidateCuts.analyze(model))
        }
        if json["points"] != nil {
            let trace = try TraceFile.decode(json, file: path)
            return "bandwidth trace \"\(trace.name)\": " + counted(trace.points.count, "point")
        }
        guard case .object = json else {
            throw InputError(file: path, message: "expected a scenario, a model profile or a bandwidth trace (a JSON object), found \(json.kindName)")
        }
        throw InputError(file: path, message: "neither a scenario (no \"jobs\"), a model profile (no \"layers\") nor a bandwidth trace (no \"points\")")
    }
}

/// `1 job`, `2 jobs`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
