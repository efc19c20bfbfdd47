import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// Everything the user controls, as a value: what `render` draws from (with `Derived`)
/// and what `apply` changes.
struct DashboardState: Sendable {
    /// The scenario with the current job list (jobs may be duplicated or deleted) and
    /// the environment it was loaded with.
    var scenario: Scenario
    /// The file it came from, when it did.
    var scenarioPath: String?
    /// Each current job's index among the jobs the scenario was loaded with (whose
    /// candidate cuts the root planner holds).
    var jobSources: [Int]
    /// The environment in force: the loaded one, tuned by the knobs.
    var environment: Environment
    var algorithm: Algorithm
    /// The selected job, by index into `scenario.jobs`.
    var selectedJob = 0
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
    /// The planned and realised timelines share one time scale (false when printing one).
    var sharedTimeScale = true
    var overlay: Overlay = .none
    var status: StatusMessage?
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
        algorithm = options.algorithm
        self.themes = themes
        themeName = theme.name
        self.theme = theme
        colorMode = options.colorMode
        unicode = options.unicode
        samplesFolder = options.samplesFolder
        measuredRun = options.measured
    }

    var palette: Palette { Palette(theme: theme, mode: colorMode, unicode: unicode) }
    var glyphs: Glyphs { Glyphs.forUnicode(unicode) }
    var hasTrace: Bool { environment.bandwidthTrace != nil }

    /// Replaces the scenario (after opening a file): new jobs, the file's environment, a
    /// fresh view; the algorithm, theme and colouring stay.
    mutating func replaceScenario(_ newScenario: Scenario, path: String?) {
        scenario = newScenario
        scenarioPath = path
        jobSources = Array(newScenario.jobs.indices)
        environment = newScenario.environment
        selectedJob = 0
        chart = ChartView()
        playback = Playback()
        showRealised = false
        replanning = false
        measuredRun = nil
        showMeasured = false
    }

    /// The scenario as it would be saved: the current jobs under the tuned environment.
    var tunedScenario: Scenario {
        var copy = scenario
        copy.environment = environment
        return copy
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
