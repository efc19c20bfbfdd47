import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard

@Suite struct ThemeTests {
    @Test func theBundledThemesParse() throws {
        let catalog = ThemeCatalog(folder: Fixtures.themes)
        #expect(catalog.names == ["default", "colorblind", "high-contrast", "light", "mono"])
        for name in catalog.names {
            let theme = try catalog.load(name)
            #expect(theme.name == name)
            #expect(name == "mono" || theme.jobs.count >= 8)
        }
    }

    @Test func theDefaultThemeFileIsTheBuiltInOne() throws {
        let file = try ThemeCatalog(folder: Fixtures.themes).load("default")
        #expect(file == BuiltinTheme.dark)
        #expect(BuiltinTheme.dark.colours.count == ThemeRole.allCases.count)
        #expect(try ThemeCatalog(folder: nil).load("default") == BuiltinTheme.dark)
    }

    @Test func theColourblindThemeIsOkabeIto() throws {
        let theme = try ThemeCatalog(folder: Fixtures.themes).load("colorblind")
        let okabeIto: Set<TerminalColor> = [
            .rgb(red: 0xE6, green: 0x9F, blue: 0x00), .rgb(red: 0x56, green: 0xB4, blue: 0xE9), .rgb(red: 0x00, green: 0x9E, blue: 0x73),
            .rgb(red: 0xF0, green: 0xE4, blue: 0x42), .rgb(red: 0x00, green: 0x72, blue: 0xB2), .rgb(red: 0xD5, green: 0x5E, blue: 0x00),
            .rgb(red: 0xCC, green: 0x79, blue: 0xA7), .rgb(red: 0x88, green: 0x88, blue: 0x88),
        ]
        #expect(Set(theme.jobs) == okabeIto)
        // Gains and losses differ in more than red against green: blue against vermillion.
        #expect(theme[.good] == .rgb(red: 0x00, green: 0x72, blue: 0xB2))
        #expect(theme[.bad] == .rgb(red: 0xD5, green: 0x5E, blue: 0x00))
    }

