import OffloadModel
import OffloadScheduler

/// The human-readable output of `schedule` and `compare`.
public enum TextReport {
    /// Header, job table and Gantt chart of one plan, `width` columns wide.
    public static func plan(_ plan: Plan, scenario: Scenario, width: Int) -> String {
        var lines = header(plan, scenario: scenario)
        lines.append("")
        lines.append(contentsOf: jobTable(plan, scenario: scenario, width: width))
        lines.append("")
        lines.append(contentsOf: TextGantt.render(plan.segments, makespanMs: plan.makespanMs,
                                                  jobLabels: scenario.jobs.map(\.id), width: width))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Scenario, algorithm, environment, makespan and bound.
    public static func header(_ plan: Plan, scenario: Scenario) -> [String] {
        return [
            "\(TerminalText.escaped(scenario.name)) — \(plan.algorithm)",
            "environment: " + environmentSummary(plan.environment),
            "makespan \(NumberFormat.fixed(plan.makespanMs)) ms   lower bound \(NumberFormat.fixed(plan.lowerBoundMs)) ms (gap \(NumberFormat.fixed(plan.gapPercent, decimals: 1))%)",
            optimalitySummary(plan.optimality),
        ]
    }

    /// "optimal over all partitions", "optimal over N candidate cuts" (with the slack when
    /// there is one), or what the bound covers when the plan is not proven optimal.
    public static func optimalitySummary(_ optimality: Optimality) -> String {
        let slack = optimality.epsilonMs > 0 ? " (within \(NumberFormat.fixed(optimality.epsilonMs, decimals: 3)) ms)" : ""
        if let claim = optimality.claim { return claim + slack }
        switch optimality.scope {
        case .allCuts: return "bound over all partitions" + slack
        case .candidates: return "bound over \(optimality.candidateCuts) candidate cuts"
        }
    }

    /// `device ×1, cloud ×1, 18.88 Mbps, latency 0 ms`: the one environment line of every
    /// report and of the dashboard's status. `times` is the sign before a speed (the
    /// dashboard writes `x` in ASCII), `number` writes each value (the dashboard groups
    /// thousands, as its knobs do); without `bandwidth` the rate is left out (a sweep
    /// varies it).
    public static func environmentSummary(_ environment: Environment, times: String = "×", bandwidth: Bool = true,
                                          number: (Double) -> String = NumberFormat.compact) -> String {
        let rate = bandwidth ? "\(number(environment.bandwidthMbps)) Mbps, " : ""
        return "device \(times)\(number(environment.deviceSpeed)), cloud \(times)\(number(environment.cloudSpeed)), "
            + rate + "latency \(number(environment.latencyMs)) ms"
    }

    /// One row per job, in plan order.
    public static func jobTable(_ plan: Plan, scenario: Scenario, width: Int? = nil) -> [String] {
        let headings = ["job", "model", "on device", "device ms", "uplink ms", "cloud ms", "sent bytes", "finish ms"]
        var rows: [[String]] = []
        rows.reserveCapacity(plan.order.count)
        for job in plan.order {
            let model = scenario.model(ofJob: job)
            let cut = plan.cuts[job]
            let times = plan.times[job]
            rows.append([
                scenario.jobs[job].id, model.name, "\(NumberFormat.grouped(model.cutDeviceLayerCount(cut)))/\(NumberFormat.grouped(model.cutLayerCount))",
                NumberFormat.fixed(times.device), NumberFormat.fixed(times.uplink), NumberFormat.fixed(times.cloud),
                NumberFormat.grouped(cut.uplinkBytes), NumberFormat.fixed(plan.finishMs[job]),
            ])
        }
        return table(headings: headings, rows: rows, rightAligned: Set(2..<headings.count), width: width)
    }

    /// Columns padded to their widest cell, cells escaped (``TerminalText``). Given a
    /// `width`, a table wider than it first cuts its left-aligned (name) columns other than
    /// the first, widest first, down to their heading's width (at least 6), a cut name
    /// keeping its start and end around `…`; then leaves out columns from the right and
    /// says which in a last line; only then cuts the first column, the rows' key.
    public static func table(headings: [String], rows: [[String]], rightAligned: Set<Int>, width: Int? = nil) -> [String] {
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = headings.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        var kept = Array(headings.indices)
        func total() -> Int { kept.map { widths[$0] }.reduce(0, +) + 2 * max(0, kept.count - 1) }
        func shrink(_ columns: [Int]) {
            while total() > width ?? .max {
                let shrinkable = columns.filter { kept.contains($0) && !rightAligned.contains($0) && widths[$0] > max(6, headings[$0].count) }
                guard let widest = shrinkable.max(by: { widths[$0] < widths[$1] }) else { return }
                widths[widest] = max(max(6, headings[widest].count), widths[widest] - (total() - (width ?? 0)))
            }
        }
        if let width {
            shrink(Array(headings.indices.dropFirst()))
            while total() > width && kept.count > 1 { kept.removeLast() }
            shrink([0])
        }
        func line(_ cells: [String]) -> String {
            kept.map { index in
                let cell = index < cells.count ? TextWidth.shortened(cells[index], to: widths[index]) : ""
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var lines = [line(headings)] + rows.map(line)
        let left = headings.indices.filter { !kept.contains($0) }.map { headings[$0] }.filter { !$0.isEmpty }
        if !left.isEmpty { lines.append("(left out to fit \(width ?? 0) columns: \(left.joined(separator: ", ")))") }
        return lines
    }
}
