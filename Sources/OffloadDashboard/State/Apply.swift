import OffloadModel
import OffloadReport
import OffloadScheduler

extension DashboardState {
    /// Carries out `action` and says what became stale. `derived` is read for what the
    /// action needs to know (which algorithms can plan, the chart's span); it is not changed.
    /// `viewport` gives the page sizes at the current terminal size. Pure: file work is
    /// asked for in the outcome's `request`, and its result comes back through the
    /// methods under "File results" below.
    mutating func apply(_ action: Action, derived: Derived, viewport: Viewport) -> Outcome {
        switch action {
        case let .step(knob, up): return step(knob, up: up)
        case let .bandwidthPreset(index): return preset(index)
        case .resetEnvironment: return resetEnvironment()
        case let .cycleAlgorithm(forward): return cycleAlgorithm(forward: forward, plans: derived.plans)
        case let .chooseAlgorithm(algorithm): return choose(algorithm, plans: derived.plans)
        case .duplicateJob: return duplicateSelectedJob()
        case .deleteJob: return deleteSelectedJob()
        case let .moveSelection(move): return moveSelection(move, pageSize: viewport.tablePageSize, derived: derived)
        case let .scrollDetails(lines):
            guard scenario.jobs.indices.contains(selectedJob) else { return .nothing }
            let layers = scenario.model(ofJob: selectedJob).layers.count
            let next = min(max(-layers, detailsScroll + lines), layers)
            guard next != detailsScroll else { return .nothing }
            detailsScroll = next
            return Outcome()
        case let .selectJob(job):
            guard scenario.jobs.indices.contains(job) else { return .nothing }
            selectedJob = job
            followSelection(derived: derived)
            return Outcome()
        case let .zoomAt(in: zoomIn, fraction: fraction): return zoom(in: zoomIn, at: fraction, derived: derived)
        case let .zoom(zoomIn): return zoom(in: zoomIn)
        case .zoomToFit:
            chart = ChartView()
            status = .info("zoom: the whole plan")
            return Outcome()
        case let .pan(forward): return pan(forward: forward)
        case .toggleColourByModel:
            colourByModel.toggle()
            status = .info(colourByModel ? "colours: one per model" : "colours: one per job")
            return Outcome()
        case .togglePlay: return togglePlay(totalMs: derived.totalSpanMs(self))
        case .toggleRealised: return toggleRealised()
        case .toggleReplanning: return toggleReplanning()
        case .toggleGhost:
            ghostAlgorithm = ghostAlgorithm == nil ? .partitionOnly : nil
            status = .info(ghostAlgorithm == nil ? "comparison ghost off" : "comparison ghost: partition-only, faint under each lane (G: another algorithm)")
            return Outcome(recompute: [.ghost])
        case .cycleGhost: return cycleGhost(plans: derived.plans)
        case .toggleSweep:
            sweepShown.toggle()
            status = .info(sweepShown ? "sweep: makespan against bandwidth, filling in; b/B moves the marker, w closes" : "sweep closed")
            return Outcome()
        case .exportView:
            return Outcome(request: .exportView)
        case .openScenarioPicker:
            if isModified { return askAboutUnsavedChanges(before: .open) }
            return openPicker()
        case .openSavePrompt:
            overlay = .save(SavePrompt(field: defaultSavePath))
            return Outcome()
        case .cycleTheme:
            let names = themes.names
            let next = names.firstIndex(of: themeName).map { (names.index(after: $0)) % names.count } ?? 0
            return Outcome(request: .loadTheme(names.isEmpty ? "default" : names[next]))
        case .showHelp:
            overlay = .help(scroll: 0)
            return Outcome()
        case .quit:
            if isModified { return askAboutUnsavedChanges(before: .quit) }
            return Outcome(quit: true)
        case .unsavedSave:
            guard case let .unsaved(prompt) = overlay else { return .nothing }
            overlay = .save(SavePrompt(field: defaultSavePath, then: prompt.next))
            return Outcome()
        case .unsavedDiscard:
            guard case let .unsaved(prompt) = overlay else { return .nothing }
            overlay = .none
            switch prompt.next {
            case .quit: return Outcome(quit: true)
            case .open:
                status = .info("the changes are dropped once another scenario opens")
                return openPicker()
            }
        case .closeOverlay:
            if case .filter = overlay {
                jobFilter = ""
                status = .info("filter cleared: \(NumberFormat.grouped(scenario.jobs.count)) jobs")
            }
            overlay = .none
            return Outcome()
        case .openFilter:
            overlay = .filter(TextField(jobFilter))
            return Outcome()
        case let .scrollHelp(scroll): return scrollHelp(scroll, viewport: viewport)
        case let .dialogMove(delta) where overlay.isFilter:
            return moveSelection(delta < 0 ? .previous : .next, pageSize: 1, derived: derived)
        case let .dialogMove(delta):
            guard case var .picker(picker) = overlay, !picker.entries.isEmpty else { return .nothing }
            picker.selected = min(max(0, picker.selected + delta), picker.entries.count - 1)
            overlay = .picker(picker)
            return Outcome()
        case .dialogComplete: return completePath()
        case let .dialogInsert(character): return editField { $0.insert(character) }
        case .dialogDeleteBackward: return editField { $0.deleteBackward() }
        case .dialogDeleteToStart: return editField { $0.deleteToStart() }
        case .dialogDeleteWord: return editField { $0.deleteWordBackward() }
        case let .dialogCursor(move): return editField { $0.move(move) }
        case .dialogConfirm: return confirmDialog()
        case let .dialogClickRow(row):
            guard case var .picker(picker) = overlay, picker.entries.indices.contains(row) else { return .nothing }
            if picker.selected == row && picker.field.isEmpty { return confirmDialog() }
            picker.selected = row
            picker.field = ""
            overlay = .picker(picker)
            return Outcome()
        }
    }

