import Foundation
import Testing
import OffloadTestSupport

/// `offload simulate`, run as a real process (README "Commands", docs/FORMATS.md §5).
@Suite struct SimulateCLITests {
    typealias Run = OffloadProcess.Run

    func offload(_ arguments: [String]) throws -> Run {
        try OffloadProcess.run(arguments)
    }

    func json(_ run: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
    }

    @Test func aConstantLinkRealisesThePlannedMakespan() throws {
        let run = try offload(["simulate", "sample-jobs/default.json", "--algorithm", "partition-only", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try json(run)
        let planned = try #require(document["plannedMakespanMs"] as? Double)
        #expect(document["makespanMs"] as? Double == planned)
        #expect(document["bandwidthTrace"] == nil, "a constant link has no bandwidthTrace block")
        let scheduled = try json(offload(["schedule", "sample-jobs/default.json", "--algorithm", "partition-only", "--format", "json"]))
        #expect(scheduled["makespanMs"] as? Double == planned)
        for key in ["segments", "jobs", "lanes", "criticalPath", "lowerBoundMs", "environment"] {
            #expect(document[key] != nil, "simulate's JSON lacks \(key)")
        }
        // The realised segments are the scheduled ones (docs/FORMATS.md §5 shape).
        let segments = try #require(document["segments"] as? [[String: Any]])
        let expected = try #require(scheduled["segments"] as? [[String: Any]])
        #expect(segments.count == expected.count)
        #expect(segments.map { $0["endMs"] as? Double } == expected.map { $0["endMs"] as? Double })
    }

    @Test func aTracePlaysSlowerAndTextShowsBothCharts() throws {
        let run = try offload(["simulate", "sample-jobs/commute-handover.json", "--algorithm", "partition-only", "--width", "90"])
        #expect(run.status == 0, "\(run.stderr)")
        // The handover slows the uploads down: the realised makespan exceeds the planned one.
        let header = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("planned makespan ") })
        let numbers = header.split(separator: " ").compactMap { Double($0.filter { $0 != "," }) }
        #expect(numbers.count >= 2 && numbers[1] > numbers[0] * 2, "\(header)")
        let planned = try #require(run.stdout.range(of: "planned (at 18.88 Mbps)"))
        let realised = try #require(run.stdout.range(of: "\nrealised\n"))
        #expect(planned.upperBound < realised.lowerBound)
        #expect(run.stdout.components(separatedBy: "uplink |").count == 3)
        #expect(run.stdout.contains("critical path"))
    }

    @Test func replanningReportsWhatItSaves() throws {
        let run = try offload(["simulate", "sample-jobs/commute-handover.json", "--algorithm", "partition-only", "--replan", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try json(run)
        let replan = try #require(document["replan"] as? [String: Any])
        let staticMakespan = try #require(replan["staticMakespanMs"] as? Double)
        let makespan = try #require(document["makespanMs"] as? Double)
        #expect(abs((replan["savedMs"] as? Double ?? 0) - (staticMakespan - makespan)) < 1e-3)
        #expect(((replan["replans"] as? [Any])?.count ?? 0) >= 1)
        let text = try offload(["simulate", "sample-jobs/commute-handover.json", "--algorithm", "partition-only", "--replan"])
        #expect(text.stdout.contains("re-planning: "))
        #expect(text.stdout.contains("realised, static plan"))
    }

    @Test func jitterIsReproducibleAndRunsGiveADistribution() throws {
        let arguments = ["simulate", "sample-jobs/kitchen-wifi.json", "--algorithm", "partition-only", "--jitter", "10", "--seed", "7", "--format", "json"]
        let first = try offload(arguments), second = try offload(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let runs = try json(offload(["simulate", "sample-jobs/kitchen-wifi.json", "--algorithm", "partition-only",
                                     "--jitter", "10", "--seed", "7", "--runs", "5", "--format", "json"]))
        let summary = try #require(runs["makespans"] as? [String: Double])
        let all = try #require(runs["runs"] as? [[String: Any]])
        #expect(all.compactMap { $0["seed"] as? Int } == [7, 8, 9, 10, 11])
        let values = all.compactMap { $0["makespanMs"] as? Double }.sorted()
        #expect(summary["minMs"] == values.first && summary["maxMs"] == values.last && summary["medianMs"] == values[2])
        // Seed 7 of the runs is the single run with seed 7.
        #expect(values.contains(try #require(json(first)["makespanMs"] as? Double)))
        let text = try offload(["simulate", "sample-jobs/kitchen-wifi.json", "--algorithm", "partition-only", "--jitter", "10", "--runs", "3"])
        #expect(text.stdout.contains("median") && text.stdout.contains("p95"))
    }

    @Test func everyBundledTraceScenarioSimulates() throws {
        for scenario in ["walk-3g", "drive-4g", "kitchen-wifi", "handover-5g", "commute-handover"] {
            let run = try offload(["simulate", "sample-jobs/\(scenario).json", "--algorithm", "partition-only", "--format", "json"])
            #expect(run.status == 0, "\(scenario): \(run.stderr)")
            #expect(try json(run)["bandwidthTrace"] is [String: Any], "\(scenario)")
        }
        let traced = try offload(["simulate", "sample-jobs/default.json", "--algorithm", "local", "--trace", "sample-jobs/traces/5g-handover.json"])
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout.contains("trace of 5 points"))
    }

    @Test(arguments: [
        ["simulate", "x.json", "--jitter", "100"], ["simulate", "x.json", "--jitter", "-1"],
        ["simulate", "x.json", "--runs", "3"], ["simulate", "x.json", "--runs", "0", "--jitter", "5"],
        ["simulate", "x.json", "--seed", "-4"], ["simulate"],
    ])
    func badUsageExitsWithTwo(arguments: [String]) throws {
        let run = try offload(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
    }

    @Test func aBadTraceIsBadInput() throws {
        let missing = try offload(["simulate", "sample-jobs/default.json", "--algorithm", "local", "--trace", "/nonexistent/trace.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/trace.json: no such file"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-sim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let trace = folder.appendingPathComponent("t.json")
        try #"{"name": "t", "points": [{"atMs": 0, "mbps": 5}, {"atMs": 9, "mbps": 1}, {"atMs": 4, "mbps": 2}]}"#.write(to: trace, atomically: true, encoding: .utf8)
        let bad = try offload(["simulate", "sample-jobs/default.json", "--algorithm", "local", "--trace", trace.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("t.json: points[2]: atMs must ascend: 4 follows 9"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }
}
