import Foundation
import Testing
import OffloadTestSupport

/// Issue 6, item 4, from the outside: extreme but accepted scenarios (1,000 jobs of
/// gigabyte tensors at 0.01 Mbps, speeds of 0.01, 10 s of latency: plans that last
/// months) give finite numbers and day axes in every output, and flags far outside the
/// knobs' ranges either are refused (exit 2, naming the flag) or plan to finite numbers.
@Suite struct ExtremeValueTests {
    typealias Run = OffloadProcess.Run

    /// A folder with a model of gigabyte tensors and 100 s layers, and a scenario of `jobs` of it.
    static func daysScenario(jobs: Int, trace: Bool = false) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-extreme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            {"name": "huge", "inputBytes": 1000000000, "layers": [
              {"name": "conv1", "inputs": ["input"], "deviceMs": 100000, "cloudMs": 1000, "outputBytes": 2000000000},
              {"name": "conv2", "inputs": ["conv1"], "deviceMs": 100000, "cloudMs": 1000, "outputBytes": 500000000},
              {"name": "fc", "inputs": ["conv2"], "deviceMs": 100000, "cloudMs": 1000, "outputBytes": 4000}]}
            """.write(to: folder.appendingPathComponent("huge.json"), atomically: true, encoding: .utf8)
        let traceJSON = trace ? #", "bandwidthTrace": [{"atMs": 0, "mbps": 0.01}, {"atMs": 1000000000, "mbps": 0.02}]"# : ""
        let scenario = folder.appendingPathComponent("days.json")
        try """
            {"name": "Days", "environment": {"deviceSpeed": 0.01, "cloudSpeed": 0.01, "bandwidthMbps": 0.01, "latencyMs": 10000\(traceJSON)},
             "jobs": [{"id": "h", "model": "huge.json", "count": \(jobs)}]}
            """.write(to: scenario, atomically: true, encoding: .utf8)
        return scenario.path
    }

    func offload(_ arguments: [String]) throws -> Run { try OffloadProcess.run(arguments) }

    /// No NaN, infinity or exponent in text output.
    func expectPlainNumbers(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.firstMatch(of: /\b(nan|NaN|inf|Infinity)\b/) == nil, "NaN or infinity in:\n\(text.prefix(3000))", sourceLocation: sourceLocation)
        #expect(text.firstMatch(of: /[0-9]e[+-]?[0-9]/) == nil, "a number with an exponent in:\n\(text.prefix(3000))", sourceLocation: sourceLocation)
    }

    /// Every number in a JSON document is finite (JSON cannot hold others; a `null` where a
    /// number belongs is what a writer that hid an overflow would leave).
    /// `refusals`: compare's refused algorithms, `"makespanMs": null` beside a `"refused"`
    /// reason, are the one null allowed (docs/FORMATS.md §5).
    func expectFiniteJSON(_ text: String, refusals: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let checked = refusals ? text.replacingOccurrences(of: #""makespanMs": null,"#, with: "") : text
        #expect(!checked.contains("null"), "null in the JSON output", sourceLocation: sourceLocation)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        func walk(_ value: Any, _ path: String) {
            switch value {
            case let number as NSNumber: #expect(number.doubleValue.isFinite, "\(path) is \(number)", sourceLocation: sourceLocation)
            case let array as [Any]: for (index, element) in array.enumerated() { walk(element, "\(path)[\(index)]") }
            case let dictionary as [String: Any]: for (key, element) in dictionary { walk(element, path.isEmpty ? key : "\(path).\(key)") }
            default: break
            }
        }
        walk(object, "")
        return object
    }

    /// The unit after the label row of the last text Gantt chart (`… 300  d`).
    func axisUnits(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^ +0 .*[0-9]  (ms|s|min|h|d)$/).map { String($0.1) }
        }
    }

    @Test func scheduleOfMonthsInTextAndJSON() throws {
        let scenario = try Self.daysScenario(jobs: 1000)
        let text = try offload(["schedule", scenario, "--width", "100"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("makespan 28,920,000,000.00 ms"), "\(text.stdout.prefix(400))")
        #expect(axisUnits(text.stdout) == ["d"], "\(text.stdout.suffix(600))")
        expectPlainNumbers(text.stdout)

        let json = try offload(["schedule", scenario, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let plan = try expectFiniteJSON(json.stdout)
        #expect(plan["makespanMs"] as? Double == 28_920_000_000)
        #expect((plan["jobs"] as? [Any])?.count == 1000)
    }

    @Test func simulateAndCompareOfMonths() throws {
        let scenario = try Self.daysScenario(jobs: 1000, trace: true)
        let text = try offload(["simulate", scenario, "--width", "100"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(axisUnits(text.stdout) == ["d", "d"], "\(text.stdout.prefix(2000))")
        expectPlainNumbers(text.stdout)

        let json = try offload(["simulate", scenario, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let played = try expectFiniteJSON(json.stdout)
        #expect((played["makespanMs"] as? Double ?? 0) > 1e10)

        let compare = try offload(["compare", scenario, "--format", "json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let results = try expectFiniteJSON(compare.stdout, refusals: true)["results"] as? [[String: Any]] ?? []
        #expect(results.count == 7)
        #expect(results.filter { $0["makespanMs"] is NSNull }.allSatisfy { $0["refused"] is String })
        #expect(results.filter { $0["makespanMs"] is Double }.count >= 5)
    }

    @Test func theDashboardPrintedToAPipeDrawsDays() throws {
        let scenario = try Self.daysScenario(jobs: 1000)
        let run = try offload(["dashboard", scenario])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("makespan 28,920,000,000.00 ms"))
        // The text Gantt chart's axis: its labels, then the unit.
        #expect(run.stdout.split(separator: "\n").contains { $0.firstMatch(of: /^ +0 +[0-9]+ +[0-9]+\b.* +d$/) != nil }, "no day axis in:\n\(run.stdout.prefix(1500))")
        #expect(!run.stdout.contains("\u{1B}"))
        expectPlainNumbers(run.stdout)
    }

    /// Flags beyond the dashboard knobs' ranges: refused by name (exit 2), or planned to finite numbers.
    @Test(arguments: [
        ["--bandwidth", "1e9"], ["--bandwidth", "0.000001"], ["--device-speed", "0.0001"], ["--device-speed", "1e-300"],
        ["--cloud-speed", "1e300"], ["--latency", "1e12"], ["--bandwidth", "0.000001", "--device-speed", "0.000001", "--latency", "1000000000"],
    ])
    func flagsBeyondTheKnobRangesNeverGiveNaNOrInfinity(_ flags: [String]) throws {
        let scenario = try Self.daysScenario(jobs: 50)
        for format in ["json", "text"] {
            let run = try offload(["schedule", scenario, "--format", format] + flags)
            if run.status == 0 {
                if format == "json" {
                    _ = try expectFiniteJSON(run.stdout)
                } else {
                    #expect(run.stdout.firstMatch(of: /\b(nan|NaN|inf|Infinity)\b/) == nil, "\(flags): \(run.stdout.prefix(2000))")
                }
            } else {
                #expect(run.status == 2, "\(flags): exit \(run.status): \(run.stderr)")
                #expect(run.stderr.contains(flags[0]), "the refusal does not name \(flags[0]): \(run.stderr)")
            }
            #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrac"))
        }
    }
}
