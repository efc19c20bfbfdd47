/// Where each panel goes at one terminal size.
///
/// The header, the Gantt chart's three lanes with their tick row, the status line and
/// the key bar always show. The rest is granted in priority order while rows remain:
/// the axis labels, three rows of the job table, the bandwidth-trace strip, the
/// critical-path rows, eight rows of the job table, the comparison panel, the details
/// panel, two-row lanes, the whole job table, and three-row lanes. So on a shrinking terminal the
/// details panel gives way first, then the comparison, then the job table shrinks, then
/// the critical-path rows (the path is then underlined in the lanes), the trace strip, the
/// table, and the axis labels. From 100 columns the comparison and details panels sit
/// beside the job table instead of below it. Below `minimumWidth` × `minimumHeight` a
/// screen says the size needed.
struct ScreenLayout: Sendable {
    static let minimumWidth = 40
    static let minimumHeight = 10
    /// From this width, comparison and details stand beside the job table.
    static let sideBySideWidth = 100
    static let comparisonRows = ComparisonWidget.naturalHeight
    static let detailsMinimumRows = 6
    static let tableMinimumRows = 3

    var tooSmall: Bool
    var header = Rect(x: 0, y: 0, width: 0, height: 0)
    var gantt = Rect(x: 0, y: 0, width: 0, height: 0)
    var shape = GanttShape()
    var table: Rect?
    var comparison: Rect?
    var details: Rect?
    var status = Rect(x: 0, y: 0, width: 0, height: 0)
    var keyBar = Rect(x: 0, y: 0, width: 0, height: 0)

    init(width: Int, height: Int, state: DashboardState, derived: Derived) {
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        if tooSmall { return }
        let headerRows = HeaderWidget(state: state, derived: derived).rows(width: width).count
        let fixed = headerRows + 2
        let jobs = state.scenario.jobs.count
        let tableNatural = 2 + max(1, jobs)
        let wide = width >= Self.sideBySideWidth

        var shape = GanttShape()
        var tableRows = 0
        var comparison = false
        var details = false
        func bottom() -> Int {
            let side = (comparison ? Self.comparisonRows : 0) + (details ? Self.detailsMinimumRows : 0)
            return wide ? max(tableRows, side) : tableRows + side
        }
        func fits() -> Bool { fixed + shape.height + bottom() <= height }
        func grant(_ change: () -> Void, undo: () -> Void) { change(); if !fits() { undo() } }

        grant({ shape.axisLabels = true }, undo: { shape.axisLabels = false })
        grant({ tableRows = min(tableNatural, Self.tableMinimumRows) }, undo: { tableRows = 0 })
        if state.hasTrace { grant({ shape.trace = true }, undo: { shape.trace = false }) }
        grant({ shape.markers = true }, undo: { shape.markers = false })
        if tableRows > 0 {
            let before = tableRows
            grant({ tableRows = min(tableNatural, 10) }, undo: { tableRows = before })
        }
        grant({ comparison = true }, undo: { comparison = false })
        grant({ details = true }, undo: { details = false })
        grant({ shape.blockRows = 2 }, undo: { shape.blockRows = 1 })
        if tableRows > 0 {
            // As much of the table as fits.
            while tableRows < tableNatural && fits() { tableRows += 1 }
            if !fits() { tableRows -= 1 }
        }
        if shape.blockRows == 2 { grant({ shape.blockRows = 3 }, undo: { shape.blockRows = 2 }) }
        self.shape = shape

        var y = 0
        header = Rect(x: 0, y: y, width: width, height: headerRows)
        y += headerRows
        gantt = Rect(x: 0, y: y, width: width, height: shape.height)
        y += shape.height
        keyBar = Rect(x: 0, y: height - 1, width: width, height: 1)
        status = Rect(x: 0, y: height - 2, width: width, height: 1)
        let area = Rect(x: 0, y: y, width: width, height: max(0, height - 2 - y))
        guard !area.isEmpty else { return }
        if wide && (comparison || details) {
            let rightWidth = min(72, max(36, width * 2 / 5))
            let split = area.splitLeft(tableRows > 0 ? width - rightWidth : 0)
            if tableRows > 0 { table = Rect(x: split.left.x, y: split.left.y, width: split.left.width - 1, height: split.left.height) }
            let right = tableRows > 0 ? Rect(x: split.rest.x, y: split.rest.y, width: split.rest.width, height: split.rest.height) : area
            if comparison {
                let parts = right.splitTop(details ? Self.comparisonRows : right.height)
                self.comparison = parts.top
                if details { self.details = parts.rest }
            } else if details {
                self.details = right
            }
        } else {
            var rest = area
            if tableRows > 0 {
                let rows = comparison || details ? tableRows : rest.height
                let parts = rest.splitTop(rows)
                table = parts.top
                rest = parts.rest
            }
            if comparison {
                let parts = rest.splitTop(details ? Self.comparisonRows : rest.height)
                self.comparison = parts.top
                rest = parts.rest
            }
            if details { self.details = rest }
        }
    }

    /// The job rows the table shows at once (for PgUp and PgDn).
    var tablePageSize: Int { max(1, (table?.height ?? 3) - 2) }

    /// What `DashboardState.apply` needs of the screen at `width` × `height`: the table's
    /// page and the help screen's page and length.
    static func viewport(width: Int, height: Int, state: DashboardState, derived: Derived) -> Viewport {
        Viewport(tablePageSize: ScreenLayout(width: width, height: height, state: state, derived: derived).tablePageSize,
                 helpPageSize: HelpWidget.frame(width: width, height: height).inset(by: 1).height,
                 helpLineCount: HelpWidget.lineCount(width: width, unicode: state.unicode))
    }
}

/// The rows of the Gantt chart.
struct GanttShape: Sendable, Equatable {
    /// Rows per lane for the blocks.
    var blockRows = 1
    /// A row under each lane marking the critical path.
    var markers = false
    /// The row of tick labels under the tick row.
    var axisLabels = false
    /// The bandwidth-trace strip under the uplink lane.
    var trace = false

    var laneHeight: Int { blockRows + (markers ? 1 : 0) }
    var height: Int { 3 * laneHeight + (trace ? 1 : 0) + 1 + (axisLabels ? 1 : 0) }
}
