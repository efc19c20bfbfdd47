import OffloadReport
import OffloadScheduler

/// One horizontal bar per algorithm (its makespan under the current environment), the
/// current one marked, and the lower bound. A click on a row switches to that algorithm.
struct ComparisonWidget {
    let state: DashboardState
    let derived: Derived
    let palette: Palette

    /// A title, one row per algorithm, and the lower bound.
    static let naturalHeight = Algorithm.allCases.count + 2

    /// The algorithms shown in `rows` rows, keeping the current one in view.
    static func visibleAlgorithms(rows: Int, current: Algorithm) -> [Algorithm] {
        let all = Algorithm.allCases
        guard rows < all.count else { return all }
        guard rows > 0, let index = all.firstIndex(of: current) else { return [] }
        let first = min(max(0, index - rows / 2), all.count - rows)
        return Array(all[first..<(first + rows)])
    }

    /// The makespan the panel shows for `algorithm`: planned, or in the realised view its
    /// plan played under the trace.
    private func makespan(_ algorithm: Algorithm) -> Double? {
        realisedView ? derived.realisedMakespans[algorithm] : derived.plans.makespan(algorithm)
    }

    private var realisedView: Bool { state.showRealised && derived.realised != nil }

    /// Where the bars start and end: from the lower bound (below every makespan), to the
    /// largest makespan, or, when one outlier is over twice the next, to 1.25 times the next
    /// (the outlier's bar is then clipped and marked).
    static func scale(makespans: [Double], lowerBound: Double) -> (base: Double, top: Double) {
        let sorted = makespans.filter { $0.isFinite && $0 > 0 }.sorted()
        guard let largest = sorted.last else { return (0, 1) }
        let smallest = sorted[0]
        var base = lowerBound > 0 && lowerBound <= smallest * (1 + 1e-9) ? min(lowerBound, smallest) : 0
        var top = largest
        if sorted.count >= 3 {
            let next = sorted[sorted.count - 2]
            if largest - base > 2 * (next - base) { top = base + 1.25 * (next - base) }
        }
        if top <= base { base = 0; top = max(largest, 1e-12) }
        return (base, top)
    }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let plans = derived.plans
        let what = realisedView ? " realised ms, bars from lower bound" : " makespan ms, bars from lower bound"
        canvas.titleRule([TextRun("Algorithms", palette.title), TextRun(what, palette.dim)], in: rect, palette: palette)
        let available = rect.height - 1
        let showBound = available > Algorithm.allCases.count
        let algorithms = Self.visibleAlgorithms(rows: available - (showBound ? 1 : 0), current: state.algorithm)
        let nameWidth = Algorithm.allCases.map(\.rawValue.count).max() ?? 14
        let values = Algorithm.allCases.compactMap(makespan)
        let largest = values.max() ?? 1
        let (base, top) = Self.scale(makespans: values, lowerBound: plans.lowerBoundMs)
        let valueWidth = max(8, NumberFormat.fixed(largest).count)
        let barX = rect.x + 2 + nameWidth + 1
        let barWidth = max(1, rect.width - (barX - rect.x) - valueWidth - 2)
        for (row, algorithm) in algorithms.enumerated() {
            let y = rect.y + 1 + row
            let current = algorithm == state.algorithm
            if current { canvas.put(palette.glyphs.current, x: rect.x, y: y, style: palette.accent) }
            canvas.write(algorithm.rawValue, x: rect.x + 2, y: y, style: current ? palette.accent : palette.text, maxWidth: nameWidth)
            guard let makespan = makespan(algorithm) else {
                let reason = plans.failure(algorithm) ?? (realisedView && plans.isFresh(algorithm) ? "not played" : "planning\(palette.glyphs.ellipsis)")
                canvas.write(palette.glyphs.truncate("- " + reason, to: rect.maxX - barX), x: barX, y: y, style: palette.dim)
                continue
            }
            // A plan from before the last change stays, dimmed, until it is made again.
            let fresh = plans.isFresh(algorithm)
            let style = current ? palette.style(.barCurrent, bold: true) : fresh ? palette.style(.bar) : palette.style(.dim, dim: true)
            let fraction = (makespan - base) / (top - base)
            drawBar(into: &canvas, fraction: min(1, max(0, fraction)), x: barX, y: y, width: barWidth, style: style,
                    pattern: current ? 0 : 3)
            if fraction > 1 {
                // Clipped: the bar would run off the panel.
                canvas.put(palette.glyphs.unicode ? "»" : ">", x: barX + barWidth - 1, y: y, style: palette.accent)
            }
            canvas.write(NumberFormat.fixed(makespan).leftPadded(to: valueWidth), x: barX + barWidth + 1, y: y,
                         style: current ? palette.accent : fresh ? palette.text : palette.dim)
        }
        if showBound {
            let y = rect.y + 1 + algorithms.count
            canvas.write("lower bound", x: rect.x + 2, y: y, style: palette.dim, maxWidth: nameWidth)
            let column = Int(clamping: ((plans.lowerBoundMs - base) / max(top - base, 1e-12) * Double(barWidth)).rounded(.down), to: -1...max(-1, barWidth))
            canvas.put(palette.glyphs.vertical, x: barX + min(max(0, column), barWidth - 1), y: y, style: palette.style(.critical, bold: true))
            canvas.write(NumberFormat.fixed(plans.lowerBoundMs).leftPadded(to: valueWidth), x: barX + barWidth + 1, y: y, style: palette.dim)
        }
    }

    /// A bar `fraction` of `width` long, with eighth blocks for the last cell.
    private func drawBar(into canvas: inout Canvas, fraction: Double, x: Int, y: Int, width: Int, style: Style, pattern: Int) {
        let eighths = Int(clamping: (fraction * Double(width * 8)).rounded(), to: 0...max(0, width * 8))
        let glyphs = palette.glyphs
        let full = palette.monochrome ? glyphs.patterns[pattern] : glyphs.fullBlock
        for cell in 0..<(eighths / 8) { canvas.put(full, x: x + cell, y: y, style: style) }
        let rest = eighths % 8
        if rest > 0 {
            if let partial = glyphs.leftEighths, !palette.monochrome {
                canvas.put(partial[rest], x: x + eighths / 8, y: y, style: style)
            } else if rest >= 4 {
                canvas.put(full, x: x + eighths / 8, y: y, style: style)
            }
        }
        if eighths == 0 { canvas.put(glyphs.vertical, x: x, y: y, style: style) }
    }

    /// The algorithm on screen row `y` of the panel in `rect`.
    func algorithm(atY y: Int, in rect: Rect) -> Algorithm? {
        let available = rect.height - 1
        let showBound = available > Algorithm.allCases.count
        let algorithms = Self.visibleAlgorithms(rows: available - (showBound ? 1 : 0), current: state.algorithm)
        let row = y - rect.y - 1
        return algorithms.indices.contains(row) ? algorithms[row] : nil
    }
}
