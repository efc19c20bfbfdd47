import Foundation
import Testing
import OffloadTestSupport

/// `simulate --measured` and `dashboard --measured` with runs in the testbed's format
/// (docs/FORMATS.md §9), made here from `schedule`'s own plan.
@Suite struct MeasuredCLITests {
    typealias Run = OffloadProcess.Run

    func json(_ run: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    /// The plan of `scenario` with every time × `factor`, as offload-testbed writes it.
    func measuredFile(_ scenario: String, algorithm: String, factor: Double) throws -> String {
        let plan = try json(OffloadProcess.run(["schedule", scenario, "--algorithm", algorithm, "--format", "json"]))
        let segments = try #require(plan["segments"] as? [[String: Any]])
        let measured: [[String: Any]] = segments.map { segment in
            var copy = segment
            copy["plannedStartMs"] = segment["startMs"]
            copy["plannedEndMs"] = segment["endMs"]
            copy["startMs"] = (segment["startMs"] as? Double ?? 0) * factor
            copy["endMs"] = (segment["endMs"] as? Double ?? 0) * factor
            return copy
        }
        let document: [String: Any] = ["segments": measured, "plannedMakespanMs": plan["makespanMs"] ?? 0,
                                       "machine": ["cpu": "a test machine", "cores": 2]]
        let path = NSTemporaryDirectory() + "offload-measured-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func simulateShowsTheMeasuredRunBesideThePlan() throws {
        let file = try measuredFile("sample-jobs/default.json", algorithm: "partition-only", factor: 1.1)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let text = try OffloadProcess.run(["simulate", "sample-jobs/default.json", "--algorithm", "partition-only",
                                           "--measured", file, "--width", "100"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("(+10.0%)"))
        #expect(text.stdout.contains("measured: \(file) (a test machine, 2 cores)"))
        let planned = try #require(text.stdout.range(of: "\nplanned\n"))
        let measured = try #require(text.stdout.range(of: "\nmeasured\n"))
        #expect(planned.upperBound < measured.lowerBound)
        #expect(text.stdout.components(separatedBy: "uplink |").count == 3)

        let document = try json(OffloadProcess.run(["simulate", "sample-jobs/default.json", "--algorithm", "partition-only",
                                                    "--measured", file, "--format", "json"]))
        let run = try #require(document["measured"] as? [String: Any])
        #expect(abs((run["errorPercent"] as? Double ?? 0) - 10) < 0.01)
        let lanes = try #require(run["lanes"] as? [[String: Any]])
        #expect(!lanes.isEmpty)
        for lane in lanes {
            let planned = try #require(lane["plannedBusyMs"] as? Double)
            let measured = try #require(lane["measuredBusyMs"] as? Double)
            #expect(abs(measured - planned * 1.1) < 0.01)
        }
        #expect((run["segments"] as? [Any])?.count == (document["segments"] as? [Any])?.count)
    }

    @Test func aRunOfAnotherPlanIsOneLineOfBadInput() throws {
        let file = try measuredFile("sample-jobs/default.json", algorithm: "local", factor: 1)
        defer { try? FileManager.default.removeItem(atPath: file) }
        for arguments in [["simulate", "sample-jobs/default.json", "--algorithm", "cloud", "--measured", file],
                          ["dashboard", "sample-jobs/default.json", "--algorithm", "cloud", "--measured", file]] {
            let run = try OffloadProcess.run(arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.hasPrefix("offload: \(file): "))
            #expect(run.stderr.contains("measured for another plan"))
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        // The same run is accepted with its own plan (the dashboard, not on a terminal, prints its chart).
        let accepted = try OffloadProcess.run(["dashboard", "sample-jobs/default.json", "--algorithm", "local", "--measured", file])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let missing = try OffloadProcess.run(["simulate", "sample-jobs/default.json", "--measured", "no-such-run.json"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such-run.json"))
        let mixed = try OffloadProcess.run(["simulate", "sample-jobs/default.json", "--measured", file, "--jitter", "5"])
        #expect(mixed.status == 2)
    }
}
