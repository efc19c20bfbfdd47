import Foundation
import OffloadModel

/// A JSON Schema validator for the subset of draft 2020-12 that docs/schema/ uses, so that
/// the tests check the documented schemas without Python or a package.
///
/// Keywords: `type` (a name or a list), `properties`, `required`, `additionalProperties`
/// (a boolean or a schema), `items`, `minItems`, `enum`, `minimum`, `exclusiveMinimum`,
/// `oneOf` and `$ref` (`#/$defs/x` within the file, `file.schema.json#/$defs/x` across
/// files of the folder); `$schema`, `$id`, `$defs`, `title` and `description` are
/// annotations. Any other keyword is an error, so a schema cannot rely on a check this
/// validator does not make.
struct SchemaValidator {
    /// The schema files by name (`plan.schema.json`).
    let schemas: [String: JSONValue]

    /// Reads every `*.schema.json` in `folder`.
    init(folder: URL) throws {
        var schemas: [String: JSONValue] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".schema.json") {
            schemas[name] = try FileReader.json(atPath: folder.appendingPathComponent(name).path)
        }
        self.schemas = schemas
    }

    static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]
    static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "minimum",
        "exclusiveMinimum", "oneOf", "$ref",
    ]

    /// The problems of `document` against the schema file `name`, each naming the path in
    /// the document (`$.jobs[3].finishMs`); empty when it is valid.
    func problems(of document: JSONValue, against name: String) -> [String] {
        guard let schema = schemas[name] else { return ["no schema named \(name)"] }
        var found: [String] = []
        check(document, schema, file: name, path: "$", problems: &found)
        return found
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, file: String, path: String, problems: inout [String]) {
        guard case let .object(members) = schema else {
            if schema == .bool(false) { problems.append("\(path): not allowed") }
            return
        }
        for member in members where !Self.keywords.contains(member.key) && !Self.annotations.contains(member.key) {
            problems.append("\(file): unsupported keyword \(member.key)")
        }
        if case let .string(reference)? = schema["$ref"] {
            guard let (target, targetFile) = resolve(reference, from: file) else {
                problems.append("\(file): cannot resolve \(reference)")
                return
            }
            check(value, target, file: targetFile, path: path, problems: &problems)
        }
        if let type = schema["type"] {
            let names: [String]
            switch type {
            case let .string(name): names = [name]
            case let .array(list): names = list.compactMap { if case let .string(name) = $0 { name } else { nil } }
            default: names = []
            }
            if !names.contains(where: { Self.matches(value, type: $0) }) {
                problems.append("\(path): expected \(names.joined(separator: " or ")), found \(value.kindName)")
                return
            }
        }
        if case let .array(options)? = schema["enum"], !options.contains(value) {
            problems.append("\(path): \(Self.describe(value)) is not one of \(options.map(Self.describe).joined(separator: ", "))")
        }
        if case let .number(number, _) = value {
            if case let .number(minimum, _)? = schema["minimum"], number < minimum {
                problems.append("\(path): \(number) is below the minimum \(minimum)")
            }
            if case let .number(minimum, _)? = schema["exclusiveMinimum"], number <= minimum {
                problems.append("\(path): \(number) is not above \(minimum)")
            }
        }
        if case let .object(fields) = value {
            if case let .array(required)? = schema["required"] {
                for case let .string(key) in required where !fields.contains(where: { $0.key == key }) {
                    problems.append("\(path): missing \(key)")
                }
            }
            let properties: [(key: String, value: JSONValue)]
            if case let .object(declared)? = schema["properties"] { properties = declared } else { properties = [] }
            for field in fields {
                let fieldPath = "\(path).\(field.key)"
                if let property = properties.first(where: { $0.key == field.key }) {
                    check(field.value, property.value, file: file, path: fieldPath, problems: &problems)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        problems.append("\(fieldPath): not in the schema")
                    } else {
                        check(field.value, additional, file: file, path: fieldPath, problems: &problems)
                    }
                }
            }
        }
        if case let .array(elements) = value {
            if case let .number(minimum, _)? = schema["minItems"], Double(elements.count) < minimum {
                problems.append("\(path): \(elements.count) items, fewer than \(Int(minimum))")
            }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() {
                    check(element, items, file: file, path: "\(path)[\(index)]", problems: &problems)
                }
            }
        }
        if case let .array(options)? = schema["oneOf"] {
            var matching = 0
            var reasons: [String] = []
            for option in options {
                var optionProblems: [String] = []
                check(value, option, file: file, path: path, problems: &optionProblems)
                if optionProblems.isEmpty { matching += 1 } else { reasons += optionProblems }
            }
            if matching != 1 {
                problems.append("\(path): matches \(matching) of the oneOf schemas, not exactly one (\(reasons.joined(separator: "; ")))")
            }
        }
    }

    /// The schema `reference` points at, and the file it is in.
    private func resolve(_ reference: String, from file: String) -> (JSONValue, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let targetFile = parts[0].isEmpty ? file : parts[0]
        guard var target = schemas[targetFile] else { return nil }
        if parts.count > 1 {
            for component in parts[1].split(separator: "/") {
                guard let next = target[String(component)] else { return nil }
                target = next
            }
        }
        return (target, targetFile)
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("number", .number): true
        case let ("integer", .number(number, exact)): exact != nil || (number.isFinite && number == number.rounded())
        default: false
        }
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): "\"\(text)\""
        default: value.kindName
        }
    }
}
