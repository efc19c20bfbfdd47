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

    /// `name` escaped (``TerminalText``) and shortened to `width` characters by cutting its
    /// middle, marked `…`, so that both its start and its end stay (`objects-4` at 6 is
    /// `obj…-4`: ids that differ only in their ends stay apart).
    public static func shortened(_ name: String, to width: Int) -> String {
        let safe = Array(TerminalText.escaped(name))
        guard safe.count > width else { return String(safe) }
        guard width > 2 else { return String(safe.prefix(max(0, width))) }
        let tail = (width - 1) / 2
        return String(safe.prefix(width - 1 - tail)) + "…" + String(safe.suffix(tail))
    }
}
