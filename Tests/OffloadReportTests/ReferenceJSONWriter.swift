import OffloadModel

/// The JSON writer as it was before the byte writer (String appends, `description` for
/// every non-integer number), kept as the oracle the byte writer must match byte for byte.
enum ReferenceJSONWriter {
    static func serialized(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out, indent: 0)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String, indent: Int) {
        switch value {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value, exactInt): out += exactInt.map(String.init) ?? format(value)
        case let .string(text): writeString(text, to: &out)
        case let .array(elements):
            if elements.isEmpty { out += "[]"; return }
            if elements.allSatisfy(isScalar) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    write(element, to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                write(element, to: &out, indent: indent + 2)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                writeString(member.key, to: &out)
                out += ": "
                write(member.value, to: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where TerminalText.needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
