import Testing
@testable import OffloadModel

/// Every malformed input is refused with a message naming where and what.
@Suite struct DecodingTests {
    static let goodLayer = #"{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 0.5, "outputBytes": 10}"#

    static func model(layers: String, extra: String = "") -> String {
        #"{"name": "m", "inputBytes": 100, \#(extra) "layers": [\#(layers)]}"#
    }

    func modelError(_ text: String) -> String? {
        do {
            _ = try ModelFile.decode(try FileReader.json(Array(text.utf8), file: "m.json"), file: "m.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func acceptsAValidModelAndIgnoresUnknownKeys() throws {
        let text = Self.model(layers: Self.goodLayer + #", {"name": "b", "type": "ReLU", "inputs": ["a"], "deviceMs": 0, "cloudMs": 0, "outputBytes": 0, "flops": 7, "whatever": [1]}"#, extra: #""source": {"x": 1},"#)
        let model = try ModelFile.decode(try FileReader.json(Array(text.utf8), file: "m.json"), file: "m.json")
        #expect(model.layers.count == 2)
        #expect(model.layers[1].type == "ReLU")
    }

    @Test(arguments: [
        ("not json at all", "m.json: line 1, column 1: not valid JSON"),
        ("", "the file is empty"),
        ("[1, 2]", "a model profile must be an object, found an array"),
        (#"{"name": "m", "inputBytes": 1}"#, #"missing required field "layers""#),
        (#"{"name": "m", "layers": []}"#, #"missing required field "inputBytes""#),
        (#"{"name": 5, "inputBytes": 1, "layers": []}"#, "name must be a string, found a number"),
        (#"{"name": "m", "inputBytes": -1, "layers": []}"#, "inputBytes must be an integer >= 0, found -1"),
        (#"{"name": "m", "inputBytes": 1.5, "layers": []}"#, "inputBytes must be an integer >= 0, found 1.5"),
        (#"{"name": "m", "inputBytes": 1, "layers": []}"#, "layers must not be empty"),
        (#"{"name": "m", "inputBytes": 1, "layers": {}}"#, "layers must be an array of layers, found an object"),
        (#"{"name": "m", "inputBytes": 1, "jobs": []}"#, "this is a scenario"),
        (#"{"name": "m", "name": "n", "inputBytes": 1, "layers": []}"#, #"duplicate key "name""#),
    ])
    func refusesBadModelFiles(text: String, expected: String) {
        let message = modelError(text)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test(arguments: [
        (#"{"name": "b", "inputs": ["a"], "deviceMs": -1, "cloudMs": 0, "outputBytes": 0}"#,
         #"m.json: layer "b": deviceMs must be a finite number >= 0, found -1"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1e400, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": deviceMs must be a finite number >= 0, found a number too large to represent"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": "1", "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": deviceMs must be a finite number >= 0, found a string"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "outputBytes": 0}"#,
         #"layer "b": missing required field "cloudMs""#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 2.5}"#,
         #"layer "b": outputBytes must be an integer >= 0, found 2.5"#),
        (#"{"name": "b", "inputs": ["nowhere"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs names "nowhere", which is not a layer of this model"#),
        (#"{"name": "b", "inputs": ["b"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs names the layer itself (a self-loop)"#),
        (#"{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "a": duplicate layer name (layers 1 and 2)"#),
        (#"{"name": "input", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"the name "input" is reserved"#),
        (#"{"name": "b", "inputs": [], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "inputs must name at least one layer"),
        (#"{"name": "b", "inputs": "a", "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "inputs must be an array of names, found a string"),
        (#"{"inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"m.json: layer 2: missing required field "name""#),
        ("7", "m.json: layer 2: a layer must be an object, found a number"),
    ])
    func refusesBadLayers(layer: String, expected: String) {
        let message = modelError(Self.model(layers: Self.goodLayer + ", " + layer))
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func namesACycle() {
        let layers = [
            #"{"name": "x", "inputs": ["input", "z"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
            #"{"name": "y", "inputs": ["x"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
            #"{"name": "z", "inputs": ["y"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
        ].joined(separator: ", ")
        let message = modelError(Self.model(layers: layers))
        #expect(message?.contains("the layers form a cycle") == true, "\(message ?? "accepted")")
        for name in ["x", "y", "z"] { #expect(message?.contains("\"\(name)\"") == true) }
    }

    @Test func refusesHugeNames() {
        let long = String(repeating: "n", count: Limits.nameLength + 1)
        let message = modelError(#"{"name": "\#(long)", "inputBytes": 1, "layers": [\#(Self.goodLayer)]}"#)
        #expect(message?.contains("the limit is \(Limits.nameLength)") == true)
    }

    @Test func refusesDeepNestingWithoutOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(modelError(deep)?.contains("nesting deeper than") == true)
    }

    @Test func refusesInvalidUTF8() {
        var bytes = Array(#"{"name": "m"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"", "inputBytes": 1, "layers": []}"#.utf8)
        do {
            _ = try FileReader.json(bytes, file: "m.json")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.description.contains("not valid UTF-8"))
        }
    }
}
