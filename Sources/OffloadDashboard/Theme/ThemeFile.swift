import OffloadModel

/// Reads `.theme` files: one `key = value` per line (docs/FORMATS.md, "Theme files").
///
/// Keys are the `ThemeRole` names and `job1`, `job2`, …; a value is `#rrggbb`, a
/// 256-colour index `0`–`255`, or `default` (the terminal's own colour). Blank lines and
/// lines starting with `#` are ignored. A role the file leaves out keeps the built-in
/// default theme's colour; a file that lists any `jobN` replaces the whole job palette.
enum ThemeFile {
    /// The largest job palette a file may define.
    static let maximumJobColours = 64

    /// Parses `text` (the contents of `file`) into a theme named `name`.
    static func parse(_ text: String, name: String, file: String, base: Theme = BuiltinTheme.dark) throws(InputError) -> Theme {
        var colours = base.colours
        var jobs: [Int: TerminalColor] = [:]
        var seen: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let location = "line \(lineNumber)"
            guard let equals = line.firstIndex(of: "=") else {
                throw InputError(file: file, location: location, message: "expected key = value, found \"\(line.prefix(40))\"")
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            if let first = seen[key] {
                throw InputError(file: file, location: location, message: "\"\(key)\" is set twice (first on line \(first))")
            }
            seen[key] = lineNumber
            let colour = try parseColour(value, key: key, file: file, location: location)
            if let role = ThemeRole(rawValue: key) {
                colours[role] = colour
            } else if key.hasPrefix("job"), let number = Int(key.dropFirst(3)), number >= 1, number <= maximumJobColours,
                      key.dropFirst(3).allSatisfy(\.isASCIIDigit) {
                jobs[number] = colour
            } else {
                throw InputError(file: file, location: location,
                                 message: "unknown key \"\(key.prefix(40))\"; expected one of \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")), or job1 … job\(maximumJobColours)")
            }
        }
        var palette = base.jobs
        if let highest = jobs.keys.max() {
            palette = []
            for number in 1...highest {
                guard let colour = jobs[number] else {
                    throw InputError(file: file, message: "job\(number) is missing: job colours must run from job1 to job\(highest) without a gap")
                }
                palette.append(colour)
            }
        }
        return Theme(name: name, colours: colours, jobs: palette)
    }

    /// `#rrggbb`, `0`–`255` or `default`.
    static func parseColour(_ value: String, key: String, file: String, location: String) throws(InputError) -> TerminalColor {
        if value == "default" { return .terminalDefault }
        if value.hasPrefix("#") {
            let hex = value.dropFirst()
            if hex.count == 6, let number = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit) {
                return .rgb(red: UInt8((number >> 16) & 0xFF), green: UInt8((number >> 8) & 0xFF), blue: UInt8(number & 0xFF))
            }
        } else if !value.isEmpty, value.count <= 3, value.allSatisfy(\.isASCIIDigit), let index = Int(value), index <= 255 {
            return .palette(UInt8(index))
        }
        throw InputError(file: file, location: location,
                         message: "\(key): \"\(value.prefix(40))\" is not a colour; expected #rrggbb, a 256-colour index 0-255, or default")
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
