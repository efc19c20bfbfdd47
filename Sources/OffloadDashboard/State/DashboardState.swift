import OffloadModel
import OffloadScheduler
import OffloadSimulator
import OffloadReport

/// Everything the user controls, as a value: what `render` draws from (with `Derived`)
/// and what `apply` changes.
struct DashboardState: Sendable {
    /// The scenario with the current job list (jobs may be duplicated or deleted) and
    /// the environment it was loaded with.
    var scenario: Scenario
    /// The file it came from, when it did (model paths in it are relative to it).
    var scenarioPath: String?
    /// The file it was last saved to, when it was.
    var savedPath: String?
    /// The file the header names: the last saved to, else the one opened.
    var currentFile: String? { savedPath ?? scenarioPath }
    /// Each current job's index among the jobs the scenario was loaded with (whose
    /// candidate cuts the root planner holds).
    var jobSources: [Int]
    /// The environment in force: the loaded one, tuned by the knobs.
    var environment: Environment
    var algorithm: Algorithm
    /// The selected job, by index into `scenario.jobs`.
    var selectedJob = 0 {
        didSet { if selectedJob != oldValue { detailsScroll = 0 } }
    }
    /// The job filter (`/`): empty shows every job.
    var jobFilter = ""
    /// The jobs the table lists: those whose id or model name contains the filter (any case).
    var visibleJobs: [Int] {
        guard !jobFilter.isEmpty else { return Array(scenario.jobs.indices) }
        let needle = jobFilter.lowercased()
        return scenario.jobs.indices.filter { job in
            scenario.jobs[job].id.lowercased().contains(needle) || scenario.model(ofJob: job).name.lowercased().contains(needle)
        }
    }
    /// Lines the details panel's layer list is scrolled from its place around the cut (`[`, `]`).
    var detailsScroll = 0
    var chart = ChartView()
    /// Colour blocks by model rather than by job.
    var colourByModel = false
    /// Show the realised timeline (the plan played under the bandwidth trace).
    var showRealised = false
    /// A run of the plan measured by tools/offload-testbed, from `--measured`; it belongs
    /// to the scenario it was opened with.
    var measuredRun: MeasuredRun?
    /// Show the measured timeline (`v`'s third view, after planned and realised).
    var showMeasured = false
    /// Re-plan the work not yet started when the trace changes the bandwidth.
    var replanning = false
    var playback = Playback()
    /// The jobs (by id) whose cut the last key changed, marked on screen for a moment.
    var changedCuts: Set<String> = []
    /// How long the marks stay, in ms of ticks.
    var changeMarkMs = 0.0
    static let changeMarkDuration = 2500.0
    /// The comparison ghost (`g`): a second plan drawn faint on the same time axis.
    var ghostAlgorithm: Algorithm?
    /// The planned and realised timelines share one time scale (false when printing one).
    var sharedTimeScale = true
    /// Drawn for a terminal with keys (false when printed: no key hints, no selection).
    var interactive = true
    /// The bandwidth sweep panel replaces the panels under the chart.
    var sweepShown = false
    /// Where `e` writes its files (`DashboardOptions.exportFolder`; nil: nowhere).
    var exportFolder: String?
    var overlay: Overlay = .none
    var status: StatusMessage?
    /// The jobs and environment as last opened or saved: what `isModified` compares with.
    var savedJobs: [Job]
    var savedEnvironment: Environment
    /// How many jobs the scenario had when it was opened.
    var loadedJobCount: Int
    /// Set when a save asked for from the unsaved-changes prompt was meant to quit next.
    var quitRequested = false
    /// The terminal's size, from the last resize event (for clicks and paging).
    var width = 80
    var height = 24
    /// The themes `t` cycles through, and the current one.
    var themes: ThemeCatalog
    var themeName: String
    var theme: Theme
    let colorMode: ColorMode
    let unicode: Bool
    let samplesFolder: String?

    init(scenario: Scenario, scenarioPath: String?, options: DashboardOptions, themes: ThemeCatalog, theme: Theme) {
        self.scenario = scenario
        self.scenarioPath = scenarioPath
        jobSources = Array(scenario.jobs.indices)
        environment = scenario.environment
        savedJobs = scenario.jobs
        savedEnvironment = scenario.environment
        loadedJobCount = scenario.jobs.count
        algorithm = options.algorithm
        self.themes = themes
        themeName = theme.name
        self.theme = theme
        colorMode = options.colorMode
        unicode = options.unicode
        samplesFolder = options.samplesFolder
        measuredRun = options.measured
        exportFolder = options.exportFolder
    }

    var palette: Palette { Palette(theme: theme, mode: colorMode, unicode: unicode) }
    var glyphs: Glyphs { Glyphs.forUnicode(unicode) }
    var hasTrace: Bool { environment.bandwidthTrace != nil }

    /// Replaces the scenario (after opening a file): new jobs, the file's environment, a
    /// fresh view; the algorithm, theme and colouring stay.
    mutating func replaceScenario(_ newScenario: Scenario, path: String?) {
        scenario = newScenario
        scenarioPath = path
        savedPath = nil
        jobSources = Array(newScenario.jobs.indices)
        environment = newScenario.environment
        savedJobs = newScenario.jobs
        savedEnvironment = newScenario.environment
        loadedJobCount = newScenario.jobs.count
        selectedJob = 0
        chart = ChartView()
        playback = Playback()
        showRealised = false
        replanning = false
        measuredRun = nil
        showMeasured = false
    }

    /// Whether the jobs or the environment differ from what was last opened or saved.
    var isModified: Bool { scenario.jobs != savedJobs || environment != savedEnvironment }

    /// The scenario as it would be saved: the current jobs under the tuned environment,
    /// its description the original one followed by what was tuned (docs/FORMATS.md).
    var tunedScenario: Scenario {
        var copy = scenario
        copy.environment = environment
        copy.description = TuningNote.describe(original: scenario.description, loaded: scenario.environment, tuned: environment,
                                               loadedJobs: loadedJobCount, jobs: scenario.jobs.count)
        return copy
    }


    /// What changed since the last open or save, in a few words: `2 jobs added, bandwidth 18.88 → 25 Mbps`.
    var changeSummary: String {
        var parts: [String] = []
        let delta = scenario.jobs.count - savedJobs.count
        if delta > 0 { parts.append("\(NumberFormat.counted(delta, "job")) added") }
        if delta < 0 { parts.append("\(NumberFormat.counted(-delta, "job")) deleted") }
        if delta == 0 && scenario.jobs != savedJobs { parts.append("jobs changed") }
        parts += TuningNote.changes(from: savedEnvironment, to: environment, arrow: glyphs.unicode ? "→" : "->")
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }

    /// The colour index of each job: the job itself, or its model (models of one name share).
    var colourIndices: [Int] {
        guard colourByModel else { return Array(scenario.jobs.indices) }
        var byName: [String: Int] = [:]
        let modelColour = scenario.models.map { model in
            if let known = byName[model.name] { return known }
            byName[model.name] = byName.count
            return byName.count - 1
        }
        return scenario.jobs.map { modelColour.indices.contains($0.modelIndex) ? modelColour[$0.modelIndex] : 0 }
    }
}
