import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the dashboard cannot run on this terminal.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard output (or input, with no `/dev/tty` to fall back on) is not a terminal.
    case notATerminal
    /// `TERM` is unset or empty.
    case termUnset
    /// `TERM` names a terminal that cannot move the cursor, such as `dumb`.
    case cannotAddressCursor(term: String)
    /// `TERM` is not in the terminfo database (or is a generic type).
    case unknownTerminal(term: String)
    /// No terminfo database was found at all.
    case noTerminfoDatabase(term: String)
    /// ncurses refused to start.
    case startFailed(term: String)

    /// What is wrong, as a sentence.
    public var reason: String {
        switch self {
        case .notATerminal: "the dashboard needs a terminal on standard input and output"
        case .termUnset: "TERM is not set, so the terminal's abilities are unknown"
        case .cannotAddressCursor(let term): "the terminal type \"\(term)\" (TERM) cannot move the cursor, so it cannot show the dashboard"
        case .unknownTerminal(let term): "the terminal type \"\(term)\" (TERM) is unknown to terminfo or too limited for the dashboard"
        case .noTerminfoDatabase(let term): "no terminfo database was found to look up the terminal type \"\(term)\" (TERM)"
        case .startFailed(let term): "ncurses could not start on the terminal type \"\(term)\" (TERM)"
        }
    }

    /// What is wrong and what to do instead.
    public var description: String {
        let text = "use `offload schedule FILE` for the plan as text"
        switch self {
        case .termUnset, .unknownTerminal: return "\(reason); set TERM to your terminal's type (for example xterm-256color) or \(text)"
        case .noTerminfoDatabase: return "\(reason); install ncurses-base or \(text)"
        default: return "\(reason); \(text)"
        }
    }
}

/// What a terminal can do, found before curses starts.
public struct TerminalCapabilities: Sendable, Equatable {
    /// The terminal type (`TERM`).
    public var name: String
    /// The terminfo `colors` capability; -1 when absent.
    public var colors: Int
}

/// Checks the terminal before curses starts, so that a terminal the dashboard cannot use
/// gives a message instead of a garbled screen (`initscr` would exit the process).
public enum TerminalProbe {
    /// Whether standard input and standard output are both terminals.
    public static var standardStreamsAreTerminals: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Checks `term` (by default `$TERM`) against terminfo for the terminal on `fd`.
    public static func check(term: String? = environment("TERM"), fd: Int32 = STDOUT_FILENO) -> Result<TerminalCapabilities, TerminalError> {
        guard isatty(fd) == 1 else { return .failure(.notATerminal) }
        guard let term, !term.isEmpty else { return .failure(.termUnset) }
        if term == "dumb" { return .failure(.cannotAddressCursor(term: term)) }
        var colors: Int32 = -1
        var addressable: Int32 = 0
        switch offload_probe_terminal(term, fd, &colors, &addressable) {
        case 1:
            if addressable == 0 { return .failure(.cannotAddressCursor(term: term)) }
            return .success(TerminalCapabilities(name: term, colors: Int(colors)))
        case -1: return .failure(.noTerminfoDatabase(term: term))
        default: return .failure(.unknownTerminal(term: term))
        }
    }

    /// How to draw on `terminal`, which `check` accepted: adopts the user's locale
    /// (`setlocale(LC_ALL, "")`, which the wide-character API needs) and hands this
    /// process's environment, the codeset adopted and terminfo to `TerminalSetup.detect`.
    public static func setup(for terminal: TerminalCapabilities, fd: Int32 = STDOUT_FILENO) -> TerminalSetup {
        _ = setlocale(LC_ALL, "")
        let codeset = offload_codeset().map { String(cString: $0) }
        var values: [String: String] = [:]
        for name in TerminalSetup.environmentNames { values[name] = environment(name) }
        values["TERM"] = terminal.name
        return TerminalSetup.detect(environment: values, codeset: codeset) { name in
            name == terminal.name ? terminal.colors : colors(of: name, fd: fd)
        }
    }

    /// The terminfo `colors` of the entry `name` (-1 when absent); nil when there is no such entry.
    static func colors(of name: String, fd: Int32) -> Int? {
        guard !name.isEmpty else { return nil }
        var colors: Int32 = -1
        var addressable: Int32 = 0
        return offload_probe_terminal(name, fd, &colors, &addressable) == 1 ? Int(colors) : nil
    }

    /// An environment variable, or nil when unset.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
