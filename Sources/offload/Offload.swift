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

            Examples:
              offload schedule sample-jobs/default.json
              offload compare sample-jobs/default.json --format json
              offload simulate sample-jobs/drive-4g.json --replan
              offload validate sample-jobs/*.json
              offload --generate-completion-script bash > offload.bash

            Exit status: 0 success; 1 bad input, or output that could not be written; \
            2 bad usage (unknown commands and flags, bad flag values).
            """,
        version: Offload.versionLine,
        subcommands: [
            DefaultCommand.self, DashboardCommand.self, ScheduleCommand.self, CompareCommand.self, SimulateCommand.self,
            SweepCommand.self, ExportCommand.self, ValidateCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: DefaultCommand.self
    )
}

extension Offload {
    /// The version of `offload`.
    static let version = "0.15.0"

    /// What every form of `--version` prints (`offload --version`, `offload schedule
    /// --version`, …): swift-argument-parser prints a subcommand's `--version` as the root's
    /// configured text, so the text carries the name.
    static let versionLine = "offload \(version)"

    /// The commands a user can name (the hidden `show-default` is not one of them).
    static var visibleCommands: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
    }

    /// What is wrong with `offload help TOPIC…` when a topic is not a command (swift-argument-parser
    /// would print the general help and exit 0), or nil.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help", arguments.count > 1 else { return nil }
        let topic = arguments[1]
        if visibleCommands.contains(topic) || topic.hasPrefix("-") { return nil }
        return "no command named \"\(topic)\"; the commands are \(visibleCommands.joined(separator: ", "))"
    }

    /// The message for a parsing or validation error: swift-argument-parser's, but never the
    /// usage of the hidden command a bare `offload` runs — that becomes the root's.
    static func usageMessage(for error: Error) -> String {
        let full = fullMessage(for: error)
        guard full.contains(DefaultCommand.configuration.commandName ?? "show-default") else { return full }
        return "Error: " + message(for: error) + "\n"
            + "Usage: offload [<command>] [<options>]; the commands are \(visibleCommands.joined(separator: ", "))\n"
            + "  See 'offload --help' for more information."
    }
}

/// Bad usage found while running (a bad flag value that only the run can check): exit
/// status 2, one line.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
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
