import OffloadReport
import OffloadScheduler

/// The header: scenario, algorithm, the environment in force and `makespan N ms`, with the
/// gain over partition-only and the gap to the lower bound.
///
/// Two lines, each on one row when it fits: what is planned (scenario, file, modified
/// mark, algorithm, job count, view), then the headline (makespan and gain, labelled
/// planned or realised under a trace) and the environment; a third states the comparison
/// with the ghost (`g`). When a line is too long its items take shorter forms, then its
/// extras give way; its essentials then wrap onto another row (and a name too long for a
/// row is shortened), so the makespan and the gain always show.
struct HeaderWidget {
    let state: DashboardState
    let derived: Derived

    private struct Item {
        var runs: [TextRun]
        /// 0 for the essentials; larger gives way earlier.
        var priority: Int
        /// The header line it belongs to: 0 names what is planned, 1 the result and the
        /// environment, 2 the comparison with the ghost.
        var line: Int
        /// A shorter form, used before extras give way.
        var compact: [TextRun]?
    }

    private func items(palette: Palette) -> [Item] {
        let text = palette.header, accent = palette.headerAccent, dim = palette.headerDim
        let glyphs = palette.glyphs
        let environment = state.environment
        var items: [Item] = [
            Item(runs: [TextRun("offload", dim)], priority: 4, line: 0),
            Item(runs: [TextRun(state.scenario.name, accent)], priority: 0, line: 0),
            Item(runs: [TextRun("algorithm ", dim), TextRun(state.algorithm.rawValue, accent)], priority: 0, line: 0),
            Item(runs: [TextRun(NumberFormat.counted(state.scenario.jobs.count, "job"), text)], priority: 3, line: 0),
        ]
        if let file = state.currentFile {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            items.insert(Item(runs: [TextRun(name, dim)], priority: 3, line: 0), at: 2)
        }
        if state.isModified {
            items.insert(Item(runs: [TextRun(glyphs.unicode ? "● modified" : "* modified", palette.headerWarning)], priority: 0, line: 0), at: 2)
        }
        if state.showMeasured {
            let view = derived.measured == nil ? "measured: not of this plan" : "measured"
            items.append(Item(runs: [TextRun("view ", dim), TextRun(view, derived.measured == nil ? palette.error : text)], priority: 0, line: 0))
        } else if state.hasTrace || state.measuredRun != nil {
            let view = state.showRealised ? "realised" + (state.replanning ? ", re-planning" : "") : "planned"
            items.append(Item(runs: [TextRun("view ", dim), TextRun(view, text)], priority: 2, line: 0))
        }
        if let cursor = state.playback.cursorMs {
            let mark = state.playback.playing ? String(glyphs.current) : "||"
            var runs = [TextRun("\(mark) \(NumberFormat.fixed(cursor)) ms", accent)]
            if let profile = derived.traceProfile, state.showRealised {
                runs.append(TextRun(" at \(Knob.number(profile.mbps(at: cursor))) Mbps", text))
            }
            items.append(Item(runs: runs, priority: 1, line: 0))
        }
        let shown = derived.shown(state)
        let plannedMakespan = derived.plan(state)?.makespanMs
        let realisedView = state.showRealised && derived.realised != nil
        let measuredView = state.showMeasured && derived.measured != nil
        // The headline first: makespan and gain, labelled planned, realised or measured when
        // a trace or a testbed run makes them differ; they wrap onto another row rather than
        // give way.
        if let makespan = realisedView || measuredView ? shown?.makespanMs : plannedMakespan {
            let label = measuredView ? " measured" : state.hasTrace ? (realisedView ? " realised" : " planned") : ""
            let value = [TextRun("makespan ", text), TextRun("\(NumberFormat.fixed(makespan)) ms", accent)]
            // The planned view says `view planned` on the first line; the others keep their label.
            items.append(Item(runs: value + [TextRun(label, dim)], priority: 0, line: 1,
                              compact: realisedView || measuredView ? nil : value))
            if realisedView || measuredView, let plannedMakespan {
                items.append(Item(runs: [TextRun("planned ", dim), TextRun("\(NumberFormat.fixed(plannedMakespan)) ms", text)], priority: 0, line: 1))
            }
            let gain = realisedView ? derived.realisedGainPercent(state) : plannedMakespan.flatMap { derived.plans.gainPercent($0) }
            if let gain {
                let word = gain >= 0 ? "gain" : "loss"
                let number = TextRun("\(NumberFormat.fixed(abs(gain), decimals: 1))%", text)
                let tail = realisedView ? " vs partition-only, both realised" + (state.replanning ? " re-planning" : "")
                    : measuredView ? " vs partition-only, planned" : " vs partition-only"
                items.append(Item(runs: [TextRun("\(word) ", dim), number, TextRun(tail, dim)], priority: 0, line: 1,
                                  compact: [TextRun("\(word) ", dim), number]))
            }
            if let plannedMakespan, !realisedView {
                let gap = TextRun("\(NumberFormat.fixed(derived.plans.gapPercent(plannedMakespan), decimals: 1))%", text)
                items.append(Item(runs: [TextRun("gap ", dim), gap, TextRun(" to the lower bound", dim)], priority: 2, line: 1,
                                  compact: [TextRun("gap ", dim), gap]))
                // "optimal over all partitions" / "optimal over N candidate cuts" (docs/FORMATS.md §5).
                if let claim = derived.plan(state)?.optimality.claim {
                    items.append(Item(runs: [TextRun(claim, dim)], priority: 3, line: 1))
                }
            }
            if realisedView, let saving = derived.replanSavingMs {
                let words = saving >= 0 ? "re-planning saves " : "re-planning costs "
                items.append(Item(runs: [TextRun(words, dim), TextRun("\(NumberFormat.fixed(abs(saving))) ms", text)], priority: 1, line: 1))
            }
        } else {
            items.append(Item(runs: [TextRun("makespan - ms (no plan)", palette.error)], priority: 0, line: 1))
        }
        var link = "\(Knob.number(environment.bandwidthMbps)) Mbps"
        let compactLink = link
        if let trace = environment.bandwidthTrace, let low = trace.map(\.mbps).min(), let high = trace.map(\.mbps).max() {
            link += " (trace \(Knob.number(low))\(glyphs.unicode ? "–" : "-")\(Knob.number(high)))"
        }
        items += [
            Item(runs: [TextRun("device ", dim), TextRun("\(glyphs.times)\(Knob.number(environment.deviceSpeed))", text)], priority: 0, line: 1),
            Item(runs: [TextRun("cloud ", dim), TextRun("\(glyphs.times)\(Knob.number(environment.cloudSpeed))", text)], priority: 0, line: 1),
            Item(runs: [TextRun(link, text)], priority: 0, line: 1, compact: [TextRun(compactLink, text)]),
            Item(runs: [TextRun("latency ", dim), TextRun("\(Knob.number(environment.latencyMs)) ms", text)], priority: 0, line: 1,
                 compact: [TextRun("lat ", dim), TextRun("\(Knob.number(environment.latencyMs)) ms", text)]),
        ]
        // The comparison with the ghost, like with like: both realised in the realised view
        // (the ghost is played under the trace there), else both planned, and it says which
        // wherever the view could be either.
        let ghostRealised = derived.ghostIsRealised && realisedView
        if let ghost = state.ghostAlgorithm, let ghostMakespan = derived.ghost?.makespanMs,
           let makespan = ghostRealised ? shown?.makespanMs : plannedMakespan {
            let dash = glyphs.unicode ? " — " : " - "
            let shorter = ghostMakespan > 0 ? (1 - makespan / ghostMakespan) * 100 : 0
            let verdict = abs(shorter) < 0.05 ? "the same" : "\(NumberFormat.fixed(abs(shorter), decimals: 1))% \(shorter > 0 ? "shorter" : "longer")"
            let basis = ghostRealised ? ", both realised" + (state.replanning ? " re-planning" : "")
                : state.hasTrace || state.measuredRun != nil ? ", both planned" : ""
            items.append(Item(runs: [TextRun("\(state.algorithm) ", accent), TextRun("\(NumberFormat.fixed(makespan, decimals: 1)) ms", accent),
                                     TextRun(" vs ", dim), TextRun("\(ghost) \(NumberFormat.fixed(ghostMakespan, decimals: 1)) ms", text),
                                     TextRun(dash + verdict, text), TextRun(basis, dim)], priority: 0, line: 2))
        }
        return items
    }