    // MARK: - Environment

    /// One step of `knob`, clamped to its range; the status line says when a bound is hit
    /// (`bandwidth 100,000 Mbps: its maximum`) or already reached (`bandwidth is at its
    /// maximum of 100,000 Mbps`), and when the scenario put the knob beyond its range.
    private mutating func step(_ knob: Knob, up: Bool) -> Outcome {
        let old = knob.value(in: environment)
        let (value, atBound) = knob.stepped(from: old, up: up)
        let end = up ? "maximum" : "minimum"
        let bound = up ? knob.range.upperBound : knob.range.lowerBound
        let range = "the range is \(knob.rangeText(unicode: unicode))"
        if atBound {
            if old == bound {
                status = .warning("\(knob.label) is at its \(end) of \(knob.format(bound, unicode: unicode)) (\(range))")
            } else {
                status = .warning("\(knob.label) is \(knob.format(old, unicode: unicode)) (from the scenario or a flag), \(up ? "above" : "below") "
                                  + "its \(end) of \(knob.format(bound, unicode: unicode)); a step \(up ? "down" : "up") brings it into the range (\(range))")
            }
            return Outcome()
        }
        knob.set(value, in: &environment)
        let hit = value == knob.range.upperBound ? "maximum" : value == knob.range.lowerBound ? "minimum" : nil
        var text = "\(knob.label) \(knob.format(value, unicode: unicode))"
        if let hit { text += ": its \(hit) (\(range))" }
        if knob == .bandwidth && hasTrace { text += " (plans assume it; the trace plays in the realised view, v)" }
        status = hit == nil ? .info(text) : .warning(text)
        return Outcome(recompute: [.plans, .simulation])
    }

    private mutating func preset(_ index: Int) -> Outcome {
        guard BandwidthPreset.all.indices.contains(index) else { return .nothing }
        let preset = BandwidthPreset.all[index]
        status = .info("bandwidth \(Knob.number(preset.mbps)) Mbps: \(preset.name) (\(preset.source))")
        if environment.bandwidthMbps == preset.mbps { return Outcome() }
        environment.bandwidthMbps = preset.mbps
        return Outcome(recompute: [.plans, .simulation])
    }

