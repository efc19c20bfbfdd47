import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// The root command; a bare `offload` runs `ShowDefaultCommand`.
struct Offload: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offload",
        abstract: "Plan collaborative DNN inference: split jobs between device and cloud, and order them.",
        discussion: """
            With no command, prints the plan of the bundled default scenario \
            (sample-jobs/default.json) as text.
            Exit status: 0 success, 1 bad input, 2 bad usage.
            """,
        subcommands: [ShowDefaultCommand.self, ScheduleCommand.self, CompareCommand.self, SimulateCommand.self, ValidateCommand.self, BenchCommand.self],
        defaultSubcommand: ShowDefaultCommand.self
    )
}

/// A bare `offload`: the default scenario's plan as text.
struct ShowDefaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-default",
        abstract: "Print the plan of the bundled default scenario (what a bare `offload` does).",
        shouldDisplay: false
    )

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @OptionGroup var options: EnvironmentOptions

    func run() throws {
        let scenario = try ScenarioFile.load(path: DefaultScenario.path())
        try printPlan(of: scenario, algorithm: algorithm, options: options)
    }
}
