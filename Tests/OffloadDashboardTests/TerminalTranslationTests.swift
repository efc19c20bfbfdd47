import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import OffloadDashboard

/// The terminal driver's pure parts: `wget_wch` results to events, canvas colours to the
/// terminal's colour numbers, and the terminal checks that need no terminal.
@Suite struct KeyTranslationTests {
    let codes = KeyCodes.ncurses

    func character(_ value: UInt32) -> KeyInput { KeyTranslator.translate(isKeyCode: false, value: value, codes: codes) }
    func keyCode(_ value: UInt32) -> KeyInput { KeyTranslator.translate(isKeyCode: true, value: value, codes: codes) }

    @Test func theShimReportsTheCodesCursesDocuments() {
        // curses.h: KEY_DOWN 0402, KEY_UP 0403, KEY_LEFT 0404, KEY_RIGHT 0405, KEY_HOME 0406,
        // KEY_BACKSPACE 0407, KEY_F0 0410, KEY_NPAGE 0522, KEY_PPAGE 0523, KEY_ENTER 0527,
        // KEY_END 0550, KEY_MOUSE 0631, KEY_RESIZE 0632.
        #expect(codes.down == 0o402 && codes.up == 0o403 && codes.left == 0o404 && codes.right == 0o405)
        #expect(codes.home == 0o406 && codes.backspace == 0o407 && codes.functionZero == 0o410)
        #expect(codes.pageDown == 0o522 && codes.pageUp == 0o523 && codes.enter == 0o527 && codes.end == 0o550)
        #expect(codes.mouse == 0o631 && codes.resize == 0o632)
    }

