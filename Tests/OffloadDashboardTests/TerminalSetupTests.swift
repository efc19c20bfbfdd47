import Testing
@testable import OffloadDashboard

/// `TerminalSetup.detect`, the one decision the binary makes about colour and characters,
/// fed environments and terminfo databases as values.
@Suite struct TerminalSetupTests {
    /// A terminfo database: entry name to its `colors`.
    static let terminfo: [String: Int] = ["xterm-256color": 256, "xterm-direct": 0x1000000, "xterm": 8, "xterm-mono": -1,
                                         "linux": 8, "tmux-256color": 256, "rxvt-88color": 88]

    static func detect(_ environment: [String: String], codeset: String? = "UTF-8", terminfo: [String: Int] = terminfo) -> TerminalSetup {
        TerminalSetup.detect(environment: environment, codeset: codeset) { terminfo[$0] }
    }

    static let utf8 = ["LANG": "en_GB.UTF-8"]

    @Test func theTerminfoCountDecidesWithoutColorterm() {
        let cases: [(String, ColorDepth, ColorMode)] = [
            ("xterm-256color", .palette256, .palette256), ("xterm", .eight, .basic8), ("rxvt-88color", .sixteen, .basic8),
            ("xterm-mono", .none, .none), ("xterm-direct", .direct, .full), ("no-such-terminal", .none, .none),
        ]
        for (term, depth, mode) in cases {
            let setup = Self.detect(Self.utf8.merging(["TERM": term]) { $1 })
            #expect(setup.term == term)
            #expect(setup.colorDepth == depth, "\(term)")
            #expect(setup.colorMode == mode, "\(term)")
        }
    }

    @Test func colortermAsksForTheFamilysDirectColourEntry() {
        for value in ["truecolor", "24bit", "TrueColor"] {
            let setup = Self.detect(["TERM": "xterm-256color", "COLORTERM": value])
            #expect(setup == TerminalSetup(term: "xterm-direct", colorDepth: .direct, unicode: false))
            #expect(setup.colorMode == .full)
        }
        // Any other value, or a family without a direct-colour entry, keeps what terminfo says.
        #expect(Self.detect(["TERM": "xterm-256color", "COLORTERM": "yes"]).colorDepth == .palette256)
        let tmux = Self.detect(["TERM": "tmux-256color", "COLORTERM": "truecolor"])
        #expect(tmux.term == "tmux-256color")
        #expect(tmux.colorDepth == .palette256)
        #expect(Self.detect(["TERM": "xterm-256color", "COLORTERM": "truecolor"], terminfo: ["xterm-256color": 256]).term == "xterm-256color")
        // Already direct: TERM stays.
        #expect(Self.detect(["TERM": "xterm-direct", "COLORTERM": "truecolor"]).term == "xterm-direct")
        // A terminal without colour gets none, whatever COLORTERM says.
        #expect(Self.detect(["TERM": "xterm-mono", "COLORTERM": "24bit"]).colorDepth == .none)
    }

    @Test func noColorTurnsColourOffWhenNotEmpty() {
        for term in ["xterm", "xterm-256color", "xterm-direct"] {
            let setup = Self.detect(["TERM": term, "COLORTERM": "truecolor", "NO_COLOR": "1"])
            #expect(setup.colorDepth == .none)
            #expect(setup.term == term)
        }
        #expect(Self.detect(["TERM": "xterm-256color", "NO_COLOR": ""]).colorDepth == .palette256)
    }

    @Test func theLocaleVariablesInTheCLibrarysOrder() {
        let cases: [([String: String], Bool)] = [
            (["LANG": "en_GB.UTF-8"], true), (["LC_ALL": "C.utf8", "LANG": "C"], true),
            (["LC_ALL": "C", "LANG": "en_GB.UTF-8"], false), (["LC_CTYPE": "en_US.UTF-8", "LANG": "C"], true),
            (["LC_ALL": "", "LC_CTYPE": "", "LANG": "POSIX"], false), (["LC_ALL": "", "LANG": "de_DE.utf8"], true), ([:], false),
        ]
        for (environment, unicode) in cases {
            #expect(Self.detect(environment.merging(["TERM": "xterm"]) { $1 }).unicode == unicode, "\(environment)")
        }
        // The variables say UTF-8, but the C library could not adopt the locale.
        #expect(!Self.detect(["TERM": "xterm", "LANG": "xx_XX.UTF-8"], codeset: "ANSI_X3.4-1968").unicode)
        #expect(!Self.detect(["TERM": "xterm", "LANG": "en_GB.UTF-8"], codeset: nil).unicode)
        #expect(Self.detect(["TERM": "xterm", "LANG": "en_GB.UTF-8"], codeset: "utf8").unicode)
    }

    @Test func optionsAndDriverTakeTheDecision() {
        let setup = Self.detect(["TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C"])
        var options = DashboardOptions()
        options.adopt(setup)
        #expect(options.colorMode == .full)
        #expect(!options.unicode)
        #expect(TerminalDriver.Configuration(setup) == TerminalDriver.Configuration(term: "xterm-direct", colorDepth: .direct, unicode: false))
    }
}
