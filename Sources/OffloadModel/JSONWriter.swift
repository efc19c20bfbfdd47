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
        let (number, exactInt) = measuredParts(value)
        return .number(number, exactInt: exactInt)
    }

    /// A number written so that it reads back bit for bit (an integer when it is one).
    public static func exact(_ value: Double) -> JSONValue {
        .number(value, exactInt: exactInteger(value))
    }

    /// What `measured` stores: the rounded value, and the `Int` it equals when it is whole.
    static func measuredParts(_ value: Double) -> (Double, Int?) {
        guard value.isFinite else { return (value, nil) }
        var scaled = (value * decimalScale).rounded() / decimalScale
        if !scaled.isFinite { scaled = value }
        let asInt = abs(scaled) < 9e15 && scaled == scaled.rounded() ? Int(scaled) : nil
        return (scaled == 0 ? 0 : scaled, asInt)
    }

    /// The `Int` that `value` equals, when it is whole and below 9e15 in magnitude.
    static func exactInteger(_ value: Double) -> Int? {
        value.isFinite && abs(value) < 9e15 && value == value.rounded() ? Int(value) : nil
    }

    /// Decimal places kept by `rounded`: a tenth of a microsecond for times.
    public static let decimals = 4
    private static let decimalScale = 10_000.0

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value), exactInt: value) }

    /// The document as text: two-space indentation, keys in their stored order;
    /// arrays of scalars stay on one line.
    public func serialized() -> String {
        document.serialized()
    }

    /// The document as UTF-8 bytes, the same text as `serialized()` without building a
    /// `String`.
    public func serializedBytes() -> [UInt8] {
        document.bytes
    }

    /// The document as text, like `serialized()`, but refusing to write a number that is
    /// not finite (JSON has no infinity or NaN, and `serialized()` would write `null`): the
    /// error names `output` and the path of the first such number (`jobs[3].finishMs`).
    public func finiteSerialized(describing output: String = "the JSON output") throws(InputError) -> String {
        try document.finiteSerialized(describing: output)
    }

    /// The document as UTF-8 bytes, like `finiteSerialized(describing:)`.
    public func finiteSerializedBytes(describing output: String = "the JSON output") throws(InputError) -> [UInt8] {
        try document.finiteSerializedBytes(describing: output)
    }

    /// The tree written by ``JSONWriter``.
    public var document: JSONDocument {
        JSONWriter.document { $0.value(self) }
    }

    fileprivate var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

/// A JSON document as ``JSONWriter`` wrote it: its UTF-8 bytes, and where the first number
/// JSON cannot hold is (written there as `null`).
public struct JSONDocument: Sendable {
    /// The buffer the writer filled, handed over rather than copied (a plan of 10,000 jobs
    /// is 56 MB): the text, then a newline that is not part of it.
    private let storage: Storage
    /// The path of the first number that is infinite or NaN, depth first (`jobs[3].finishMs`,
    /// `""` for the root); nil when every number is finite.
    public let nonFinitePath: String?

    /// A buffer nothing writes to once it is made, freed with the last document that holds it.
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>
        /// The text's length, without the newline after it.
        let count: Int

        init(base: UnsafeMutablePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        deinit { base.deallocate() }
    }

    fileprivate init(base: UnsafeMutablePointer<UInt8>, count: Int, nonFinitePath: String?) {
        storage = Storage(base: base, count: count)
        self.nonFinitePath = nonFinitePath
    }

    /// The text as UTF-8 bytes (a copy), without a final newline.
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Calls `body` with the text and one newline after it, without copying them: what a
    /// command writes.
    public func withLine<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) { try body(UnsafeRawBufferPointer(start: storage.base, count: storage.count + 1)) }
    }

    /// The document as text; a number that is not finite reads `null`.
    public func serialized() -> String {
        String(decoding: UnsafeBufferPointer(start: storage.base, count: storage.count), as: UTF8.self)
    }

    /// The document as UTF-8 bytes; a number that is not finite reads `null`.
    public func serializedBytes() -> [UInt8] {
        bytes
    }

    /// Nothing, or, when a number in the document is infinite or NaN (an overflow), an error
    /// naming `output` and the path of the first one.
    public func checkFinite(describing output: String = "the JSON output") throws(InputError) {
        if let path = nonFinitePath {
            throw InputError(file: output, location: path.isEmpty ? nil : path,
                             message: "a number is infinite or NaN (an overflow), which JSON cannot hold; nothing was written")
        }
    }

    /// The document as text, or the error of ``checkFinite(describing:)``.
    public func finiteSerialized(describing output: String = "the JSON output") throws(InputError) -> String {
        try checkFinite(describing: output)
        return serialized()
    }

    /// The document as UTF-8 bytes, like `finiteSerialized(describing:)`.
    public func finiteSerializedBytes(describing output: String = "the JSON output") throws(InputError) -> [UInt8] {
        try checkFinite(describing: output)
        return bytes
    }
}

