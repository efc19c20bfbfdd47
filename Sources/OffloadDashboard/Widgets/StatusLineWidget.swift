/// The status line: what the last key did, a bound reached, or an error; on the right,
/// the view's settings.
struct StatusLineWidget {
    let state: DashboardState
    let palette: Palette

    /// The overview strip: the whole plan in 12 cells, the part on screen marked.
    static func overview(_ chart: ChartView, glyphs: Glyphs, cells: Int = 12) -> String {
        let (start, span) = chart.window(totalMs: 1)
        let first = Int((start * Double(cells)).rounded(.down))
        let last = max(first, Int(((start + span) * Double(cells)).rounded(.up)) - 1)
        let inside: Character = glyphs.unicode ? "█" : "#", outside: Character = glyphs.unicode ? "·" : "."
        return "[" + String((0..<cells).map { $0 >= first && $0 <= min(last, cells - 1) ? inside : outside }) + "]"
    }

    /// `█ alexnet █ resnet50`, each swatch in its model's colour (or pattern without colour).
    func modelLegend() -> [TextRun] {
        var seen: [String] = []
        for model in state.scenario.models where !seen.contains(model.name) { seen.append(model.name) }
        var runs: [TextRun] = []
        for (index, name) in seen.enumerated() {
            let swatch: TextRun = palette.patterns
                ? TextRun(String(palette.glyphs.patterns[index % palette.glyphs.patterns.count]), palette.text)
                : TextRun(String(palette.glyphs.fullBlock), Style(foreground: palette.theme.jobColour(index)))
            runs += [swatch, TextRun(" \(name)  ", palette.dim)]
        }
        return runs
    }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: palette.text)
        let glyphs = palette.glyphs
        var settings: [String] = []
        if state.chart.zoom > 1 { settings.append("zoom \(glyphs.times)\(Int(state.chart.zoom)) " + Self.overview(state.chart, glyphs: glyphs)) }
        settings.append(state.colourByModel ? "by model" : "by job")
        settings.append("theme \(state.themeName)")
        let right = settings.joined(separator: "  ")
        var leftWidth = rect.width - 1
        if let status = state.status {
            let style: Style
            switch status.kind {
            case .info: style = palette.text
            case .warning: style = palette.accent
            case .error: style = palette.error
            }
            let room = rect.width - 2 - (status.text.displayWidth + right.count + 3 <= rect.width ? right.count + 2 : 0)
            canvas.write(glyphs.truncate(status.text, to: room), x: rect.x + 1, y: rect.y, style: style)
            leftWidth = min(status.text.displayWidth, rect.width) + 2
        } else {
            leftWidth = 0
        }
        if leftWidth + right.count + 2 <= rect.width {
            canvas.write(right, x: rect.maxX - right.count - 1, y: rect.y, style: palette.dim)
            // Coloured by model: which colour is which model, where there is room.
            let legend = modelLegend()
            let legendX = rect.maxX - right.count - 3 - legend.width
            if state.colourByModel, !legend.isEmpty, legendX > rect.x + leftWidth {
                canvas.write(legend, x: legendX, y: rect.y, maxWidth: legend.width)
            }
        }
    }
}
