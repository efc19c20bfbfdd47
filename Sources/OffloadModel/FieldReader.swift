/// Reads the fields of one JSON object, turning every violation into an
/// `InputError` that names the file, the object and the field.
struct FieldReader {
    let members: [(key: String, value: JSONValue)]
    let file: String
    let location: String?

    init(_ value: JSONValue, file: String, location: String?, what: String) throws(InputError) {
        guard case let .object(members) = value else {
            throw InputError(file: file, location: location, message: "\(what) must be an object, found \(value.kindName)")
        }
        self.members = members
        self.file = file
        self.location = location
    }

    func fail(_ message: String) -> InputError {
        InputError(file: file, location: location, message: message)
    }

    func value(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    private func required(_ key: String, _ expectation: String) throws(InputError) -> JSONValue {
        guard let value = value(key) else { throw fail("missing required field \"\(key)\" (\(expectation))") }
        return value
    }

    /// A non-empty string of at most `Limits.nameLength` characters.
    func name(_ key: String) throws(InputError) -> String {
        try checkedName(required(key, "a non-empty string"), key: key)
    }

    private func checkedName(_ value: JSONValue, key: String) throws(InputError) -> String {
        guard case let .string(text) = value else { throw fail("\(key) must be a string, found \(value.kindName)") }
        if text.isEmpty { throw fail("\(key) must not be empty") }
        if text.count > Limits.nameLength {
            throw fail("\(key) is \(text.count) characters long; the limit is \(Limits.nameLength)")
        }
        return text
    }

    /// A non-empty path of at most `Limits.pathLength` characters (a job's `model`).
    func path(_ key: String) throws(InputError) -> String {
        let value = try required(key, "the path of a file")
        guard case let .string(text) = value else { throw fail("\(key) must be the path of a file (a string), found \(value.kindName)") }
        if text.isEmpty { throw fail("\(key) must be the path of a file, found an empty string") }
        if text.count > Limits.pathLength {
            throw fail("\(key) is \(text.count) characters long; the limit is \(Limits.pathLength)")
        }
        return text
    }

    /// Any string (descriptions); nil when absent.
    func optionalText(_ key: String) throws(InputError) -> String? {
        guard let value = value(key), value != .null else { return nil }
        guard case let .string(text) = value else { throw fail("\(key) must be a string, found \(value.kindName)") }
        return text
    }

    /// A required number that `rule` accepts.
    func number(_ key: String, rule: NumberRule) throws(InputError) -> Double {
        try number(required(key, rule.phrase), key: key, rule: rule)
    }

    func optionalNumber(_ key: String, rule: NumberRule) throws(InputError) -> Double? {
        guard let value = value(key) else { return nil }
        return try number(value, key: key, rule: rule)
    }

    func number(_ value: JSONValue, key: String, rule: NumberRule) throws(InputError) -> Double {
        guard case let .number(number, _) = value else {
            throw fail("\(key) must be \(rule.phrase), found \(value.kindName)")
        }
        if let expected = rule.expectation(for: number) { throw fail("\(key) must be \(expected), found \(formatFound(number))") }
        return number
    }

    /// An integer from `minimum` to `maximum`, or nil when absent.
    func optionalInteger(_ key: String, minimum: Int, maximum: Int = Int.max) throws(InputError) -> Int? {
        guard let value = value(key) else { return nil }
        return try integer(value, key: key, minimum: minimum, maximum: maximum)
    }

    /// A required integer from `minimum` to `maximum`.
    func integer(_ key: String, minimum: Int, maximum: Int = Int.max) throws(InputError) -> Int {
        let phrase = maximum == Int.max ? "an integer >= \(minimum)" : "an integer from \(minimum) to \(maximum)"
        return try integer(required(key, phrase), key: key, minimum: minimum, maximum: maximum)
    }

    private func integer(_ value: JSONValue, key: String, minimum: Int, maximum: Int) throws(InputError) -> Int {
        let phrase = maximum == Int.max ? "an integer >= \(minimum)" : "an integer from \(minimum) to \(maximum)"
        guard case let .number(number, exact) = value else { throw fail("\(key) must be \(phrase), found \(value.kindName)") }
        let integer: Int
        if let exact {
            integer = exact
        } else if number.isFinite, number == number.rounded(), abs(number) < 9e15 {
            integer = Int(number)
        } else if number.isFinite, number == number.rounded(), number > Double(maximum), maximum != Int.max {
            throw fail("\(key) is \(formatFound(number)); the limit is \(maximum)")
        } else {
            throw fail("\(key) must be \(phrase), found \(formatFound(number))")
        }
        guard integer >= minimum, integer <= maximum else {
            if integer > maximum && maximum != Int.max {
                throw fail("\(key) is \(integer); the limit is \(maximum)")
            }
            throw fail("\(key) must be \(phrase), found \(integer)")
        }
        return integer
    }

    /// An array of names (each a non-empty string of at most `Limits.nameLength` characters).
    func names(_ key: String) throws(InputError) -> [String] {
        let value = try required(key, "an array of names")
        guard case let .array(elements) = value else { throw fail("\(key) must be an array of names, found \(value.kindName)") }
        var names: [String] = []
        names.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case let .string(name) = element, !name.isEmpty else {
                let found = element == .string("") ? "an empty string" : element.kindName
                throw fail("\(key)[\(index)] must be a non-empty string, found \(found)")
            }
            if name.count > Limits.nameLength {
                throw fail("\(key)[\(index)] is \(name.count) characters long; the limit is \(Limits.nameLength)")
            }
            names.append(name)
        }
        return names
    }

