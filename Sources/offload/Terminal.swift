#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the command runs in.
enum Terminal {
    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard input is a terminal.
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The width to fit text output to: the terminal's, else `$COLUMNS`, else 100.
    static var width: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 100
    }

    /// Whether text output may use ANSI colours: `NO_COLOR` is unset or empty (no-color.org)
    /// and `TERM` is not `dumb`.
    static var colourAllowed: Bool {
        if let noColour = getenv("NO_COLOR"), !String(cString: noColour).isEmpty { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// Writes `text` to standard error.
    static func printError(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        let bytes = Array(line.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if result <= 0 { return }
            written += result
        }
    }
}
