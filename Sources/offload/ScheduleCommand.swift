import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload schedule SCENARIO`: plans, and prints the plan.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Plan a scenario and print the plan: a job table and a Gantt chart, or JSON."
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md).")
    var scenario: String

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @OptionGroup var options: EnvironmentOptions

    func run() throws {
        let loaded = try ScenarioFile.load(path: scenario)
        try printPlan(of: loaded, algorithm: algorithm, options: options)
    }
}

/// Plans `scenario` and prints it in the chosen format.
func printPlan(of scenario: Scenario, algorithm: Algorithm, options: EnvironmentOptions) throws {
    let planner = Planner(scenario: scenario)
    let plan = try planner.plan(algorithm, in: options.environment(for: scenario))
    switch options.format {
    case .json: printJSON(try PlanJSON.plan(plan, scenario: scenario).finiteSerializedBytes())
    case .text: print(TextReport.plan(plan, scenario: scenario, width: options.textWidth), terminator: "")
    }
}
