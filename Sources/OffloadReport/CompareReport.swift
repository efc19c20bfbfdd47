import OffloadModel
import OffloadScheduler

/// The output of `compare`.
public enum CompareReport {
    /// `{"scenario", "environment", "lowerBoundMs", "results": [{"algorithm", "makespanMs",
    /// "gapPercent", "gainPercent", "refused"}]}` (docs/schema/compare.schema.json): every
    /// algorithm in `Algorithm.allCases` order. A refused one has `"makespanMs": null` and
    /// the reason in `refused`, and no gap or gain; `gainPercent` is absent where there is
    /// no gain to speak of (`partition-only` refused, or its makespan 0).
    public static func json(_ comparison: Comparison, scenario: Scenario) -> JSONValue {
        let results: [JSONValue] = comparison.entries.map { entry in
            var members: [(key: String, value: JSONValue)] = [("algorithm", .string(entry.algorithm.rawValue))]
            if let makespan = entry.makespanMs {
                members.append(("makespanMs", .measured(makespan)))
                members.append(("gapPercent", .measured(comparison.gapPercent(makespan))))
                if let gain = comparison.gainPercent(makespan) { members.append(("gainPercent", .measured(gain))) }
            } else {
                members.append(("makespanMs", .null))
                members.append(("refused", .string(entry.error?.commandLineReason ?? "refused")))
            }
            return .object(members)
        }
        return .object([
            ("scenario", .string(scenario.name)),
            ("environment", PlanJSON.environment(comparison.environment)),
            ("lowerBoundMs", .measured(comparison.lowerBoundMs)),
            ("results", .array(results)),
        ])
    }

    /// A table: algorithm, makespan, gap to the lower bound, gain over partition-only.
    public static func text(_ comparison: Comparison, scenario: Scenario, width: Int? = nil) -> String {
        var rows: [[String]] = []
        for entry in comparison.entries {
            if let makespan = entry.makespanMs {
                let gain = comparison.gainPercent(makespan).map { NumberFormat.fixed($0, decimals: 1) + "%" } ?? "-"
                rows.append([entry.algorithm.rawValue, NumberFormat.fixed(makespan),
                             NumberFormat.fixed(comparison.gapPercent(makespan), decimals: 1) + "%", gain])
            } else {
                rows.append([entry.algorithm.rawValue, "-", "-", "-", entry.error?.commandLineReason ?? ""])
            }
        }
        let headings = ["algorithm", "makespan ms", "vs bound", "gain vs partition-only", rows.contains { $0.count > 4 } ? "note" : ""]
        let padded = rows.map { $0.count < headings.count ? $0 + Array(repeating: "", count: headings.count - $0.count) : $0 }
        var lines = ["\(TerminalText.escaped(scenario.name)): \(NumberFormat.grouped(scenario.jobs.count)) jobs",
                     "environment: " + TextReport.environmentSummary(comparison.environment),
                     "lower bound \(NumberFormat.fixed(comparison.lowerBoundMs)) ms", ""]
        lines += TextReport.table(headings: headings, rows: padded, rightAligned: [1, 2, 3], width: width)
        return lines.joined(separator: "\n") + "\n"
    }
}
