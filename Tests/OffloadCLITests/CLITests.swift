import Foundation
import Testing
import OffloadTestSupport

/// Runs the real `offload` binary and checks exit codes and output (README "Commands", docs/FORMATS.md §5).
@Suite struct CLITests {
    typealias Run = OffloadProcess.Run

    static let root = OffloadProcess.root

    func offload(_ arguments: [String], in folder: URL = root) throws -> Run {
        try OffloadProcess.run(arguments, in: folder)
    }

    func temporaryFile(_ text: String, name: String = "scenario.json") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Two AlexNet jobs over 18.88 Mbps, pointing at the bundled profile.
    func alexnetScenario() throws -> String {
        let model = Self.root.appendingPathComponent("sample-jobs/models/alexnet.json").path
        return try temporaryFile(#"{"name": "pair", "environment": {"bandwidthMbps": 18.88}, "jobs": [{"id": "cam", "model": "\#(model)", "count": 2}]}"#)
    }

    @Test func scheduleJSONHasTheShapeOfSpecSection6() throws {
        let run = try offload(["schedule", alexnetScenario(), "--algorithm", "partition-only", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["scenario"] as? String == "pair")
        #expect(json["algorithm"] as? String == "partition-only")
        let environment = try #require(json["environment"] as? [String: Any])
        #expect(environment["bandwidthMbps"] as? Double == 18.88)
        let jobs = try #require(json["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["id"] as? String } == ["cam-1", "cam-2"])
        for key in ["model", "deviceLayers", "uplinkBytes", "deviceMs", "uplinkMs", "cloudMs", "finishMs"] {
            #expect(jobs[0][key] != nil, "jobs[0] lacks \(key)")
        }
        let segments = try #require(json["segments"] as? [[String: Any]])
        #expect(Set(segments.compactMap { $0["lane"] as? String }).isSubset(of: ["device", "uplink", "cloud"]))
        let makespan = try #require(json["makespanMs"] as? Double)
        let lastEnd = segments.compactMap { $0["endMs"] as? Double }.max() ?? 0
        #expect(abs(makespan - lastEnd) < 1e-3)
        #expect((json["lowerBoundMs"] as? Double ?? .infinity) <= makespan)
    }

    @Test func uplinkTimeIsReDerivableFromTheModelFile() throws {
        let run = try offload(["schedule", alexnetScenario(), "--algorithm", "partition-only", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let job = try #require((json["jobs"] as? [[String: Any]])?.first)
        let bytes = try #require(job["uplinkBytes"] as? Int)
        let uplink = try #require(job["uplinkMs"] as? Double)
        #expect(abs(uplink - Double(bytes) * 8 / (18.88 * 1000)) < 1e-3)
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let run = try offload(["schedule", alexnetScenario(), "--algorithm", "cloud", "--bandwidth", "8", "--latency", "2", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let job = try #require((json["jobs"] as? [[String: Any]])?.first)
        // AlexNet's raw input is 602,112 bytes: 602112 × 8 / 8000 + 2 ms.
        #expect(abs((job["uplinkMs"] as? Double ?? 0) - 604.112) < 1e-3)
    }

    @Test(arguments: [
        ["schedule", "/nonexistent/scenario.json"],
        ["validate", "/nonexistent/model.json"],
    ])
    func missingFilesAreBadInput(arguments: [String]) throws {
        let run = try offload(arguments)
        #expect(run.status == 1)
        #expect(run.stderr.contains("/nonexistent/") && run.stderr.contains("no such file"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func malformedFileIsOneClearLine() throws {
        let file = try temporaryFile(#"{"name": "s", "jobs": [{"id": "a", "model": "nowhere.json"}]}"#)
        let run = try offload(["schedule", file])
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(#"job "a": model "nowhere.json""#))
    }

    @Test(arguments: [
        ["schedule", "x.json", "--bandwidth", "0"], ["schedule", "x.json", "--bandwidth", "abc"],
        ["schedule", "x.json", "--device-speed", "nan"], ["schedule", "x.json", "--algorithm", "nonsense"],
        ["schedule", "x.json", "--cloud-speed", "-1"], ["schedule", "x.json", "--latency", "inf"],
        ["schedule"], ["no-such-command"], ["validate"],
    ])
    func badUsageExitsWithTwo(arguments: [String]) throws {
        let run = try offload(arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }

    @Test func validateSeparatesGoodFromBad() throws {
        let good = Self.root.appendingPathComponent("sample-jobs/models/vgg16.json").path
        let bad = try temporaryFile(#"{"name": "m", "inputBytes": 1, "layers": [{"name": "a", "inputs": ["input"], "deviceMs": -1, "cloudMs": 0, "outputBytes": 0}]}"#, name: "bad.json")
        let run = try offload(["validate", good, bad])
        #expect(run.status == 1)
        #expect(run.stdout.contains("ok  \(good)"))
        #expect(run.stderr.contains(#"bad.json: layer "a": deviceMs must be a finite number >= 0, found -1"#))
        #expect(try offload(["validate", good]).status == 0)
    }

    @Test func validateAcceptsConstantsAndCountsThem() throws {
        let constants = try temporaryFile(#"{"name": "k", "inputBytes": 10, "layers": [{"name": "pos", "inputs": [], "deviceMs": 0.1, "cloudMs": 0.1, "outputBytes": 40}, {"name": "a", "inputs": ["input", "pos"], "deviceMs": 1, "cloudMs": 0.1, "outputBytes": 4}, {"name": "unused", "inputs": [], "deviceMs": 1, "cloudMs": 1, "outputBytes": 4}]}"#, name: "constants.json")
        // Wide enough for the temporary folder's long path on one line.
        let run = try offload(["validate", constants, "--width", "400"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#"(model "k": 3 layers (2 constants), a DAG; all 2 closed cuts, 2 Pareto-optimal)"#), "\(run.stdout)")
        let forgotten = try temporaryFile(#"{"name": "f", "inputBytes": 10, "layers": [{"name": "a", "inputs": [], "deviceMs": 1, "cloudMs": 0.1, "outputBytes": 4}, {"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0.1, "outputBytes": 4}]}"#, name: "forgotten.json")
        let refused = try offload(["validate", forgotten])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(#"forgotten.json: no layer reads "input""#), "\(refused.stderr)")
        let scenario = Self.root.appendingPathComponent("sample-jobs/gallery-transformers-wifi.json").path
        let compared = try offload(["compare", scenario])
        #expect(compared.status == 0, "\(compared.stderr)")
        for algorithm in ["local", "cloud", "partition-only", "schedule-only", "joint", "exact", "layer-level"] {
            #expect(compared.stdout.contains(algorithm), "\(compared.stdout)")
        }
    }

    @Test func validateChecksThemeFiles() throws {
        let good = Self.root.appendingPathComponent("themes/colorblind.theme").path
        let bad = try temporaryFile("background = #12345\n", name: "broken.theme")
        let run = try offload(["validate", good, bad])
        #expect(run.status == 1)
        #expect(run.stdout.contains("ok  \(good)  (theme)"))
        #expect(run.stderr.contains("broken.theme: line 1:"), "\(run.stderr)")
        #expect(run.stderr.contains("#12345"), "\(run.stderr)")
    }

    @Test func compareListsTheBaselines() throws {
        let run = try offload(["compare", alexnetScenario(), "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let names = (json["results"] as? [[String: Any]])?.compactMap { $0["algorithm"] as? String } ?? []
        #expect(Set(["local", "cloud", "partition-only"]).isSubset(of: Set(names)))
    }

    @Test func bareOffloadPrintsTheDefaultScenarioWhenNotATerminal() throws {
        let run = try offload([])
        #expect(run.status == 0, "\(run.stderr)")
        // The dashboard's own chart, drawn as text (issue 5, item 9): three lanes and the makespan.
        let lines = run.stdout.split(separator: "\n")
        for lane in ["device", "uplink", "cloud"] { #expect(lines.contains { $0.hasPrefix(lane) }, "no \(lane) lane") }
        #expect(run.stdout.contains("makespan"))
        #expect(!run.stdout.contains("\u{1B}"), "escape sequences in the text output")
    }

    @Test func everySampleValidates() throws {
        let folder = Self.root.appendingPathComponent("sample-jobs")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 6)
        let run = try offload(["validate"] + files.map { "sample-jobs/" + $0 })
        #expect(run.status == 0, "\(run.stderr)")
    }
}
