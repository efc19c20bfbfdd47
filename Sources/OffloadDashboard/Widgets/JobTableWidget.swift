import OffloadReport

/// The job table: one row per job (id, model, layers on the device of the total, time on
/// each lane, bytes sent, finish), with a colour swatch tying the row to its blocks and
/// the selected row highlighted. Columns give way from the right on narrow screens; the
/// rows scroll to keep the selection in view.
struct JobTableWidget {
    let state: DashboardState
    let derived: Derived
    let palette: Palette

    private struct Column {
        var title: String
        var width: Int
        var rightAligned: Bool
        /// Lower keeps its place longer when the table is narrow.
        var priority: Int
        var value: (Int) -> String
    }

    /// The first job row shown, keeping the selection near the middle.
    static func firstRow(selected: Int, count: Int, visible: Int) -> Int {
        guard count > visible else { return 0 }
        return min(max(0, selected - visible / 2), count - visible)
    }

    private func columns(view: TimelineView?) -> [Column] {
        let scenario = state.scenario
        let rows = view?.rows ?? []
        func row(_ job: Int) -> JobRow? { rows.indices.contains(job) ? rows[job] : nil }
        func milliseconds(_ value: Double?) -> String { value.map { NumberFormat.fixed($0) } ?? "-" }
        var widest = [0.0, 0.0, 0.0, 0.0]
        var widestBytes = 0, widestLayers = 1, widestID = 3, widestModel = 5
        for job in rows.indices {
            for lane in 0..<3 { widest[lane] = max(widest[lane], rows[job].laneMs[lane]) }
            widest[3] = max(widest[3], rows[job].finishMs)
            widestBytes = max(widestBytes, rows[job].cut?.uplinkBytes ?? 0)
        }
        for job in scenario.jobs.indices {
            widestID = max(widestID, scenario.jobs[job].id.displayWidth)
            let model = scenario.model(ofJob: job)
            widestModel = max(widestModel, model.name.displayWidth)
            widestLayers = max(widestLayers, model.layers.count)
        }
        let layerWidth = 2 * String(widestLayers).count + 1
        return [
            Column(title: "", width: 2, rightAligned: false, priority: 1) { _ in "" },
            Column(title: "job", width: min(24, widestID), rightAligned: false, priority: 0) { scenario.jobs[$0].id },
            Column(title: "model", width: min(20, widestModel), rightAligned: false, priority: 7) { scenario.model(ofJob: $0).name },
            Column(title: "on device", width: max(9, layerWidth), rightAligned: true, priority: 2) { job in
                guard let cut = row(job)?.cut else { return "-" }
                let model = scenario.model(ofJob: job)
                let mark = state.changedCuts.contains(scenario.jobs[job].id) ? "*" : ""
                return "\(mark)\(NumberFormat.grouped(model.cutDeviceLayerCount(cut)))/\(NumberFormat.grouped(model.cutLayerCount))"
            },
            Column(title: "device ms", width: max(9, NumberFormat.fixed(widest[0]).count), rightAligned: true, priority: 3) { milliseconds(row($0)?.laneMs[0]) },
            Column(title: "uplink ms", width: max(9, NumberFormat.fixed(widest[1]).count), rightAligned: true, priority: 4) { milliseconds(row($0)?.laneMs[1]) },
            Column(title: "cloud ms", width: max(8, NumberFormat.fixed(widest[2]).count), rightAligned: true, priority: 5) { milliseconds(row($0)?.laneMs[2]) },
            Column(title: "sent bytes", width: max(10, NumberFormat.grouped(widestBytes).count), rightAligned: true, priority: 6) { job in
                row(job)?.cut.map { NumberFormat.grouped($0.uplinkBytes) } ?? "-"
            },
            Column(title: "finish ms", width: max(9, NumberFormat.fixed(widest[3]).count), rightAligned: true, priority: 1) { milliseconds(row($0)?.finishMs) },
        ]
    }

