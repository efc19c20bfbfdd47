/// Composes the widgets into one frame: `render(state, size) -> Canvas`.
enum Screen {
    static func render(state: DashboardState, derived: Derived, width: Int, height: Int) -> Canvas {
        let palette = state.palette
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: palette.text))
        let layout = ScreenLayout(width: width, height: height, state: state, derived: derived)
        if layout.tooSmall {
            TooSmallWidget(palette: palette).draw(into: &canvas, width: width, height: height)
            return canvas
        }
        HeaderWidget(state: state, derived: derived).draw(into: &canvas, in: layout.header)
        GanttWidget(state: state, derived: derived, shape: layout.shape, palette: palette).draw(into: &canvas, in: layout.gantt)
        if let table = layout.table { JobTableWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: table) }
        if let comparison = layout.comparison {
            if let table = layout.table, comparison.x > table.x {
                canvas.fill(Rect(x: comparison.x - 1, y: comparison.y, width: 1, height: max(comparison.height, layout.details.map { $0.maxY - comparison.y } ?? 0)),
                            with: palette.glyphs.vertical, style: palette.border)
            }
            ComparisonWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: comparison)
        }
        if let details = layout.details {
            if let table = layout.table, details.x > table.x, layout.comparison == nil {
                canvas.fill(Rect(x: details.x - 1, y: details.y, width: 1, height: details.height), with: palette.glyphs.vertical, style: palette.border)
            }
            DetailsWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: details)
        }
        if state.sweepShown {
            // The sweep panel takes the place of the panels under the chart.
            let top = layout.gantt.maxY
            SweepWidget(state: state, derived: derived, palette: palette)
                .draw(into: &canvas, in: Rect(x: 0, y: top, width: width, height: max(0, layout.status.y - top)))
        }
        StatusLineWidget(state: state, palette: palette).draw(into: &canvas, in: layout.status)
        KeyBarWidget(palette: palette, trace: state.hasTrace).draw(into: &canvas, in: layout.keyBar)
        switch state.overlay {
        case .none: break
        case let .help(scroll): HelpWidget(state: state, palette: palette, scroll: scroll).draw(into: &canvas, width: width, height: height)
        case let .picker(picker): PickerWidget(state: state, picker: picker, palette: palette).draw(into: &canvas, width: width, height: height)
        case let .save(prompt): SavePromptWidget(state: state, prompt: prompt, palette: palette).draw(into: &canvas, width: width, height: height)
        case let .unsaved(prompt): UnsavedPromptWidget(state: state, prompt: prompt, palette: palette).draw(into: &canvas, width: width, height: height)
        case let .filter(field):
            // The filter is typed in the status line, over the table it filters.
            canvas.fill(layout.status, style: palette.text)
            drawField(into: &canvas, label: "filter jobs (id or model): ", field: field, x: layout.status.x + 1, y: layout.status.y,
                      width: layout.status.width - 2, palette: palette)
        }
        return canvas
    }
}

/// Turns a click into an action, from the same layout `render` draws.
enum HitTest {
    /// The wheel: over the chart it zooms about the pointer; over the job table, the help or
    /// a dialog's list it scrolls; elsewhere it pans the chart when zoomed in.
    static func wheel(up: Bool, atX x: Int, y: Int, state: DashboardState, derived: Derived) -> Action? {
        switch state.overlay {
        case .help: return .scrollHelp(up ? .previous : .next)
        case .picker: return .dialogMove(up ? -1 : 1)
        case .save, .unsaved, .filter: return nil
        case .none: break
        }
        let layout = ScreenLayout(width: state.width, height: state.height, state: state, derived: derived)
        guard !layout.tooSmall else { return nil }
        if layout.gantt.contains(x: x, y: y) {
            let geometry = GanttWidget.Geometry(rect: layout.gantt, shape: layout.shape)
            let fraction = min(max(0, (Double(x - geometry.chartX) + 0.5) / Double(geometry.chartWidth)), 1)
            return .zoomAt(in: up, fraction: fraction)
        }
        if let table = layout.table, table.contains(x: x, y: y) { return .moveSelection(up ? .previous : .next) }
        if let details = layout.details, details.contains(x: x, y: y) { return .scrollDetails(up ? -2 : 2) }
        return state.chart.zoom > 1 ? .pan(forward: !up) : nil
    }

    static func action(atX x: Int, y: Int, state: DashboardState, derived: Derived) -> Action? {
        let width = state.width, height = state.height
        switch state.overlay {
        case .help, .save, .unsaved, .filter: return nil
        case let .picker(picker):
            return PickerWidget.entry(atY: y, width: width, height: height, picker: picker).map { .dialogClickRow($0) }
        case .none: break
        }
        let layout = ScreenLayout(width: width, height: height, state: state, derived: derived)
        guard !layout.tooSmall else { return nil }
        let palette = state.palette
        if layout.gantt.contains(x: x, y: y) {
            return GanttWidget(state: state, derived: derived, shape: layout.shape, palette: palette)
                .job(atX: x, y: y, in: layout.gantt).map { .selectJob($0) }
        }
        if state.sweepShown && y >= layout.gantt.maxY && y < layout.status.y { return nil }
        if let table = layout.table, table.contains(x: x, y: y) {
            return JobTableWidget(state: state, derived: derived, palette: palette).job(atY: y, in: table).map { .selectJob($0) }
        }
        if let comparison = layout.comparison, comparison.contains(x: x, y: y) {
            return ComparisonWidget(state: state, derived: derived, palette: palette).algorithm(atY: y, in: comparison).map { .chooseAlgorithm($0) }
        }
        if layout.keyBar.contains(x: x, y: y) {
            return KeyBarWidget.action(atX: x - layout.keyBar.x, width: layout.keyBar.width, unicode: state.unicode, trace: state.hasTrace)
        }
        return nil
    }
}