    private mutating func resetEnvironment() -> Outcome {
        let changed = environment != scenario.environment
        environment = scenario.environment
        status = .info("environment reset to the scenario's: \(environmentSummary)")
        return Outcome(recompute: changed ? [.plans, .simulation] : [])
    }

    /// `device ×1, cloud ×1, 18.88 Mbps, latency 0 ms`.
    var environmentSummary: String {
        TextReport.environmentSummary(environment, times: glyphs.times, number: Knob.number)
    }

    // MARK: - Plan

    private mutating func cycleAlgorithm(forward: Bool, plans: PlanSet) -> Outcome {
        let all = Algorithm.allCases
        guard let current = all.firstIndex(of: algorithm) else { return .nothing }
        var skipped: [String] = []
        for offset in 1..<all.count {
            let candidate = all[(current + (forward ? offset : all.count - offset)) % all.count]
            if plans.plan(candidate) != nil {
                algorithm = candidate
                var text = "algorithm \(candidate): \(candidate.summary)"
                if !skipped.isEmpty { text += " (skipped " + skipped.joined(separator: "; ") + ")" }
                status = .info(text)
                return Outcome(recompute: [.simulation])
            }
            skipped.append("\(candidate): \(plans.failure(candidate) ?? "no plan")")
        }
        status = .warning("no other algorithm can plan this scenario: " + skipped.joined(separator: "; "))
        return Outcome()
    }

    private mutating func choose(_ chosen: Algorithm, plans: PlanSet) -> Outcome {
        guard chosen != algorithm else { return .nothing }
        guard plans.plan(chosen) != nil else {
            status = .error("\(chosen): \(plans.failure(chosen) ?? "no plan")")
            return Outcome()
        }
        algorithm = chosen
        status = .info("algorithm \(chosen): \(chosen.summary)")
        return Outcome(recompute: [.simulation])
    }

    private mutating func cycleGhost(plans: PlanSet) -> Outcome {
        let all = Algorithm.allCases
        let start = ghostAlgorithm.flatMap { all.firstIndex(of: $0) } ?? (all.firstIndex(of: .partitionOnly) ?? 0) - 1
        for offset in 1...all.count {
            let candidate = all[(start + offset + all.count) % all.count]
            if candidate != algorithm, plans.plan(candidate) != nil {
                ghostAlgorithm = candidate
                status = .info("comparison ghost: \(candidate)")
                return Outcome(recompute: [.ghost])
            }
        }
        status = .warning("no other algorithm has a plan to compare with")
        return Outcome()
    }

    private mutating func duplicateSelectedJob() -> Outcome {
        guard scenario.jobs.indices.contains(selectedJob) else { return .nothing }
        let original = scenario.jobs[selectedJob]
        if let limit = scenario.limitReached(addingJobOf: original.modelIndex) {
            status = .warning(limit)
            return Outcome()
        }
        let id = freshID(after: original.id)
        scenario.jobs.insert(Job(id: id, modelIndex: original.modelIndex), at: selectedJob + 1)
        jobSources.insert(jobSources[selectedJob], at: selectedJob + 1)
        selectedJob += 1
        status = .info("duplicated \(original.id) as \(id): \(NumberFormat.grouped(scenario.jobs.count)) jobs")
        return Outcome(recompute: [.jobs, .plans, .simulation])
    }

    private mutating func deleteSelectedJob() -> Outcome {
        guard scenario.jobs.indices.contains(selectedJob) else { return .nothing }
        guard scenario.jobs.count > 1 else {
            status = .warning("\(scenario.jobs[selectedJob].id) is the only job; a scenario needs at least one")
            return Outcome()
        }
        let removed = scenario.jobs.remove(at: selectedJob)
        jobSources.remove(at: selectedJob)
        selectedJob = min(selectedJob, scenario.jobs.count - 1)
        status = .info("deleted \(removed.id): \(NumberFormat.grouped(scenario.jobs.count)) jobs")
        return Outcome(recompute: [.jobs, .plans, .simulation])
    }