    /// The header's rows at `width`.
    func rows(width: Int) -> [[TextRun]] {
        rows(width: width, palette: state.palette)
    }

    /// Each header line on one row when it fits: its extras give way (the largest priority,
    /// then the last, first); its essentials then wrap onto more rows.
    func rows(width: Int, palette: Palette) -> [[TextRun]] {
        let all = items(palette: palette)
        let usable = max(1, width - 2)
        var rows: [[TextRun]] = []
        for line in 0...2 {
            var lineItems = all.filter { $0.line == line }
            guard !lineItems.isEmpty else { continue }
            var flowed = flow(lineItems, width: usable, palette: palette)
            // First the mere extras (priority 3 and up) go, then the shorter forms, the extras'
            // before the essentials', the last first; then the other extras.
            while flowed.count > 1, let drop = lineItems.indices.filter({ lineItems[$0].priority >= 3 })
                .max(by: { (lineItems[$0].priority, $0) < (lineItems[$1].priority, $1) }) {
                lineItems.remove(at: drop)
                flowed = flow(lineItems, width: usable, palette: palette)
            }
            while flowed.count > 1, let shorten = lineItems.indices.filter({ lineItems[$0].compact != nil })
                .max(by: { (lineItems[$0].priority, $0) < (lineItems[$1].priority, $1) }) {
                lineItems[shorten].runs = lineItems[shorten].compact ?? lineItems[shorten].runs
                lineItems[shorten].compact = nil
                flowed = flow(lineItems, width: usable, palette: palette)
            }
            while flowed.count > 1, let drop = lineItems.indices.filter({ lineItems[$0].priority > 0 })
                .max(by: { (lineItems[$0].priority, $0) < (lineItems[$1].priority, $1) }) {
                lineItems.remove(at: drop)
                flowed = flow(lineItems, width: usable, palette: palette)
            }
            rows += flowed
        }
        return rows
    }

