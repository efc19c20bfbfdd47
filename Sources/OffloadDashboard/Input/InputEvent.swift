/// A key the terminal driver recognised.
public enum Key: Sendable, Hashable {
    /// A printable character, as typed (`b` and `B` are different keys); `" "` is the space bar.
    case character(Character)
    /// The arrow keys.
    case up, down, left, right
    /// The paging keys.
    case pageUp, pageDown, home, end
    /// Enter (or Return), Escape, Backspace and Tab.
    case enter, escape, backspace, tab
    /// `F1` … `F12`.
    case function(Int)
    /// A control key the dialogs use (`Ctrl-U`, `Ctrl-W`, `Ctrl-A`, `Ctrl-E`), by its letter.
    case control(Character)
}

/// What the terminal driver sends the dashboard.
public enum InputEvent: Sendable, Equatable {
    /// A key press.
    case key(Key)
    /// A click of the left mouse button, at a cell of the screen (0-based, from the top left).
    case mouseClick(x: Int, y: Int)
    /// The mouse wheel turned one notch (`up`: away from the user), with the pointer at a cell.
    case mouseWheel(up: Bool, x: Int, y: Int)
    /// The terminal's new size; the driver sends it once at start and after every change.
    case resize(width: Int, height: Int)
    /// Ctrl-C, as a key or as SIGINT: quits, or first asks about unsaved changes.
    case interrupt
    /// Time passed, sent about 30 times a second while `Dashboard.wantsTicks` is true.
    case tick(elapsedMs: Double)
}

/// What the driver must do after an event.
public enum Effect: Sendable, Equatable {
    /// Nothing changed on screen.
    case none
    /// Render again and copy the changed cells to the screen.
    case redraw
    /// Restore the terminal and exit.
    case quit
}

extension Key {
    /// How help screens and the key bar write the key: `b`, `Space`, `↑`, `PgUp`, `F1`.
    func name(unicode: Bool) -> String {
        switch self {
        case let .character(character):
            switch character {
            case " ": return "Space"
            default: return String(character)
            }
        case .up: return unicode ? "↑" : "Up"
        case .down: return unicode ? "↓" : "Down"
        case .left: return unicode ? "←" : "Left"
        case .right: return unicode ? "→" : "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case let .function(number): return "F\(number)"
        case let .control(letter): return "Ctrl-" + letter.uppercased()
        }
    }
}
