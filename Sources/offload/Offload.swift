import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// The root command; a bare `offload` runs `DefaultCommand`.
struct Offload: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offload",
        abstract: "Plan collaborative DNN inference: split jobs between device and cloud, and order them.",
        discussion: """
            With no command, opens the dashboard on the bundled default scenario \
            (sample-jobs/default.json); when standard output is not a terminal, prints its \
            Gantt chart as text once instead.
            Exit status: 0 success, 1 bad input, 2 bad usage.
            """,
        subcommands: [
            DefaultCommand.self, DashboardCommand.self, ScheduleCommand.self, CompareCommand.self, SimulateCommand.self,
            SweepCommand.self, ExportCommand.self, ValidateCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: DefaultCommand.self
    )
}

/// A bare `offload`: the dashboard on the default scenario, or its text chart without a terminal.
struct DefaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-default",
        abstract: "Open the dashboard on the bundled default scenario, or print its chart without a terminal (what a bare `offload` does).",
        shouldDisplay: false
    )

    @OptionGroup var launch: DashboardLaunchOptions

    func run() throws {
        try DashboardLauncher.launch(scenarioPath: DefaultScenario.path(), options: launch, fallback: .printChart)
    }
}
