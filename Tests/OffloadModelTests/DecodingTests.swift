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
        (#"{"name": "m", "inputBytes": -1, "layers": []}"#, "inputBytes must be an integer from 0 to 1000000000000, found -1"),
        (#"{"name": "m", "inputBytes": 1.5, "layers": []}"#, "inputBytes must be an integer from 0 to 1000000000000, found 1.5"),
        (#"{"name": "m", "inputBytes": 1, "layers": []}"#, "layers must not be empty"),
        (#"{"name": "m", "inputBytes": 1, "layers": {}}"#, "layers must be an array of layers, found an object"),
        (#"{"name": "m", "inputBytes": 1, "jobs": []}"#, "this is a scenario"),
        (#"{"name": "m", "name": "n", "inputBytes": 1, "layers": []}"#, #"duplicate key "name""#),
        (" \n\t ", "m.json: line 2, column 3: not valid JSON: the file is empty"),
        (#""alexnet""#, "m.json: a model profile must be an object, found a string"),
        ("null", "m.json: a model profile must be an object, found null"),
        ("42", "m.json: a model profile must be an object, found a number"),
        (#"{"name": "t", "points": [{"atMs": 0, "mbps": 1}]}"#, #"m.json: this is a bandwidth trace (it has "points"), not a model profile; expected "layers""#),
        (#"{"name": "", "inputBytes": 1, "layers": []}"#, "m.json: name must not be empty"),
        (#"{"name": null, "inputBytes": 1, "layers": []}"#, "m.json: name must be a string, found null"),
        (#"{"name": "m", "inputBytes": "602112", "layers": []}"#, "m.json: inputBytes must be an integer from 0 to 1000000000000, found a string"),
        (#"{"name": "m", "inputBytes": 1e400, "layers": []}"#, "inputBytes must be an integer from 0 to 1000000000000, found a number too large to represent"),
        (#"{"name": "m", "inputBytes": 1000000000001, "layers": []}"#, "m.json: inputBytes is 1000000000001; the limit is 1000000000000"),
        (#"{"name": "m", "inputBytes": 99999999999999999999, "layers": []}"#, "m.json: inputBytes is 1e+20; the limit is 1000000000000"),
        (#"{"name": "m", "inputBytes": 1, "layers": [null]}"#, "m.json: layer 1: a layer must be an object, found null"),
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
         #"layer "b": outputBytes must be an integer from 0 to 1000000000000, found 2.5"#),
        (#"{"name": "b", "inputs": ["nowhere"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs names "nowhere", which is not a layer of this model"#),
        (#"{"name": "b", "inputs": ["b"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs names the layer itself (a self-loop)"#),
        (#"{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "a": duplicate layer name (layers 1 and 2)"#),
        (#"{"name": "input", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"the name "input" is reserved"#),
        (#"{"name": "b", "inputs": "a", "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "inputs must be an array of names, found a string"),
        (#"{"inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"m.json: layer 2: missing required field "name""#),
        ("7", "m.json: layer 2: a layer must be an object, found a number"),
        // Numbers: negative, non-finite, of the wrong type, fractional, beyond the limits.
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": -0.5, "outputBytes": 0}"#,
         #"m.json: layer "b": cloudMs must be a finite number >= 0, found -0.5"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": -1e400, "outputBytes": 0}"#,
         #"layer "b": cloudMs must be a finite number >= 0, found a number too large to represent"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": null, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": deviceMs must be a finite number >= 0, found null"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": true, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": deviceMs must be a finite number >= 0, found a boolean"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1000000001, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": deviceMs must be a number from 0 to 1000000000, found 1000000001"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 1e308, "outputBytes": 0}"#,
         #"layer "b": cloudMs must be a number from 0 to 1000000000, found 1e+308"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0}"#,
         #"layer "b": missing required field "outputBytes" (an integer from 0 to 1000000000000)"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": -1}"#,
         #"layer "b": outputBytes must be an integer from 0 to 1000000000000, found -1"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 1e400}"#,
         #"layer "b": outputBytes must be an integer from 0 to 1000000000000, found a number too large to represent"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 9223372036854775807}"#,
         #"layer "b": outputBytes is 9223372036854775807; the limit is 1000000000000"#),
        (#"{"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": "1 MB"}"#,
         #"layer "b": outputBytes must be an integer from 0 to 1000000000000, found a string"#),
        // Names and references.
        (#"{"name": "", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "m.json: layer 2: name must not be empty"),
        (#"{"name": 3, "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "m.json: layer 2: name must be a string, found a number"),
        (#"{"name": "b", "type": 5, "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": type must be a string, found a number"#),
        (#"{"name": "b", "inputs": [1], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs[0] must be a non-empty string, found a number"#),
        (#"{"name": "b", "inputs": ["a", ""], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs[1] must be a non-empty string, found an empty string"#),
        (#"{"name": "b", "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": missing required field "inputs" (an array of names)"#),
        (#"{"name": "b", "inputs": ["\#(String(repeating: "x", count: 300))"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         #"layer "b": inputs[0] is 300 characters long; the limit is 256"#),
        (#"{"name": "\#(String(repeating: "x", count: 257))", "inputs": ["a"], "deviceMs": 1, "cloudMs": 0, "outputBytes": 0}"#,
         "m.json: layer 2: name is 257 characters long; the limit is 256"),
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

    /// A layer `name` reading `inputs`, with 1 ms on each side and a 1,000-byte output.
    static func layer(_ name: String, _ inputs: [String]) -> String {
        #"{"name": "\#(name)", "inputs": [\#(inputs.map { "\"\($0)\"" }.joined(separator: ", "))], "deviceMs": 1, "cloudMs": 0.1, "outputBytes": 1000}"#
    }

    @Test(arguments: [
        ([layer("a", ["input", "b"]), layer("b", ["a"])], #"the layers form a cycle: "b" -> "a" -> "b""#),
        ([layer("a", ["input"]), layer("b", ["a", "d"]), layer("c", ["b"]), layer("d", ["c"])],
         #"the layers form a cycle: "c" -> "d" -> "b" -> "c""#),
        ([layer("a", ["a"])], #"layer "a": inputs names the layer itself (a self-loop)"#),
        ([layer("a", ["input"]), layer("b", ["a", "ghost"])], #"layer "b": inputs names "ghost", which is not a layer of this model"#),
        ([layer("a", ["input"]), layer("a", ["input"])], #"layer "a": duplicate layer name (layers 1 and 2)"#),
        // Constants: a cycle through layers that read constants is still a cycle; a constant
        // named in `inputs` must exist; a model must read the raw input somewhere.
        ([layer("k", []), layer("a", ["input", "k", "c"]), layer("b", ["a", "k"]), layer("c", ["b"])],
         #"the layers form a cycle: "b" -> "c" -> "a" -> "b""#),
        ([layer("k", []), layer("a", ["input", "kk"])], #"layer "a": inputs names "kk", which is not a layer of this model"#),
        ([layer("k", []), layer("a", ["k"])], #"no layer reads "input" (the raw input); at least one layer's inputs must name it"#),
        ([layer("a", [])], #"no layer reads "input""#),
        ([layer("k", []), layer("a", ["input", "k"]), layer("k", [])], #"layer "k": duplicate layer name (layers 1 and 3)"#),
    ])
    func refusesBadGraphs(layers: [String], expected: String) {
        let message = modelError(Self.model(layers: layers.joined(separator: ", ")))
        #expect(message?.hasPrefix("m.json: ") == true, "\(message ?? "accepted")")
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func acceptsConstants() throws {
        // k feeds a and b; "unused" feeds nothing; a constant may come anywhere in the file.
        let text = Self.model(layers: [Self.layer("b", ["a", "k"]), Self.layer("k", []), Self.layer("a", ["input", "k"]),
                                       Self.layer("unused", [])].joined(separator: ", "))
        let model = try ModelFile.decode(try FileReader.json(Array(text.utf8), file: "m.json"), file: "m.json")
        #expect(model.layers.map(\.name) == ["k", "a", "b", "unused"])
        #expect(model.isConstant == [true, false, false, true])
        #expect(model.hasConstants)
        #expect(!model.isChain)
        #expect(model.consumers[0] == [1, 2] && model.consumers[3].isEmpty)
    }

    @Test func acceptsLayersListedBeforeTheirInputs() throws {
        let text = Self.model(layers: [Self.layer("c", ["b"]), Self.layer("b", ["a"]), Self.layer("a", ["input"])].joined(separator: ", "))
        let model = try ModelFile.decode(try FileReader.json(Array(text.utf8), file: "m.json"), file: "m.json")
        #expect(model.layers.map(\.name) == ["a", "b", "c"])
        #expect(model.isChain)
    }

    /// A chain of `count` layers, or a DAG in which every fifth layer also reads the one
    /// four back (residual blocks).
    static func bigModel(layers count: Int, chain: Bool) -> String {
        let layers = (0..<count).map { index in
            var inputs = [index == 0 ? "input" : "l\(index - 1)"]
            if !chain, index >= 4, index % 5 == 0 { inputs.append("l\(index - 4)") }
            return layer("l\(index)", inputs)
        }
        return model(layers: layers.joined(separator: ", "))
    }

    @Test(arguments: [(1000, true), (1000, false), (Limits.layersPerModel, false)])
    func acceptsLargeModelsUpToTheLimit(layers: Int, chain: Bool) throws {
        let text = Self.bigModel(layers: layers, chain: chain)
        let model = try ModelFile.decode(try FileReader.json(Array(text.utf8), file: "m.json"), file: "m.json")
        #expect(model.layers.count == layers)
        #expect(model.isChain == chain)
    }

    @Test func anInputNamedManyTimesCountsOnce() throws {
        // 2,000 layers and one that lists each of them 45 times: 92,000 names in all, read
        // in linear time (a check that scans the list so far made this quadratic).
        let names = (0..<2000).map { "l\($0)" }
        var layers = names.enumerated().map { Layer(name: $1, inputs: ["input"], deviceMs: 1, cloudMs: 1, outputBytes: 1) }
        layers.append(Layer(name: "join", inputs: Array([[String]](repeating: names, count: 45).joined()), deviceMs: 1, cloudMs: 1, outputBytes: 1))
        let model = try ModelGraph(name: "wide", inputBytes: 1, layers: layers)
        #expect(model.predecessors.last?.count == 2000)
    }

    @Test func refusesMoreInputsThanTheLimit() throws {
        // 450 layers, each reading every layer before it: 101,026 names in `inputs`.
        let layers = (0..<450).map { index in
            Layer(name: "l\(index)", inputs: index == 0 ? ["input"] : (0..<index).map { "l\($0)" }, deviceMs: 1, cloudMs: 1, outputBytes: 1)
        }
        #expect(layers.reduce(0) { $0 + $1.inputs.count } == 101_026)
        #expect(throws: InputError(file: "dense.json", message: "the layers' inputs name 101026 layers in all; the limit is 100000 per model")) {
            try ModelGraph(name: "dense", inputBytes: 1, layers: layers, file: "dense.json")
        }
        // 440 layers make 96,581: accepted.
        #expect(try ModelGraph(name: "dense", inputBytes: 1, layers: Array(layers.prefix(440))).predecessors.last?.count == 439)
    }

    @Test func refusesOneLayerMoreThanTheLimit() {
        let message = modelError(Self.bigModel(layers: Limits.layersPerModel + 1, chain: true))
        #expect(message == "m.json: \(Limits.layersPerModel + 1) layers; the limit is \(Limits.layersPerModel) per model")
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
