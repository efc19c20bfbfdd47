import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// The Gantt chart: the device, uplink and cloud lanes over a time axis.
///
/// One colour per job (or per model), with eighth-block characters for sub-cell
/// precision where one block meets another or idle time; job labels inside blocks where
/// they fit; idle time as the lane's track; the critical path marked under each lane (or
/// underlined when rows are short); the selected job's blocks highlighted on every lane;
/// the bandwidth trace as a strip under the uplink; the play cursor. Without colour, jobs
/// get fill patterns and the selection reverse video.
struct GanttWidget {
    let state: DashboardState
    let derived: Derived
    let shape: GanttShape
    let palette: Palette

    /// Where the parts of the chart are inside `rect`.
    struct Geometry {
        let rect: Rect
        let shape: GanttShape
        /// Columns for the lane names on the left.
        let gutter: Int

        init(rect: Rect, shape: GanttShape) {
            self.rect = rect
            self.shape = shape
            gutter = rect.width >= 70 ? 12 : 7
        }

        var chartX: Int { rect.x + gutter }
        var chartWidth: Int { max(1, rect.width - gutter - 1) }
        /// The first row of lane `lane` (0 device, 1 uplink, 2 cloud).
        func laneY(_ lane: Int) -> Int { rect.y + lane * shape.laneHeight + (lane == 2 && shape.trace ? 1 : 0) }
        var traceY: Int? { shape.trace ? rect.y + 2 * shape.laneHeight : nil }
        var tickY: Int { rect.y + 3 * shape.laneHeight + (shape.trace ? 1 : 0) }
        var labelY: Int? { shape.axisLabels ? tickY + 1 : nil }

        /// The lane whose rows include `y`.
        func lane(atY y: Int) -> Int? {
            (0..<3).first { y >= laneY($0) && y < laneY($0) + shape.laneHeight }
        }
    }

    var window: (startMs: Double, spanMs: Double) { state.chart.window(totalMs: derived.totalSpanMs(state)) }

    /// A second timeline drawn faint under each lane, on the same axis: the comparison
    /// ghost (`g`), else in the realised view the plan as made (realised filled, planned
    /// as its shadow).
    var shadow: (view: TimelineView, label: String)? {
        if let ghost = derived.ghost, let algorithm = state.ghostAlgorithm { return (ghost, algorithm == .partitionOnly ? "p-only" : String(algorithm.rawValue.prefix(6))) }
        if state.showRealised, derived.realised != nil, let planned = derived.planned { return (planned, "plan") }
        return nil
    }

    /// The row of each lane the shadow takes: the critical-path row (the path is then
    /// underlined), else the last of two or more block rows.
    private var shadowRow: Int? {
        guard shadow != nil else { return nil }
        if shape.markers { return shape.blockRows }
        return shape.blockRows >= 2 ? shape.blockRows - 1 : nil
    }

