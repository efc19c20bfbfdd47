/// Text from files (names, ids, paths) made safe to show on a terminal.
///
/// A scenario is untrusted input: a job id holding a newline would split a one-line error
/// message, and one holding ESC could drive the terminal. Every name that reaches a
/// terminal — text output, error messages, warnings, the dashboard — goes through
/// ``escaped(_:)`` (docs/FORMATS.md, "Names on a terminal"). JSON output keeps names as
/// they are: its writer escapes them as JSON requires.
public enum TerminalText {
    /// `text` with every control character written as an escape: `\n`, `\r`, `\t`, and
    /// `\u001b` (four lowercase hex digits) for the rest of C0 (U+0000–U+001F), DEL (U+007F),
    /// C1 (U+0080–U+009F), the bidirectional controls (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028,
    /// U+2029). Other text, backslashes included, is unchanged; the result holds no
    /// character that needs escaping, so escaping twice changes nothing.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out
    }

    /// Whether `scalar` is shown escaped by ``escaped(_:)``.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
