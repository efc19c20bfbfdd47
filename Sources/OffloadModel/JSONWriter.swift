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
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, the same text as `serialized()` without building a
    /// `String`: what the commands write to standard output.
    public func serializedBytes() -> [UInt8] {
        let writer = JSONByteWriter()
        writer.write(self, indent: 0)
        return writer.bytes
    }

    /// The document as text, like `serialized()`, but refusing to write a number that is
    /// not finite (JSON has no infinity or NaN, and `serialized()` would write `null`): the
    /// error names `output` and the path of the first such number (`jobs[3].finishMs`).
    public func finiteSerialized(describing output: String = "the JSON output") throws(InputError) -> String {
        String(decoding: try finiteSerializedBytes(describing: output), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, like `finiteSerialized(describing:)`.
    public func finiteSerializedBytes(describing output: String = "the JSON output") throws(InputError) -> [UInt8] {
        let writer = JSONByteWriter()
        writer.write(self, indent: 0)
        // The writer notes a number that is not finite as it goes; only then is the tree
        // walked again to name where it is (building a path for every value would cost
        // more than writing the document).
        if writer.metNonFinite, let path = firstNonFinitePath(at: "") {
            throw InputError(file: output, location: path.isEmpty ? nil : path,
                             message: "a number is infinite or NaN (an overflow), which JSON cannot hold; nothing was written")
        }
        return writer.bytes
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

    fileprivate var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

/// Writes a `JSONValue` as UTF-8 bytes into one growing buffer: two-space indentation,
/// keys in their stored order, arrays of scalars on one line (docs/FORMATS.md, JSON output).
///
/// Numbers: an integer (an exact `Int`, or a whole `Double` below 9e15 in magnitude) in
/// decimal digits; any other finite `Double` as Swift's shortest round-trip `description`
/// (a fast path writes the common case, a value with at most four decimals, directly);
/// infinity and NaN as `null`. Strings: `"` and `\` escaped, `\n`, `\r`, `\t`, every
/// scalar ``escapesAsUnicode(_:)`` names as `\u` with four or more lowercase hex digits,
/// other text as it is.
///
/// The buffer is raw memory grown by doubling, so that each piece costs a capacity check
/// and a copy; `bytes` copies it out once at the end.
final class JSONByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Whether a number that is not finite was written (as `null`).
    private(set) var metNonFinite = false

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// What was written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Whether a scalar other than `"`, `\`, LF, CR and TAB is written as a `\u` escape:
    /// every character `TerminalText` escapes (C0, DEL, C1, bidi controls, line separators),
    /// so that JSON shown on a terminal is safe too.
    static func escapesAsUnicode(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
    }

    func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case let .bool(flag): append(flag ? "true" : "false")
        case let .number(number, exactInt):
            if let exactInt { writeInteger(exactInt) } else { writeNumber(number) }
        case let .string(text): writeString(text)
        case let .array(elements):
            if elements.isEmpty { append("[]"); return }
            if elements.allSatisfy(\.isScalar) {
                append(UInt8(ascii: "["))
                var first = true
                for element in elements {
                    if !first { append(", ") }
                    first = false
                    write(element, indent: indent)
                }
                append(UInt8(ascii: "]"))
                return
            }
            append("[\n")
            let last = elements.count - 1
            for (index, element) in elements.enumerated() {
                writeSpaces(indent + 2)
                write(element, indent: indent + 2)
                append(index != last ? ",\n" : "\n")
            }
            writeSpaces(indent)
            append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { append("{}"); return }
            append("{\n")
            let last = members.count - 1
            for (index, member) in members.enumerated() {
                writeSpaces(indent + 2)
                writeString(member.key)
                append(": ")
                write(member.value, indent: indent + 2)
                append(index != last ? ",\n" : "\n")
            }
            writeSpaces(indent)
            append(UInt8(ascii: "}"))
        }
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private func append(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        reserve(raw.count)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: raw.count)
        count += raw.count
    }

    private func append(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    private func writeSpaces(_ spaces: Int) {
        reserve(spaces)
        (base + count).initialize(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    /// `value` in decimal digits.
    func writeInteger(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        writeDigits(value.magnitude)
    }

    /// The decimal digits of `value`, at least `minimumCount` of them (zero-padded).
    private func writeDigits(_ value: UInt, minimumCount: Int = 1) {
        var digits = 1
        var power: UInt = 10
        while digits < 20, value >= power {
            digits += 1
            power = power &* 10
        }
        digits = max(digits, minimumCount)
        reserve(digits)
        var rest = value
        for position in stride(from: count + digits - 1, through: count, by: -1) {
            let (quotient, digit) = rest.quotientAndRemainder(dividingBy: 10)
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: digit)
            rest = quotient
        }
        count += digits
    }

    /// The largest magnitude the four-decimal fast path takes: below 2^38, one unit in the
    /// last place of a `Double` is under 1e-4, so the four-decimal text is the only text with
    /// that few digits that reads back as the value, and it is what the shortest round-trip
    /// `description` writes (in plain decimals: it uses an exponent only below 1e-4).
    private static let fastPathLimit = 274_877_906_944.0

    /// A `Double` that is not an exact `Int`.
    func writeNumber(_ value: Double) {
        guard value.isFinite else {
            metNonFinite = true
            append("null")
            return
        }
        let magnitude = abs(value)
        if magnitude < 9e15, value == value.rounded() {
            writeInteger(Int(value))
            return
        }
        if magnitude < Self.fastPathLimit {
            let scaled = (magnitude * 10_000).rounded()
            // Division is correctly rounded: equality means `magnitude` is the Double nearest
            // to scaled / 10^4, a decimal with at most four places.
            if scaled / 10_000 == magnitude {
                let units = UInt(scaled)
                if value < 0 { append(UInt8(ascii: "-")) }
                let (whole, fraction) = units.quotientAndRemainder(dividingBy: 10_000)
                writeDigits(whole)
                append(UInt8(ascii: "."))
                var digits = fraction, places = 4
                while digits % 10 == 0 { digits /= 10; places -= 1 }  // fraction is not 0: value is not whole
                writeDigits(digits, minimumCount: places)
                return
            }
        }
        var text = value.description
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// `text` as a JSON string.
    func writeString(_ text: String) {
        append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                // Eight bytes at a time while none is a control, `"`, `\`, DEL or non-ASCII.
                while index + 8 <= count, Self.isPlain(UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                guard index < count else { break }
                let byte = start[index]
                if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                let (scalar, length) = Self.decode(start, at: index)
                let escape: StaticString?
                switch scalar {
                case "\"": escape = "\\\""
                case "\\": escape = "\\\\"
                case "\n": escape = "\\n"
                case "\r": escape = "\\r"
                case "\t": escape = "\\t"
                default:
                    guard Self.escapesAsUnicode(scalar) else {
                        index += length
                        continue
                    }
                    escape = nil
                }
                append(UnsafeRawBufferPointer(start: start + runStart, count: index - runStart))
                if let escape {
                    append(escape)
                } else {
                    append("\\u")
                    writeHex(scalar.value)
                }
                index += length
                runStart = index
            }
            append(UnsafeRawBufferPointer(start: start + runStart, count: count - runStart))
        }
        append(UInt8(ascii: "\""))
    }

    /// Whether none of the eight bytes in `word` is below 0x20, 0x7F or above, `"` or `\`
    /// (the bit tricks of "Bit Twiddling Hacks": a byte below n, a zero byte).
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        // No carry leaves a byte unless one is 0x80 or more, which `highs` flags anyway.
        let upper = (word | (word &+ ones)) & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return control | upper | hasQuote | hasBackslash == 0
    }

    /// `value` in lowercase hex, at least four digits.
    private func writeHex(_ value: UInt32) {
        var width = 4
        while value >> (4 * UInt32(width)) != 0 { width += 1 }
        for position in stride(from: width - 1, through: 0, by: -1) {
            let nibble = UInt8(truncatingIfNeeded: value >> (4 * UInt32(position))) & 0xF
            append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
        }
    }

    /// The scalar whose UTF-8 encoding starts at `index` of valid UTF-8, and its length.
    private static func decode(_ utf8: UnsafePointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = utf8[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
        if length > 1 {
            for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
