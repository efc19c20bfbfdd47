/// What `TerminalBackend.readEvent(timeoutMs:)` saw.
public enum TerminalEvent: Sendable, Equatable {
    /// An event for the dashboard (a key, a click, a new size).
    case input(InputEvent)
    /// The timeout passed with no input.
    case timeout
    /// Ctrl-C typed while the terminal passes it on as a character.
    case interruptKey
    /// Ctrl-L: the screen must be repainted in full.
    case repaint
    /// A termination signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) arrived.
    case signal(Int32)
    /// The terminal went away (hang-up, end of input).
    case inputClosed
}

/// What `DashboardRunner` needs of a terminal: start and restore it, its size, showing a
/// frame and waiting for input. `TerminalDriver` (ncurses) is the one the binary runs;
/// `TestBackend` runs the same loop in memory, for tests.
public protocol TerminalBackend: AnyObject {
    /// Takes over the terminal; does nothing when already started.
    func start() throws(TerminalError)
    /// Puts the terminal back as it was; safe to call more than once.
    func stop()
    /// The screen's size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows `canvas`.
    func present(_ canvas: Canvas)
    /// Waits for the next input, at most `timeoutMs` milliseconds (-1: as long as it takes).
    func readEvent(timeoutMs: Int) -> TerminalEvent
    /// Forgets a SIGINT the dashboard answered (with the unsaved-changes prompt) instead of
    /// quitting; false when the termination signal caught was another one.
    func resumeAfterInterrupt() -> Bool
}
