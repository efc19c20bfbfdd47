import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload compare SCENARIO`: every algorithm's makespan side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan a scenario with every algorithm and compare the makespans."
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md).")
    var scenario: String

    @OptionGroup var options: EnvironmentOptions

    func run() throws {
        let loaded = try ScenarioFile.load(path: scenario)
        let comparison = Comparison(planner: Planner(scenario: loaded), environment: options.environment(for: loaded))
        switch options.format {
        case .json: printJSON(try CompareReport.json(comparison, scenario: loaded).finiteSerializedBytes())
        case .text: print(CompareReport.text(comparison, scenario: loaded), terminator: "")
        }
    }
}
