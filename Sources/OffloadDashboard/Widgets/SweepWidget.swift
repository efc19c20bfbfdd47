import OffloadReport
import OffloadScheduler

/// The sweep panel (`w`): each algorithm's makespan against the uplink bandwidth on log
/// scales, in Braille, with a vertical marker at the current bandwidth and the gain there.
/// It shows the points computed so far; the rest fill in, a point per tick.
struct SweepWidget {
    let state: DashboardState
    let derived: Derived
    let palette: Palette

    /// Rows the panel needs to draw curves at all.
    static let minimumHeight = 6

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: palette.text)
        guard let sweep = derived.sweep else {
            canvas.titleRule([TextRun("Sweep", palette.title), TextRun(" starting…", palette.dim)], in: rect, palette: palette)
            return
        }
        let progress = sweep.isComplete ? "" : " · \(NumberFormat.grouped(sweep.points.count))/\(NumberFormat.grouped(sweep.bandwidths.count)) points"
        canvas.titleRule([TextRun("Sweep", palette.title),
                          TextRun(" makespan ms against bandwidth Mbps, log scales\(progress) · w closes", palette.dim)],
                         in: rect, palette: palette)
        guard rect.height >= Self.minimumHeight, rect.width >= 30 else {
            if rect.height > 1 {
                canvas.write("make the terminal taller to see the curves", x: rect.x + 2, y: rect.y + 1, style: palette.dim, maxWidth: rect.width - 2)
            }
            return
        }
        let scale = SweepScale(sweep)
        let legendWidth = min(16, rect.width / 5)
        let plotRows = rect.height - 3
        let yTicks = SweepScale.logTicks(from: scale.lowMs, to: scale.highMs, maximum: max(2, plotRows / 2))
        let gutter = max(5, yTicks.map { SweepScale.label($0).count }.max() ?? 0) + 1
        let plotX = rect.x + gutter + 1
        let columns = max(4, rect.maxX - legendWidth - 1 - plotX)
        let top = rect.y + 1
        var grid = BrailleGrid(columns: columns, rows: plotRows)
        grid.plot(sweep, scale: scale)
        let glyphs = palette.glyphs
        // Axes and tick labels.
        for row in 0..<plotRows { canvas.put(glyphs.vertical, x: plotX - 1, y: top + row, style: palette.border) }
        for tick in yTicks {
            let row = Int(clamping: ((1 - scale.y(tick)) * Double(plotRows * 4 - 1)).rounded() / 4, to: 0...(plotRows - 1))
            canvas.write(SweepScale.label(tick).leftPadded(to: gutter - 1), x: rect.x, y: top + row, style: palette.dim)
        }
        let axisY = top + plotRows
        canvas.fill(Rect(x: plotX, y: axisY, width: columns, height: 1), with: glyphs.horizontal, style: palette.border)
        canvas.put(glyphs.unicode ? "└" : "+", x: plotX - 1, y: axisY, style: palette.border)
        var labelEnd = plotX - 1
        for tick in SweepScale.logTicks(from: scale.lowMbps, to: scale.highMbps, maximum: max(2, columns / 7)) {
            let column = column(of: tick, scale: scale, columns: columns)
            canvas.put(glyphs.unicode ? "┬" : "+", x: plotX + column, y: axisY, style: palette.border)
            let label = SweepScale.label(tick)
            let x = max(plotX, min(plotX + column - label.count / 2, plotX + columns - label.count))
            guard x > labelEnd else { continue }
            canvas.write(label, x: x, y: axisY + 1, style: palette.dim)
            labelEnd = x + label.count
        }
        // The marker at the current bandwidth, under the curves.
        let bandwidth = state.environment.bandwidthMbps
        let markerColumn = column(of: bandwidth, scale: scale, columns: columns)
        for row in 0..<plotRows {
            canvas.put(glyphs.unicode ? "┊" : ":", x: plotX + markerColumn, y: top + row, style: palette.style(.cursor, bold: true))
        }
        // The curves.
        for row in 0..<plotRows {
            for column in 0..<columns {
                guard let character = grid.character(column: column, row: row) else { continue }
                let owner = grid.owner(column: column, row: row)
                let style = owner >= 0 ? curveStyle(sweep.algorithms[owner]) : palette.text
                canvas.put(glyphs.unicode ? character : "*", x: plotX + column, y: top + row, style: style)
            }
        }
        // The gain beside the marker, on the top row.
        let label = markerLabel(bandwidth)
        let right = plotX + markerColumn + 2
        let x = right + label.count <= plotX + columns ? right : max(plotX, plotX + markerColumn - 1 - label.count)
        canvas.write(label, x: x, y: top, style: palette.accent, maxWidth: plotX + columns - x)
        // The legend.
        let legendX = plotX + columns + 1
        for (row, algorithm) in sweep.algorithms.enumerated() where row < plotRows + 2 {
            let current = algorithm == state.algorithm
            canvas.put(glyphs.unicode ? "━" : "-", x: legendX, y: top + row, style: curveStyle(algorithm))
            canvas.write(algorithm.rawValue, x: legendX + 2, y: top + row, style: current ? palette.accent : palette.text,
                         maxWidth: rect.maxX - legendX - 2)
        }
    }

    /// The column of `mbps` in a plot `columns` wide.
    private func column(of mbps: Double, scale: SweepScale, columns: Int) -> Int {
        Int(clamping: (scale.x(mbps) * Double(columns * 2 - 1)).rounded() / 2, to: 0...(columns - 1))
    }

    /// `18.88 Mbps: joint 38.7% under partition-only` — from the comparison's plans at
    /// exactly this bandwidth (the current algorithm's, or the best one's when the current
    /// is partition-only).
    func markerLabel(_ bandwidth: Double) -> String {
        let plans = derived.plans
        var text = "\(Knob.number(bandwidth)) Mbps"
        var algorithm = state.algorithm
        if algorithm == .partitionOnly {
            algorithm = Algorithm.allCases.filter { $0 != .partitionOnly && plans.isFresh($0) }
                .min { (plans.makespan($0) ?? .infinity) < (plans.makespan($1) ?? .infinity) } ?? .partitionOnly
        }
        if let makespan = plans.makespan(algorithm), let gain = plans.gainPercent(makespan), algorithm != .partitionOnly {
            let size = NumberFormat.fixed(abs(gain), decimals: 1)
            text += ": \(algorithm) " + (gain >= 0 ? "\(size)% under" : "\(size)% over") + " partition-only"
        }
        return text
    }

    /// Each algorithm's curve colour: the job palette in turn, bold for the current algorithm.
    private func curveStyle(_ algorithm: Algorithm) -> Style {
        let index = Algorithm.allCases.firstIndex(of: algorithm) ?? 0
        var style = Style(foreground: palette.theme.jobColour(index), background: palette.background)
        style.bold = algorithm == state.algorithm
        return style
    }
}
