import Foundation
import Testing
import OffloadModel
@testable import OffloadSimulator

/// Trace files and `bandwidthTrace` given as a path (docs/FORMATS.md §3).
@Suite struct TraceFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("sample-jobs").path

    /// A fresh folder holding `files` (relative path -> text); returns the folder.
    func folder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-sim-\(UUID().uuidString)")
        for (path, text) in files {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    static let model = #"{"name": "m", "inputBytes": 100, "layers": [{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1}]}"#

    static func scenario(trace: String) -> String {
        #"{"name": "s", "environment": {"bandwidthMbps": 10, "bandwidthTrace": \#(trace)}, "jobs": [{"id": "a", "model": "m.json"}]}"#
    }

    func loadError(_ path: String) -> String? {
        do { _ = try ScenarioFile.load(path: path); return nil } catch { return error.description }
    }

    @Test func aTracePathIsRelativeToTheScenario() throws {
        let dir = try folder([
            "m.json": Self.model,
            "s.json": Self.scenario(trace: #""traces/t.json""#),
            "traces/t.json": #"{"name": "t", "description": "d", "source": "made up", "points": [{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 0.5}, {"atMs": 20, "mbps": 8}]}"#,
        ])
        let scenario = try ScenarioFile.load(path: dir + "/s.json")
        #expect(scenario.environment.bandwidthTrace == [TracePoint(atMs: 0, mbps: 4), TracePoint(atMs: 10, mbps: 0.5), TracePoint(atMs: 20, mbps: 8)])
        #expect(scenario.environment.bandwidthMbps == 10)
        let trace = try TraceFile.load(path: dir + "/traces/t.json")
        #expect(trace.name == "t" && trace.description == "d" && trace.source == "made up")
    }

    @Test(arguments: [
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 20, "mbps": 1}, {"atMs": 10, "mbps": 2}]"#, #"t.json: points[2]: atMs must ascend: 10 follows 20"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": -1}]"#, #"t.json: points[1]: mbps must be a finite number >= 0, found -1"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 0}]"#, #"t.json: points[1]: mbps must be a finite number > 0, found 0; for an outage use a small rate"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 0}, {"atMs": 20, "mbps": 4}]"#, #"t.json: points[1]: mbps must be a finite number > 0, found 0"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10}]"#, #"t.json: points[1]: missing required field "mbps""#),
        (#"[{"atMs": 3, "mbps": 4}]"#, #"t.json: points[0]: the first point must be at atMs 0, found 3"#),
        (#"[]"#, #"t.json: points: must have at least one point"#),
    ])
    func traceFileErrorsNameTheFileAndThePoint(points: String, expected: String) throws {
        let dir = try folder([
            "m.json": Self.model, "s.json": Self.scenario(trace: #""t.json""#),
            "t.json": #"{"name": "t", "points": \#(points)}"#,
        ])
        let message = loadError(dir + "/s.json")
        #expect(message?.contains(#"s.json: environment.bandwidthTrace: trace "t.json": "#) == true, "\(message ?? "accepted")")
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func badTraceReferences() throws {
        let dir = try folder(["m.json": Self.model, "missing.json": Self.scenario(trace: #""nowhere.json""#),
                              "empty.json": Self.scenario(trace: #""""#), "object.json": Self.scenario(trace: "{}"),
                              "scenario-as-trace.json": Self.scenario(trace: #""missing.json""#),
                              "nameless.json": Self.scenario(trace: #""t.json""#), "t.json": #"{"points": [{"atMs": 0, "mbps": 1}]}"#])
        #expect(loadError(dir + "/missing.json")?.contains(#"trace "nowhere.json": "#) == true)
        #expect(loadError(dir + "/missing.json")?.contains("nowhere.json: no such file") == true)
        #expect(loadError(dir + "/empty.json")?.contains("must be an array of points or the path of a trace file, found an empty string") == true)
        #expect(loadError(dir + "/object.json")?.contains("found an object") == true)
        #expect(loadError(dir + "/scenario-as-trace.json")?.contains("this is a scenario") == true)
        #expect(loadError(dir + "/nameless.json")?.contains(#"missing required field "name""#) == true)
    }

    @Test func aNearOutageInlineIsAccepted() throws {
        let dir = try folder(["m.json": Self.model,
                              "s.json": Self.scenario(trace: #"[{"atMs": 0, "mbps": 4}, {"atMs": 5, "mbps": 0.01}, {"atMs": 9, "mbps": 2}]"#)])
        #expect(try ScenarioFile.load(path: dir + "/s.json").environment.bandwidthTrace?.count == 3)
    }

    @Test func everyBundledTraceLoadsAndSaysWhereItsNumbersComeFrom() throws {
        let folder = Self.samples + "/traces"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 4)
        for file in files {
            let trace = try TraceFile.load(path: folder + "/" + file)
            #expect(!trace.description.isEmpty, "\(file)")
            let source = try #require(trace.source, "\(file) has no source")
            #expect(source.contains("not a measurement") || source.contains("measured"), "\(file)")
            _ = try BandwidthProfile(points: trace.points)
        }
    }

    @Test func everyBundledScenarioWithATracePlays() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.samples).filter { $0.hasSuffix(".json") }
        var traced = 0
        for file in files.sorted() {
            let scenario = try ScenarioFile.load(path: Self.samples + "/" + file)
            guard scenario.environment.bandwidthTrace != nil else { continue }
            traced += 1
        }
        #expect(traced >= 5)
    }
}
