import OffloadModel
import OffloadReport
import OffloadScheduler

/// The interactive dashboard, without the terminal: events in, a `Canvas` out.
///
/// Immediate mode: `handle` turns each event into an `Action` through the key table,
/// applies it to the state and recomputes only what the action made stale (a knob step
/// re-plans and re-plays; a selection or zoom recomputes nothing); `render` is a pure
/// function of the state and the terminal size. The terminal driver sends a `.resize`
/// at start and on every change, blocks on input while `wantsTicks` is false, and polls
/// at about 30 frames a second (sending `.tick`) while it is true.
public struct Dashboard: Sendable {
    var state: DashboardState
    var derived: Derived

    /// A dashboard on `scenario` (loaded from `scenarioPath`, when it was), planned at once.
    ///
    /// - Throws: `InputError` when the scenario's environment lies outside the ranges a
    ///   scenario file accepts (docs/FORMATS.md, "Limits"), or when
    ///   `options.themeName` names no theme. A theme file that cannot be read is reported
    ///   in the status line and the default theme used instead.
    public init(scenario: Scenario, scenarioPath: String?, options: DashboardOptions) throws(InputError) {
        try Self.validate(scenario.environment, file: scenarioPath ?? scenario.name)
        let catalog = ThemeCatalog(folder: options.themesFolder)
        var theme = BuiltinTheme.dark
        var themeProblem: String?
        try catalog.requireTheme(named: options.themeName)
        do throws(InputError) {
            theme = try catalog.load(options.themeName)
        } catch {
            themeProblem = "\(error.description); using the default theme"
        }
        var state = DashboardState(scenario: scenario, scenarioPath: scenarioPath, options: options, themes: catalog, theme: theme)
        state.themeName = options.themeName
        var derived = Derived(state: state)
        Self.take(derived.refresh(.simulation, state: state), into: &state)
        if let themeProblem { state.status = .error(themeProblem) }
        self.state = state
        self.derived = derived
    }

    /// Handles one event and says whether to redraw or quit.
    public mutating func handle(_ event: InputEvent) -> Effect {
        switch event {
        case let .resize(width, height):
            state.width = max(0, width)
            state.height = max(0, height)
            return .redraw
        case let .tick(elapsedMs):
            var moved = state.advancePlayback(elapsedMs: elapsedMs, totalMs: derived.totalSpanMs(state))
            if state.changeMarkMs > 0 {
                state.changeMarkMs = max(0, state.changeMarkMs - elapsedMs)
                if state.changeMarkMs == 0 {
                    state.changedCuts = []
                    moved = true
                }
            }
            // Plans for the comparison first, then the sweep's points, one piece of work per tick.
            let planned = derived.completeNextPlan(state: state) || (state.sweepShown && derived.completeNextSweepPoint())
            return moved || planned ? .redraw : .none
        case let .key(key):
            guard let action = KeyBindings.action(for: key, in: state.overlay.context) else {
                guard state.overlay == .none else { return .none }
                state.status = .info("\(key.name(unicode: state.unicode)) does nothing here; ? lists every key")
                return .redraw
            }
            return perform(action)
        case .interrupt:
            let previousStatus = state.status
            var outcome = state.interrupt()
            return finish(&outcome, previousStatus: previousStatus)
        case let .mouseWheel(up, x, y):
            guard let action = HitTest.wheel(up: up, atX: x, y: y, state: state, derived: derived) else { return .none }
            return perform(action)
        case let .mouseClick(x, y):
            guard let action = HitTest.action(atX: x, y: y, state: state, derived: derived) else { return .none }
            return perform(action)
        }
    }

    /// The screen at `width` × `height`: a pure function of the state.
    public func render(width: Int, height: Int) -> Canvas {
        Screen.render(state: state, derived: derived, width: width, height: height)
    }

    /// True while play mode runs, or while the comparison still has plans to make after
    /// a change (one per tick, so that a slow algorithm never delays a keystroke): the
    /// driver then sends `.tick` about 30 times a second. False when idle: the driver
    /// blocks on input and the dashboard uses no CPU.
    public var wantsTicks: Bool {
        state.playback.playing || derived.hasPendingPlans || state.changeMarkMs > 0 || (state.sweepShown && derived.hasPendingSweep)
    }

