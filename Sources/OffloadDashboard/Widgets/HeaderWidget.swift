import OffloadReport
import OffloadScheduler

/// The header: scenario, algorithm, the environment in force and `makespan N ms`, with the
/// gain over partition-only and the gap to the lower bound.
///
/// Two lines, each on one row when it fits: what is planned (scenario, algorithm, job
/// count, view), then the environment and the result. When a line is too long its extras
/// give way; its essentials then wrap onto another row (and a name too long for a row is
/// shortened), so they always show.
struct HeaderWidget {
    let state: DashboardState
    let derived: Derived

    private struct Item {
        var runs: [TextRun]
        /// 0 for the essentials; larger gives way earlier.
        var priority: Int
        /// The header line it belongs to: 0 names what is planned, 1 the environment and the result.
        var line: Int
    }

    private func items(palette: Palette) -> [Item] {
        let text = palette.header, accent = palette.headerAccent, dim = palette.headerDim
        let glyphs = palette.glyphs
        let environment = state.environment
        var items: [Item] = [
            Item(runs: [TextRun("offload", dim)], priority: 4, line: 0),
            Item(runs: [TextRun(state.scenario.name, accent)], priority: 0, line: 0),
            Item(runs: [TextRun("algorithm ", dim), TextRun(state.algorithm.rawValue, accent)], priority: 0, line: 0),
            Item(runs: [TextRun("\(state.scenario.jobs.count) job\(state.scenario.jobs.count == 1 ? "" : "s")", text)], priority: 3, line: 0),
        ]
        if state.showMeasured {
            let view = derived.measured == nil ? "measured: not of this plan" : "measured"
            items.append(Item(runs: [TextRun("view ", dim), TextRun(view, derived.measured == nil ? palette.error : text)], priority: 0, line: 0))
        } else if state.hasTrace || state.measuredRun != nil {
            let view = state.showRealised ? "realised" + (state.replanning ? ", re-planning" : "") : "planned"
            items.append(Item(runs: [TextRun("view ", dim), TextRun(view, text)], priority: 2, line: 0))
        }
        if let cursor = state.playback.cursorMs {
            let mark = state.playback.playing ? String(glyphs.current) : "||"
            items.append(Item(runs: [TextRun("\(mark) \(NumberFormat.fixed(cursor)) ms", accent)], priority: 1, line: 0))
        }
        var link = "\(Knob.number(environment.bandwidthMbps)) Mbps"
        if let trace = environment.bandwidthTrace, let low = trace.map(\.mbps).min(), let high = trace.map(\.mbps).max() {
            link += " (trace \(Knob.number(low))\(glyphs.unicode ? "–" : "-")\(Knob.number(high)))"
        }
        items += [
            Item(runs: [TextRun("device ", dim), TextRun("\(glyphs.times)\(Knob.number(environment.deviceSpeed))", text)], priority: 0, line: 1),
            Item(runs: [TextRun("cloud ", dim), TextRun("\(glyphs.times)\(Knob.number(environment.cloudSpeed))", text)], priority: 0, line: 1),
            Item(runs: [TextRun(link, text)], priority: 0, line: 1),
            Item(runs: [TextRun("latency ", dim), TextRun("\(Knob.number(environment.latencyMs)) ms", text)], priority: 0, line: 1),
        ]
        let shown = derived.shown(state)
        let plannedMakespan = derived.plan(state)?.makespanMs
        if let makespan = state.showRealised || (state.showMeasured && derived.measured != nil) ? shown?.makespanMs : plannedMakespan {
            items.append(Item(runs: [TextRun("makespan ", text), TextRun("\(NumberFormat.fixed(makespan)) ms", accent)], priority: 0, line: 1))
            if state.showRealised, let plannedMakespan, derived.realised != nil {
                items.append(Item(runs: [TextRun("realised; planned \(NumberFormat.fixed(plannedMakespan)) ms", dim)], priority: 1, line: 1))
            }
            if state.showMeasured, let plannedMakespan, derived.measured != nil {
                items.append(Item(runs: [TextRun("measured; planned \(NumberFormat.fixed(plannedMakespan)) ms", dim)], priority: 1, line: 1))
            }
            if let plannedMakespan {
                if let gain = derived.plans.gainPercent(plannedMakespan) {
                    let word = gain >= 0 ? "gain" : "loss"
                    items.append(Item(runs: [TextRun("\(word) ", dim), TextRun("\(NumberFormat.fixed(abs(gain), decimals: 1))%", text),
                                             TextRun(" vs partition-only", dim)], priority: 1, line: 1))
                }
                items.append(Item(runs: [TextRun("gap ", dim), TextRun("\(NumberFormat.fixed(derived.plans.gapPercent(plannedMakespan), decimals: 1))%", text),
                                         TextRun(" to the lower bound", dim)], priority: 2, line: 1))
            }
        } else {
            items.append(Item(runs: [TextRun("makespan - ms (no plan)", palette.error)], priority: 0, line: 1))
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
        for line in 0...1 {
            var lineItems = all.filter { $0.line == line }
            var flowed = flow(lineItems, width: usable, palette: palette)
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
            if run.text.count <= room {
                result.append(run)
                room -= run.text.count
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