    /// An unused id for a copy of `id`: `cam-5` after `cam-1` … `cam-4`, else `id-2`, `id-3`, …
    func freshID(after id: String) -> String {
        let used = Set(scenario.jobs.map(\.id))
        var base = id
        if let dash = id.lastIndex(of: "-"), id.index(after: dash) < id.endIndex,
           id[id.index(after: dash)...].allSatisfy(\.isASCIIDigit), dash != id.startIndex {
            base = String(id[..<dash])
        }
        var number = 2
        while used.contains("\(base)-\(number)") { number += 1 }
        let candidate = "\(base)-\(number)"
        return candidate.count <= Limits.nameLength ? candidate : String(candidate.suffix(Limits.nameLength))
    }

    // MARK: - Selection and chart

    /// Moves the selection among the jobs the filter keeps (every job without a filter),
    /// keeping it in view in the chart.
    private mutating func moveSelection(_ move: ListMove, pageSize: Int, derived: Derived) -> Outcome {
        let visible = visibleJobs
        guard !visible.isEmpty else { return .nothing }
        let job = visible[move.position(from: visible.firstIndex(of: selectedJob) ?? 0, page: pageSize, count: visible.count)]
        guard job != selectedJob else { return .nothing }
        selectedJob = job
        followSelection(derived: derived)
        return Outcome()
    }

    /// Zoomed in, keeps the selected job's work in view: when none of it shows, the view
    /// moves to centre it (at any zoom, so the selection is never lost off screen).
    mutating func followSelection(derived: Derived) {
        guard chart.zoom > 1, let view = derived.shown(self) else { return }
        var first = Double.infinity, last = -Double.infinity
        for lane in view.lanes {
            for position in 0..<lane.count where lane.jobs[position] == selectedJob {
                first = min(first, lane.starts[position])
                last = max(last, lane.ends[position])
            }
        }
        guard first.isFinite, last.isFinite else { return }
        let total = derived.totalSpanMs(self)
        let (start, span) = chart.window(totalMs: total)
        if first >= start && last <= start + span { return }
        // The start of its work, a little in from the left edge (or the whole of it when it fits).
        let focus = last - first <= span * 0.8 ? (first + last) / 2 : first + span * 0.4
        chart.centre = focus / total
        chart.clampCentre()
    }

    /// The wheel over the chart: zooms about the time under the pointer (`fraction` of the
    /// chart's width from its left edge), so that it stays under the pointer.
    private mutating func zoom(in zoomIn: Bool, at fraction: Double, derived: Derived) -> Outcome {
        let total = derived.totalSpanMs(self)
        let (start, span) = chart.window(totalMs: total)
        let time = start + fraction * span
        let outcome = zoom(in: zoomIn)
        guard chart.zoom > 1 else { return outcome }
        let newSpan = total / chart.zoom
        chart.centre = (time - fraction * newSpan + newSpan / 2) / total
        chart.clampCentre()
        return outcome
    }

    private mutating func zoom(in zoomIn: Bool) -> Outcome {
        let next = zoomIn ? chart.zoom * 2 : chart.zoom / 2
        guard next >= 1, next <= ChartView.maximumZoom else {
            status = .warning(zoomIn ? "zoom is at its maximum, \(glyphs.times)\(Int(ChartView.maximumZoom))" : "zoom shows the whole plan already")
            return Outcome()
        }
        chart.zoom = next
        chart.clampCentre()
        status = .info(next == 1 ? "zoom: the whole plan" : "zoom \(glyphs.times)\(Int(next)); \(glyphs.unicode ? "←/→" : "Left/Right") pan")
        return Outcome()
    }

    private mutating func pan(forward: Bool) -> Outcome {
        guard chart.zoom > 1 else {
            status = .info("the whole plan is in view; zoom in with + to pan")
            return Outcome()
        }
        let before = chart.centre
        chart.centre += (forward ? 0.25 : -0.25) / chart.zoom
        chart.clampCentre()
        if chart.centre == before {
            status = .info(forward ? "at the end of the plan" : "at the start of the plan")
        }
        return Outcome()
    }

