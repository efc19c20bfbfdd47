import CNcurses

/// The key codes `wget_wch` reports for special keys.
public struct KeyCodes: Sendable, Hashable {
    /// The arrow keys.
    public var up, down, left, right: UInt32
    /// The paging keys; `find` and `select` are what some terminals send for Home and End.
    public var pageUp, pageDown, home, end, find, select: UInt32
    /// Keypad Enter, Backspace, Shift-Tab, and `KEY_F0` (F*n* is `functionZero + n`).
    public var enter, backspace, backTab, functionZero: UInt32
    /// The pseudo-keys for a resize and a mouse event.
    public var resize, mouse: UInt32

    /// The values of this build's ncurses.
    public static let ncurses = KeyCodes(
        up: code(offload_key_up()), down: code(offload_key_down()), left: code(offload_key_left()), right: code(offload_key_right()),
        pageUp: code(offload_key_ppage()), pageDown: code(offload_key_npage()), home: code(offload_key_home()),
        end: code(offload_key_end()), find: code(offload_key_find()), select: code(offload_key_select()),
        enter: code(offload_key_enter()), backspace: code(offload_key_backspace()), backTab: code(offload_key_btab()),
        functionZero: code(offload_key_f0()), resize: code(offload_key_resize()), mouse: code(offload_key_mouse())
    )

    private static func code(_ value: Int32) -> UInt32 { UInt32(truncatingIfNeeded: value) }
}

/// What one `wget_wch` result means to the dashboard.
public enum KeyInput: Sendable, Equatable {
    /// An event for the dashboard.
    case event(InputEvent)
    /// Ctrl-C arriving as a character (when the terminal does not turn it into SIGINT).
    case interrupt
    /// Ctrl-L: repaint the whole screen.
    case repaint
    /// `KEY_RESIZE`: the driver reads the new size.
    case resize
    /// `KEY_MOUSE`: the driver reads the mouse event.
    case mouse
    /// Nothing the dashboard uses.
    case ignored
}

/// Turns `wget_wch` results into input events: a pure function, unit-tested.
public enum KeyTranslator {
    /// The highest function key reported (ncurses has room for 63).
    public static let maxFunctionKey: UInt32 = 63

    /// Translates one result: `isKeyCode` when `wget_wch` returned `KEY_CODE_YES`, else
    /// `value` is a character.
    public static func translate(isKeyCode: Bool, value: UInt32, codes: KeyCodes = .ncurses) -> KeyInput {
        isKeyCode ? keyCode(value, codes: codes) : character(value)
    }

    /// Translates what followed an Esc that curses did not recognise as a key (its terminfo
    /// entry names other sequences than the terminal sends, e.g. `TERM=xterm-256color`
    /// inside tmux). `following` is everything already waiting after the Esc. Empty: a lone
    /// Esc. A CSI or SS3 sequence for Home or End becomes that key; any other sequence
    /// (or Alt with a key) is ignored, so an unknown key never acts as Esc and quits.
    public static func afterEscape(_ following: [UInt32]) -> KeyInput {
        guard let introducer = following.first else { return .event(.key(.escape)) }
        guard introducer == 0x5B || introducer == 0x4F, following.count >= 2 else { return .ignored }   // "[" or "O"
        let body = String(String.UnicodeScalarView(following.dropFirst().compactMap(Unicode.Scalar.init)))
        switch body {
        case "H", "1~", "7~": return .event(.key(.home))
        case "F", "4~", "8~": return .event(.key(.end))
        case "A": return .event(.key(.up))
        case "B": return .event(.key(.down))
        case "C": return .event(.key(.right))
        case "D": return .event(.key(.left))
        case "5~": return .event(.key(.pageUp))
        case "6~": return .event(.key(.pageDown))
        default: return .ignored
        }
    }

    /// Whether the characters read after an Esc complete one escape sequence: `[` then
    /// parameter bytes up to a final byte (0x40–0x7E), `O` then one character, or any other
    /// single character (Alt with a key).
    public static func sequenceEnds(_ following: [UInt32]) -> Bool {
        guard let introducer = following.first else { return false }
        guard introducer == 0x5B || introducer == 0x4F else { return true }
        guard following.count >= 2, let last = following.last else { return false }
        if introducer == 0x4F { return true }
        return (0x40...0x7E).contains(last)
    }

    static func character(_ value: UInt32) -> KeyInput {
        switch value {
        case 0x03: return .interrupt
        case 0x0C: return .repaint
        case 0x0D, 0x0A: return .event(.key(.enter))
        case 0x1B: return .event(.key(.escape))
        case 0x7F, 0x08: return .event(.key(.backspace))
        case 0x09: return .event(.key(.tab))
        case 0x01: return .event(.key(.control("a")))
        case 0x05: return .event(.key(.control("e")))
        case 0x15: return .event(.key(.control("u")))
        case 0x17: return .event(.key(.control("w")))
        case 0..<0x20, 0x80..<0xA0: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .event(.key(.character(Character(scalar))))
        }
    }

    static func keyCode(_ value: UInt32, codes: KeyCodes) -> KeyInput {
        switch value {
        case codes.up: return .event(.key(.up))
        case codes.down: return .event(.key(.down))
        case codes.left: return .event(.key(.left))
        case codes.right: return .event(.key(.right))
        case codes.pageUp: return .event(.key(.pageUp))
        case codes.pageDown: return .event(.key(.pageDown))
        case codes.home, codes.find: return .event(.key(.home))
        case codes.end, codes.select: return .event(.key(.end))
        case codes.enter: return .event(.key(.enter))
        case codes.backspace: return .event(.key(.backspace))
        case codes.resize: return .resize
        case codes.mouse: return .mouse
        case (codes.functionZero + 1)...(codes.functionZero + maxFunctionKey):
            return .event(.key(.function(Int(value - codes.functionZero))))
        default: return .ignored
        }
    }
}