    /// Whether the jobs or the environment changed since the scenario was opened or saved
    /// (the runner asks before letting SIGINT end the session).
    public var hasUnsavedChanges: Bool { state.isModified }

    /// Makes every plan the comparison still lacks, and the sweep's points when it shows
    /// (what the ticks would do).
    mutating func settle() {
        derived.completePlans(state: state)
        if state.sweepShown { derived.completeSweep() }
    }

    /// Applies `action`, does any file work it asks for, and recomputes what it made stale.
    mutating func perform(_ action: Action) -> Effect {
        let previousStatus = state.status
        if action != .quit, state.overlay == .none { state.status = nil }
        switch action {
        case .cycleAlgorithm, .chooseAlgorithm, .cycleGhost: derived.completePlans(state: state)  // which algorithms can plan
        default: break
        }
        let before = Snapshot(state: state, derived: derived)
        let viewport = ScreenLayout.viewport(width: state.width, height: state.height, state: state, derived: derived)
        var outcome = state.apply(action, derived: derived, viewport: viewport)
        let effect = finish(&outcome, previousStatus: previousStatus)
        if effect != .quit, !outcome.recompute.subtracting(.ghost).isEmpty, !outcome.recompute.contains(.models) { reportChange(since: before) }
        return effect == .none && state.changedCuts != before.changedCuts ? .redraw : effect
    }

    /// What the status line compares after a key: the environment, the makespan shown and each job's cut.
    private struct Snapshot {
        var environment: OffloadModel.Environment
        var algorithm: Algorithm
        var makespanMs: Double?
        /// The timeline and jobs shown (copied on write: taking them costs nothing until
        /// a key changes them), for the cuts that moved.
        var view: TimelineView?
        var jobs: [Job]
        var changedCuts: Set<String>

        init(state: DashboardState, derived: Derived) {
            environment = state.environment
            algorithm = state.algorithm
            view = derived.shown(state)
            makespanMs = view?.makespanMs
            jobs = state.scenario.jobs
            changedCuts = state.changedCuts
        }

        /// Each job's cut (layers on the device), by id.
        static func cuts(jobs: [Job], view: TimelineView?) -> [String: Int] {
            guard let rows = view?.rows else { return [:] }
            var cuts: [String: Int] = [:]
            for (job, row) in zip(jobs, rows) { if let cut = row.cut { cuts[job.id] = cut.deviceLayerCount } }
            return cuts
        }
    }

