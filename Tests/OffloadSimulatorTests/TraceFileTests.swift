import Foundation
import Testing
import OffloadModel
@testable import OffloadSimulator
import OffloadTestSupport

/// Trace files and `bandwidthTrace` given as a path (docs/FORMATS.md §3).
@Suite struct TraceFileTests {
    static let samples = Repository.path("sample-jobs")

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
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": -1}]"#, #"t.json: points[1]: mbps must be a finite number > 0, found -1"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 0}]"#, #"t.json: points[1]: mbps must be a finite number > 0, found 0; for an outage use a small rate"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 0}, {"atMs": 20, "mbps": 4}]"#, #"t.json: points[1]: mbps must be a finite number > 0, found 0"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10}]"#, #"t.json: points[1]: missing required field "mbps""#),
        (#"[{"atMs": 3, "mbps": 4}]"#, #"t.json: points[0]: the first point must be at atMs 0, found 3"#),
        (#"[]"#, #"t.json: points: must have at least one point"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 1e400, "mbps": 2}]"#, #"t.json: points[1]: atMs must be a finite number >= 0, found a number too large to represent"#),
        (#"[{"atMs": 0, "mbps": 1e400}]"#, #"t.json: points[0]: mbps must be a finite number > 0, found a number too large to represent"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 1e-7}]"#, #"t.json: points[1]: mbps must be a number from 0.000001 to 1000000, found 1e-07"#),
        (#"[{"atMs": 0, "mbps": 4}, {"atMs": 10, "mbps": 5000000}]"#, #"t.json: points[1]: mbps must be a number from 0.000001 to 1000000, found 5000000"#),
        (#"[{"atMs": "0", "mbps": 4}]"#, #"t.json: points[0]: atMs must be a finite number >= 0, found a string"#),
        (#"[{"atMs": 0, "mbps": 4}, 7]"#, #"t.json: points[1]: a trace point must be an object, found a number"#),
        (#"{"atMs": 0, "mbps": 4}"#, #"t.json: points: must be an array of {"atMs", "mbps"} points or the path of a trace file, found an object"#),
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

    func traceError(_ text: String) -> String? {
        do {
            _ = try TraceFile.decode(FileReader.json(Array(text.utf8), file: "t.json"), file: "t.json")
            return nil
        } catch {
            return error.description
        }
    }

    /// What a trace file is as a whole: JSON, an object, with a name and points.
    @Test(arguments: [
        ("", "t.json: line 1, column 1: not valid JSON: the file is empty"),
        ("{", "t.json: line 1, column 2: not valid JSON: unexpected end of file"),
        (#"[{"atMs": 0, "mbps": 4}]"#, "t.json: a trace file is an object with \"name\" and \"points\"; a bare array of points belongs inline"),
        (#""4g-drive""#, "t.json: a bandwidth trace must be an object, found a string"),
        (#"{"name": "m", "inputBytes": 1, "layers": []}"#, #"t.json: this is a model profile (it has "layers"), not a bandwidth trace; expected "points""#),
        (#"{"name": "s", "jobs": []}"#, #"t.json: this is a scenario (it has "jobs"), not a bandwidth trace; expected "points""#),
        (#"{"name": "t"}"#, #"t.json: missing required field "points""#),
        (#"{"points": [{"atMs": 0, "mbps": 4}]}"#, #"t.json: missing required field "name""#),
        (#"{"name": "\#(String(repeating: "t", count: 300))", "points": [{"atMs": 0, "mbps": 4}]}"#, "t.json: name is 300 characters long; the limit is 256"),
        (#"{"name": "t", "description": 1, "points": [{"atMs": 0, "mbps": 4}]}"#, "t.json: description must be a string, found a number"),
        (#"{"name": "t", "source": [1], "points": [{"atMs": 0, "mbps": 4}]}"#, "t.json: source must be a string or an object, found an array"),
        (#"{"name": "t", "points": "fast"}"#, #"t.json: points: must be an array of {"atMs", "mbps"} points or the path of a trace file, found a string"#),
    ])
    func traceFilesAsAWhole(text: String, expected: String) {
        let message = traceError(text)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func aTraceOfTheLimitIsAcceptedAndOneMorePointIsNot() {
        func trace(_ count: Int) -> String {
            #"{"name": "t", "points": [\#((0..<count).map { #"{"atMs": \#($0), "mbps": 5}"# }.joined(separator: ","))]}"#
        }
        #expect(traceError(trace(Limits.tracePoints)) == nil)
        #expect(traceError(trace(Limits.tracePoints + 1)) == "t.json: points: \(Limits.tracePoints + 1) points; the limit is \(Limits.tracePoints)")
    }

    @Test func traceFilesThatCannotBeRead() throws {
        let dir = try folder(["traces/keep": "", "latin1.json": "", "m.json": Self.model])
        try Data([0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]).write(to: URL(fileURLWithPath: dir + "/latin1.json"))
        #expect(Self.loadTrace(dir + "/traces") == dir + "/traces: is a folder, not a file")
        #expect(Self.loadTrace(dir + "/none.json") == dir + "/none.json: no such file")
        #expect(Self.loadTrace(dir + "/latin1.json")
                == dir + "/latin1.json: line 1, column 10: not valid JSON: the text is not valid UTF-8: found byte 0xE9; JSON files must be UTF-8 text")
        // The same through a scenario, which says which of its fields named the trace.
        try Self.scenario(trace: #""latin1.json""#).write(toFile: dir + "/s.json", atomically: true, encoding: .utf8)
        #expect(loadError(dir + "/s.json")?.hasPrefix(#"\#(dir)/s.json: environment.bandwidthTrace: trace "latin1.json": \#(dir)/latin1.json: line 1, column 10"#) == true)
    }

    static func loadTrace(_ path: String) -> String? {
        do { _ = try TraceFile.load(path: path); return nil } catch { return error.description }
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
