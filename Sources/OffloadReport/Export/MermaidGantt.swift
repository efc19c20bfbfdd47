import OffloadModel
import OffloadScheduler

/// A plan as a Mermaid `gantt` block for Markdown (docs/FORMATS.md §10):
/// one section per lane, one task per segment.
///
/// Mermaid's gantt charts count whole milliseconds (`dateFormat x`), so a bar runs from the
/// rounded start to the rounded end (at least 1 ms); the task's name carries the exact
/// times to 0.01 ms: `scene-1 (0.00–20.26 ms) :s0, 0, 20`.
public enum MermaidGantt {
    public static func render(_ plan: Plan, scenario: Scenario) -> String {
        let span = plan.makespanMs
        let axisFormat = span < 1000 ? "%L ms" : span < 60_000 ? "%S.%L s" : "%H:%M:%S"
        var lines = ["gantt",
                     "    title \(Markup.mermaid("\(scenario.name) — \(plan.algorithm), makespan \(NumberFormat.fixed(plan.makespanMs)) ms"))",
                     "    dateFormat x",
                     "    axisFormat \(axisFormat)"]
        var number = 0
        for lane in Lane.allCases {
            lines.append("    section \(lane)")
            for segment in plan.segments where segment.lane == lane {
                let id = scenario.jobs.indices.contains(segment.job) ? scenario.jobs[segment.job].id : "job \(segment.job)"
                let start = Int(clamping: segment.startMs.rounded(), to: 0...Int.max / 2)
                let end = max(start + 1, Int(clamping: segment.endMs.rounded(), to: 0...Int.max / 2))
                let name = "\(taskName(id)) (\(plain(segment.startMs))–\(plain(segment.endMs)) ms)"
                lines.append("    \(name) :s\(number), \(start), \(end)")
                number += 1
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The words that open a statement of a gantt block: a task named like one would be read
    /// as that statement.
    static let keywords = ["title", "section", "dateformat", "axisformat", "tickinterval", "excludes", "includes", "todaymarker",
                           "weekday", "weekend", "click", "acctitle", "accdescr", "inclusiveenddates", "topaxis", "displaymode", "gantt"]

    /// A job id as a task name: Mermaid-safe, and prefixed with `job ` when it starts with a keyword.
    public static func taskName(_ id: String) -> String {
        let safe = Markup.mermaid(id)
        let lowered = safe.lowercased()
        return keywords.contains { lowered.hasPrefix($0) } ? "job " + safe : safe
    }

    /// A time with two decimals and no thousands separators.
    static func plain(_ ms: Double) -> String { NumberFormat.fixed(ms).filter { $0 != "," } }

    /// One task read back from a gantt block.
    public struct Task: Sendable, Equatable {
        public var section: String
        public var name: String
        public var startMs: Double
        public var endMs: Double
    }

    /// The tasks of a block `render` wrote: section, the name before the times, and the
    /// exact times from the name. Lines it did not write are skipped.
    public static func parse(_ text: String) -> [Task] {
        var tasks: [Task] = []
        var section = ""
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.drop { $0 == " " }
            if line.hasPrefix("section ") { section = String(line.dropFirst(8)); continue }
            guard let colon = line.lastIndex(of: ":"), let open = line[..<colon].lastIndex(of: "("),
                  let close = line[..<colon].lastIndex(of: ")"), open < close else { continue }
            var times = line[line.index(after: open)..<close]
            if times.hasSuffix(" ms") { times = times.dropLast(3) }
            let parts = times.split(separator: "–")
            guard parts.count == 2, let start = Double(parts[0]), let end = Double(parts[1]) else { continue }
            var name = line[..<open]
            while name.last == " " { name = name.dropLast() }
            tasks.append(Task(section: section, name: String(name), startMs: start, endMs: end))
        }
        return tasks
    }
}
