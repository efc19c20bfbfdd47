import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thin ncurses driver: starts and stops curses safely, copies the changed cells of a
/// `Canvas` to the screen with the wide-character API, and turns terminal input into
/// `InputEvent`s.
///
/// Start it only after `TerminalProbe.check` succeeded; `stop()` (also run on deinit) puts
/// the terminal back and is safe to call twice. The `TerminalBackend` the binary runs;
/// tests run the same loop on `TestBackend`.
public final class TerminalDriver: TerminalBackend {
    /// How to drive the terminal.
    public struct Configuration: Sendable, Equatable {
        /// The terminal type (`TERM`), as checked by `TerminalProbe`.
        public var term: String
        /// The colours to use; `.none` draws with attributes only.
        public var colorDepth: ColorDepth
        /// Whether the locale is UTF-8; when not, characters beyond ASCII are drawn as `?`.
        public var unicode: Bool
        /// Report button-1 clicks.
        public var mouse: Bool
        /// How long an Esc waits for the rest of an escape sequence.
        public var escapeDelayMs: Int32

        /// A configuration; the defaults report clicks and wait 25 ms after an Esc.
        public init(term: String, colorDepth: ColorDepth, unicode: Bool, mouse: Bool = true, escapeDelayMs: Int32 = 25) {
            self.term = term
            self.colorDepth = colorDepth
            self.unicode = unicode
            self.mouse = mouse
            self.escapeDelayMs = escapeDelayMs
        }

        /// The configuration `setup` decided.
        public init(_ setup: TerminalSetup) {
            self.init(term: setup.term, colorDepth: setup.colorDepth, unicode: setup.unicode)
        }
    }

    /// How this driver drives the terminal.
    public let configuration: Configuration
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var openedInput: UnsafeMutablePointer<FILE>?
    private var inputFD: Int32 = STDIN_FILENO
    private let outputFD: Int32 = STDOUT_FILENO
    private var colors: ColorMapper
    private var defaultColorsWork = false
    private var pairs: [PairKey: Int32] = [:]
    private var pairLimit: Int32 = 0
    private var glyphs: [Cell: cchar_t] = [:]
    private var previous: Canvas?
    private var needsFullRedraw = true
    private var lastReportedSize: (width: Int, height: Int) = (0, 0)

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// A driver that has not started curses yet.
    public init(configuration: Configuration) {
        self.configuration = configuration
        colors = ColorMapper(depth: configuration.colorDepth)
    }

    deinit { stop() }

    /// Whether curses is running.
    public var isActive: Bool { screen != nil }

    /// The screen's size in cells.
    public var size: (width: Int, height: Int) {
        guard screen != nil else { return (0, 0) }
        return (Int(max(0, offload_cols())), Int(max(0, offload_lines())))
    }

    /// Starts curses on standard output (input from standard input, or `/dev/tty` when
    /// standard input is not a terminal). Call `TerminalProbe.setup(for:)` first (it adopts the locale).
    public func start() throws(TerminalError) {
        guard screen == nil else { return }
        guard isatty(outputFD) == 1 else { throw .notATerminal }
        var input = offload_stdin_file()
        if isatty(STDIN_FILENO) != 1 {
            guard let tty = fopen("/dev/tty", "r") else { throw .notATerminal }
            openedInput = tty
            input = tty
            inputFD = fileno(tty)
        }
        // Before newterm: our handlers must be in place so curses does not install its own,
        // and the modes saved for a crash must be the shell's.
        guard SignalTrap.install(ttyFD: outputFD) else {
            closeOpenedInput()
            throw .startFailed(term: configuration.term)
        }
        guard let started = newterm(configuration.term, offload_stdout_file(), input) else {
            SignalTrap.uninstall()
            closeOpenedInput()
            throw .startFailed(term: configuration.term)
        }
        screen = started
        window = offload_stdscr()
        cbreak()
        noecho()
        nonl()
        _ = typeahead(-1)          // finish every update even while keys arrive
        _ = set_escdelay(configuration.escapeDelayMs)
        if let window {
            keypad(window, true)
            leaveok(window, true)
            scrollok(window, false)
            wtimeout(window, 0)
        }
        _ = curs_set(0)
        if configuration.mouse {
            _ = mouseinterval(0)
            _ = mousemask(offload_button1_clicks() | offload_wheel_up() | offload_wheel_down(), nil)
        }
        if configuration.colorDepth != .none, has_colors() {
            _ = start_color()
            defaultColorsWork = use_default_colors() == OK
            pairLimit = offload_color_pairs()
        } else {
            colors = ColorMapper(depth: .none)
        }
        SignalTrap.setRestoreBytes(restoreBytes())
        syncSizeWithTerminal()
        lastReportedSize = size
        needsFullRedraw = true
        previous = nil
    }

