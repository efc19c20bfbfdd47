import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload compare SCENARIO`: every algorithm's makespan side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan a scenario with every algorithm and compare the makespans.",
        discussion: """
            Examples:
              offload compare sample-jobs/default.json
              offload compare sample-jobs/drive-4g.json --bandwidth 5 --latency 20
              offload compare sample-jobs/default.json --format json | jq -r '.results[] | "\\(.algorithm) \\(.makespanMs)"'
            Every algorithm has a row; one that refuses the scenario (exact beyond its size) \
            says why, and in JSON has "makespanMs": null and "refused". The JSON is described \
            by docs/schema/compare.schema.json.
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md); - reads it from standard input.")
    var scenario: String

    @OptionGroup var options: EnvironmentOptions

    func run() throws {
        let loaded = try options.loadScenario(scenario)
        let comparison = Comparison(planner: Planner(scenario: loaded), environment: options.environment(for: loaded))
        switch options.format {
        case .json: try options.emit(json: CompareReport.json(comparison, scenario: loaded))
        case .text: try options.emit(text: CompareReport.text(comparison, scenario: loaded, width: options.textWidth))
        }
    }
}
