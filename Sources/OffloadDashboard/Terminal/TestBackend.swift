/// A terminal in memory, for testing the event loop without a terminal (in the manner of
/// ratatui's `TestBackend`): it plays a script of inputs, has a size the script can
/// change, and keeps every frame presented as a cell buffer to assert on.
///
/// ```
/// let backend = TestBackend(width: 80, height: 24, script: TestBackend.typing("nq") + [.key(.character("d"))])
/// var runner = DashboardRunner(dashboard: dashboard, now: backend.now)
/// #expect(try runner.run(on: backend) == .quit)
/// #expect(!backend.isActive)
/// ```
public final class TestBackend: TerminalBackend {
    /// One step of the script.
    public enum Step {
        /// `readEvent` returns this.
        case event(TerminalEvent)
        /// The terminal takes this size, and `readEvent` reports it (`.input(.resize)`).
        case resize(width: Int, height: Int)
        /// `milliseconds` pass on `now` with no input: `readEvent` says `.timeout`.
        case wait(milliseconds: Int)
        /// Not an input: runs when the loop reaches it (to look at the screen mid-way).
        case inspect((TestBackend) -> Void)

        /// A key press.
        public static func key(_ key: Key) -> Step { .event(.input(.key(key))) }
    }

    /// The steps not yet played; once they run out, `readEvent` says the input closed.
    public private(set) var script: [Step]
    public private(set) var size: (width: Int, height: Int)
    /// Every frame presented, the latest last.
    public private(set) var frames: [Canvas] = []
    /// The timeout of every `readEvent` call, in order (-1: the loop blocked on input).
    public private(set) var timeouts: [Int] = []
    /// Whether the terminal is taken over (between `start` and `stop`).
    public private(set) var isActive = false
    /// How many times `start` and `stop` ran while they had something to do.
    public private(set) var starts = 0, stops = 0
    /// What `start` throws, to test a terminal that cannot start.
    public var startFailure: TerminalError?
    /// What `resumeAfterInterrupt` answers; true: the signal pending was SIGINT.
    public var interruptResumes = true
    /// The scripted time: it moves only on `.wait` steps.
    public private(set) var time = Duration.zero

    /// The scripted time, for `DashboardRunner(dashboard:now:)`.
    public var now: () -> Duration { { [weak self] in self?.time ?? .zero } }

    /// A terminal of `width` × `height` that will play `script`.
    public init(width: Int, height: Int, script: [Step] = []) {
        size = (width, height)
        self.script = script
    }

    /// Key presses, one per character of `text`.
    public static func typing(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    /// The latest frame, nil before the first.
    public var screen: Canvas? { frames.last }

    public func start() throws(TerminalError) {
        guard !isActive else { return }
        if let startFailure { throw startFailure }
        isActive = true
        starts += 1
    }

    public func stop() {
        guard isActive else { return }
        isActive = false
        stops += 1
    }

    public func present(_ canvas: Canvas) {
        guard isActive else { return }
        frames.append(canvas)
    }

    public func readEvent(timeoutMs: Int) -> TerminalEvent {
        timeouts.append(timeoutMs)
        guard isActive else { return .inputClosed }
        while !script.isEmpty {
            switch script.removeFirst() {
            case let .event(event): return event
            case let .wait(milliseconds):
                time += .milliseconds(max(0, milliseconds))
                return .timeout
            case let .resize(width, height):
                size = (max(0, width), max(0, height))
                return .input(.resize(width: size.width, height: size.height))
            case let .inspect(look): look(self)
            }
        }
        return .inputClosed
    }

    public func resumeAfterInterrupt() -> Bool { interruptResumes }
}
