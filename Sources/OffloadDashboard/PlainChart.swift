import OffloadModel

/// The dashboard's chart as plain text, for when standard output is not a terminal.
public enum PlainChart {
    /// The default scenario's header, Gantt chart (critical path marked with `^`), job
    /// table and algorithm comparison, drawn by the dashboard's own widgets in ASCII and
    /// without colour, `width` columns wide (at least 40), ending with a newline.
    ///
    /// - Throws: `InputError` when the scenario's environment is not valid.
    public static func render(scenario: Scenario, width: Int) throws -> String {
        let options = DashboardOptions(colorMode: .none, unicode: false)
        var dashboard = try Dashboard(scenario: scenario, scenarioPath: nil, options: options)
        dashboard.settle()
        return text(dashboard, width: max(ScreenLayout.minimumWidth, min(width, 1000)))
    }

    static func text(_ dashboard: Dashboard, width: Int) -> String {
        var state = dashboard.state
        state.status = nil
        state.sharedTimeScale = false
        state.interactive = false
        let derived = dashboard.derived
        let palette = state.palette
        let header = HeaderWidget(state: state, derived: derived)
        let headerRows = header.rows(width: width).count
        let shape = GanttShape(blockRows: 1, markers: true, axisLabels: true, trace: state.hasTrace)
        let tableRows = 2 + max(1, state.scenario.jobs.count)
        let comparisonRows = ComparisonWidget.naturalHeight
        let height = headerRows + 1 + shape.height + 1 + tableRows + 1 + comparisonRows
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: palette.text))
        var y = 0
        header.draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: headerRows))
        y += headerRows + 1
        GanttWidget(state: state, derived: derived, shape: shape, palette: palette)
            .draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: shape.height))
        y += shape.height + 1
        JobTableWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: tableRows))
        y += tableRows + 1
        ComparisonWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: comparisonRows))
        return canvas.text + "\n"
    }
}
