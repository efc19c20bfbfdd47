import OffloadModel
import OffloadReport

/// The dashboard's chart as plain text, for when standard output is not a terminal.
public enum PlainChart {
    /// The scenario's header, Gantt chart (`TextGantt`, as `offload schedule` prints it,
    /// the critical path marked with `^`), job table and algorithm comparison, the rest
    /// drawn by the dashboard's own widgets, in ASCII and without colour, `width` columns
    /// wide (at least 40), ending with a newline.
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
        let chart: [String]
        if let view = derived.shown(state) {
            let timeline = view.timeline
            chart = TextGantt.render(timeline.segments, makespanMs: timeline.makespanMs, jobLabels: state.scenario.jobs.map(\.id),
                                     width: width, critical: timeline.criticalPath.map(\.segment))
        } else {
            chart = [derived.simulationError ?? derived.plans.failure(state.algorithm).map { "\(state.algorithm): \($0)" } ?? "no plan"]
        }
        let tableRows = 2 + max(1, state.scenario.jobs.count)
        let comparisonRows = ComparisonWidget.naturalHeight
        let height = headerRows + 1 + chart.count + 1 + tableRows + 1 + comparisonRows
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: palette.text))
        var y = 0
        header.draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: headerRows))
        y += headerRows + 1
        for line in chart {
            _ = canvas.write(line, x: 0, y: y, style: palette.text, maxWidth: width)
            y += 1
        }
        y += 1
        JobTableWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: tableRows))
        y += tableRows + 1
        ComparisonWidget(state: state, derived: derived, palette: palette).draw(into: &canvas, in: Rect(x: 0, y: y, width: width, height: comparisonRows))
        return canvas.text + "\n"
    }
}
