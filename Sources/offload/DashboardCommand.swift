import ArgumentParser
import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// `offload dashboard [SCENARIO]`: the interactive dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the interactive dashboard on a scenario (press ? in it for every key).",
        discussion: """
            Without a terminal on standard output, prints the scenario's Gantt chart as text \
            instead. COLORTERM=truecolor gives 24-bit colour (through the terminal's -direct \
            terminfo entry), NO_COLOR turns colour off; a locale that is not UTF-8 gives ASCII drawing.

            Examples:
              offload dashboard sample-jobs/drive-4g.json
              offload dashboard sample-jobs/default.json --theme colorblind --bandwidth 5.85
              offload dashboard sample-jobs/stress-mixed.json > chart.txt
            """
    )

    @Argument(help: "A scenario file (default: the bundled sample-jobs/default.json).")
    var scenario: String?

    @OptionGroup var launch: DashboardLaunchOptions

    @Option(help: ArgumentHelp("A run of the scenario's plan measured by tools/offload-testbed: v shows it after the planned and realised timelines (docs/FORMATS.md §9).",
                               valueName: "file"))
    var measured: String?

    func run() throws {
        try DashboardLauncher.launch(scenarioPath: scenario ?? DefaultScenario.path(), options: launch, fallback: .refuse,
                                     measuredPath: measured)
    }
}

/// The flags of `offload` and `offload dashboard`.
struct DashboardLaunchOptions: ParsableArguments {
    @Option(help: "Colour theme: the name of a file in themes/ without .theme (default: default).")
    var theme: String?

    @Option(help: "Planning algorithm to start with: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @OptionGroup var environment: EnvironmentFlags

    @OptionGroup var input: InputOptions

    func validate() throws {
        if let theme, theme.isEmpty || theme.contains("/") {
            throw ValidationError("--theme takes a theme's name (a file in themes/ without .theme), found \"\(theme)\"")
        }
    }

    /// `scenario` with the flags applied to its environment.
    func applied(to scenario: Scenario) -> Scenario {
        var scenario = scenario
        scenario.environment = environment.environment(for: scenario)
        return scenario
    }
}

/// Starts the dashboard, or prints the text chart where no dashboard can run.
enum DashboardLauncher {
    /// What to do when standard output is a terminal the dashboard cannot use (TERM unset,
    /// `dumb` or unknown).
    enum Fallback {
        /// Say why and print the text chart (a bare `offload`).
        case printChart
        /// Say why and exit 1 (`offload dashboard`, which was asked for by name).
        case refuse
    }

    static func launch(scenarioPath: String, options: DashboardLaunchOptions, fallback: Fallback,
                       measuredPath: String? = nil) throws {
        // A theme that does not exist is bad usage (a bad flag value, exit status 2) even
        // where the text chart is printed instead.
        do {
            try ThemeChoice.check(options.theme ?? "default", themesFolder: ThemesFolder.path())
        } catch {
            throw UsageError(error.description)
        }
        let scenario = options.applied(to: try options.input.loadScenario(scenarioPath))
        // A measured run must be of the plan the dashboard opens with: say so now if not.
        let measured = try measuredPath.map { path throws in
            let run = try MeasuredRun.load(path: path)
            _ = try run.timeline(of: try Planner(scenario: scenario).plan(options.algorithm, in: scenario.environment), scenario: scenario)
            return run
        }
        // Not a terminal: the chart once, for pipes, files and scripts. A bare `offload` also
        // wants its input from a terminal; `offload dashboard` can read /dev/tty instead.
        if !Terminal.stdoutIsTerminal || (fallback == .printChart && !Terminal.stdinIsTerminal) {
            try printChart(scenario)
            return
        }
        let terminal: TerminalCapabilities
        switch TerminalProbe.check() {
        case .success(let found): terminal = found
        case .failure(let error):
            switch fallback {
            case .printChart:
                Terminal.printError("offload: \(error.reason); printing the plan as text instead")
                try printChart(scenario)
                return
            case .refuse:
                Terminal.printError("offload: \(error)")
                throw ExitCode(1)
            }
        }
        let setup = TerminalProbe.setup(for: terminal)
        var dashboardOptions = DashboardOptions(
            themeName: options.theme ?? "default", themesFolder: ThemesFolder.path(), samplesFolder: DefaultScenario.samplesFolder(),
            algorithm: options.algorithm, measured: measured, exportFolder: "."
        )
        dashboardOptions.adopt(setup)
        let dashboard = try Dashboard(scenario: scenario, scenarioPath: scenarioPath, options: dashboardOptions)
        let driver = TerminalDriver(configuration: .init(setup))
        var runner = DashboardRunner(dashboard: dashboard)
        let ending: DashboardExit
        do {
            ending = try runner.run(on: driver)
        } catch {
            Terminal.printError("offload: \(error)")
            throw ExitCode(1)
        }
        if case .signal(let signal) = ending { throw ExitCode(128 + signal) }
    }

    private static func printChart(_ scenario: Scenario) throws {
        try Output.standardOutput(TextWidth.bounded(try PlainChart.render(scenario: scenario, width: Terminal.width), width: Terminal.width))
    }
}
