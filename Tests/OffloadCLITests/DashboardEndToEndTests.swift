import Foundation
import Testing
import OffloadTestSupport

/// Drives the real `offload` binary in tmux: a private server per test (`-L`), keys with
/// `send-keys`, the screen with `capture-pane`, the terminal's state with `display -p`.
/// Every wait is bounded polling; the servers are killed at the end of each test.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxPath != nil, "tmux is not installed; the dashboard's end-to-end tests need it (CI installs it)"))
struct DashboardEndToEndTests {
    @Test func drivesTheDashboardAndRestoresTheTerminalOnQuit() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }

        // Three lanes and a makespan.
        let first = try session.waitForScreen("three lanes and a makespan") { TmuxSession.showsTheMainView($0) }
        let makespan = try #require(TmuxSession.makespan(in: first), "no `makespan N ms` in:\n\(first)")
        #expect(try session.display("#{alternate_on}") == "1")

        // More bandwidth: the makespan falls or stays.
        session.sendKeys("B")
        let faster = try session.waitForScreen("the screen after B") { $0 != first && TmuxSession.makespan(in: $0) != nil }
        let raised = try #require(TmuxSession.makespan(in: faster))
        #expect(raised <= makespan + 1e-9, "makespan rose from \(makespan) to \(raised) with more bandwidth")

        // Help, and back.
        session.sendKeys("?")
        // Every binding of README "Dashboard", not just the key bar's short names.
        let help = try session.waitForScreen("the help") { screen in
            screen != faster && ["bandwidth", "device speed", "cloud speed"].allSatisfy { screen.lowercased().contains($0) }
        }
        #expect(help.lowercased().contains("algorithm"))
        session.sendKeys("Escape")
        _ = try session.waitForScreen("the main view after the help") { TmuxSession.showsTheMainView($0) && $0 != help }

        // Small, tiny, and back: no crash at any size, the full view again afterwards.
        let main = try session.capture()
        session.resize(width: 24, height: 6)
        // What tmux shows by cropping the old screen, until offload draws for the new size.
        var cropped = main.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).map { String($0.prefix(24)) }
        while let last = cropped.last, last.allSatisfy({ $0 == " " }) { cropped.removeLast() }
        let stale = cropped.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        _ = try session.waitForScreen("a redrawn 24×6 screen") { !$0.isEmpty && $0 != stale }
        session.resize(width: 1, height: 1)
        session.resize(width: 100, height: 30)
        _ = try session.waitForScreen("the main view at 100×30") { screen in
            TmuxSession.showsTheMainView(screen) && screen.split(separator: "\n", omittingEmptySubsequences: false).count > 10
        }
        #expect(try session.display("#{pane_dead}") == "0")

        // The bandwidth step is not saved: q asks, d discards and quits.
        session.sendKeys("q")
        _ = try session.waitForScreen("the unsaved-changes prompt") { $0.contains("Unsaved changes") }
        session.sendKeys("d")
        let status = try session.waitForExit()
        #expect(status == 0)
        try session.expectRestored()
    }

    @Test(arguments: [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)])
    func aSignalRestoresTheTerminal(name: String, number: Int32) throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }
        _ = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        #expect(try session.display("#{alternate_on}") == "1")
        let pid = try #require(try session.offloadProcess(), "the offload process was not found")
        #expect(kill(pid, number) == 0)
        let status = try session.waitForExit()
        #expect(status == 128 + number, "SIG\(name) should exit with \(128 + number)")
        try session.expectRestored()
    }

    /// A crash (here the signal sent from outside, as a fault would raise it) restores the
    /// modes and the screen from the signal handler, and the process dies of the signal.
    @Test(arguments: [("SEGV", 11), ("ABRT", 6), ("ILL", 4)])
    func aCrashRestoresTheTerminal(name: String, number: Int32) throws {
        // Without Swift's backtracer, which can take long to symbolicate a debug build (and
        // waits for a key in a terminal): the handler before ours is then the default action.
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], prefix: "env SWIFT_BACKTRACE=enable=no")
        defer { session.close() }
        _ = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        #expect(try session.display("#{alternate_on}") == "1")
        let pid = try #require(try session.offloadProcess(), "the offload process was not found")
        #expect(kill(pid, number) == 0)
        let status = try session.waitForExit()
        if number == SIGSEGV && Self.builtWithASanitizer {
            // ASan and TSan report a SIGSEGV themselves and exit with their own status.
            #expect(status != 0, "SIG\(name) should end the process with a failure")
        } else {
            #expect(status == 128 + number, "SIG\(name) should end the process with \(128 + number), not \(status)")
        }
        try session.expectRestored()
    }

    /// Whether the tests, and so the `offload` binary beside them, were built with
    /// `swift test --sanitize=address` or `--sanitize=thread`.
    static let builtWithASanitizer: Bool = {
        let program = dlopen(nil, RTLD_NOW)
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { dlsym(program, $0) != nil }
    }()

    /// Errors inside the running dashboard (a malformed scenario opened from the picker) are
    /// said in the status line; the dashboard goes on, and quits cleanly afterwards.
    @Test func aMalformedScenarioFromThePickerIsAnErrorOnScreen() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], width: 120, height: 36)
        defer { session.close() }
        let bad = session.folder.appendingPathComponent("broken.json").path
        try #"{"name": "broken", "jobs": [ {"id": "#.write(toFile: bad, atomically: true, encoding: .utf8)
        let first = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        session.sendKeys("o")
        _ = try session.waitForScreen("the picker") { $0 != first && $0.contains("default.json") }
        session.sendKeys("-l", bad)
        session.sendKeys("Enter")
        let failed = try session.waitForScreen("the error in the status line") { $0.contains("broken.json: line 1") }
        #expect(failed.contains("Photo tagging over Wi-Fi"), "the current scenario should stay:\n\(failed)")
        session.sendKeys("Escape")
        let back = try session.waitForScreen("the main view again") { TmuxSession.showsTheMainView($0) && $0 != failed }
        session.sendKeys("B")
        _ = try session.waitForScreen("the bandwidth step") { $0 != back && $0.contains("20 Mbps") }
        session.sendKeys("q")
        _ = try session.waitForScreen("the unsaved-changes prompt") { $0.contains("Unsaved changes") }
        session.sendKeys("d")
        #expect(try session.waitForExit() == 0)
        try session.expectRestored()
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }
        _ = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        session.sendKeys("C-c")
        let status = try session.waitForExit()
        #expect(status == 130)
        try session.expectRestored()
    }

    /// `n n o Esc Esc` used to quit and lose the two new jobs: now each way out asks first.
    @Test func unsavedChangesSurviveEscEscAndCtrlCAsks() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }
        let first = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        #expect(!first.contains("modified"))
        session.sendKeys("n", "n")
        let edited = try session.waitForScreen("ten jobs, marked modified") { $0.contains("10 jobs") && $0.contains("modified") }
        session.sendKeys("o")
        let asked = try session.waitForScreen("the unsaved-changes prompt") { $0.contains("Unsaved changes") && $0.contains("2 jobs added") }
        #expect(asked.contains("discard"))
        session.sendKeys("Escape")
        _ = try session.waitForScreen("the main view again") { !$0.contains("Unsaved changes") && $0 != edited }
        session.sendKeys("Escape")
        _ = try session.waitForScreen("the prompt, not a quit") { $0.contains("Unsaved changes") }
        session.sendKeys("Escape")
        let kept = try session.waitForScreen("the edits kept") { !$0.contains("Unsaved changes") && $0.contains("10 jobs") }
        #expect(kept.contains("modified"))
        #expect(try session.display("#{pane_dead}") == "0")
        // Ctrl-C asks too; a second Ctrl-C quits without saving.
        session.sendKeys("C-c")
        _ = try session.waitForScreen("the prompt after Ctrl-C") { $0.contains("Unsaved changes") }
        session.sendKeys("C-c")
        #expect(try session.waitForExit() == 130)
        try session.expectRestored()
    }

    /// Saving from the prompt writes the file (with a description that says what was tuned), then quits.
    @Test func savingFromThePromptWritesThenQuits() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }
        _ = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        session.sendKeys("B")
        _ = try session.waitForScreen("modified") { $0.contains("modified") }
        session.sendKeys("q")
        _ = try session.waitForScreen("the unsaved-changes prompt") { $0.contains("Unsaved changes") && $0.contains("bandwidth 18.88") }
        session.sendKeys("s")
        _ = try session.waitForScreen("the save dialog") { $0.contains("Save the scenario") }
        let target = session.folder.appendingPathComponent("tuned.json").path
        // Clear the suggested path, type ours.
        session.sendKeys("C-u")
        session.sendKeys("-l", target)
        session.sendKeys("Enter")
        #expect(try session.waitForExit() == 0)
        try session.expectRestored()
        let saved = try String(contentsOfFile: target, encoding: .utf8)
        #expect(saved.contains("Tuned in the dashboard: bandwidth 18.88 Mbps -> 20 Mbps."), "\(saved.prefix(400))")
        #expect(saved.contains("A phone on home Wi-Fi"))
    }

    /// `g` draws partition-only's plan as a ghost and states both makespans in words.
    @Test func theGhostShowsBothMakespans() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], width: 80, height: 24)
        defer { session.close() }
        let first = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        session.sendKeys("g")
        let ghost = try session.waitForScreen("the ghost's verdict") { $0 != first && $0.contains("vs partition-only") }
        #expect(ghost.contains("joint 219.4 ms vs partition-only 357.8 ms"), "\(ghost)")
        #expect(ghost.contains("38.7% shorter"))
        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    /// At 80 columns the header keeps the gain (it used to drop it), and the planned
    /// view's axis ends within 5 % of the planned makespan (it used to run to the realised one).
    @Test func at80ColumnsTheHeadlineAndThePlannedAxisHold() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/commute-handover.json"], width: 80, height: 24)
        defer { session.close() }
        let screen = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) && $0.contains("gain") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(4).contains { $0.contains("gain 38.7%") }, "\(screen)")
        let makespan = try #require(TmuxSession.makespan(in: screen))
        // The axis labels: `ms 0   50   100 …` under the tick row; the chart ends at column 79.
        let labels = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("ms 0") })
        var ticks: [(column: Int, ms: Double)] = []
        var column = 0
        for piece in labels.split(separator: " ", omittingEmptySubsequences: false) {
            if let value = Double(piece) { ticks.append((column, value)) }
            column += piece.count + 1
        }
        #expect(ticks.count >= 3, "\(labels)")
        if let low = ticks.first, let high = ticks.last, high.column > low.column {
            let msPerColumn = (high.ms - low.ms) / Double(high.column - low.column)
            let axisEnd = low.ms + Double(80 - low.column) * msPerColumn
            #expect(abs(axisEnd - makespan) <= makespan * 0.05, "the axis ends at \(axisEnd) ms, the plan at \(makespan) ms")
        }
        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aDumbTerminalGetsAMessageAndTheTextChart() throws {
        let bare = try TmuxSession(arguments: [], term: "dumb")
        defer { bare.close() }
        #expect(try bare.waitForExit() == 0)
        let text = try bare.capture(history: true)
        #expect(text.contains("\"dumb\""), "no message naming the terminal type in:\n\(text)")
        #expect(text.contains("makespan"))
        #expect(try bare.display("#{alternate_on}") == "0")

        let named = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], term: "dumb")
        defer { named.close() }
        #expect(try named.waitForExit() == 1)
        let message = try named.capture(history: true)
        #expect(message.contains("offload:") && message.contains("\"dumb\""), "no message in:\n\(message)")
        #expect(try named.display("#{alternate_on}") == "0")
    }

    @Test func anUnsetTermGetsAMessage() throws {
        let bare = try TmuxSession(arguments: [], term: "")
        defer { bare.close() }
        #expect(try bare.waitForExit() == 0)
        let text = try bare.capture(history: true)
        #expect(text.contains("TERM is not set") && text.contains("printing the plan as text"), "no message in:\n\(text)")
        #expect(text.contains("makespan") && text.contains("uplink"))
        #expect(try bare.display("#{alternate_on}") == "0")

        let named = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], term: "")
        defer { named.close() }
        #expect(try named.waitForExit() == 1)
        let message = try named.capture(history: true)
        #expect(message.contains("offload: TERM is not set") && message.contains("set TERM"), "no message in:\n\(message)")
        #expect(try named.display("#{alternate_on}") == "0")
    }

    /// Standard input is not a terminal: the dashboard reads the keys from /dev/tty; a bare
    /// `offload` prints its chart.
    @Test func standardInputFromDevNull() throws {
        let named = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], redirect: "< /dev/null")
        defer { named.close() }
        _ = try named.waitForScreen("the dashboard, its keys from /dev/tty") { TmuxSession.showsTheMainView($0) }
        #expect(try named.display("#{alternate_on}") == "1")
        named.sendKeys("q")
        #expect(try named.waitForExit() == 0)
        try named.expectRestored()

        let bare = try TmuxSession(arguments: [], redirect: "< /dev/null")
        defer { bare.close() }
        #expect(try bare.waitForExit() == 0)
        let text = try bare.capture(history: true)
        #expect(text.contains("makespan") && text.contains("uplink"), "no chart in:\n\(text)")
        #expect(try bare.display("#{alternate_on}") == "0")
    }

    /// No terminal at all to read keys from (a new session without a controlling terminal,
    /// input from /dev/null): a message and exit 1 for the dashboard, the chart for `offload`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid"), "setsid is not installed"))
    func noTerminalToReadKeysFrom() throws {
        let named = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], prefix: "setsid -w", redirect: "< /dev/null")
        defer { named.close() }
        #expect(try named.waitForExit() == 1)
        let message = try named.capture(history: true)
        #expect(message.contains("offload: the dashboard needs a terminal"), "no message in:\n\(message)")
        #expect(try named.display("#{alternate_on}") == "0")

        let bare = try TmuxSession(arguments: [], prefix: "setsid -w", redirect: "< /dev/null")
        defer { bare.close() }
        #expect(try bare.waitForExit() == 0)
        #expect(try bare.capture(history: true).contains("makespan"))
    }

    /// Standard output into a pipe, from a terminal: the chart as plain text.
    @Test func standardOutputIntoAPipe() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], redirect: "| cat")
        defer { session.close() }
        #expect(try session.waitForExit() == 0)
        let text = try session.capture(history: true)
        #expect(text.contains("makespan") && text.contains("device") && text.contains("cloud"), "no chart in:\n\(text)")
        #expect(try session.display("#{alternate_on}") == "0")
        try session.expectRestored()
    }

    @Test func anUnknownTerminalTypeGetsAMessage() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], term: "no-such-terminal-type")
        defer { session.close() }
        #expect(try session.waitForExit() == 1)
        let message = try session.capture(history: true)
        #expect(message.contains("\"no-such-terminal-type\""), "no message in:\n\(message)")
        #expect(try session.display("#{alternate_on}") == "0")
    }

    @Test func aStormOfResizesLeavesTheSameScreenAsAFreshStart() throws {
        let session = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"])
        defer { session.close() }
        _ = try session.waitForScreen("the dashboard") { TmuxSession.showsTheMainView($0) }
        var generator = SystemRandomNumberGenerator()
        // 100 sizes from 1×1 to 160×50, the tiny ones included, as fast as tmux takes them.
        for index in 0..<100 {
            let (width, height) = index % 10 == 0 ? (1 + index % 3, 1 + index % 2)
                : (Int.random(in: 1...160, using: &generator), Int.random(in: 1...50, using: &generator))
            session.resize(width: width, height: height)
        }
        session.resize(width: 90, height: 28)
        let fresh = try TmuxSession(arguments: ["dashboard", "sample-jobs/default.json"], width: 90, height: 28)
        defer { fresh.close() }
        let expected = try fresh.waitForScreen("a fresh dashboard at 90×28") { TmuxSession.showsTheMainView($0) }
        let stormed = try session.waitForScreen("the same screen after the storm", timeout: 10) { $0 == expected }
        #expect(stormed == expected)
        // The whole main view: three lanes, a makespan, an axis, the job table and the key bar.
        #expect(TmuxSession.showsTheMainView(stormed))
        let lines = stormed.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 28 && lines.allSatisfy { $0.count <= 90 }, "not a 90×28 screen:\n\(stormed)")
        #expect(stormed.contains("scene-1") && stormed.contains("objects-1") && stormed.contains("q quit"), "\(stormed)")
        // Still alive and answering keys, and a repaint (Ctrl-L) draws the same screen.
        #expect(try session.display("#{pane_dead}") == "0")
        session.sendKeys("C-l")
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try session.capture() == expected)
        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
        try session.expectRestored()
    }
}

