extension JSONValue {
    /// A number rounded to `JSONValue.decimals` places, written as an integer when it is one;
    /// `null` when it is not finite (`measured` keeps it, for `finiteSerialized` to refuse).
    public static func rounded(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        return measured(value)
    }

    /// A time, size or rate for output: rounded to `JSONValue.decimals` places (a value too
    /// large to scale stays as it is), written as an integer when it is one. A value that is
    /// not finite stays so: `finiteSerialized()` refuses it with an error naming where it
    /// is, `serialized()` writes `null`.
    public static func measured(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .number(value, exactInt: nil) }
        var scaled = (value * decimalScale).rounded() / decimalScale
        if !scaled.isFinite { scaled = value }
        let asInt = abs(scaled) < 9e15 && scaled == scaled.rounded() ? Int(scaled) : nil
        return .number(scaled == 0 ? 0 : scaled, exactInt: asInt)
    }

    /// A number written so that it reads back bit for bit (an integer when it is one).
    public static func exact(_ value: Double) -> JSONValue {
        let asInt = value.isFinite && abs(value) < 9e15 && value == value.rounded() ? Int(value) : nil
        return .number(value, exactInt: asInt)
    }

    /// Decimal places kept by `rounded`: a tenth of a microsecond for times.
    public static let decimals = 4
    private static let decimalScale = 10_000.0

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value), exactInt: value) }

    /// The document as text: two-space indentation, keys in their stored order;
    /// arrays of scalars stay on one line.
    public func serialized() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    /// The document as text, like `serialized()`, but refusing to write a number that is
    /// not finite (JSON has no infinity or NaN, and `serialized()` would write `null`): the
    /// error names `output` and the path of the first such number (`jobs[3].finishMs`).
    public func finiteSerialized(describing output: String = "the JSON output") throws(InputError) -> String {
        if let path = firstNonFinitePath(at: "") {
            throw InputError(file: output, location: path.isEmpty ? nil : path,
                             message: "a number is infinite or NaN (an overflow), which JSON cannot hold; nothing was written")
        }
        return serialized()
    }

    /// The path of the first number that is not finite, depth first (`""` for the root).
    private func firstNonFinitePath(at path: String) -> String? {
        switch self {
        case let .number(value, _): return value.isFinite ? nil : path
        case let .array(elements):
            for (index, element) in elements.enumerated() {
                if let found = element.firstNonFinitePath(at: "\(path)[\(index)]") { return found }
            }
            return nil
        case let .object(members):
            for member in members {
                if let found = member.value.firstNonFinitePath(at: path.isEmpty ? member.key : "\(path).\(member.key)") { return found }
            }
            return nil
        case .null, .bool, .string: return nil
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value, exactInt): out += exactInt.map(String.init) ?? Self.format(value)
        case let .string(text): Self.writeString(text, to: &out)
        case let .array(elements):
            if elements.isEmpty { out += "[]"; return }
            if elements.allSatisfy(\.isScalar) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    element.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                element.write(to: &out, indent: indent + 2)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                Self.writeString(member.key, to: &out)
                out += ": "
                member.value.write(to: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// `text` as a JSON string.
    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Every character TerminalText escapes (C0, DEL, C1, bidi controls, line
            // separators) is written as \u escape, so that JSON on a terminal is safe too.
            case _ where TerminalText.needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
