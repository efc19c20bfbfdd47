/// Decodes model profiles (docs/FORMATS.md §2).
public enum ModelFile {
    /// Loads and validates the model at `path`.
    public static func load(path: String, warnings: KeyWarnings? = nil) throws(InputError) -> ModelGraph {
        try decode(FileReader.json(atPath: path), file: path, warnings: warnings)
    }

    /// Validates a parsed model profile; errors name `file`, the layer and the field.
    public static func decode(_ json: JSONValue, file: String, warnings: KeyWarnings? = nil) throws(InputError) -> ModelGraph {
        if case .object = json, json["layers"] == nil {
            if json["jobs"] != nil {
                throw InputError(file: file, message: "this is a scenario (it has \"jobs\"), not a model profile; expected \"layers\"")
            }
            if json["points"] != nil {
                throw InputError(file: file, message: "this is a bandwidth trace (it has \"points\"), not a model profile; expected \"layers\"")
            }
        }
        let top = try FieldReader(json, file: file, location: nil, what: "a model profile")
        try top.reportUnknownKeys(known: ["name", "inputBytes", "layers", "inputShape", "source", "onnx"], to: warnings)
        let name = try top.name("name")
        let inputBytes = try top.integer("inputBytes", minimum: 0, maximum: Limits.maximumBytes)
        let elements = try top.array("layers", of: "layers")
        if elements.count > Limits.layersPerModel {
            throw top.fail("\(elements.count) layers; the limit is \(Limits.layersPerModel) per model")
        }
        var layers: [Layer] = []
        layers.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            layers.append(try decodeLayer(element, index: index, file: file, warnings: warnings))
        }
        return try ModelGraph(name: name, inputBytes: inputBytes, layers: layers, file: file)
    }

    private static func decodeLayer(_ json: JSONValue, index: Int, file: String, warnings: KeyWarnings?) throws(InputError) -> Layer {
        let position = "layer \(index + 1)"
        let named = try FieldReader(json, file: file, location: position, what: "a layer")
        let name = try named.name("name")
        let fields = try FieldReader(json, file: file, location: "layer \"\(name)\"", what: "a layer")
        try fields.reportUnknownKeys(known: ["name", "type", "inputs", "deviceMs", "cloudMs", "outputBytes", "flops"], to: warnings)
        return Layer(
            name: name,
            type: try fields.optionalText("type"),
            inputs: try fields.names("inputs"),
            deviceMs: try fields.number("deviceMs", rule: .duration),
            cloudMs: try fields.number("cloudMs", rule: .duration),
            outputBytes: try fields.integer("outputBytes", minimum: 0, maximum: Limits.maximumBytes)
        )
    }
}