    private mutating func togglePlay(totalMs: Double) -> Outcome {
        if playback.playing {
            playback.playing = false
            status = .info("paused at \(NumberFormat.fixed(playback.cursorMs ?? 0)) ms; Space plays on")
            return Outcome()
        }
        if (playback.cursorMs ?? totalMs) >= totalMs { playback.cursorMs = 0 }
        playback.playing = true
        status = .info("playing; Space pauses")
        return Outcome()
    }

    /// Moves the play cursor on by `elapsedMs` of real time; stops at the end.
    mutating func advancePlayback(elapsedMs: Double, totalMs: Double) -> Bool {
        guard playback.playing else { return false }
        let step = max(0, min(elapsedMs, 1000)) / Playback.sweepMs * totalMs
        let next = min(totalMs, (playback.cursorMs ?? 0) + step)
        playback.cursorMs = next
        if next >= totalMs {
            playback.playing = false
            status = .info("played to the end, \(NumberFormat.fixed(totalMs)) ms; Space plays again")
        }
        // Keep the cursor in view when zoomed in.
        if chart.zoom > 1 {
            let (start, span) = chart.window(totalMs: totalMs)
            if next > start + span || next < start {
                chart.centre = next / totalMs
                chart.clampCentre()
            }
        }
        return true
    }

    /// `v`: planned, then realised (with a trace), then measured (with `--measured`).
    private mutating func toggleRealised() -> Outcome {
        guard hasTrace || measuredRun != nil else {
            status = .info("this scenario has no bandwidth trace: the realised timeline is the plan")
            return Outcome()
        }
        if let run = measuredRun, !showMeasured, showRealised || !hasTrace {
            showRealised = false
            showMeasured = true
            status = .info("showing the measured run (\(run.file)): the plan run for real by offload-testbed")
            return Outcome(recompute: [.ghost])
        }
        if showMeasured {
            showMeasured = false
            showRealised = false
        } else {
            showRealised.toggle()
        }
        status = .info(showRealised ? "showing the realised timeline: the plan played under the bandwidth trace" : "showing the planned timeline")
        // The realised view compares every algorithm (and the ghost) played under the trace;
        // the planned view, planned.
        return Outcome(recompute: [.ghost])
    }

    private mutating func toggleReplanning() -> Outcome {
        guard hasTrace else {
            status = .info("this scenario has no bandwidth trace: there is nothing to re-plan for")
            return Outcome()
        }
        replanning.toggle()
        status = .info(replanning ? "re-planning on: work not yet started is re-planned when the bandwidth changes"
                       : "re-planning off: the plan plays as made")
        return Outcome(recompute: [.realised])
    }

    // MARK: - Overlays

    private mutating func openPicker() -> Outcome {
        overlay = .picker(ScenarioPicker())
        return Outcome(request: samplesFolder == nil ? nil : .listSamples)
    }

    /// Opens the unsaved-changes prompt instead of losing the changes.
    private mutating func askAboutUnsavedChanges(before next: UnsavedPrompt.Next) -> Outcome {
        overlay = .unsaved(UnsavedPrompt(next: next))
        status = .warning("not saved: \(changeSummary)")
        return Outcome()
    }

    /// Ctrl-C (or SIGINT): quits, unless changes are unsaved and nobody was asked yet.
    mutating func interrupt() -> Outcome {
        if case .unsaved = overlay { return Outcome(quit: true) }
        if isModified { return askAboutUnsavedChanges(before: .quit) }
        return Outcome(quit: true)
    }

    /// Scrolls the help screen; its last place shows the last page whole.
    private mutating func scrollHelp(_ move: ListMove, viewport: Viewport) -> Outcome {
        guard case let .help(offset) = overlay else { return .nothing }
        let page = max(1, viewport.helpPageSize)
        let places = max(0, viewport.helpLineCount - page) + 1
        overlay = .help(scroll: move.position(from: offset, page: page, count: places))
        return Outcome()
    }