    /// The elements of a required array.
    func array(_ key: String, of what: String) throws(InputError) -> [JSONValue] {
        let value = try required(key, "an array of \(what)")
        guard case let .array(elements) = value else { throw fail("\(key) must be an array of \(what), found \(value.kindName)") }
        return elements
    }
}

/// What a number field accepts: finite, >= 0 or > 0, and within the documented limits.
struct NumberRule: Sendable {
    /// Whether 0 is accepted; otherwise the number must be > 0.
    var allowsZero: Bool
    /// The limits beyond the sign (docs/FORMATS.md §4), or nil for any finite number.
    var limits: ClosedRange<Double>?

    /// Any finite number >= 0.
    static let nonNegative = NumberRule(allowsZero: true, limits: nil)
    /// A time in ms: a layer's `deviceMs` or `cloudMs`, the `latencyMs`.
    static let duration = NumberRule(allowsZero: true, limits: 0...Limits.maximumMs)
    /// A speed factor, the bandwidth or a trace's rate.
    static let rate = NumberRule(allowsZero: false, limits: Limits.rates)

    /// The expectation in words, as in "deviceMs must be a finite number >= 0".
    var phrase: String { allowsZero ? "a finite number >= 0" : "a finite number > 0" }

    /// What `value` should have been, or nil when the rule accepts it.
    func expectation(for value: Double) -> String? {
        guard value.isFinite, allowsZero ? value >= 0 : value > 0 else { return phrase }
        if let limits, !limits.contains(value) {
            return "a number from \(formatLimit(limits.lowerBound)) to \(formatLimit(limits.upperBound))"
        }
        return nil
    }
}

/// A limit written out in digits: `0.000001`, `1000000000`.
func formatLimit(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    var decimals = 0
    var scaled = value
    while decimals < 15, abs(scaled - scaled.rounded()) > 1e-9 * abs(scaled) {
        scaled *= 10
        decimals += 1
    }
    let digits = String(Int(scaled.rounded()))
    guard digits.count <= decimals else {
        return String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals))
    }
    return "0." + String(repeating: "0", count: decimals - digits.count) + digits
}

/// A number as a user wrote it, near enough: `-1`, `0.5`, `a number too large to represent`.
func formatFound(_ value: Double) -> String {
    if value.isNaN { return "not a number" }
    if value.isInfinite { return "a number too large to represent" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
