/// The status line: what the last key did, a bound reached, or an error; on the right,
/// the view's settings.
struct StatusLineWidget {
    let state: DashboardState
    let palette: Palette

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: palette.text)
        let glyphs = palette.glyphs
        var settings: [String] = []
        if state.chart.zoom > 1 { settings.append("zoom \(glyphs.times)\(Int(state.chart.zoom))") }
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
            let room = rect.width - 2 - (status.text.count + right.count + 3 <= rect.width ? right.count + 2 : 0)
            canvas.write(glyphs.truncate(status.text, to: room), x: rect.x + 1, y: rect.y, style: style)
            leftWidth = status.text.count + 2
        } else {
            leftWidth = 0
        }
        if leftWidth + right.count + 2 <= rect.width {
            canvas.write(right, x: rect.maxX - right.count - 1, y: rect.y, style: palette.dim)
        }
    }
}