    private mutating func editField(_ edit: (inout TextField) -> Void) -> Outcome {
        switch overlay {
        case var .picker(picker):
            edit(&picker.input)
            overlay = .picker(picker)
        case var .save(prompt):
            edit(&prompt.input)
            prompt.confirmedPath = nil
            overlay = .save(prompt)
        case var .filter(field):
            edit(&field)
            overlay = .filter(field)
            applyFilter(field.text)
        default: return .nothing
        }
        return Outcome()
    }

    /// Tab: in an empty open dialog, the selected sample's path; else asks for the typed
    /// path to be completed like a shell does (`pathCompleted` takes the answer).
    private mutating func completePath() -> Outcome {
        switch overlay {
        case var .picker(picker) where picker.field.isEmpty:
            guard picker.entries.indices.contains(picker.selected) else { return .nothing }
            picker.field = picker.entries[picker.selected].path
            overlay = .picker(picker)
            return Outcome()
        case let .picker(picker): return Outcome(request: .completePath(picker.field))
        case let .save(prompt): return Outcome(request: .completePath(prompt.field))
        default: return .nothing
        }
    }

    /// Filters the table as the user types; the selection moves to the first match when it is filtered out.
    private mutating func applyFilter(_ text: String) {
        jobFilter = text
        let visible = visibleJobs
        if !visible.isEmpty && !visible.contains(selectedJob) { selectedJob = visible[0] }
        status = text.isEmpty ? .info("type part of a job id or model") : .info("\(NumberFormat.grouped(visible.count)) of \(NumberFormat.grouped(scenario.jobs.count)) jobs match \(text)")
    }

    private mutating func confirmDialog() -> Outcome {
        switch overlay {
        case .filter:
            overlay = .none
            status = jobFilter.isEmpty ? nil : .info("filter \(jobFilter): \(NumberFormat.grouped(visibleJobs.count)) of \(NumberFormat.grouped(scenario.jobs.count)) jobs; / edits it, / then Esc clears it")
            return Outcome()
        case let .picker(picker):
            guard let target = picker.target else {
                status = .warning("type the path of a scenario file")
                return Outcome()
            }
            return Outcome(request: .openScenario(target))
        case let .save(prompt):
            let path = PathCompletion.expandTilde(prompt.field.trimmingWhitespace())
            guard !path.isEmpty else {
                status = .warning("type the path to save to")
                return Outcome()
            }
            return Outcome(request: .saveScenario(path, then: prompt.then, replacing: prompt.confirmedPath == path))
        default:
            return .nothing
        }
    }

    /// Beside the scenario's file: `default.json` → `default-tuned.json`.
    var defaultSavePath: String {
        guard let path = scenarioPath else { return "scenario-tuned.json" }
        let stem = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
        return stem + "-tuned.json"
    }

    // MARK: - File results

    /// The answer to `FileRequest.completePath(typed)`: the field becomes `completed`, and
    /// the status line lists the names that still match.
    mutating func pathCompleted(_ typed: String, as completed: String, candidates: [String]) {
        if candidates.count > 1 {
            let shown = candidates.prefix(8).joined(separator: "  ")
            status = .info("\(candidates.count) match: \(shown)\(candidates.count > 8 ? "  \(glyphs.ellipsis)" : "")")
        } else if completed == typed {
            status = .warning("nothing matches \(typed)")
        }
        _ = editField { $0 = TextField(completed) }
    }

    /// The answer to `FileRequest.saveScenario` when `path` exists and replacing it was not
    /// confirmed: the prompt stays, and a second Enter on the same path replaces the file.
    mutating func saveTargetExists(_ path: String) {
        guard case var .save(prompt) = overlay else { return }
        prompt.confirmedPath = path
        overlay = .save(prompt)
        status = .warning("\(path) exists: Enter again replaces it, Esc cancels")
    }
}