    /// The columns that fit in `width`, in table order.
    private func fitting(_ all: [Column], width: Int) -> [Column] {
        var kept = Set<Int>()
        var used = 1
        for index in all.indices.sorted(by: { (all[$0].priority, $0) < (all[$1].priority, $1) }) {
            let extra = all[index].width + (kept.isEmpty ? 0 : 2)
            if used + extra <= width {
                kept.insert(index)
                used += extra
            }
        }
        return all.indices.filter(kept.contains).map { all[$0] }
    }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let jobs = state.scenario.jobs
        let view = derived.shown(state)
        let arrows = palette.glyphs.unicode ? "↑↓" : "Up/Down"
        let listed = state.visibleJobs
        let place = listed.firstIndex(of: state.selectedJob).map { NumberFormat.grouped($0 + 1) } ?? "-"
        var position = jobs.isEmpty ? "0" : "\(place)/\(NumberFormat.grouped(listed.count))"
        if !state.jobFilter.isEmpty { position += " of \(NumberFormat.grouped(jobs.count)) matching \(state.jobFilter)" }
        let hint = state.interactive ? " \(position) \(palette.glyphs.unicode ? "·" : "-") \(arrows) select, n duplicate, x delete" : " \(NumberFormat.grouped(jobs.count))"
        canvas.titleRule([TextRun("Jobs", palette.title), TextRun(hint, palette.dim)],
                         in: rect, palette: palette)
        guard rect.height > 1 else { return }
        let columns = fitting(columns(view: view), width: rect.width)
        var x = rect.x + 1
        for (number, column) in columns.enumerated() {
            let title = column.rightAligned ? column.title.leftPadded(to: column.width) : column.title
            canvas.write(title, x: x, y: rect.y + 1, style: palette.dim, maxWidth: column.width)
            x += column.width + (number == 0 && column.title.isEmpty ? 1 : 2)
        }
        let visible = rect.height - 2
        guard visible > 0 else { return }
        if jobs.isEmpty {
            canvas.write("no jobs", x: rect.x + 1, y: rect.y + 2, style: palette.dim, maxWidth: rect.width - 1)
            return
        }
        let selectedPlace = listed.firstIndex(of: state.selectedJob) ?? 0
        let first = Self.firstRow(selected: selectedPlace, count: listed.count, visible: visible)
        let colours = state.colourIndices
        if listed.isEmpty {
            canvas.write("no job matches \(state.jobFilter)", x: rect.x + 1, y: rect.y + 2, style: palette.dim, maxWidth: rect.width - 1)
        }
        for line in 0..<min(visible, max(0, listed.count - first)) {
            let job = listed[first + line]
            let y = rect.y + 2 + line
            let selected = job == state.selectedJob
            let style = selected ? palette.selection : palette.text
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style) }
            var x = rect.x + 1
            for (number, column) in columns.enumerated() {
                if number == 0 && column.title.isEmpty {
                    drawSwatch(into: &canvas, job: job, colour: colours.indices.contains(job) ? colours[job] : job, view: view, x: x, y: y)
                    x += column.width + 1
                    continue
                }
                let value = column.value(job)
                let text = value.displayWidth > column.width ? palette.glyphs.truncate(value, to: column.width)
                    : column.rightAligned ? value.leftPadded(to: column.width) : value
                var cellStyle = style
                if column.title == "on device", state.changedCuts.contains(jobs[job].id) { cellStyle = selected ? style : palette.accent }
                canvas.write(text, x: x, y: y, style: cellStyle, maxWidth: column.width)
                x += column.width + 2
            }
        }
    }

    private func drawSwatch(into canvas: inout Canvas, job: Int, colour: Int, view: TimelineView?, x: Int, y: Int) {
        if palette.patterns {
            let patterns = palette.glyphs.patterns
            let rank = view.map { $0.rank.indices.contains(job) ? $0.rank[job] : job } ?? job
            let pattern = patterns[(state.colourByModel ? colour : rank) % patterns.count]
            canvas.write(String(repeating: String(pattern), count: 2), x: x, y: y, style: Style(reverse: job == state.selectedJob))
        } else {
            let fill = palette.theme.jobColour(colour)
            canvas.write("  ", x: x, y: y, style: Style(foreground: fill, background: fill))
        }
    }

    /// The job on screen row `y` of the table in `rect`, if any.
    func job(atY y: Int, in rect: Rect) -> Int? {
        let visible = rect.height - 2
        let line = y - rect.y - 2
        guard visible > 0, line >= 0, line < visible else { return nil }
        let listed = state.visibleJobs
        let place = Self.firstRow(selected: listed.firstIndex(of: state.selectedJob) ?? 0, count: listed.count, visible: visible) + line
        return listed.indices.contains(place) ? listed[place] : nil
    }
}
