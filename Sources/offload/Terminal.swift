#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OffloadModel
import OffloadReport

/// Facts about the terminal the command runs in.
enum Terminal {
    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard input is a terminal.
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The width to fit text output to when `--width` is not given: the terminal's when
    /// standard output is one, else `$COLUMNS`, else 100; always within 20–10,000
    /// (`TextWidth.range`, README "Commands").
    static var width: Int {
        var size = winsize()
        var found = 100
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            found = Int(size.ws_col)
        } else if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 {
            found = columns
        }
        return min(max(found, TextWidth.range.lowerBound), TextWidth.range.upperBound)
    }

    /// Writes `text` to standard error, each line's control characters escaped
    /// (`TerminalText`), so that nothing from a file reaches the terminal raw.
    static func printError(_ text: String) {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let line = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.escaped(String($0)) }.joined(separator: "\n") + "\n"
        let bytes = Array(line.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if result <= 0 { return }
            written += result
        }
    }
}
