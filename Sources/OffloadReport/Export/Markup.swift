/// Escaping text for the exported formats.
public enum Markup {
    /// `text` safe inside XML or HTML text and attribute values: `& < > " '` as entities,
    /// control characters (which XML 1.0 forbids) as U+FFFD.
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                out.unicodeScalars.append(isControl(value) || value == 0xFFFE || value == 0xFFFF ? replacement : scalar)
            }
        }
        return out
    }

    /// `text` safe to print on a terminal: control characters (which could move the cursor
    /// or change colours) as U+FFFD.
    public static func plain(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isControl(scalar.value) ? replacement : scalar) }
        return String(out)
    }

    /// What a control character becomes.
    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// C0 and C1 control characters and DEL.
    private static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
    }

    /// `text` safe as a Mermaid gantt task or section name: the characters Mermaid reads as
    /// syntax (`:` `;` `#` and line breaks) and control characters become spaces or look-alikes.
    public static func mermaid(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case ":": out += "\u{2236}"  // RATIO, looks like a colon
            case ";": out += ","
            case "#": out += "\u{266F}"  // MUSIC SHARP SIGN
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || value == 0x2028 || value == 0x2029 {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        var trimmed = Substring(out)
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? "-" : String(trimmed)
    }

    /// A coordinate for SVG: at most two decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = NumberFormat.fixed(rounded, decimals: 2).filter { $0 != "," }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
