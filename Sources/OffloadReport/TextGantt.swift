import OffloadModel
import OffloadScheduler

/// A plain-ASCII Gantt chart of the three lanes, for terminals and pipes.
///
/// Each column covers an equal slice of time; a job's block reads `[label]`
/// where it fits, idle time is `.`.
public enum TextGantt {
    /// The chart in `width` columns (at least 20), ending with a time axis in ms.
    public static func render(_ segments: [Segment], makespanMs: Double, jobLabels: [String], width: Int) -> [String] {
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
        }
        lines.append(contentsOf: axis(columns: columns, msPerColumn: msPerColumn, gutter: gutter))
        return lines
    }

    /// For each column, the job whose segments cover most of it (nil when idle).
    static func columnOwners(_ segments: [Segment], columns: Int, msPerColumn: Double) -> [Int?] {
        var best = [Double](repeating: 0, count: columns)
        var owners = [Int?](repeating: nil, count: columns)
        for segment in segments where segment.endMs > segment.startMs {
            let first = max(0, min(columns - 1, Int(segment.startMs / msPerColumn)))
            let last = max(0, min(columns - 1, Int((segment.endMs / msPerColumn).nextDown)))
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
                    let label = String((job < labels.count ? labels[job] : "").prefix(room))
                    out += "[" + label + String(repeating: "=", count: room - label.count) + "]"
                }
            } else {
                out += String(repeating: ".", count: length)
            }
            start = end
        }
        return out
    }

    /// Tick marks and labels under the lanes.
    static func axis(columns: Int, msPerColumn: Double, gutter: Int) -> [String] {
        let step = TimeAxis.niceStep(atLeast: msPerColumn * 12)
        var ticks = [Character](repeating: "-", count: columns + 1)
        var labels = [Character](repeating: " ", count: columns + 8)
        var value = 0.0
        var nextFree = 0
        while value <= msPerColumn * Double(columns) + 1e-9 {
            let column = Int((value / msPerColumn).rounded())
            if column <= columns {
                ticks[column] = "+"
                let text = Array(TimeAxis.label(value, step: step))
                if column >= nextFree && column + text.count <= labels.count {
                    for (offset, character) in text.enumerated() { labels[column + offset] = character }
                    nextFree = column + text.count + 1
                }
            }
            value += step
        }
        let pad = String(repeating: " ", count: gutter)
        let labelLine = (pad + String(labels)).replacingTrailingSpaces() + "  ms"
        return [String(repeating: " ", count: gutter - 1) + String(ticks), labelLine]
    }
}
