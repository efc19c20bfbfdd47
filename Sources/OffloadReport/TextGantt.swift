import OffloadModel
import OffloadScheduler

/// A plain-ASCII Gantt chart of the three lanes, for terminals and pipes: the one text
/// Gantt renderer, behind `schedule`'s text output and the dashboard's piped output.
///
/// Each column covers an equal slice of time; a job's block reads `[label]`
/// where it fits, idle time is `.`.
public enum TextGantt {
    /// The chart in `width` columns (at least 20), ending with a time axis in the unit that
    /// suits the span (`TimeAxis.unit`: ms, s, min, h or d), named at its end. With
    /// `critical` (indices into `segments`, e.g. a timeline's critical path), a row under a
    /// lane marks with `^` the columns its critical segments cover, where it has any.
    public static func render(_ segments: [Segment], makespanMs: Double, jobLabels: [String], width: Int,
                              critical: [Int] = []) -> [String] {
        let laneNames = Lane.allCases.map(\.description)
        let gutter = (laneNames.map(\.count).max() ?? 0) + 2
        let columns = max(10, width - gutter - 1)
        let span = makespanMs > 0 && makespanMs.isFinite ? makespanMs : 1
        let msPerColumn = span / Double(columns)
        var lines: [String] = []
        for lane in Lane.allCases {
            let owners = columnOwners(segments.filter { $0.lane == lane }, columns: columns, msPerColumn: msPerColumn)
            let body = drawBlocks(owners, labels: jobLabels)
            lines.append(lane.description.padded(to: gutter - 1) + "|" + body + "|")
            let marked = critical.filter { segments.indices.contains($0) && segments[$0].lane == lane }.map { segments[$0] }
            let marks = columnOwners(marked, columns: columns, msPerColumn: msPerColumn).map { $0 == nil ? " " : "^" }.joined()
            if marks.contains("^") {
                lines.append(String(repeating: " ", count: gutter) + marks.replacingTrailingSpaces())
            }
        }
        lines.append(contentsOf: axis(columns: columns, msPerColumn: msPerColumn, gutter: gutter))
        return lines
    }

    /// For each column, the job whose segments cover most of it (nil when idle).
    static func columnOwners(_ segments: [Segment], columns: Int, msPerColumn: Double) -> [Int?] {
        var best = [Double](repeating: 0, count: columns)
        var owners = [Int?](repeating: nil, count: columns)
        for segment in segments where segment.endMs > segment.startMs {
            let first = Int(clamping: segment.startMs / msPerColumn, to: 0...(columns - 1))
            let last = Int(clamping: (segment.endMs / msPerColumn).nextDown, to: 0...(columns - 1))
            guard first <= last else { continue }
            for column in first...last {
                let from = Double(column) * msPerColumn
                let overlap = min(segment.endMs, from + msPerColumn) - max(segment.startMs, from)
                if overlap > best[column] {
                    best[column] = overlap
                    owners[column] = segment.job
                }
            }
        }
        return owners
    }

    /// Runs of one owner become `[label]` blocks (`#` when narrower than three columns).
    static func drawBlocks(_ owners: [Int?], labels: [String]) -> String {
        var out = ""
        var start = 0
        while start < owners.count {
            var end = start + 1
            while end < owners.count && owners[end] == owners[start] { end += 1 }
            let length = end - start
            if let job = owners[start] {
                if length < 3 {
                    out += String(repeating: "#", count: length)
                } else {
                    let room = length - 2
                    let label = String(TerminalText.escaped(job < labels.count ? labels[job] : "").prefix(room))
                    out += "[" + label + String(repeating: "=", count: room - label.count) + "]"
                }
            } else {
                out += String(repeating: ".", count: length)
            }
            start = end
        }
        return out
    }

    /// Tick marks and labels under the lanes, the labels in the unit that suits the span.
    static func axis(columns: Int, msPerColumn: Double, gutter: Int) -> [String] {
        let span = msPerColumn * Double(columns)
        let unit = TimeAxis.unit(forSpanMs: span)
        let step = TimeAxis.niceStep(atLeast: msPerColumn * 12 / unit.ms)
        var ticks = [Character](repeating: "-", count: columns + 1)
        // Labels and the unit's name fit in the chart's width (gutter + columns + 1).
        var labels = [Character](repeating: " ", count: max(0, columns + 1 - unit.name.count - 2))
        var nextFree = 0
        // Each tick from its index (no running sum to drift), at most one per column.
        for index in 0...columns {
            let value = Double(index) * step
            if value * unit.ms > span + max(1e-9, span * 1e-12) { break }
            let column = Int(clamping: (value * unit.ms / msPerColumn).rounded(), to: 0...(columns + 1))
            if column > columns { break }
            ticks[column] = "+"
            let text = Array(TimeAxis.label(value, step: step))
            if column >= nextFree && column + text.count <= labels.count {
                for (offset, character) in text.enumerated() { labels[column + offset] = character }
                nextFree = column + text.count + 1
            }
        }
        let pad = String(repeating: " ", count: gutter)
        let labelLine = (pad + String(labels)).replacingTrailingSpaces() + "  " + unit.name
        return [String(repeating: " ", count: gutter - 1) + String(ticks), labelLine]
    }
}