/// One private tmux server running `offload` in a single pane, through a wrapper that
/// records the terminal modes before and after and prints the exit status.
final class TmuxSession {
    /// The tmux executable on PATH, or nil.
    static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var binary: URL { OffloadProcess.binary }
    static let root = OffloadProcess.root

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket = "offload-e2e-\(UUID().uuidString.prefix(8))"
    let folder: URL
    private var socketPath: String?
    private var closed = false

    /// Starts a server whose one pane runs `PREFIX offload ARGUMENTS REDIRECT` with
    /// `TERM=term` in a `width`×`height` window: `prefix` such as `setsid -w`, `redirect`
    /// such as `< /dev/null` or `| cat` (shell syntax, not quoted).
    init(arguments: [String], term: String = "xterm-256color", width: Int = 100, height: Int = 30,
         prefix: String = "", redirect: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let quoted = prefix + " " + ([Self.binary.path] + arguments).map(Self.shellQuoted).joined(separator: " ") + " " + redirect
        let script = """
            cd \(Self.shellQuoted(Self.root.path)) || exit 99
            unset NO_COLOR COLUMNS LINES TMUX
            trap ':' INT QUIT    # outlive a Ctrl-C meant for offload (offload itself gets default handlers)
            export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=\(Self.shellQuoted(term))
            stty -g > \(Self.shellQuoted(folder.appendingPathComponent("before").path))
            \(quoted)
            status=$?
            stty -g > \(Self.shellQuoted(folder.appendingPathComponent("after").path))
            echo "offload exited $status"
            exec sleep 600    # keep the pane alive (its cursor and screen observable) until the server is killed
            """
        let scriptFile = folder.appendingPathComponent("run.sh")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        // remain-on-exit keeps the pane (and its screen) after offload and the wrapper exit.
        try tmux(["-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                  "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height), "sh " + Self.shellQuoted(scriptFile.path)])
        socketPath = try? display("#{socket_path}")
    }

    deinit { close() }

    /// Kills the server and removes the temporary folder.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        // tmux leaves its socket file behind.
        if let socketPath, socketPath.contains(socket) { unlink(socketPath) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `tmux -L SOCKET ARGUMENTS` and returns its standard output.
    ///
    /// Spawned directly rather than with Foundation's `Process`: the command that starts the
    /// server forks the server off, which would inherit the descriptors `Process` watches to
    /// learn that its child exited (so waiting would last as long as the server), and any
    /// descriptor of a process another test is running. The child gets only 0, 1 and 2.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        guard let tmuxPath = Self.tmuxPath else { throw Failure(description: "tmux is not installed") }
        let outputPath = folder.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let status = try Self.spawnAndWait(tmuxPath, ["-L", socket] + arguments, outputPath: outputPath)
        let output = OffloadProcess.contents(ofFile: outputPath) ?? ""
        if status != 0 {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return output
    }

    /// Runs `path ARGUMENTS` with standard output to `outputPath` and returns its exit
    /// status; kills it after `timeout` seconds.
    static func spawnAndWait(_ path: String, _ arguments: [String], outputPath: String, timeout: Double = 15) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        closeInheritedDescriptors(&actions)
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The test runs on a thread that blocks most signals, and a spawned process inherits
        // that mask: the tmux server would then ignore the SIGTERM kill-server sends itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(path): error \(spawned)") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw Failure(description: "waitpid failed for \(path)") }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(path) \(arguments.joined(separator: " ")) took longer than \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Adds "close every descriptor from 3 on" to `actions`: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34+, looked up at run time because Swift
    /// does not import it), else a close for each descriptor open now.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// The pane's text (with the lines scrolled off the top when `history`), trailing blank
    /// lines dropped.
    func capture(history: Bool = false) throws -> String {
        let range = history ? ["-S", "-"] : []
        var lines = try tmux(["capture-pane", "-p", "-t", "e2e"] + range).split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// A tmux format expanded for the pane, such as `#{alternate_on}`.
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "e2e", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sendKeys(_ keys: String...) {
        _ = try? tmux(["send-keys", "-t", "e2e"] + keys)
    }

    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen every 40 ms until `condition` holds; fails after `timeout` seconds.
    @discardableResult
    func waitForScreen(_ what: String, timeout: Double = 20, history: Bool = false, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture(history: history)
            if condition(screen) { return screen }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.04)
        }
        throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen)")
    }

    /// Waits for the wrapper's "offload exited N" line and returns N (looking in the
    /// history too, should the line have scrolled off).
    func waitForExit(timeout: Double = 20) throws -> Int32 {
        let screen = try waitForScreen("offload to exit", timeout: timeout, history: true) { $0.contains("offload exited ") }
        guard let line = screen.split(separator: "\n").last(where: { $0.hasPrefix("offload exited ") }),
              let status = Int32(line.dropFirst("offload exited ".count).trimmingCharacters(in: .whitespaces)) else {
            throw Failure(description: "no exit status in:\n\(screen)")
        }
        return status
    }

    /// The terminal is as it was: the main screen, the cursor shown, the same modes.
    func expectRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try display("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(try display("#{cursor_flag}") == "1", "the cursor is still hidden", sourceLocation: sourceLocation)
        let before = try #require(OffloadProcess.contents(ofFile: folder.appendingPathComponent("before").path))
        let after = try #require(OffloadProcess.contents(ofFile: folder.appendingPathComponent("after").path))
        #expect(!before.isEmpty && before == after, "the terminal modes changed: \(before) → \(after)", sourceLocation: sourceLocation)
    }

    /// The pid of the `offload` process the pane's wrapper runs.
    func offloadProcess() throws -> pid_t? {
        guard let shell = Int32(try display("#{pane_pid}")) else { return nil }
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in processes {
            guard let pid = Int32(entry),
                  let stat = OffloadProcess.contents(ofFile: "/proc/\(entry)/stat"),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) state ppid …"
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell { return pid }
        }
        return nil
    }

    /// Whether the screen shows the dashboard's main view: three lanes and a makespan.
    static func showsTheMainView(_ screen: String) -> Bool {
        ["device", "uplink", "cloud"].allSatisfy { screen.contains($0) } && makespan(in: screen) != nil
    }

    /// The number in the header's `makespan N ms`.
    static func makespan(in screen: String) -> Double? {
        guard let match = screen.firstMatch(of: /makespan:?\s+([0-9][0-9,]*(?:\.[0-9]+)?)\s*ms/) else { return nil }
        return Double(match.1.replacingOccurrences(of: ",", with: ""))
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
