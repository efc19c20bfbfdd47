/// A key that a file's object holds but the format does not define (docs/FORMATS.md,
/// "Unknown keys"): ignored, and reported so that a typo does not pass unseen.
public struct UnknownKeyWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Where in the file: `environment`, `job "cam"`, `layer "fc"`; nil for the top level.
    public var location: String?
    /// The key as written.
    public var key: String
    /// A known key of that object close to `key` (`bandwidthMbps` for `bandwidth`), if any.
    public var suggestion: String?

    public init(file: String, location: String?, key: String, suggestion: String?) {
        self.file = file
        self.location = location
        self.key = key
        self.suggestion = suggestion
    }

    /// `s.json: environment: unknown key "bandwidth" (ignored); did you mean "bandwidthMbps"?`,
    /// control characters escaped (``TerminalText``).
    public var description: String {
        TerminalText.escaped([file, location, message(ignored: true)].compactMap { $0 }.joined(separator: ": "))
    }

    /// `unknown key "bandwidth" (ignored); did you mean "bandwidthMbps"?`.
    func message(ignored: Bool) -> String {
        "unknown key \"\(key)\"" + (ignored ? " (ignored)" : "") + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
    }
}

/// Collects the unknown keys met while decoding files, or, when `strict`, refuses the
/// first one as an error. Decoders given no log ignore unknown keys silently.
public final class KeyWarnings {
    /// Whether an unknown key is an error (`--strict`) rather than a warning.
    public let strict: Bool
    /// The unknown keys met so far, in the order they were read.
    public private(set) var warnings: [UnknownKeyWarning] = []

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// Records `warning`, or throws it as an error when strict.
    func report(_ warning: UnknownKeyWarning) throws(InputError) {
        if strict {
            throw InputError(file: warning.file, location: warning.location,
                             message: warning.message(ignored: false) + " (--strict refuses unknown keys)")
        }
        warnings.append(warning)
    }

    /// Drops the warnings collected so far and returns them.
    public func take() -> [UnknownKeyWarning] {
        defer { warnings = [] }
        return warnings
    }
}

/// Suggests the known key a misspelt one was probably meant to be.
public enum KeySuggestion {
    /// The closest of `known` to `key`: equal ignoring case; else one starting with `key`
    /// (or `key` starting with it), at least three characters shared (`bandwidth` →
    /// `bandwidthMbps`); else within an edit distance of 2 — 1 for keys of up to four
    /// characters — counting a swap of neighbours as one edit (`cuont` → `count`). Nil when
    /// none is close.
    public static func closest(to key: String, among known: [String]) -> String? {
        let lower = key.lowercased()
        if let same = known.first(where: { $0.lowercased() == lower }) { return same }
        let prefixed = known.filter { candidate in
            let other = candidate.lowercased()
            return min(other.count, lower.count) >= 3 && (other.hasPrefix(lower) || lower.hasPrefix(other))
        }
        if let nearest = prefixed.min(by: { abs($0.count - key.count) < abs($1.count - key.count) }) { return nearest }
        let limit = key.count <= 4 ? 1 : 2
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(lower, candidate.lowercased())
            if distance <= limit && distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// The optimal string alignment distance: insertions, deletions, substitutions and
    /// swaps of two neighbouring characters each cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

extension FieldReader {
    /// Reports every key of this object that is not in `known` to `log` (nothing without one).
    func reportUnknownKeys(known: [String], to log: KeyWarnings?) throws(InputError) {
        guard let log else { return }
        for member in members where !known.contains(member.key) {
            try log.report(UnknownKeyWarning(file: file, location: location, key: member.key,
                                             suggestion: KeySuggestion.closest(to: member.key, among: known)))
        }
    }
}
