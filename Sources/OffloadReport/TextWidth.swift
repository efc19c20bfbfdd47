import OffloadModel

/// Text output bounded to a width, with names safe for a terminal.
public enum TextWidth {
    /// The narrowest and widest text output (`--width`).
    public static let range = 20...10_000

    /// `text` with every line at most `width` characters (``range`` bounds `width`) and
    /// its control characters escaped (``TerminalText``): a longer line is broken at its
    /// last space that fits (anywhere when it has none), and continues on the next line
    /// indented by two spaces. The line structure of `text` is kept, trailing newline included.
    public static func bounded(_ text: String, width: Int) -> String {
        let width = min(max(width, range.lowerBound), range.upperBound)
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Array(TerminalText.escaped(String(line)))
            var prefix: [Character] = []
            while prefix.count + rest.count > width {
                let room = width - prefix.count
                let cut = rest[1...room].lastIndex(of: " ") ?? room
                var head = rest[..<cut]
                while head.last == " " { head = head.dropLast() }
                out.append(String(prefix + head))
                rest = Array(rest[cut...].drop { $0 == " " })
                prefix = [" ", " "]
            }
            if !rest.isEmpty || prefix.isEmpty { out.append(String(prefix + rest)) }
        }
        return out.joined(separator: "\n")
    }

    /// `name` escaped (``TerminalText``) and cut to `width` characters, the last one `…`
    /// when cut.
    public static func clipped(_ name: String, to width: Int) -> String {
        let safe = TerminalText.escaped(name)
        guard safe.count > width else { return safe }
        guard width > 1 else { return String(safe.prefix(max(0, width))) }
        return String(safe.prefix(width - 1)) + "…"
    }
}
