import ArgumentParser
import OffloadDashboard
import OffloadModel
import OffloadReport
import OffloadScheduler

/// `offload export SCENARIO --svg F --html F --mermaid F`: pictures of a plan for people who
/// never open a terminal (docs/FORMATS.md §10).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a plan as an SVG Gantt chart, a self-contained HTML page, or a Mermaid gantt block.",
        discussion: """
            Examples:
              offload export sample-jobs/default.json --html plan.html
              offload export sample-jobs/drive-4g.json --svg plan.svg --mermaid plan.mmd --theme default --bandwidth 5
            Give one or more of --svg, --html and --mermaid; each file is written whole or not at all.
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md).")
    var scenario: String

    @Option(help: "Write the Gantt chart as a standalone SVG to this file.")
    var svg: String?

    @Option(help: "Write a self-contained HTML page (chart, comparison, bandwidth sweep, jobs) to this file.")
    var html: String?

    @Option(help: "Write a Mermaid gantt block (for Markdown) to this file.")
    var mermaid: String?

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @Option(help: "Colour theme: a file in themes/ without .theme, as in the dashboard (default: light).")
    var theme: String = "light"

    @OptionGroup var flags: EnvironmentFlags

    @OptionGroup var input: InputOptions

    func validate() throws {
        if svg == nil && html == nil && mermaid == nil {
            throw ValidationError("give at least one of --svg FILE, --html FILE, --mermaid FILE")
        }
        if theme.isEmpty || theme.contains("/") {
            throw ValidationError("--theme takes a theme's name (a file in themes/ without .theme), found \"\(theme)\"")
        }
        let paths = [svg, html, mermaid].compactMap { $0 }
        if Set(paths).count < paths.count {
            throw ValidationError("--svg, --html and --mermaid must name different files")
        }
    }

    func run() throws {
        let colours = try ExportThemes.load(theme, themesFolder: ThemesFolder.path())
        let loaded = try input.loadScenario(scenario)
        let planner = Planner(scenario: loaded)
        let plan = try planner.plan(algorithm, in: flags.environment(for: loaded))
        // By model when the jobs outnumber the palette, so that the legend still explains the colours.
        let byModel = JobColouring.automatic(scenario: loaded, paletteSize: colours.jobs.count)
        let written = try Exporter.write(plan, scenario: loaded, planner: planner, theme: colours,
                                         targets: Exporter.Targets(svg: svg, html: html, mermaid: mermaid), byModel: byModel)
        if !input.quiet { for path in written { Terminal.printError("offload: wrote \(path)") } }
    }
}