    /// The cursor that cuts the lanes, when play mode has one.
    var cursor: Double? { state.playback.cursorMs }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        let geometry = Geometry(rect: rect, shape: shape)
        let view = derived.shown(state)
        drawGutter(into: &canvas, geometry: geometry, view: view)
        guard let view else {
            let reason = derived.simulationError ?? derived.plans.failure(state.algorithm).map { "\(state.algorithm): \($0)" } ?? "no plan"
            canvas.write(reason, x: geometry.chartX, y: geometry.laneY(1), style: palette.error, maxWidth: geometry.chartWidth)
            return
        }
        let (start, span) = window
        let columns = geometry.chartWidth
        let msPerColumn = span / Double(columns)
        let colours = state.colourIndices
        for lane in 0..<3 {
            let index = view.lanes[lane]
            let criticalSpans = view.critical[lane]
            var row = laneCells(index, view: view, colours: colours, start: start, msPerColumn: msPerColumn, columns: columns)
            // The critical path, like the lanes, only up to the play cursor.
            func critical(_ column: Int) -> Bool {
                let from = start + Double(column) * msPerColumn
                let to = min(from + msPerColumn, cursor ?? .infinity)
                return to > from && Span.anyOverlap(criticalSpans, from: from, to: to)
            }
            let shadowRow = self.shadowRow
            let markers = shape.markers && shadowRow != shape.blockRows
            if !markers {
                for column in 0..<columns where critical(column) { row[column].style.underline = true }
            }
            let y = geometry.laneY(lane)
            for blockRow in 0..<shape.blockRows where blockRow != shadowRow {
                for column in 0..<columns { canvas.put(row[column].character, x: geometry.chartX + column, y: y + blockRow, style: row[column].style) }
            }
            drawLabels(into: &canvas, index: index, row: row, view: view, colours: colours, x: geometry.chartX, y: y + (shape.blockRows - 1) / 2,
                       start: start, msPerColumn: msPerColumn, columns: columns)
            if markers {
                let markerY = y + shape.blockRows
                for column in 0..<columns where critical(column) {
                    canvas.put(palette.glyphs.critical, x: geometry.chartX + column, y: markerY, style: palette.style(.critical, bold: true))
                }
            }
            if let shadowRow, let shadow {
                drawShadow(into: &canvas, index: shadow.view.lanes[lane], x: geometry.chartX, y: y + shadowRow, start: start,
                           msPerColumn: msPerColumn, columns: columns)
                if geometry.gutter >= 7 {
                    canvas.write(shadow.label, x: geometry.rect.x + 1, y: y + shadowRow, style: palette.dim, maxWidth: geometry.gutter - 2)
                }
            }
        }
        if let traceY = geometry.traceY { drawTrace(into: &canvas, x: geometry.chartX, y: traceY, start: start, msPerColumn: msPerColumn, columns: columns) }
        drawAxis(into: &canvas, geometry: geometry, start: start, span: span)
        drawCursor(into: &canvas, geometry: geometry, start: start, msPerColumn: msPerColumn)
    }

    /// Lane names (with utilisation when the gutter is wide) and the trace's label.
    private func drawGutter(into canvas: inout Canvas, geometry: Geometry, view: TimelineView?) {
        let roles: [ThemeRole] = [.laneDevice, .laneUplink, .laneCloud]
        for lane in 0..<3 {
            let name = Lane.allCases[lane].description
            let y = geometry.laneY(lane) + (shape.blockRows - 1) / 2
            canvas.write(name, x: geometry.rect.x, y: y, style: palette.style(roles[lane], bold: true), maxWidth: geometry.gutter - 1)
            if geometry.gutter >= 12, let metrics = view?.timeline.lanes, metrics.indices.contains(lane) {
                let percent = "\(Int(clamping: (metrics[lane].utilisation * 100).rounded(), to: 0...100))%".leftPadded(to: 4)
                canvas.write(percent, x: geometry.rect.x + 7, y: y, style: palette.dim)
            }
        }
        if let traceY = geometry.traceY {
            // The strip's scale: a full bar is the trace's highest rate.
            let highest = derived.traceProfile?.mbps.max().map { "\(palette.glyphs.unicode ? "≤" : "<")\(Knob.number($0)) Mbps" }
            let label = highest.flatMap { $0.count <= geometry.gutter - 1 ? $0 : nil } ?? "trace"
            canvas.write(label, x: geometry.rect.x, y: traceY, style: palette.dim, maxWidth: geometry.gutter - 1)
        }
        if let labelY = geometry.labelY {
            let unit = TimeScale(startMs: window.startMs, spanMs: window.spanMs, columns: geometry.chartWidth).unit
            canvas.write(unit.leftPadded(to: geometry.gutter - 1), x: geometry.rect.x, y: labelY, style: palette.dim, maxWidth: geometry.gutter - 1)
        }
    }

    /// The cells of one lane's block row.
    private func laneCells(_ index: LaneIndex, view: TimelineView, colours: [Int], start: Double, msPerColumn: Double,
                           columns: Int) -> [Cell] {
        let idleColour = palette.theme[.idle]
        let idleCell = palette.patterns
            ? Cell(palette.glyphs.idle, style: palette.dim)
            : Cell(" ", style: Style(foreground: idleColour, background: idleColour))
        var cells = [Cell](repeating: idleCell, count: columns)
        let selected = state.selectedJob
        func colour(_ position: Int) -> TerminalColor {
            let job = index.jobs[position]
            return palette.jobColour(colours.indices.contains(job) ? colours[job] : job, selected: job == selected)
        }
        func patternCell(_ position: Int) -> Cell {
            let job = index.jobs[position]
            let patterns = palette.glyphs.patterns
            let rank = view.rank.indices.contains(job) ? view.rank[job] : job
            let patternIndex = state.colourByModel && colours.indices.contains(job) ? colours[job] : rank
            return Cell(patterns[patternIndex % patterns.count], style: Style(reverse: job == selected))
        }
        for column in 0..<columns {
            let from = start + Double(column) * msPerColumn
            let to = from + msPerColumn
            if palette.patterns || palette.glyphs.leftEighths == nil {
                guard let position = index.piece(at: (from + to) / 2, cursor: cursor) else {
                    // Work shorter than a cell still leaves a mark, in every mode.
                    let inside = index.countStarting(before: to)
                    if inside > 0, index.end(inside - 1, cursor: cursor) > from, index.end(inside - 1, cursor: cursor) > index.starts[inside - 1] {
                        let style = palette.patterns ? Style(reverse: index.jobs[inside - 1] == selected)
                            : Style(foreground: colour(inside - 1), background: idleColour, bold: true)
                        cells[column] = Cell(palette.glyphs.sliver, style: style)
                    }
                    continue
                }
                cells[column] = palette.patterns ? patternCell(position) : Cell(" ", style: Style(background: colour(position)))
                continue
            }
            let left = index.piece(at: from, cursor: cursor)
            let right = index.piece(endingAtOrAfter: to, cursor: cursor)
            if left == nil && right == nil {
                // Work shorter than a column inside it still shows, as a sliver.
                let inside = index.countStarting(before: to)
                if inside > 0, index.starts[inside - 1] >= from, index.end(inside - 1, cursor: cursor) > index.starts[inside - 1],
                   let eighths = palette.glyphs.leftEighths {
                    let position = inside - 1
                    let fraction = (index.end(position, cursor: cursor) - index.starts[position]) / msPerColumn
                    let filled = Int(clamping: (fraction * 8).rounded(), to: 1...7)
                    cells[column] = Cell(eighths[filled], style: Style(foreground: colour(position), background: idleColour))
                }
                continue
            }
            if left == right, let position = left {
                cells[column] = Cell(" ", style: Style(background: colour(position)))
                continue
            }
            let boundary: Double
            if let left {
                boundary = index.end(left, cursor: cursor)
            } else if let right {
                boundary = index.starts[right]
            } else {
                continue
            }
            let eighths = Int(clamping: ((boundary - from) / msPerColumn * 8).rounded(), to: 0...8)
            let leftColour = left.map(colour) ?? idleColour
            let rightColour = right.map(colour) ?? idleColour
            if eighths <= 0 {
                cells[column] = Cell(" ", style: Style(foreground: rightColour, background: rightColour))
            } else if eighths >= 8 {
                cells[column] = Cell(" ", style: Style(foreground: leftColour, background: leftColour))
            } else if let glyphs = palette.glyphs.leftEighths {
                cells[column] = Cell(glyphs[eighths], style: Style(foreground: leftColour, background: rightColour))
            }
        }
        markSeparators(&cells, index: index, start: start, msPerColumn: msPerColumn, colour: colour)
        return cells
    }

    /// Where one block meets another that looks the same (one colour, or one pattern),
    /// a thin separator in the cell where the second starts, so that they never merge.
    private func markSeparators(_ cells: inout [Cell], index: LaneIndex, start: Double, msPerColumn: Double, colour: (Int) -> TerminalColor) {
        let separator = palette.glyphs.separator
        for column in cells.indices {
            let edge = start + Double(column) * msPerColumn
            let to = edge + msPerColumn
            // The piece starting inside this column, and the one running into it.
            let next = index.countStarting(before: to)
            guard next > 0 else { continue }
            let second = next - 1
            let secondStart = index.starts[second]
            guard secondStart >= edge - 1e-9, second > 0, secondStart < index.end(second, cursor: cursor) else { continue }
            let first = second - 1
            guard index.jobs[first] != index.jobs[second], index.end(first, cursor: cursor) >= secondStart - 1e-9 else { continue }
            if palette.patterns {
                guard cells[column].character == cells[max(0, column - 1)].character || cells[column].character == palette.glyphs.sliver else { continue }
                cells[column] = Cell(separator, style: cells[column].style)
            } else {
                let fill = colour(second)
                guard colour(first) == fill else { continue }
                cells[column] = Cell(separator, style: Style(foreground: palette.textColour(on: fill), background: fill))
            }
        }
    }

    /// A second timeline's lane, faint: a shade where it has work, ends marked.
    private func drawShadow(into canvas: inout Canvas, index: LaneIndex, x: Int, y: Int, start: Double, msPerColumn: Double, columns: Int) {
        let glyphs = palette.glyphs
        let body: Character = glyphs.unicode ? "░" : ":"
        let style = palette.dim
        for column in 0..<columns {
            let from = start + Double(column) * msPerColumn
            let to = from + msPerColumn
            let inside = index.countStarting(before: to)
            guard inside > 0, index.ends[inside - 1] > from || index.piece(at: (from + to) / 2, cursor: nil) != nil else { continue }
            canvas.put(body, x: x + column, y: y, style: style)
        }
    }

    /// Job ids inside the blocks wide enough for them.
    private func drawLabels(into canvas: inout Canvas, index: LaneIndex, row: [Cell], view: TimelineView, colours: [Int], x: Int, y: Int,
                            start: Double, msPerColumn: Double, columns: Int) {
        let end = start + msPerColumn * Double(columns)
        let jobs = state.scenario.jobs
        var position = max(0, index.countStarting(before: start) - 1)
        while position < index.count && index.starts[position] < end {
            defer { position += 1 }
            let visibleStart = max(index.starts[position], start)
            let visibleEnd = min(index.end(position, cursor: cursor), end)
            guard visibleEnd > visibleStart else { continue }
            let first = Int(clamping: ((visibleStart - start) / msPerColumn - 1e-9).rounded(.up), to: 0...columns)
            let last = Int(clamping: ((visibleEnd - start) / msPerColumn + 1e-9).rounded(.down), to: 0...columns)
            let room = min(last, columns) - max(first, 0) - 2
            let job = index.jobs[position]
            guard room >= 1, jobs.indices.contains(job) else { continue }
            // A cut the last key moved is marked for a moment.
            let id = (state.changedCuts.contains(jobs[job].id) ? "*" : "") + jobs[job].id
            guard id.displayWidth <= room || room >= 4 else { continue }
            let label = palette.glyphs.truncate(id, to: room)
            let column = max(first, 0) + 1
            let selected = job == state.selectedJob
            if palette.patterns {
                let style = selected ? Style(reverse: true, underline: row[column].style.underline) : Style(underline: row[column].style.underline)
                canvas.write(" " + label + " ", x: x + column - 1, y: y, style: style)
            } else {
                let background = row[column].style.background
                let style = Style(foreground: palette.textColour(on: background), background: background, bold: selected,
                                  underline: row[column].style.underline)
                canvas.write(label, x: x + column, y: y, style: style)
            }
        }
    }

    /// The bandwidth trace: the mean rate in each column, as a bar of eight levels.
    private func drawTrace(into canvas: inout Canvas, x: Int, y: Int, start: Double, msPerColumn: Double, columns: Int) {
        guard let profile = derived.traceProfile, let highest = profile.mbps.max(), highest > 0 else { return }
        let levels = palette.glyphs.levels
        let style = palette.style(.trace)
        for column in 0..<columns {
            let from = start + Double(column) * msPerColumn
            let mbps = profile.bits(fromMs: from, toMs: from + msPerColumn) / msPerColumn / 1000
            guard mbps > 0 else { continue }
            let level = Int(clamping: (mbps / highest * Double(levels.count)).rounded(.up), to: 1...max(1, levels.count))
            canvas.put(levels[level - 1], x: x + column, y: y, style: style)
        }
        // Where the realised run re-planned.
        guard state.showRealised, let replans = derived.realised?.timeline.replans else { return }
        for replan in replans {
            let column = Int(((replan.atMs - start) / msPerColumn).rounded(.down))
            guard column >= 0, column < columns else { continue }
            canvas.put(palette.glyphs.unicode ? "↻" : "R", x: x + column, y: y, style: palette.style(.cursor, bold: true))
        }
    }

    private func drawAxis(into canvas: inout Canvas, geometry: Geometry, start: Double, span: Double) {
        let glyphs = palette.glyphs
        let scale = TimeScale(startMs: start, spanMs: span, columns: geometry.chartWidth)
        canvas.fill(Rect(x: geometry.chartX, y: geometry.tickY, width: geometry.chartWidth, height: 1), with: glyphs.horizontal, style: palette.border)
        var nextFree = 0
        for tick in scale.ticks {
            canvas.put(glyphs.tick, x: geometry.chartX + tick.column, y: geometry.tickY, style: palette.border)
            guard let labelY = geometry.labelY else { continue }
            let text = tick.label
            let column = tick.column
            guard column >= nextFree, column + text.count <= geometry.chartWidth + 1 else { continue }
            canvas.write(text, x: geometry.chartX + column, y: labelY, style: palette.dim)
            nextFree = column + text.count + 1
        }
    }

    private func drawCursor(into canvas: inout Canvas, geometry: Geometry, start: Double, msPerColumn: Double) {
        guard let cursor, cursor < derived.totalSpanMs(state) || state.playback.playing else { return }
        let column = Int(clamping: ((cursor - start) / msPerColumn).rounded(.down), to: -1...geometry.chartWidth)
        guard column >= 0, column < geometry.chartWidth else { return }
        let style = palette.style(.cursor, bold: true)
        let x = geometry.chartX + column
        for lane in 0..<3 where shape.markers {
            canvas.put(palette.glyphs.cursor, x: x, y: geometry.laneY(lane) + shape.blockRows, style: style)
        }
        canvas.put(palette.glyphs.cursorHead, x: x, y: geometry.tickY, style: style)
    }

    /// The job whose block is at `x`, `y` (inside `rect`), if any.
    func job(atX x: Int, y: Int, in rect: Rect) -> Int? {
        let geometry = Geometry(rect: rect, shape: shape)
        guard let lane = geometry.lane(atY: y), x >= geometry.chartX, x < geometry.chartX + geometry.chartWidth,
              let view = derived.shown(state) else { return nil }
        let (start, span) = window
        let msPerColumn = span / Double(geometry.chartWidth)
        let time = start + (Double(x - geometry.chartX) + 0.5) * msPerColumn
        let index = view.lanes[lane]
        if let position = index.piece(at: time, cursor: cursor) { return index.jobs[position] }
        // A block narrower than a column: the one inside the clicked column.
        let from = time - msPerColumn / 2
        let inside = index.countStarting(before: from + msPerColumn)
        if inside > 0, index.end(inside - 1, cursor: cursor) > from { return index.jobs[inside - 1] }
        return nil
    }
}