    /// Sequences curses did not know (a terminfo entry that is not the terminal's) arrive
    /// as Esc and the rest; End must never act as Esc, which quits.
    @Test func escapeSequencesCursesMissedBecomeKeysOrNothingNeverEsc() {
        func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
        #expect(KeyTranslator.afterEscape([]) == .event(.key(.escape)))
        for end in ["[F", "[4~", "[8~", "OF"] { #expect(KeyTranslator.afterEscape(scalars(end)) == .event(.key(.end)), "\(end)") }
        for home in ["[H", "[1~", "[7~", "OH"] { #expect(KeyTranslator.afterEscape(scalars(home)) == .event(.key(.home)), "\(home)") }
        #expect(KeyTranslator.afterEscape(scalars("[5~")) == .event(.key(.pageUp)))
        #expect(KeyTranslator.afterEscape(scalars("[6~")) == .event(.key(.pageDown)))
        #expect(KeyTranslator.afterEscape(scalars("OA")) == .event(.key(.up)))
        for other in ["[15~", "[1;5C", "x", "[", "O"] { #expect(KeyTranslator.afterEscape(scalars(other)) == .ignored, "\(other)") }
        #expect(!KeyTranslator.sequenceEnds([]))
        #expect(!KeyTranslator.sequenceEnds(scalars("[")) && !KeyTranslator.sequenceEnds(scalars("[1;5")))
        #expect(KeyTranslator.sequenceEnds(scalars("[1;5C")) && KeyTranslator.sequenceEnds(scalars("[4~")))
        #expect(!KeyTranslator.sequenceEnds(scalars("O")) && KeyTranslator.sequenceEnds(scalars("OF")))
        #expect(KeyTranslator.sequenceEnds(scalars("x")))
    }

    @Test func printableCharactersPassThroughAsTyped() {
        for text in ["b", "B", "d", "D", "?", "q", " ", "~", "é", "ß", "→", "界"] {
            let scalar = text.unicodeScalars.first?.value ?? 0
            #expect(character(scalar) == .event(.key(.character(Character(text)))), "\(text)")
        }
    }

    @Test func controlCharactersBecomeKeysOrAreIgnored() {
        #expect(character(0x0D) == .event(.key(.enter)))
        #expect(character(0x0A) == .event(.key(.enter)))
        #expect(character(0x1B) == .event(.key(.escape)))
        #expect(character(0x7F) == .event(.key(.backspace)))
        #expect(character(0x08) == .event(.key(.backspace)))
        #expect(character(0x09) == .event(.key(.tab)))
        #expect(character(0x03) == .interrupt)
        #expect(character(0x0C) == .repaint)
        #expect(character(0x15) == .event(.key(.control("u"))))
        #expect(character(0x17) == .event(.key(.control("w"))))
        #expect(character(0x01) == .event(.key(.control("a"))))
        #expect(character(0x05) == .event(.key(.control("e"))))
        for ignored: UInt32 in [0x00, 0x02, 0x1A, 0x1F, 0x80, 0x85, 0x9F, 0xD800, 0xDFFF, 0x110000, UInt32.max] {
            #expect(character(ignored) == .ignored, "\(ignored)")
        }
    }

    @Test func specialKeysMapToTheirKeys() {
        #expect(keyCode(codes.up) == .event(.key(.up)))
        #expect(keyCode(codes.down) == .event(.key(.down)))
        #expect(keyCode(codes.left) == .event(.key(.left)))
        #expect(keyCode(codes.right) == .event(.key(.right)))
        #expect(keyCode(codes.pageUp) == .event(.key(.pageUp)))
        #expect(keyCode(codes.pageDown) == .event(.key(.pageDown)))
        #expect(keyCode(codes.home) == .event(.key(.home)))
        #expect(keyCode(codes.find) == .event(.key(.home)))
        #expect(keyCode(codes.end) == .event(.key(.end)))
        #expect(keyCode(codes.select) == .event(.key(.end)))
        #expect(keyCode(codes.enter) == .event(.key(.enter)))
        #expect(keyCode(codes.backspace) == .event(.key(.backspace)))
        #expect(keyCode(codes.resize) == .resize)
        #expect(keyCode(codes.mouse) == .mouse)
    }

    @Test func functionKeysCarryTheirNumber() {
        for number in 1...12 {
            #expect(keyCode(codes.functionZero + UInt32(number)) == .event(.key(.function(number))))
        }
        #expect(keyCode(codes.functionZero + 63) == .event(.key(.function(63))))
        #expect(keyCode(codes.functionZero) == .ignored)
        #expect(keyCode(codes.functionZero + 64) == .ignored)
    }

    @Test func unknownKeyCodesAreIgnored() {
        for value: UInt32 in [0, 0o401, codes.backTab, 0o777, 0x10000] {
            #expect(keyCode(value) == .ignored, "\(value)")
        }
    }

    @Test func keyCodesAndCharactersWithTheSameValueDiffer() {
        // wget_wch says which it is: 0o403 as a character is "ă", as a key code KEY_UP.
        #expect(character(codes.up) == .event(.key(.character("\u{103}"))))
        #expect(keyCode(codes.up) == .event(.key(.up)))
    }
}

@Suite struct ColorMappingTests {
    @Test func depthFollowsTheTerminfoColourCount() {
        #expect(ColorDepth(colors: -1) == .none)
        #expect(ColorDepth(colors: 0) == .none)
        #expect(ColorDepth(colors: 2) == .none)
        #expect(ColorDepth(colors: 8) == .eight)
        #expect(ColorDepth(colors: 16) == .sixteen)
        #expect(ColorDepth(colors: 88) == .sixteen)
        #expect(ColorDepth(colors: 256) == .palette256)
        #expect(ColorDepth(colors: 0x1000000) == .direct)
    }

    @Test func theDefaultColourStaysTheDefaultAndNoColourMeansDefaults() {
        for depth in [ColorDepth.none, .eight, .sixteen, .palette256, .direct] {
            #expect(ColorMapper(depth: depth).colorNumber(.terminalDefault) == -1)
        }
        let none = ColorMapper(depth: .none)
        #expect(none.colorNumber(.palette(196)) == -1)
        #expect(none.colorNumber(.rgb(red: 255, green: 0, blue: 0)) == -1)
    }

    @Test func paletteColoursStayOrFallToTheNearestOfEightOrSixteen() {
        let full = ColorMapper(depth: .palette256)
        for index in 0...255 { #expect(full.colorNumber(.palette(UInt8(index))) == Int32(index)) }
        let eight = ColorMapper(depth: .eight)
        for index in 0..<8 { #expect(eight.colorNumber(.palette(UInt8(index))) == Int32(index)) }
        for index in 8..<16 { #expect(eight.colorNumber(.palette(UInt8(index))) == Int32(index - 8)) }
        #expect(eight.colorNumber(.palette(196)) == 1)   // #ff0000 → red
        #expect(eight.colorNumber(.palette(46)) == 2)    // #00ff00 → green
        #expect(eight.colorNumber(.palette(21)) == 4)    // #0000ff → blue
        #expect(eight.colorNumber(.palette(232)) == 0)   // darkest grey → black
        #expect(eight.colorNumber(.palette(255)) == 7)   // lightest grey → white
        let sixteen = ColorMapper(depth: .sixteen)
        for index in 0..<16 { #expect(sixteen.colorNumber(.palette(UInt8(index))) == Int32(index)) }
        #expect(sixteen.colorNumber(.palette(196)) == 9)  // #ff0000 → bright red
    }

    @Test func rgbFallsToTheNearestPaletteEntry() {
        let full = ColorMapper(depth: .palette256)
        #expect(full.colorNumber(.rgb(red: 0, green: 0, blue: 0)) == 16)
        #expect(full.colorNumber(.rgb(red: 255, green: 255, blue: 255)) == 231)
        #expect(full.colorNumber(.rgb(red: 255, green: 0, blue: 0)) == 196)
        #expect(full.colorNumber(.rgb(red: 135, green: 175, blue: 215)) == 110)
        #expect(full.colorNumber(.rgb(red: 128, green: 128, blue: 128)) == 244)
        #expect(full.colorNumber(.rgb(red: 250, green: 5, blue: 3)) == 196)
        let eight = ColorMapper(depth: .eight)
        #expect(eight.colorNumber(.rgb(red: 250, green: 10, blue: 10)) == 1)
        #expect(eight.colorNumber(.rgb(red: 0, green: 200, blue: 0)) == 2)
        #expect(eight.colorNumber(.rgb(red: 10, green: 10, blue: 240)) == 4)
        #expect(eight.colorNumber(.rgb(red: 20, green: 20, blue: 20)) == 0)
        #expect(eight.colorNumber(.rgb(red: 240, green: 240, blue: 240)) == 7)
        #expect(eight.colorNumber(.rgb(red: 255, green: 165, blue: 0)) == 3)   // orange → yellow
    }

    @Test func everyEntryOfTheCubeAndTheGreyRampMapsToItself() {
        for index in 16...255 {
            let rgb = ColorMapper.rgb(ofPalette: UInt8(index))
            #expect(ColorMapper.nearest256(rgb) == Int32(index), "entry \(index) = \(rgb)")
        }
    }

    @Test func directColourEncodesRGBAndKeepsTheANSIColoursBelowEight() {
        let direct = ColorMapper(depth: .direct)
        #expect(direct.colorNumber(.rgb(red: 1, green: 2, blue: 3)) == 0x010203)
        #expect(direct.colorNumber(.rgb(red: 255, green: 255, blue: 255)) == 0xFFFFFF)
        #expect(direct.colorNumber(.rgb(red: 0, green: 0, blue: 5)) == 8)
        #expect(direct.colorNumber(.palette(3)) == 3)
        #expect(direct.colorNumber(.palette(196)) == 0xFF0000)
        #expect(direct.colorNumber(.palette(244)) == 0x808080)
    }

    @Test func everyMappedColourIsInTheTerminalsRange() {
        let colours: [TerminalColor] = (0...255).map { .palette(UInt8($0)) }
            + stride(from: 0, through: 255, by: 17).flatMap { r in
                stride(from: 0, through: 255, by: 51).map { g in TerminalColor.rgb(red: UInt8(r), green: UInt8(g), blue: UInt8(255 - r)) }
            }
        for (depth, limit) in [(ColorDepth.eight, 8), (.sixteen, 16), (.palette256, 256), (.direct, 0x1000000)] {
            let mapper = ColorMapper(depth: depth)
            for colour in colours {
                let number = mapper.colorNumber(colour)
                #expect(number >= 0 && number < limit, "\(colour) at \(depth) gave \(number)")
            }
        }
    }
}

@Suite struct TerminalProbeTests {
    @Test func withoutATerminalTheProbeSaysSo() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(TerminalProbe.check(term: "xterm-256color", fd: fds[1]) == .failure(.notATerminal))
    }

    @Test func messagesNameTheTerminalAndTheWayOut() {
        let errors: [TerminalError] = [
            .notATerminal, .termUnset, .cannotAddressCursor(term: "dumb"), .unknownTerminal(term: "vt-nowhere"),
            .noTerminfoDatabase(term: "xterm"), .startFailed(term: "xterm"),
        ]
        for error in errors {
            #expect(error.description.hasPrefix(error.reason))
            #expect(error.description.contains("offload schedule"), "\(error)")
        }
        #expect(TerminalError.cannotAddressCursor(term: "dumb").reason.contains("\"dumb\""))
        #expect(TerminalError.unknownTerminal(term: "vt-nowhere").description.contains("\"vt-nowhere\""))
        #expect(TerminalError.termUnset.description.contains("TERM"))
    }
}