/// Strings escaped once and written many times (a plan of 1,000 jobs names each layer of
/// each model hundreds of times): each as the quoted, escaped JSON text ``JSONWriter``
/// writes for it.
public struct JSONStrings: Sendable {
    /// The strings' JSON texts, one after another.
    fileprivate let bytes: [UInt8]
    /// Where each string's text is in `bytes`.
    fileprivate let ranges: [Range<Int>]

    /// `texts`, escaped.
    public init(_ texts: some Sequence<String>) {
        var ranges: [Range<Int>] = []
        let document = JSONWriter.document(capacity: 1024) { json in
            for text in texts {
                let start = json.byteCount
                var text = text
                text.withUTF8 { json.writeString($0) }
                ranges.append(start..<json.byteCount)
            }
        }
        // Eight bytes to spare, for ``JSONWriter/string(_:at:)``'s eight-byte copy.
        bytes = document.bytes + [UInt8](repeating: 0, count: 8)

        self.ranges = ranges
    }

    /// How many strings there are.
    public var count: Int { ranges.count }
}

/// Writes JSON as UTF-8 bytes into one growing buffer, as it goes: two-space indentation,
/// keys in the order they are written, arrays of scalars on one line (docs/FORMATS.md, JSON
/// output). The reports write their documents through it member by member, without building
/// a ``JSONValue`` tree first; ``value(_:)`` writes a tree with the same layout.
///
/// A document is one value. Inside ``object(_:)`` every value follows a ``key(_:)`` (or is
/// written with a key by the keyed forms, `json.measured("startMs", 1.5)`); inside an array
/// values follow one another. An array is written one element per line by ``array(_:)``,
/// which is the layout for an array holding an object or an array, and on one line by
/// ``inlineArray(_:)``, which holds scalars only (a tree's array takes the second when
/// every element is a scalar). The writer places the commas, line breaks and indentation.
///
/// Numbers: an integer (an exact `Int`, or a whole `Double` below 9e15 in magnitude) in
/// decimal digits; any other finite `Double` as Swift's shortest round-trip `description`
/// (a fast path writes the common case, a value with at most four decimals, directly);
/// infinity and NaN as `null`, the first of them noted with its path for
/// ``JSONDocument/finiteSerialized(describing:)`` to refuse. Strings: `"` and `\` escaped,
/// `\n`, `\r`, `\t`, every scalar ``escapesAsUnicode(_:)`` names as `\u` with four
/// lowercase hex digits, other text as it is.
///
/// The buffer is raw memory grown by doubling, so that each piece costs a capacity check
/// and a copy; ``JSONWriter/document(capacity:_:)`` hands it to the document it returns.
public final class JSONWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    /// The bytes written so far.
    fileprivate var byteCount: Int { count }

    /// What holds the value being written: nothing yet, an object, an array one element per
    /// line, or an array on one line.
    private enum Container: UInt8 { case root, object, array, inlineArray }

    /// The innermost open container, and what it has so far.
    private struct Level {
        var container: Container
        /// Members or elements written so far.
        var written: Int
        /// The indentation of its brackets; its members are two spaces further in.
        var indent: Int
        /// In an object, where the escaped text of the last key is in the buffer (for the
        /// path of a number that is not finite).
        var keyStart: Int
        var keyEnd: Int
    }

    private var level = Level(container: .root, written: 0, indent: -2, keyStart: 0, keyEnd: 0)
    /// The levels around `level`, outermost first.
    private var outer: [Level] = []

    /// The path of the first number that is not finite, once one is written.
    private var nonFinitePath: String?

    private init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The document `write` writes into a new writer (`capacity` bytes to start with).
    public static func document(capacity: Int = 1 << 16, _ write: (JSONWriter) -> Void) -> JSONDocument {
        let writer = JSONWriter(capacity: capacity)
        write(writer)
        assert(writer.outer.isEmpty, "a container was left open")
        let length = writer.count
        writer.append(UInt8(ascii: "\n"))
        // The document takes the buffer; the writer, about to go, keeps a new empty one.
        let document = JSONDocument(base: writer.base, count: length, nonFinitePath: writer.nonFinitePath)
        writer.base = .allocate(capacity: 1)
        writer.capacity = 1
        writer.count = 0
        return document
    }

    /// Whether a scalar other than `"`, `\`, LF, CR and TAB is written as a `\u` escape:
    /// every character `TerminalText` escapes (C0, DEL, C1, bidi controls, line separators),
    /// so that JSON shown on a terminal is safe too.
    static func escapesAsUnicode(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
    }

    // MARK: - Containers

    /// An object: `body` writes its members.
    public func object(_ body: () -> Void) {
        open(.object, bracket: UInt8(ascii: "{"))
        body()
        close(bracket: UInt8(ascii: "}"))
    }

    /// An array written one element per line: `body` writes its elements.
    public func array(_ body: () -> Void) {
        open(.array, bracket: UInt8(ascii: "["))
        body()
        close(bracket: UInt8(ascii: "]"))
    }

    /// An array of scalars written on one line: `body` writes its elements.
    public func inlineArray(_ body: () -> Void) {
        open(.inlineArray, bracket: UInt8(ascii: "["))
        body()
        close(bracket: UInt8(ascii: "]"))
    }

    /// The member `key` holding an object.
    public func object(_ key: StaticString, _ body: () -> Void) {
        self.key(key)
        object(body)
    }

    /// The member `key` holding an array written one element per line.
    public func array(_ key: StaticString, _ body: () -> Void) {
        self.key(key)
        array(body)
    }

    /// The member `key` holding an array of scalars on one line.
    public func inlineArray(_ key: StaticString, _ body: () -> Void) {
        self.key(key)
        inlineArray(body)
    }

    /// The member `key` holding the strings `texts` on one line.
    public func strings(_ key: StaticString, _ texts: some Sequence<String>) {
        self.key(key)
        inlineArray { for text in texts { string(text) } }
    }

    private func open(_ container: Container, bracket: UInt8) {
        assert(level.container != .inlineArray, "an inline array holds scalars only")
        beginValue()
        append(bracket)
        outer.append(level)
        level = Level(container: container, written: 0, indent: container == .inlineArray ? level.indent : level.indent + 2,
                      keyStart: 0, keyEnd: 0)
    }

    private func close(bracket: UInt8) {
        if level.written > 0 && level.container != .inlineArray {
            append(UInt8(ascii: "\n"))
            writeSpaces(level.indent)
        }
        append(bracket)
        level = outer.removeLast()
    }

    /// Before a value: in an array, the separator and the indentation (an object's key has
    /// written them).
    @inline(__always)
    private func beginValue() {
        switch level.container {
        case .root, .object: break
        case .array:
            append(level.written > 0 ? ",\n" : "\n")
            writeSpaces(level.indent + 2)
            level.written += 1
        case .inlineArray:
            if level.written > 0 {
                reserve(2)
                base[count] = UInt8(ascii: ",")
                base[count + 1] = UInt8(ascii: " ")
                count += 2
            }
            level.written += 1
        }
    }

    // MARK: - Keys

    /// The next member's key, in an object: a name in the code, which needs no escape
    /// (checked in debug builds), so its bytes are copied as they are.
    public func key(_ name: StaticString) {
        assert(level.container == .object, "a key outside an object")
        let length = name.utf8CodeUnitCount
        assert(name.withUTF8Buffer { !Self.needsEscape($0) }, "a key in the code that needs an escape")
        let spaces = level.indent + 2
        reserve(length + spaces + 14)
        var cursor = base + count
        if level.written > 0 {
            cursor.pointee = UInt8(ascii: ",")
            cursor += 1
        }
        cursor.pointee = UInt8(ascii: "\n")
        cursor += 1
        // Spaces eight at a time (eight bytes were reserved to spare); the key overwrites
        // what lands past them.
        var filled = 0
        while filled < spaces {
            UnsafeMutableRawPointer(cursor + filled).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
            filled += 8
        }
        cursor += spaces
        cursor.pointee = UInt8(ascii: "\"")
        cursor += 1
        level.keyStart = cursor - base
        cursor.update(from: name.utf8Start, count: length)
        cursor += length
        level.keyEnd = cursor - base
        cursor[0] = UInt8(ascii: "\"")
        cursor[1] = UInt8(ascii: ":")
        cursor[2] = UInt8(ascii: " ")
        count = cursor + 3 - base
        level.written += 1
    }

    /// Whether any byte of `utf8` would be escaped in a JSON string.
    private static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.contains { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }

    /// The next member's key, in an object.
    public func key(_ name: String) {
        beginMember()
        var name = name
        name.withUTF8 { writeKey($0) }
    }

    private func beginMember() {
        assert(level.container == .object, "a key outside an object")
        append(level.written > 0 ? ",\n" : "\n")
        writeSpaces(level.indent + 2)
        level.written += 1
    }

    private func writeKey(_ utf8: UnsafeBufferPointer<UInt8>) {
        level.keyStart = count + 1
        writeString(utf8)
        level.keyEnd = count - 1
        append(": ")
    }

    // MARK: - Values

    /// `null`.
    public func null() {
        beginValue()
        append("null")
    }

    /// `true` or `false`.
    public func bool(_ flag: Bool) {
        beginValue()
        append(flag ? "true" : "false")
    }

    /// A string.
    public func string(_ text: String) {
        beginValue()
        var text = text
        text.withUTF8 { writeString($0) }
    }

    /// The string at `index` of `strings`, escaped when `strings` was made.
    public func string(_ strings: JSONStrings, at index: Int) {
        beginValue()
        let range = strings.ranges[index]
        // Eight bytes at a time: `strings` has eight bytes to spare after its last string,
        // and the buffer eight after `range.count`; `count` moves on by `range.count` only.
        reserve(range.count + 8)
        strings.bytes.withUnsafeBytes { source in
            guard let start = source.baseAddress else { return }
            let from = start + range.lowerBound, to = UnsafeMutableRawPointer(base + count)
            var offset = 0
            while offset < range.count {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
        }
        count += range.count
    }

    /// An integer.
    public func int(_ value: Int) {
        beginValue()
        writeInteger(value)
    }

    /// A time, size or rate, as ``JSONValue/measured(_:)`` writes it.
    public func measured(_ value: Double) {
        beginValue()
        let (number, exactInt) = JSONValue.measuredParts(value)
        writeNumber(number, exactInt: exactInt)
    }

    /// A number that reads back bit for bit, as ``JSONValue/exact(_:)`` writes it.
    public func exact(_ value: Double) {
        beginValue()
        writeNumber(value, exactInt: JSONValue.exactInteger(value))
    }

    /// A number as ``JSONValue/rounded(_:)`` writes it: `null`, without complaint, when it
    /// is not finite.
    public func rounded(_ value: Double) {
        guard value.isFinite else { return null() }
        measured(value)
    }

    /// A tree, laid out as the writer lays out what it streams.
    public func value(_ tree: JSONValue) {
        switch tree {
        case .null: null()
        case let .bool(flag): bool(flag)
        case let .number(number, exactInt):
            beginValue()
            writeNumber(number, exactInt: exactInt)
        case let .string(text): string(text)
        case let .array(elements):
            if elements.allSatisfy(\.isScalar) {
                inlineArray { for element in elements { value(element) } }
            } else {
                array { for element in elements { value(element) } }
            }
        case let .object(members):
            object {
                for member in members {
                    self.key(member.key)
                    self.value(member.value)
                }
            }
        }
    }

    /// The member `key` holding the string `text`.
    public func string(_ key: StaticString, _ text: String) {
        self.key(key)
        string(text)
    }

    /// The member `key` holding, on one line, the strings at `indices` of `strings`.
    public func strings(_ key: StaticString, _ strings: JSONStrings, at indices: [Int]) {
        self.key(key)
        strings.bytes.withUnsafeBytes { source in
            append(UInt8(ascii: "["))
            for (position, index) in indices.enumerated() { copy(strings.ranges[index], of: source, separated: position > 0) }
            append(UInt8(ascii: "]"))
        }
    }

    /// The member `key` holding, on one line, the strings of `strings` where `mask` is true.
    public func strings(_ key: StaticString, _ strings: JSONStrings, where mask: [Bool]) {
        self.key(key)
        strings.bytes.withUnsafeBytes { source in
            append(UInt8(ascii: "["))
            var separated = false
            for index in mask.indices where mask[index] {
                copy(strings.ranges[index], of: source, separated: separated)
                separated = true
            }
            append(UInt8(ascii: "]"))
        }
    }

    /// Copies `range` of `source` (a ``JSONStrings``' bytes, eight to spare at the end),
    /// after `", "` when `separated`, eight bytes at a time (the buffer keeps eight to spare;
    /// `count` moves on by the bytes that belong).
    @inline(__always)
    private func copy(_ range: Range<Int>, of source: UnsafeRawBufferPointer, separated: Bool) {
        guard let start = source.baseAddress else { return }
        reserve(range.count + 10)
        if separated {
            base[count] = UInt8(ascii: ",")
            base[count + 1] = UInt8(ascii: " ")
            count += 2
        }
        let from = start + range.lowerBound, to = UnsafeMutableRawPointer(base + count)
        var offset = 0
        while offset < range.count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        count += range.count
    }

    /// The member `key` holding the string at `index` of `strings`.
    public func string(_ key: StaticString, _ strings: JSONStrings, at index: Int) {
        self.key(key)
        string(strings, at: index)
    }

    /// The member `key` holding `value`.
    public func int(_ key: StaticString, _ value: Int) {
        self.key(key)
        int(value)
    }

    /// The member `key` holding `value`, as ``measured(_:)`` writes it.
    public func measured(_ key: StaticString, _ value: Double) {
        self.key(key)
        measured(value)
    }

    /// The member `key` holding `value`, as ``exact(_:)`` writes it.
    public func exact(_ key: StaticString, _ value: Double) {
        self.key(key)
        exact(value)
    }

    /// The member `key` holding `value`, as ``rounded(_:)`` writes it.
    public func rounded(_ key: StaticString, _ value: Double) {
        self.key(key)
        rounded(value)
    }

    /// The member `key` holding `flag`.
    public func bool(_ key: StaticString, _ flag: Bool) {
        self.key(key)
        bool(flag)
    }

    /// The member `key` holding `null`.
    public func null(_ key: StaticString) {
        self.key(key)
        null()
    }

    // MARK: - Numbers that are not finite

    /// Writes `null` for a number that is not finite, and notes the path of the first.
    private func writeNonFinite() {
        if nonFinitePath == nil { nonFinitePath = currentPath() }
        append("null")
    }

    /// The path of the value being written: each open container's current key or index.
    private func currentPath() -> String {
        var path = ""
        for open in outer.dropFirst() + [level] {
            switch open.container {
            case .root: break
            case .object:
                let key = unescaped(from: open.keyStart, to: open.keyEnd)
                path = path.isEmpty ? key : "\(path).\(key)"
            case .array, .inlineArray:
                path += "[\(open.written - 1)]"
            }
        }
        return path
    }

    /// The text of the escaped string in the buffer from `start` to `end`.
    private func unescaped(from start: Int, to end: Int) -> String {
        var text: [UInt8] = []
        var index = start
        while index < end {
            let byte = base[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < end else {
                text.append(byte)
                continue
            }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                // Four hex digits: every scalar escaped this way is below U+10000.
                var value: UInt32 = 0
                for _ in 0..<4 where index < end {
                    value = value << 4 | Self.hexValue(base[index])
                    index += 1
                }
                text += Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
            default: text.append(escape)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The value of a lowercase hex digit the writer wrote.
    private static func hexValue(_ byte: UInt8) -> UInt32 {
        byte >= UInt8(ascii: "a") ? UInt32(byte - UInt8(ascii: "a") + 10) : UInt32(byte &- UInt8(ascii: "0"))
    }

    // MARK: - Bytes

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
    private func writeInteger(_ value: Int) {
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

    /// A number: `exactInt` when there is one, else `value`.
    private func writeNumber(_ value: Double, exactInt: Int?) {
        if let exactInt { return writeInteger(exactInt) }
        guard value.isFinite else { return writeNonFinite() }
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

    /// The UTF-8 text `utf8` as a JSON string.
    fileprivate func writeString(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(UInt8(ascii: "\""))
        if let start = utf8.baseAddress {
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