    /// Puts the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard let started = screen else { return }
        if configuration.mouse { _ = mousemask(0, nil) }
        if offload_tigetstr("rmcup") == nil, let window {
            // No alternate screen to leave: wipe the dashboard so the shell starts on a clean screen.
            _ = werase(window)
            _ = wmove(window, 0, 0)
            _ = wrefresh(window)
        }
        _ = curs_set(1)
        _ = endwin()
        delscreen(started)
        screen = nil
        window = nil
        SignalTrap.uninstall()
        closeOpenedInput()
        pairs = [:]
        glyphs = [:]
        previous = nil
    }

    /// Copies `canvas` to the screen: only the cells that changed since the last call, or
    /// everything after a resize, a size change or a repaint request.
    public func present(_ canvas: Canvas) {
        guard let window, screen != nil else { return }
        let (columns, rows) = size
        let full = needsFullRedraw || previous?.width != canvas.width || previous?.height != canvas.height
        if full {
            _ = werase(window)
            _ = clearok(window, true)
        }
        let width = canvas.width
        let cells = canvas.cells
        let old = full ? nil : previous?.cells
        for y in 0..<min(canvas.height, rows) {
            for x in 0..<min(width, columns) {
                let index = y * width + x
                var cell = cells[index]
                if let old, old[index] == cell { continue }
                if cell.continuation {
                    // The wide character before draws over this column; in ASCII it was a
                    // `?`, and this column gets another, so the row keeps its width.
                    if configuration.unicode { continue }
                    cell = Cell("?", style: cell.style)
                }
                var glyph = self.glyph(for: cell)
                _ = mvwadd_wch(window, Int32(y), Int32(x), &glyph)
            }
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        previous = canvas
        needsFullRedraw = false
    }

    /// Forgets a SIGINT the dashboard answered (with the unsaved-changes prompt) instead of
    /// quitting; false when the termination signal caught was another one.
    public func resumeAfterInterrupt() -> Bool { SignalTrap.takeInterrupt() }

    /// Waits for the next input, at most `timeoutMs` milliseconds (-1: as long as it takes,
    /// using no CPU). Signals and resizes end the wait at once.
    public func readEvent(timeoutMs: Int) -> TerminalEvent {
        guard let window, screen != nil else { return .inputClosed }
        let deadline = timeoutMs >= 0 ? ContinuousClock.now + .milliseconds(timeoutMs) : nil
        var emptyWakes = 0
        while true {
            if let signal = SignalTrap.termination { return .signal(signal) }
            if SignalTrap.takeResize() {
                syncSizeWithTerminal()
                return reportResize()
            }
            var character: wint_t = 0
            let status = wget_wch(window, &character)
            if status != offload_err() {
                emptyWakes = 0
                var input = KeyTranslator.translate(isKeyCode: status == offload_key_code_yes(), value: UInt32(character))
                if input == .event(.key(.escape)) { input = KeyTranslator.afterEscape(drainEscapeSequence(window)) }
                switch input {
                case .event(let event): return .input(event)
                case .interrupt: return .interruptKey
                case .repaint:
                    needsFullRedraw = true
                    return .repaint
                case .resize:
                    // Our own resizeterm queues a KEY_RESIZE for a size already reported.
                    if size != lastReportedSize { return reportResize() }
                case .mouse:
                    if let click = mouseClick() { return .input(click) }
                case .ignored: break
                }
                continue
            }
            var wait: Int32 = -1
            if let deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                if remaining <= .zero { return .timeout }
                let (seconds, attoseconds) = remaining.components
                wait = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            }
            switch SignalTrap.wait(fd: inputFD, timeoutMs: wait) {
            case .timeout: if deadline != nil { return .timeout }
            case .input(let hangUp):
                if hangUp { return .inputClosed }
                // Readable, yet curses found nothing, again and again: end of input.
                emptyWakes += 1
                if emptyWakes > 64 { return .inputClosed }
            case .signal: break
            case .failed: return .inputClosed
            }
        }
    }

    // MARK: - Helpers

    /// Reads, without waiting, the rest of an escape sequence curses handed over as a bare
    /// Esc (ncurses has already waited `escapeDelayMs` for it). At most 16 characters.
    private func drainEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>) -> [UInt32] {
        var following: [UInt32] = []
        while following.count < 16, !KeyTranslator.sequenceEnds(following) {
            var character: wint_t = 0
            let status = wget_wch(window, &character)
            if status == offload_err() || status == offload_key_code_yes() { break }
            following.append(UInt32(character))
        }
        return following
    }

    private func reportResize() -> TerminalEvent {
        needsFullRedraw = true
        let current = size
        lastReportedSize = current
        return .input(.resize(width: current.width, height: current.height))
    }

    /// Makes curses agree with the terminal's real size (`LINES`/`COLUMNS` in the
    /// environment, or a resize curses has not noticed, can make them differ).
    private func syncSizeWithTerminal() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard offload_window_size(outputFD, &rows, &columns) == 0 else { return }
        if rows != offload_lines() || columns != offload_cols() {
            _ = resizeterm(rows, columns)
        }
        needsFullRedraw = true
    }

    private func mouseClick() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        if event.bstate & offload_wheel_up() != 0 { return .mouseWheel(up: true, x: Int(event.x), y: Int(event.y)) }
        if offload_wheel_down() != 0, event.bstate & offload_wheel_down() != 0 { return .mouseWheel(up: false, x: Int(event.x), y: Int(event.y)) }
        guard event.bstate & offload_button1_clicks() != 0 else { return nil }
        return .mouseClick(x: Int(event.x), y: Int(event.y))
    }

    private func closeOpenedInput() {
        if let openedInput { fclose(openedInput) }
        openedInput = nil
        inputFD = STDIN_FILENO
    }

    /// The bytes that undo what curses did to the screen, for a crash: leave the alternate
    /// screen, reset attributes, show the cursor, leave keypad mode, stop mouse reports.
    private func restoreBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = offload_tigetstr(capability) { bytes += Array(String(cString: value).utf8) }
        }
        if configuration.mouse, offload_tigetstr("kmous") != nil {
            bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8)
        }
        return bytes
    }

    /// The cell as curses draws it, cached: screens repeat a few styled characters a lot.
    private func glyph(for cell: Cell) -> cchar_t {
        if let known = glyphs[cell] { return known }
        var glyph = cchar_t()
        var text = wideCharacters(cell.character)
        let (attributes, pair) = attributesAndPair(for: cell.style)
        var extendedPair = pair
        _ = text.withUnsafeMutableBufferPointer { buffer in
            setcchar(&glyph, buffer.baseAddress, attributes, Int16(clamping: pair), &extendedPair)
        }
        if glyphs.count > 4096 { glyphs.removeAll(keepingCapacity: true) }
        glyphs[cell] = glyph
        return glyph
    }

    /// The character as a NUL-terminated wide string: one spacing character and at most
    /// three combining marks; `?` for what the terminal cannot show.
    private func wideCharacters(_ character: Character) -> [wchar_t] {
        let scalars = Array(character.unicodeScalars.prefix(4))
        guard let first = scalars.first else { return [wchar_t(63), 0] }
        let printable = first.value >= 0x20 && first.value != 0x7F && !(0x80..<0xA0).contains(first.value)
        guard printable, configuration.unicode || scalars.allSatisfy({ $0.value < 0x7F }) else { return [wchar_t(63), 0] }
        return scalars.map { wchar_t(bitPattern: $0.value) } + [0]
    }

    private func attributesAndPair(for style: Style) -> (attr_t, Int32) {
        var attributes = offload_a_normal()
        if style.bold { attributes |= offload_a_bold() }
        if style.reverse { attributes |= offload_a_reverse() }
        if style.underline { attributes |= offload_a_underline() }
        if style.dim { attributes |= offload_a_dim() }
        guard colors.depth != .none else { return (attributes, 0) }
        var foreground = colors.colorNumber(style.foreground)
        var background = colors.colorNumber(style.background)
        if !defaultColorsWork {
            if foreground < 0 { foreground = 7 }
            if background < 0 { background = 0 }
        }
        return (attributes, pair(foreground: foreground, background: background))
    }

    /// A colour pair for the two colours, made on first use; pair 0 (the default colours)
    /// once the terminal's pairs run out.
    private func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground < 0 && background < 0 { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        let next = Int32(pairs.count + 1)
        guard next < pairLimit, init_extended_pair(next, foreground, background) == OK else { return 0 }
        pairs[key] = next
        return next
    }
}
