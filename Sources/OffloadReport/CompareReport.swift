import OffloadModel
import OffloadScheduler

/// The output of `compare`.
public enum CompareReport {
    /// `{"scenario": …, "lowerBoundMs": …, "results": [{"algorithm", "makespanMs", "gapPercent", "gainPercent"}], "unavailable": […]}`.
    public static func json(_ comparison: Comparison, scenario: Scenario) -> JSONValue {
        var results: [JSONValue] = []
        var unavailable: [JSONValue] = []
        for entry in comparison.entries {
            if let makespan = entry.makespanMs {
                var members: [(key: String, value: JSONValue)] = [
                    ("algorithm", .string(entry.algorithm.rawValue)),
                    ("makespanMs", .measured(makespan)),
                    ("gapPercent", .measured(comparison.gapPercent(makespan))),
                ]
                if let gain = comparison.gainPercent(makespan) { members.append(("gainPercent", .measured(gain))) }
                results.append(.object(members))
            } else {
                unavailable.append(.object([
                    ("algorithm", .string(entry.algorithm.rawValue)),
                    ("reason", .string(entry.failure ?? "")),
                ]))
            }
        }
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("lowerBoundMs", .measured(comparison.lowerBoundMs)),
            ("results", .array(results)),
        ]
        if !unavailable.isEmpty { members.append(("unavailable", .array(unavailable))) }
        return .object(members)
    }

    /// A table: algorithm, makespan, gap to the lower bound, gain over partition-only.
    public static func text(_ comparison: Comparison, scenario: Scenario) -> String {
        var rows: [[String]] = []
        for entry in comparison.entries {
            if let makespan = entry.makespanMs {
                let gain = comparison.gainPercent(makespan).map { NumberFormat.fixed($0, decimals: 1) + "%" } ?? "-"
                rows.append([entry.algorithm.rawValue, NumberFormat.fixed(makespan),
                             NumberFormat.fixed(comparison.gapPercent(makespan), decimals: 1) + "%", gain])
            } else {
                rows.append([entry.algorithm.rawValue, "-", "-", "-", entry.failure ?? ""])
            }
        }
        let headings = ["algorithm", "makespan ms", "vs bound", "gain vs partition-only", rows.contains { $0.count > 4 } ? "note" : ""]
        let padded = rows.map { $0.count < headings.count ? $0 + Array(repeating: "", count: headings.count - $0.count) : $0 }
        var lines = ["\(scenario.name): \(scenario.jobs.count) jobs",
                     "environment: " + TextReport.environmentSummary(comparison.environment),
                     "lower bound \(NumberFormat.fixed(comparison.lowerBoundMs)) ms", ""]
        lines += TextReport.table(headings: headings, rows: padded, rightAligned: [1, 2, 3])
        return lines.joined(separator: "\n") + "\n"
    }
}
