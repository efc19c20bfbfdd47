import OffloadModel
import OffloadScheduler

/// The output of `compare`.
public enum CompareReport {
    /// `{"scenario", "environment", "lowerBoundMs", "results": [{"algorithm", "makespanMs",
    /// "gapPercent", "gainPercent", "refused"}]}` (docs/schema/compare.schema.json): every
    /// algorithm in `Algorithm.allCases` order. A refused one has `"makespanMs": null` and
    /// the reason in `refused`, and no gap or gain; `gainPercent` is absent where there is
    /// no gain to speak of (`partition-only` refused, or its makespan 0).
    public static func json(_ comparison: Comparison, scenario: Scenario) -> JSONDocument {
        JSONWriter.document { json in
            json.object {
                json.string("scenario", scenario.name)
                json.key("environment")
                PlanJSON.environment(comparison.environment, to: json)
                json.measured("lowerBoundMs", comparison.lowerBoundMs)
                json.array("results") {
                    for entry in comparison.entries {
                        json.object {
                            json.string("algorithm", entry.algorithm.rawValue)
                            if let makespan = entry.makespanMs {
                                json.measured("makespanMs", makespan)
                                json.measured("gapPercent", comparison.gapPercent(makespan))
                                if let gain = comparison.gainPercent(makespan) { json.measured("gainPercent", gain) }
                            } else {
                                json.null("makespanMs")
                                json.string("refused", entry.error?.commandLineReason ?? "refused")
                            }
                        }
                    }
                }
            }
        }
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