    @Test(arguments: [
        ("bakground = 1", "line 1: unknown key \"bakground\""),
        ("text = #12345", "line 1: text: \"#12345\" is not a colour"),
        ("text = 256", "\"256\" is not a colour"),
        ("text = red", "\"red\" is not a colour"),
        ("text = 1\ntext = 2", "line 2: \"text\" is set twice (first on line 1)"),
        ("job1 = 1\njob3 = 3", "job2 is missing"),
        ("# a comment\n\njust words", "line 3: expected key = value"),
        ("text = #12345g", "line 1: text: \"#12345g\" is not a colour; expected #rrggbb, a 256-colour index 0-255, or default"),
        ("text = -1", "line 1: text: \"-1\" is not a colour"),
        ("text = 0256", "line 1: text: \"0256\" is not a colour"),
        ("text =", "line 1: text: \"\" is not a colour"),
        ("= 12", "line 1: unknown key \"\""),
        ("job0 = 1", "line 1: unknown key \"job0\""),
        ("job65 = 1", "line 1: unknown key \"job65\""),
        ("text = " + String(repeating: "x", count: 100_000), "line 1: text: \"" + String(repeating: "x", count: 40) + "\" is not a colour"),
        (String(repeating: "y", count: 100_000), "line 1: expected key = value, found \"" + String(repeating: "y", count: 40) + "\""),
    ])
    func badThemeFilesSayWhatIsWrong(text: String, expected: String) {
        do {
            _ = try ThemeFile.parse(text, name: "bad", file: "themes/bad.theme")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("themes/bad.theme"))
        }
    }

    /// Long values are cut in messages: a theme's error is one short line however long the file's lines.
    @Test func errorsAboutLongLinesStayShort() {
        do {
            _ = try ThemeFile.parse("text = " + String(repeating: "x", count: 100_000), name: "bad", file: "bad.theme")
        } catch {
            #expect(error.description.count < 200, "\(error.description.count) characters")
        }
    }

    @Test func themeFilesThatCannotBeReadAreRefusedByName() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data([0x74, 0x65, 0x78, 0x74, 0x20, 0x3D, 0x20, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/binary.theme"))
        try FileManager.default.createDirectory(atPath: folder + "/folder.theme", withIntermediateDirectories: true)
        try "".write(toFile: folder + "/empty.theme", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(folder: folder)
        for (name, expected) in [("binary", "/binary.theme: is not UTF-8 text"), ("folder", "/folder.theme: is a folder, not a file")] {
            do {
                _ = try catalog.load(name)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.description.hasPrefix(folder) && error.description.contains(expected), "\(error)")
            }
        }
        // An empty file sets nothing: every role keeps the default theme's colour.
        let empty = try catalog.load("empty")
        #expect(empty.colours == BuiltinTheme.dark.colours && empty.jobs == BuiltinTheme.dark.jobs)
    }

    @Test func aThemeChoiceNamesTheThemesThereAre() throws {
        try ThemeChoice.check("light", themesFolder: Fixtures.themes)
        try ThemeChoice.check("default", themesFolder: nil)
        do {
            try ThemeChoice.check("nope", themesFolder: Fixtures.themes)
            Issue.record("accepted")
        } catch {
            #expect(error.description == #"--theme: no theme named "nope"; the themes are default, colorblind, high-contrast, light, mono"#)
        }
        do {
            try ThemeChoice.check(String(repeating: "z", count: 5000), themesFolder: nil)
        } catch {
            #expect(error.description == #"--theme: no theme named "\#(String(repeating: "z", count: 40))…"; the themes are default"#)
        }
    }

    @Test func aPartialThemeKeepsTheDefaultsColours() throws {
        let theme = try ThemeFile.parse("text = #ffffff\r\n  job1 = 1  \njob2 = default", name: "mine", file: "mine.theme")
        #expect(theme[.text] == .rgb(red: 255, green: 255, blue: 255))
        #expect(theme[.dim] == BuiltinTheme.dark[.dim])
        #expect(theme.jobs == [.palette(1), .terminalDefault])
    }

    @Test func aBadThemeFileIsReportedAndTheDefaultUsed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "text = nonsense\n".write(toFile: folder + "/broken.theme", atomically: true, encoding: .utf8)
        var options = Fixtures.options(theme: "broken")
        options.themesFolder = folder
        let dashboard = try Dashboard(scenario: Fixtures.scenario("default"), scenarioPath: nil, options: options)
        #expect(dashboard.state.theme == BuiltinTheme.dark)
        #expect(dashboard.state.status?.kind == .error)
        #expect(dashboard.state.status?.text.contains("broken.theme: line 1") == true)
        #expect(dashboard.state.status?.text.contains("using the default theme") == true)
    }

    @Test func anUnknownThemeNameIsRefused() throws {
        #expect(throws: InputError.self) {
            _ = try Dashboard(scenario: Fixtures.scenario("default"), scenarioPath: nil, options: Fixtures.options(theme: "nope"))
        }
    }

    @Test func coloursReduceToWhatTheTerminalShows() {
        let orange = TerminalColor.rgb(red: 0xE6, green: 0x9F, blue: 0x00)
        #expect(orange.reduced(to: .full) == orange)
        #expect(orange.reduced(to: .palette256) == .palette(178))
        #expect(orange.reduced(to: .basic8) == .palette(3))
        #expect(orange.reduced(to: .none) == .terminalDefault)
        #expect(TerminalColor.rgb(red: 128, green: 128, blue: 128).reduced(to: .palette256) == .palette(244))
        #expect(TerminalColor.palette(196).reduced(to: .basic8) == .palette(1))
        #expect(TerminalColor.palette(5).reduced(to: .basic8) == .palette(5))
    }

    @Test func withoutColourEveryCellIsPlainAndTheSelectionIsReverse() throws {
        for options in [Fixtures.options(colorMode: .none), Fixtures.options(theme: "mono")] {
            let dashboard = try Fixtures.dashboard(options: options, width: 100, height: 30)
            let canvas = dashboard.render(width: 100, height: 30)
            #expect(canvas.cells.allSatisfy { $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault })
            #expect(canvas.cells.contains { $0.style.reverse })
            #expect(canvas.text.contains("▓") || canvas.text.contains("▒"))
        }
    }

    @Test func everyThemeInEveryModeRenders() throws {
        for name in ThemeCatalog(folder: Fixtures.themes).names {
            for mode in ColorMode.allCases {
                let dashboard = try Fixtures.dashboard(options: Fixtures.options(theme: name, colorMode: mode), width: 120, height: 40)
                let canvas = dashboard.render(width: 120, height: 40)
                #expect(canvas.text.contains("makespan 219.40 ms"))
                if mode == .basic8 {
                    #expect(canvas.cells.allSatisfy { cell in
                        [cell.style.foreground, cell.style.background].allSatisfy { colour in
                            if case let .palette(index) = colour { return index < 8 }
                            return colour == .terminalDefault
                        }
                    })
                }
            }
        }
    }
}

