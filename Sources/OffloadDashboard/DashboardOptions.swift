import OffloadScheduler
import OffloadSimulator

/// How many colours the terminal shows.
public enum ColorMode: String, Sendable, CaseIterable, Hashable {
    /// 24-bit colour: `#rrggbb` values as written.
    case full
    /// The 256-colour palette: `#rrggbb` values become the nearest entry.
    case palette256 = "256"
    /// The eight basic colours.
    case basic8 = "8"
    /// No colour (`NO_COLOR`, or a terminal without colour): jobs are told apart by fill
    /// patterns, the selection by reverse video.
    case none
}

/// How the dashboard looks and where it finds its files.
public struct DashboardOptions: Sendable {
    /// The theme to start with: a file `NAME.theme` in `themesFolder`, or `default` (built in).
    public var themeName: String
    /// The folder of `.theme` files (`themes/`); nil: only the built-in default theme.
    public var themesFolder: String?
    /// The folder the open dialog lists (`sample-jobs/`); nil: the dialog only takes a typed path.
    public var samplesFolder: String?
    /// How many colours to use (`TerminalSetup.colorMode` for a terminal).
    public var colorMode: ColorMode
    /// Box-drawing, block and arrow characters; false draws with ASCII only.
    public var unicode: Bool
    /// The algorithm to start with.
    public var algorithm: Algorithm
    /// A run of the scenario's plan measured by tools/offload-testbed (`--measured`):
    /// `v` shows it as a third timeline (docs/FORMATS.md §9).
    public var measured: MeasuredRun?
    /// Where `e` writes the exported pictures; nil: `e` writes nothing (fuzzing, benchmarks).
    public var exportFolder: String?

    /// Options with defaults: the built-in theme in full colour, UTF-8, no folders, `joint`.
    public init(themeName: String = "default", themesFolder: String? = nil, samplesFolder: String? = nil,
                colorMode: ColorMode = .full, unicode: Bool = true, algorithm: Algorithm = .joint,
                measured: MeasuredRun? = nil, exportFolder: String? = nil) {
        self.exportFolder = exportFolder
        self.themeName = themeName
        self.themesFolder = themesFolder
        self.samplesFolder = samplesFolder
        self.colorMode = colorMode
        self.unicode = unicode
        self.algorithm = algorithm
        self.measured = measured
    }
}
