import OffloadModel
import OffloadScheduler

/// The output of `sweep` (docs/FORMATS.md §10).
public enum SweepReport {
    /// `{"scenario": …, "environment": …, "algorithms": […], "points": [{"bandwidthMbps": x, "makespanMs": {"joint": y, …}}]}`;
    /// an algorithm without a plan at a point is `null` there.
    public static func json(_ sweep: Sweep, scenario: Scenario, environment: Environment) -> JSONDocument {
        JSONWriter.document { json in
            json.object {
                json.string("scenario", scenario.name)
                json.object("environment") {
                    json.measured("deviceSpeed", environment.deviceSpeed)
                    json.measured("cloudSpeed", environment.cloudSpeed)
                    json.measured("latencyMs", environment.latencyMs)
                }
                json.strings("algorithms", sweep.algorithms.map(\.rawValue))
                json.array("points") {
                    for point in sweep.points {
                        json.object {
                            json.measured("bandwidthMbps", point.bandwidthMbps)
                            json.object("makespanMs") {
                                for (index, algorithm) in sweep.algorithms.enumerated() {
                                    json.key(algorithm.rawValue)
                                    if let makespan = point.makespanMs[index] { json.measured(makespan) } else { json.null() }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A header `bandwidthMbps,local,cloud,…` and one row per point; an empty field where
    /// an algorithm made no plan.
    public static func csv(_ sweep: Sweep) -> String {
        var lines = [(["bandwidthMbps"] + sweep.algorithms.map(\.rawValue)).joined(separator: ",")]
        for point in sweep.points {
            let cells = [JSONValue.measured(point.bandwidthMbps).serialized()]
                + point.makespanMs.map { $0.map { JSONValue.measured($0).serialized() } ?? "" }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The curves drawn in Braille, `width` columns wide, with a legend, the crossovers and
    /// the largest gain over partition-only. Each curve is labelled where it ends, at the
    /// right (curves that end together share a label); with `colour`, curves and legend are
    /// also in ANSI colours. The scenario's own bandwidth, when in range, is a dotted column.
    public static func text(_ sweep: Sweep, scenario: Scenario, environment: Environment, width: Int, colour: Bool = false) -> String {
        let scale = SweepScale(sweep)
        let yTicks = SweepScale.logTicks(from: scale.lowMs, to: scale.highMs, maximum: 6)
        let yLabels = yTicks.map(SweepScale.label)
        let gutter = max(4, (yLabels.map(\.count).max() ?? 0)) + 1
        let rows = 14
        let ends = endLabels(sweep, scale: scale, rows: rows)
        let endWidth = min(40, max(8, width * 2 / 5), ends.values.map { names($0, sweep).count + 1 }.max() ?? 0)
        let columns = max(10, width - gutter - 2 - endWidth)
        var grid = BrailleGrid(columns: columns, rows: rows)
        grid.plot(sweep, scale: scale)

        var lines = ["\(Markup.plain(scenario.name)): makespan against uplink bandwidth, \(NumberFormat.grouped(sweep.points.count)) points (log scales)",
                     "environment: " + TextReport.environmentSummary(environment, bandwidth: false),
                     String(repeating: " ", count: gutter - 3) + "ms"]
        var tickRows: [Int: String] = [:]
        for (tick, label) in zip(yTicks, yLabels) {
            let row = Int(clamping: ((1 - scale.y(tick)) * Double(rows * 4 - 1)).rounded() / 4, to: 0...(rows - 1))
            if tickRows[row] == nil { tickRows[row] = label }
        }
        let current = environment.bandwidthMbps
        let markerColumn = current >= scale.lowMbps && current <= scale.highMbps
            ? Int(clamping: (scale.x(current) * Double(columns * 2 - 1)).rounded() / 2, to: 0...(columns - 1)) : nil
        for row in 0..<rows {
            var line = (tickRows[row] ?? "").leftPadded(to: gutter - 1) + (tickRows[row] == nil ? " │" : " ┤")
            for column in 0..<columns {
                if grid.character(column: column, row: row) == nil, column == markerColumn {
                    line.append("┊")
                } else if let character = grid.character(column: column, row: row) {
                    let owner = grid.owner(column: column, row: row)
                    line += colour ? ansi(owner) + String(character) + "\u{1B}[0m" : String(character)
                } else {
                    line.append(" ")
                }
            }
            if let enders = ends[row] {
                let label = " " + String(names(enders, sweep).prefix(endWidth))
                line += colour ? ansi(enders[0]) + label + "\u{1B}[0m" : label
            }
            lines.append(line.replacingTrailingSpaces())
        }
        // The bandwidth axis.
        let xTicks = SweepScale.logTicks(from: scale.lowMbps, to: scale.highMbps, maximum: max(2, columns / 8))
        var axis = [Character](repeating: "─", count: columns)
        var labels = [Character](repeating: " ", count: columns + 8)
        var labelEnd = -1
        for tick in xTicks {
            let column = Int(clamping: (scale.x(tick) * Double(columns * 2 - 1)).rounded() / 2, to: 0...(columns - 1))
            axis[column] = "┬"
            let text = Array(SweepScale.label(tick))
            let start = max(0, min(column - text.count / 2, labels.count - text.count))
            guard start > labelEnd else { continue }
            for (offset, character) in text.enumerated() { labels[start + offset] = character }
            labelEnd = start + text.count
        }
        lines.append(String(repeating: " ", count: gutter) + "└" + String(axis))
        lines.append((String(repeating: " ", count: gutter + 1) + String(labels)).replacingTrailingSpaces() + "  Mbps")
        lines.append("")
        lines.append("legend:")
        for (index, algorithm) in sweep.algorithms.enumerated() {
            let first = sweep.points.first?.makespanMs[index].map { NumberFormat.fixed($0) } ?? "-"
            let last = sweep.points.last?.makespanMs[index].map { NumberFormat.fixed($0) } ?? "-"
            let name = algorithm.rawValue.padded(to: 15)
            let swatch = colour ? ansi(index) + "⣿⣿\u{1B}[0m " : ""
            lines.append("  \(swatch)\(name) \(first) ms at \(SweepScale.label(scale.lowMbps)) Mbps → \(last) ms at \(SweepScale.label(scale.highMbps)) Mbps")
        }
        let findings = SweepFindings(sweep)
        if markerColumn != nil, let gain = SweepSVG.gain(sweep, at: current) {
            lines.append("")
            lines.append("┊ the scenario's \(NumberFormat.compact(current)) Mbps: \(gain.algorithm) \(NumberFormat.fixed(abs(gain.percent), decimals: 1))% "
                         + (gain.percent >= 0 ? "under" : "over") + " partition-only at the nearest point")
        }
        lines.append("")
        if findings.crossovers.isEmpty {
            lines.append("crossovers: none in this range")
        } else {
            lines.append("crossovers:")
            for crossing in findings.crossovers {
                lines.append("  at \(NumberFormat.compact(round3(crossing.bandwidthMbps))) Mbps \(crossing.fasterAbove) overtakes \(crossing.fasterBelow) (about \(NumberFormat.fixed(crossing.makespanMs)) ms)")
            }
        }
        if let peak = findings.peak {
            lines.append("largest gain over partition-only: \(peak.algorithm) \(NumberFormat.fixed(peak.gainPercent, decimals: 1))% at \(NumberFormat.compact(round3(peak.bandwidthMbps))) Mbps (\(NumberFormat.fixed(peak.makespanMs)) ms against \(NumberFormat.fixed(peak.baselineMs)) ms)")
        } else if sweep.algorithms.contains(.partitionOnly) {
            lines.append("largest gain over partition-only: none; no algorithm beats it in this range")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows where the curves end, each with the algorithms labelled there: curves that
    /// end within 1 % of each other share a label; placed from the lowest curve up, a label
    /// whose row is taken moves to the nearest free row (upward on a tie).
    static func endLabels(_ sweep: Sweep, scale: SweepScale, rows: Int) -> [Int: [Int]] {
        var groups: [(value: Double, members: [Int])] = []
        for index in sweep.algorithms.indices {
            guard let value = sweep.points.last(where: { $0.makespanMs[index] != nil })?.makespanMs[index], value > 0 else { continue }
            if let group = groups.firstIndex(where: { abs($0.value / value - 1) < 0.01 }) {
                groups[group].members.append(index)
            } else {
                groups.append((value, [index]))
            }
        }
        var taken: [Int: [Int]] = [:]
        for group in groups.sorted(by: { $0.value < $1.value }) {
            let row = Int(clamping: ((1 - scale.y(group.value)) * Double(rows * 4 - 1)).rounded() / 4, to: 0...(rows - 1))
            let free = (0..<rows).filter { taken[$0] == nil }.min { abs($0 - row) < abs($1 - row) }
            if let free { taken[free] = group.members }
        }
        return taken
    }

    /// `joint, exact` — the names of the algorithms at `indices`.
    private static func names(_ indices: [Int], _ sweep: Sweep) -> String {
        indices.map { sweep.algorithms[$0].rawValue }.joined(separator: ", ")
    }

    /// Three significant digits.
    static func round3(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        var scale = 1.0
        while value * scale < 100 { scale *= 10 }
        while value * scale >= 1000 { scale /= 10 }
        return (value * scale).rounded() / scale
    }

    /// The ANSI foreground colour of curve `index`.
    private static func ansi(_ index: Int) -> String {
        let codes = [33, 36, 32, 35, 34, 31, 37]
        return "\u{1B}[\(codes[((index % codes.count) + codes.count) % codes.count])m"
    }
}
