import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload schedule SCENARIO`: plans, and prints the plan.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Plan a scenario and print the plan: a job table and a Gantt chart, or JSON.",
        discussion: """
            Examples:
              offload schedule sample-jobs/default.json
              offload schedule sample-jobs/ar-headset-wifi.json --algorithm partition-only --bandwidth 5.85
              offload schedule sample-jobs/default.json --format json --output plan.json
              cat my-scenario.json | offload schedule - --width 80
            The JSON is described by docs/schema/plan.schema.json.
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md); - reads it from standard input.")
    var scenario: String

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @OptionGroup var options: EnvironmentOptions

    func run() throws {
        let loaded = try options.loadScenario(scenario)
        try printPlan(of: loaded, algorithm: algorithm, options: options)
    }
}

/// Plans `scenario` and prints it in the chosen format.
func printPlan(of scenario: Scenario, algorithm: Algorithm, options: EnvironmentOptions) throws {
    let planner = Planner(scenario: scenario)
    let plan = try planner.plan(algorithm, in: options.environment(for: scenario))
    switch options.format {
    case .json: try options.emit(json: PlanJSON.plan(plan, scenario: scenario))
    case .text: try options.emit(text: TextReport.plan(plan, scenario: scenario, width: options.textWidth))
    }
}
