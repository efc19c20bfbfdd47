/// How the dashboard draws on this terminal: the terminfo entry curses starts with, the
/// colours it uses and whether it draws Unicode. `detect` is the one place that decides
/// it (docs/FORMATS.md, "Colours and characters"), from values alone, so that tests feed
/// it environments; `TerminalProbe.setup` feeds it this process's.
public struct TerminalSetup: Sendable, Equatable {
    /// The terminfo entry to start curses with: `TERM`, or its family's direct-colour
    /// entry (`xterm-direct` for `xterm-256color`) when `COLORTERM` asks for 24-bit colour.
    public var term: String
    /// The colours the driver sends.
    public var colorDepth: ColorDepth
    /// Whether to draw box-drawing, block and arrow characters (else ASCII only).
    public var unicode: Bool

    public init(term: String, colorDepth: ColorDepth, unicode: Bool) {
        self.term = term
        self.colorDepth = colorDepth
        self.unicode = unicode
    }

    /// The environment variables `detect` reads.
    public static let environmentNames = ["TERM", "COLORTERM", "NO_COLOR", "LC_ALL", "LC_CTYPE", "LANG"]

    /// The theme's colours as the dashboard reduces them for `colorDepth`.
    public var colorMode: ColorMode {
        switch colorDepth {
        case .none: .none
        case .eight, .sixteen: .basic8
        case .palette256: .palette256
        case .direct: .full
        }
    }

    /// Decides how to draw:
    /// - no colour when `NO_COLOR` is set to anything non-empty (no-color.org) or the
    ///   terminal (`TERM`'s terminfo `colors`, from `terminfoColors`) has fewer than 8;
    /// - 24-bit colour when `COLORTERM` is `truecolor` or `24bit` and curses can send it:
    ///   `TERM` is a direct-colour entry, or its family has one (`NAME-direct`, where NAME
    ///   is `TERM` up to its first `-`); else, and without `COLORTERM`, what terminfo's
    ///   count says (a direct-colour `TERM` such as `xterm-direct` gives 24-bit too);
    /// - Unicode when the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set and not
    ///   empty names UTF-8, and the C library adopted a UTF-8 `codeset` for it (an
    ///   uninstalled locale falls back to ASCII).
    ///
    /// `terminfoColors` answers a terminfo entry's `colors` (-1 when absent), nil when the
    /// entry does not exist.
    public static func detect(environment: [String: String], codeset: String?, terminfoColors: (String) -> Int?) -> TerminalSetup {
        let term = environment["TERM"] ?? ""
        let unicode = localeIsUTF8(environment) && codeset.map(isUTF8) == true
        let colors = terminfoColors(term) ?? -1
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return TerminalSetup(term: term, colorDepth: .none, unicode: unicode)
        }
        let depth = ColorDepth(colors: colors)
        if depth != .none, depth != .direct, let colorTerm = environment["COLORTERM"]?.lowercased(), colorTerm == "truecolor" || colorTerm == "24bit" {
            let direct = (term.split(separator: "-").first.map(String.init) ?? term) + "-direct"
            if direct != term, let count = terminfoColors(direct), ColorDepth(colors: count) == .direct {
                return TerminalSetup(term: direct, colorDepth: .direct, unicode: unicode)
            }
        }
        return TerminalSetup(term: term, colorDepth: depth, unicode: unicode)
    }

    /// Whether the locale the variables name is UTF-8 (`…UTF-8`, `…utf8`).
    private static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[name], !value.isEmpty { return isUTF8(value) }
        }
        return false
    }

    private static func isUTF8(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }
}

extension DashboardOptions {
    /// Draws as `setup` says: its colours and characters.
    public mutating func adopt(_ setup: TerminalSetup) {
        colorMode = setup.colorMode
        unicode = setup.unicode
    }
}
