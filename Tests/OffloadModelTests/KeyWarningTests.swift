import OffloadModel
import Testing

/// Unknown keys: the suggestion, the places named, and strict mode (docs/FORMATS.md, "Unknown keys").
@Suite struct KeyWarningTests {
    @Test(arguments: [
        ("bandwidth", "bandwidthMbps"), ("cuont", "count"), ("Count", "count"), ("latency", "latencyMs"),
        ("devicespeed", "deviceSpeed"), ("inputbytes", "inputBytes"), ("moddel", "model"),
    ])
    func closeKeysAreSuggested(typo: String, expected: String) {
        let known = ["id", "model", "count", "inputBytes", "deviceSpeed", "cloudSpeed", "bandwidthMbps", "latencyMs"]
        #expect(KeySuggestion.closest(to: typo, among: known) == expected)
    }

    @Test func farKeysAreNot() {
        #expect(KeySuggestion.closest(to: "colour", among: ["id", "model", "count"]) == nil)
        #expect(KeySuggestion.closest(to: "x", among: ["id", "model"]) == nil)
        #expect(KeySuggestion.closest(to: "ab", among: ["id"]) == nil)
    }

    /// A swap of neighbours is one edit; keys of up to four characters allow one edit.
    @Test func swapsCountOnceAndShortKeysAllowOneEdit() {
        #expect(KeySuggestion.closest(to: "mdoel", among: ["model"]) == "model")  // a swap is one edit
        #expect(KeySuggestion.closest(to: "mdl", among: ["model"]) == nil)  // two deletions, short key
        #expect(KeySuggestion.closest(to: "layres", among: ["layers", "name"]) == "layers")
    }

    static func decode(_ text: String, strict: Bool = false) throws(InputError) -> (Scenario, [UnknownKeyWarning]) {
        let log = KeyWarnings(strict: strict)
        let json = try FileReader.json(Array(text.utf8), file: "s.json")
        let model = try ModelGraph(name: "m", inputBytes: 10, layers: [Layer(name: "l", inputs: ["input"], deviceMs: 1, cloudMs: 1, outputBytes: 1)])
        let scenario = try ScenarioFile.decode(json, file: "s.json", warnings: log) { (_: String) throws(InputError) in model }
        return (scenario, log.take())
    }

    @Test func everyObjectOfAScenarioIsChecked() throws {
        let (scenario, warnings) = try Self.decode(#"{"name": "s", "extra": 1, "environment": {"bandwidth": 5, "bandwidthTrace": [{"atMs": 0, "mbps": 2, "rate": 3}]}, "jobs": [{"id": "a", "model": "m.json", "cuont": 3}]}"#)
        #expect(scenario.jobs.count == 1 && scenario.environment.bandwidthMbps == 20)
        #expect(warnings.map(\.description) == [
            #"s.json: unknown key "extra" (ignored)"#,
            #"s.json: environment: unknown key "bandwidth" (ignored); did you mean "bandwidthMbps"?"#,
            #"s.json: environment.bandwidthTrace[0]: unknown key "rate" (ignored)"#,
            #"s.json: job "a": unknown key "cuont" (ignored); did you mean "count"?"#,
        ])
        #expect(try Self.decode(#"{"name": "s", "description": "d", "environment": {"latencyMs": 1}, "jobs": [{"id": "a", "model": "m.json", "count": 2, "inputBytes": 3}]}"#).1.isEmpty)
    }

    @Test func strictRefusesTheFirstUnknownKey() {
        #expect(throws: InputError(file: "s.json", location: "job \"a\"", message: #"unknown key "cuont"; did you mean "count"? (--strict refuses unknown keys)"#)) {
            _ = try Self.decode(#"{"name": "s", "jobs": [{"id": "a", "model": "m.json", "cuont": 3}]}"#, strict: true)
        }
    }

    @Test func modelsAndTracesAreCheckedToo() throws {
        let log = KeyWarnings()
        _ = try ModelFile.decode(FileReader.json(Array(#"{"name": "m", "inputBytes": 1, "inputShape": [1], "source": {"any": 1}, "layers": [{"name": "l", "inputs": ["input"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1, "flops": 2, "type": "x", "outputbytes": 2}]}"#.utf8), file: "m.json"), file: "m.json", warnings: log)
        _ = try TraceFile.decode(FileReader.json(Array(#"{"name": "t", "points": [{"atMs": 0, "mbps": 1}], "pionts": []}"#.utf8), file: "t.json"), file: "t.json", warnings: log)
        #expect(log.take().map(\.description) == [
            #"m.json: layer "l": unknown key "outputbytes" (ignored); did you mean "outputBytes"?"#,
            #"t.json: unknown key "pionts" (ignored); did you mean "points"?"#,
        ])
    }

    @Test func warningsEscapeHostileKeys() throws {
        let (_, warnings) = try Self.decode(#"{"name": "s", "a\u001b[31m\n": 1, "jobs": [{"id": "a", "model": "m.json"}]}"#)
        #expect(warnings.first?.description == #"s.json: unknown key "a\u001b[31m\n" (ignored)"#)
    }
}