    /// Says in the status line what moved — `bandwidth 18.88 → 25 Mbps: makespan 219.4 → 196.0 ms (−10.7 %)` —
    /// and marks the jobs whose cut changed for a moment.
    private mutating func reportChange(since before: Snapshot) {
        let jobs = state.scenario.jobs
        if let old = before.view?.rows, let new = derived.shown(state)?.rows, before.jobs == jobs, old.count == new.count {
            // The same jobs (a knob or the algorithm changed): compare row by row.
            var changed = Set<String>()
            for job in jobs.indices {
                if let a = old[job].cut, let b = new[job].cut, a.deviceLayerCount != b.deviceLayerCount { changed.insert(jobs[job].id) }
            }
            state.changedCuts = changed
        } else {
            let earlier = Snapshot.cuts(jobs: before.jobs, view: before.view)
            let after = Snapshot.cuts(jobs: jobs, view: derived.shown(state))
            state.changedCuts = Set(after.compactMap { id, cut in earlier[id].map { $0 == cut ? nil : id } ?? nil })
        }
        state.changeMarkMs = state.changedCuts.isEmpty ? 0 : DashboardState.changeMarkDuration
        guard state.status?.kind == .info || state.status == nil else { return }
        let unicode = state.unicode
        let arrow = unicode ? "→" : "->"
        var cause = TuningNote.changes(from: before.environment, to: state.environment, arrow: arrow).joined(separator: ", ")
        // A preset keeps its name: `bandwidth 18.88 → 5.85 Mbps (4G uplink, …)`.
        if !cause.isEmpty, let text = state.status?.text, text.hasPrefix("bandwidth "), let colon = text.firstIndex(of: ":") {
            cause += " (" + text[text.index(after: colon)...].drop { $0 == " " } + ")"
        }
        if cause.isEmpty { cause = state.status?.text ?? "" }
        if cause.isEmpty && before.algorithm != state.algorithm { cause = "algorithm \(before.algorithm) \(arrow) \(state.algorithm)" }
        guard let old = before.makespanMs, let new = derived.shown(state)?.makespanMs else { return }
        var text = cause.isEmpty ? "" : cause + ": "
        if old == new {
            text += "makespan unchanged at \(NumberFormat.fixed(new, decimals: 1)) ms"
        } else {
            let percent = old > 0 ? (new / old - 1) * 100 : 0
            let sign = percent < 0 ? (unicode ? "−" : "-") : "+"
            text += "makespan \(NumberFormat.fixed(old, decimals: 1)) \(arrow) \(NumberFormat.fixed(new, decimals: 1)) ms (\(sign)\(NumberFormat.fixed(abs(percent), decimals: 1)) %)"
        }
        if !state.changedCuts.isEmpty {
            text += "; \(NumberFormat.counted(state.changedCuts.count, "cut")) moved"
        }
        state.status = .info(text)
    }

    /// Does the file work and the recomputing `outcome` asks for; quits when it says so.
    private mutating func finish(_ outcome: inout Outcome, previousStatus: StatusMessage?) -> Effect {
        if let request = outcome.request { outcome.recompute.formUnion(fulfil(request)) }
        if outcome.quit || state.quitRequested { return .quit }
        if !outcome.recompute.isEmpty {
            Self.take(derived.refresh(outcome.recompute, state: state), into: &state)
            state.selectedJob = min(state.selectedJob, max(0, state.scenario.jobs.count - 1))
        }
        derived.prepareSweep(state)
        return outcome.redraw || state.status != previousStatus ? .redraw : .none
    }

    /// Does the file work of `request`; returns what it made stale.
    private mutating func fulfil(_ request: FileRequest) -> Recompute {
        switch request {
        case .listSamples:
            guard case var .picker(picker) = state.overlay, let folder = state.samplesFolder else { return [] }
            picker.entries = SampleCatalog.entries(in: folder)
            if picker.entries.isEmpty { state.status = .info("no scenarios in \(folder); type a path") }
            if let current = state.scenarioPath, let index = picker.entries.firstIndex(where: { $0.path == current }) {
                picker.selected = index
            }
            state.overlay = .picker(picker)
            return []
        case let .openScenario(path):
            do throws(InputError) {
                // Unknown keys are ignored and reported, as the command line warns of them
                // (docs/FORMATS.md, "Unknown keys"): the first in the status line, key first so
                // that a narrow screen still shows it, with a count of the rest.
                let log = KeyWarnings()
                let scenario = try ScenarioFile.load(path: path, warnings: log)
                try Self.validate(scenario.environment, file: path)
                state.replaceScenario(scenario, path: path)
                state.overlay = .none
                let opened = "opened \(path): \(scenario.name), \(NumberFormat.counted(scenario.jobs.count, "job"))"
                let unknown = log.take()
                if let first = unknown.first {
                    let file = first.file.split(separator: "/").last.map(String.init) ?? first.file
                    let place = [file, first.location].compactMap { $0 }.joined(separator: ": ")
                    let suggestion = first.suggestion.map { " (did you mean \"\($0)\"?)" } ?? ""
                    let more = unknown.count == 1 ? "" : ", and \(NumberFormat.grouped(unknown.count - 1)) more unknown key\(unknown.count == 2 ? "" : "s")"
                    state.status = .warning(TerminalText.escaped("unknown key \"\(first.key)\" ignored\(suggestion) in \(place)\(more); \(opened)"))
                } else {
                    state.status = .info(opened)
                }
                return .everything
            } catch {
                state.status = .error(error.description)
                return []
            }
        case let .saveScenario(path, then, replacing):
            if !replacing && Directory.exists(path) {
                state.saveTargetExists(path)
                return []
            }
            do throws(InputError) {
                try ScenarioFile.save(state.tunedScenario, to: path, loadedFrom: state.scenarioPath)
                state.overlay = .none
                state.status = .info("saved \(path): \(NumberFormat.grouped(state.scenario.jobs.count)) jobs, \(state.environmentSummary)")
                state.savedJobs = state.scenario.jobs
                state.savedEnvironment = state.environment
                state.savedPath = path
                switch then {
                case .quit: state.quitRequested = true
                case .open:
                    state.overlay = .picker(ScenarioPicker())
                    return fulfil(.listSamples)
                case nil: break
                }
            } catch {
                state.status = .error(error.description)
            }
            return []
        case let .loadTheme(name):
            state.themeName = name
            do throws(InputError) {
                state.theme = try state.themes.load(name)
                state.status = .info("theme \(name)")
            } catch {
                state.theme = BuiltinTheme.dark
                state.status = .error("\(error.description); using the default theme")
            }
            return []
        case let .completePath(typed):
            let (completed, candidates) = PathCompletion.complete(typed)
            state.pathCompleted(typed, as: completed, candidates: candidates)
            return []
        case .exportView:
            exportView()
            return []
        }
    }