    private func flow(_ items: [Item], width: Int, palette: Palette) -> [[TextRun]] {
        var rows: [[TextRun]] = []
        var current: [TextRun] = []
        let gap = TextRun("   ", palette.header)
        for item in items {
            var runs = item.runs
            if runs.width > width {
                runs = shrink(runs, to: width, glyphs: palette.glyphs)
            }
            if !current.isEmpty && current.width + gap.text.count + runs.width > width {
                rows.append(current)
                current = []
            }
            if !current.isEmpty { current.append(gap) }
            current += runs
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    /// `runs` cut to `width` columns, the last kept run ending with an ellipsis.
    private func shrink(_ runs: [TextRun], to width: Int, glyphs: Glyphs) -> [TextRun] {
        var result: [TextRun] = []
        var room = width
        for run in runs {
            if run.text.displayWidth <= room {
                result.append(run)
                room -= run.text.displayWidth
            } else {
                result.append(TextRun(glyphs.truncate(run.text, to: room), run.style))
                break
            }
        }
        return result
    }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        let palette = state.palette
        canvas.fill(rect, style: palette.header)
        for (index, row) in rows(width: rect.width, palette: palette).enumerated() where index < rect.height {
            canvas.write(row, x: rect.x + 1, y: rect.y + index, maxWidth: rect.width - 2)
        }
    }
}
