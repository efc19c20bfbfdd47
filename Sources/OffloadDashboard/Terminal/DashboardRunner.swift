#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an interactive session ended.
public enum DashboardExit: Sendable, Equatable {
    /// The user quit (`q`, Esc from the main view, Ctrl-C as a key; asked first about unsaved changes).
    case quit
    /// A termination signal arrived; the process should exit with 128 + the signal.
    case signal(Int32)
    /// The terminal went away.
    case inputClosed
}

/// The event loop: feeds terminal input to a `Dashboard` and presents what it renders.
///
/// Idle, it blocks in the input wait and uses no CPU; while the dashboard wants ticks
/// (play mode, plans still to make) it wakes about every `tickMs` milliseconds and sends
/// the time elapsed. It draws only when the dashboard asks for it (`.redraw`), after a
/// resize and on Ctrl-L. It runs on any `TerminalBackend`: the ncurses `TerminalDriver`,
/// or `TestBackend` in tests (docs/ARCHITECTURE.md, "Testing the runner").
public struct DashboardRunner {
    /// The dashboard being run; after `run` returns, its final state.
    public private(set) var dashboard: Dashboard
    /// The tick period in play mode.
    public var tickMs: Int
    /// The time since some fixed moment, read to measure the ticks' elapsed time.
    private let now: () -> Duration

    /// A runner for `dashboard`, ticking every `tickMs` milliseconds in play mode, timed
    /// by `now` (by default the monotonic clock; `TestBackend.now` for a scripted time).
    public init(dashboard: Dashboard, tickMs: Int = 33, now: @escaping () -> Duration = DashboardRunner.monotonicTime()) {
        self.dashboard = dashboard
        self.tickMs = max(1, tickMs)
        self.now = now
    }

    /// The time since the call, on the monotonic clock.
    public static func monotonicTime() -> () -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Starts `driver`, runs until the user quits, a termination signal arrives or the
    /// terminal goes away, and puts the terminal back on every one of those ways out.
    ///
    /// - Throws: `TerminalError` when the terminal cannot be started (nothing was drawn).
    public mutating func run(on driver: some TerminalBackend) throws(TerminalError) -> DashboardExit {
        try driver.start()
        defer { driver.stop() }
        return loop(on: driver)
    }

    private mutating func loop(on driver: some TerminalBackend) -> DashboardExit {
        let initial = driver.size
        _ = dashboard.handle(.resize(width: initial.width, height: initial.height))
        draw(on: driver)
        var lastTick: Duration?
        while true {
            var timeout = -1
            if dashboard.wantsTicks {
                let since = lastTick ?? now()
                lastTick = since
                let elapsed = Self.milliseconds(now() - since)
                timeout = elapsed >= Double(tickMs) ? 0 : tickMs - Int(elapsed)
            } else {
                lastTick = nil
            }
            var effect = Effect.none
            var mustDraw = false
            switch driver.readEvent(timeoutMs: timeout) {
            case .signal(let signal):
                // Ctrl-C with unsaved changes asks first; a second Ctrl-C (or any other signal) ends it.
                guard signal == SIGINT, dashboard.hasUnsavedChanges, driver.resumeAfterInterrupt() else { return .signal(signal) }
                effect = dashboard.handle(.interrupt)
                if effect == .quit { return .signal(signal) }
            case .inputClosed: return .inputClosed
            case .interruptKey: effect = dashboard.handle(.interrupt)
            case .repaint: mustDraw = true
            case .timeout:
                if let since = lastTick, dashboard.wantsTicks {
                    let time = now()
                    lastTick = time
                    effect = dashboard.handle(.tick(elapsedMs: Self.milliseconds(time - since)))
                }
            case .input(let event):
                effect = dashboard.handle(event)
                if case .resize = event { mustDraw = true }
            }
            if effect == .quit { return .quit }
            if effect == .redraw || mustDraw { draw(on: driver) }
        }
    }

    private func draw(on driver: some TerminalBackend) {
        let size = driver.size
        driver.present(dashboard.render(width: size.width, height: size.height))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