@Suite struct ThemeDocumentationTests {
    @Test func formatsDocumentsEveryRole() throws {
        let formats = try String(contentsOfFile: Fixtures.root + "/docs/FORMATS.md", encoding: .utf8)
        for role in ThemeRole.allCases {
            #expect(formats.contains("| `\(role.rawValue)` |"), "docs/FORMATS.md lacks \(role.rawValue)")
        }
    }
}

@Suite struct SelectionColourTests {
    @Test func perceptualDistanceIsCIE76() throws {
        let black = TerminalColor.rgb(red: 0, green: 0, blue: 0), white = TerminalColor.palette(231)
        #expect(try #require(black.perceptualDistance(to: white)) > 99.9)
        #expect(try #require(black.perceptualDistance(to: white)) < 100.1)
        #expect(white.perceptualDistance(to: .rgb(red: 255, green: 255, blue: 255)) == 0)
        // Pure sRGB red is L*a*b* (53.24, 80.09, 67.20); its distance from black is the vector's length.
        let red = try #require(TerminalColor.rgb(red: 255, green: 0, blue: 0).perceptualDistance(to: black))
        #expect(abs(red - (53.24 * 53.24 + 80.09 * 80.09 + 67.20 * 67.20).squareRoot()) < 0.1)
        #expect(TerminalColor.terminalDefault.perceptualDistance(to: white) == nil)
    }

    /// Every bundled theme (the files and the built-in default), with full colour and
    /// reduced to 256 colours: the selection is far from every job colour.
    @Test func theSelectionStandsApartFromEveryJobColour() throws {
        let catalog = ThemeCatalog(folder: Fixtures.themes)
        let themes = try catalog.names.map { try catalog.load($0) } + [BuiltinTheme.dark]
        var checked = 0
        for theme in themes where theme.distinguishesJobs {
            for mode in [ColorMode.full, .palette256] {
                let reduced = theme.reduced(to: mode)
                for (index, job) in reduced.jobs.enumerated() {
                    let distance = try #require(reduced[.selection].perceptualDistance(to: job), "\(theme.name): job\(index + 1) has no colour")
                    #expect(distance >= Theme.minimumSelectionDistance,
                            "\(theme.name) (\(mode)): the selection is \(distance) from job\(index + 1), under \(Theme.minimumSelectionDistance)")
                    checked += 1
                }
                #expect(reduced.jobsNearSelection.isEmpty)
            }
        }
        // default, its built-in twin, colorblind, high-contrast and light; eight job colours each, two modes.
        #expect(checked == 5 * 8 * 2)
    }

    /// With eight colours the palette cannot keep distances, but the selection still takes
    /// a colour of its own: one that no job, nor the background or idle track, uses.
    @Test func withEightColoursTheSelectionTakesAColourNoJobUses() throws {
        let catalog = ThemeCatalog(folder: Fixtures.themes)
        for name in catalog.names {
            let theme = try catalog.load(name)
            guard theme.distinguishesJobs else { continue }
            #expect(theme.reduced(to: .basic8).jobs.contains(theme.reduced(to: .basic8)[.selection]), "\(name): the case this guards against")
            let palette = Palette(theme: theme, mode: .basic8, unicode: true).theme
            let selection = palette[.selection]
            #expect(!palette.jobs.contains(selection), "\(name): the selection \(selection) is a job colour")
            #expect(selection != palette[.background] && selection != palette[.idle], "\(name)")
            if case let .palette(index) = selection { #expect(index < 8) } else { Issue.record("\(name): \(selection)") }
        }
    }

    /// The check finds the palette that prompted it: a light gold selection beside the
    /// default theme's gold job colour, and white beside a pale cyan.
    @Test func aSelectionNearAJobColourIsCaught() throws {
        var theme = BuiltinTheme.dark
        theme.colours[.selection] = .palette(222)
        #expect(theme.jobsNearSelection.contains(4))
        theme.colours[.selection] = .palette(231)
        theme.jobs[6] = .palette(159)
        #expect(theme.jobsNearSelection.contains(6))
    }
}