    /// Writes the current plan as SVG, HTML and Mermaid files named after the scenario and
    /// the algorithm in `state.exportFolder`, in the current theme and colouring, and says where.
    private mutating func exportView() {
        guard let folder = state.exportFolder else {
            state.status = .warning("export is off here (no folder to write to)")
            return
        }
        derived.completePlans(state: state)
        guard let plan = derived.plan(state) else {
            state.status = .error("nothing to export: \(state.algorithm) made no plan")
            return
        }
        let file = state.scenarioPath.map { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        } ?? "scenario"
        let absolute = Directory.absolute(folder)
        let stem = (absolute.hasSuffix("/") ? absolute : absolute + "/") + file + "-" + state.algorithm.rawValue
        let targets = Exporter.Targets(svg: stem + ".svg", html: stem + ".html", mermaid: stem + ".mmd")
        // The HTML page's sweep: the panel's when it is complete and at this environment.
        var sweep: Sweep?
        if state.sweepShown, let shown = derived.sweep, shown.isComplete { sweep = shown }
        do throws(InputError) {
            let written = try Exporter.write(plan, scenario: state.scenario, planner: derived.planner, theme: ExportThemes.convert(state.theme),
                                             targets: targets, byModel: state.colourByModel, sweep: sweep)
            state.status = .info("exported \(stem).svg, .html and .mmd (\(written.count) files)")
        } catch {
            state.status = .error("export: \(error.description)")
        }
    }

    /// Applies what a refresh noticed: the fallback algorithm, and the messages.
    private static func take(_ notes: Derived.Notes, into state: inout DashboardState) {
        if let fallback = notes.fellBackTo { state.algorithm = fallback }
        if let failure = notes.planFailure {
            let fallback = notes.fellBackTo.map { "; showing \($0)" } ?? ""
            state.status = .error(failure + fallback)
        }
        if let error = notes.simulationError { state.status = .error(error) }
    }

    /// The ranges a scenario file accepts, for scenarios built in code (docs/FORMATS.md §3, §4).
    static func validate(_ environment: Environment, file: String) throws(InputError) {
        let values: [(Environment.Field, Double)] = [
            (.deviceSpeed, environment.deviceSpeed), (.cloudSpeed, environment.cloudSpeed),
            (.bandwidthMbps, environment.bandwidthMbps), (.latencyMs, environment.latencyMs),
        ]
        for (field, value) in values {
            if let expected = Environment.expectation(for: value, of: field) {
                throw InputError(file: file, location: "environment",
                                 message: "\(field.rawValue) must be \(expected), found \(InputError.describe(value))")
            }
        }
    }
}
