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

    func optionalName(_ key: String) throws(InputError) -> String? {
        guard let value = value(key), value != .null else { return nil }
        return try checkedName(value, key: key)
    }

    private func checkedName(_ value: JSONValue, key: String) throws(InputError) -> String {
        guard case let .string(text) = value else { throw fail("\(key) must be a string, found \(value.kindName)") }
        if text.isEmpty { throw fail("\(key) must not be empty") }
        if text.count > Limits.nameLength {
            throw fail("\(key) is \(text.count) characters long; the limit is \(Limits.nameLength)")
        }
        return text
    }

    /// Any string (descriptions); nil when absent.
    func optionalText(_ key: String) throws(InputError) -> String? {
        guard let value = value(key), value != .null else { return nil }
        guard case let .string(text) = value else { throw fail("\(key) must be a string, found \(value.kindName)") }
        return text
    }

    /// A finite number >= 0.
    func nonNegative(_ key: String) throws(InputError) -> Double {
        try number(required(key, "a finite number >= 0"), key: key, rule: .nonNegative)
    }

    func optionalNumber(_ key: String, rule: NumberRule) throws(InputError) -> Double? {
        guard let value = value(key) else { return nil }
        return try number(value, key: key, rule: rule)
    }

    func number(_ value: JSONValue, key: String, rule: NumberRule) throws(InputError) -> Double {
        guard case let .number(number, _) = value else {
            throw fail("\(key) must be \(rule.phrase), found \(value.kindName)")
        }
        guard rule.accepts(number) else { throw fail("\(key) must be \(rule.phrase), found \(formatFound(number))") }
        return number
    }

    /// An integer >= `minimum`, or nil when absent.
    func optionalInteger(_ key: String, minimum: Int, maximum: Int = Int.max) throws(InputError) -> Int? {
        guard let value = value(key) else { return nil }
        return try integer(value, key: key, minimum: minimum, maximum: maximum)
    }

    func integer(_ key: String, minimum: Int) throws(InputError) -> Int {
        try integer(required(key, "an integer >= \(minimum)"), key: key, minimum: minimum, maximum: Int.max)
    }

    private func integer(_ value: JSONValue, key: String, minimum: Int, maximum: Int) throws(InputError) -> Int {
        let phrase = maximum == Int.max ? "an integer >= \(minimum)" : "an integer from \(minimum) to \(maximum)"
        guard case let .number(number, exact) = value else { throw fail("\(key) must be \(phrase), found \(value.kindName)") }
        let integer: Int
        if let exact {
            integer = exact
        } else if number.isFinite, number == number.rounded(), abs(number) < 9e15 {
            integer = Int(number)
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

    /// An array of non-empty strings.
    func names(_ key: String) throws(InputError) -> [String] {
        let value = try required(key, "an array of names")
        guard case let .array(elements) = value else { throw fail("\(key) must be an array of names, found \(value.kindName)") }
        var names: [String] = []
        names.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case let .string(name) = element, !name.isEmpty else {
                throw fail("\(key)[\(index)] must be a non-empty string, found \(element.kindName)")
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

/// What a number field accepts.
enum NumberRule {
    case nonNegative
    case positive

    var phrase: String {
        switch self {
        case .nonNegative: "a finite number >= 0"
        case .positive: "a finite number > 0"
        }
    }

    func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .nonNegative: return value >= 0
        case .positive: return value > 0
        }
    }
}

/// A number as a user wrote it, near enough: `-1`, `0.5`, `a number too large to represent`.
func formatFound(_ value: Double) -> String {
    if value.isNaN { return "not a number" }
    if value.isInfinite { return "a number too large to represent" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
