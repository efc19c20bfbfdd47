#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import OffloadDashboard

/// The event loop (`DashboardRunner`) on an in-memory terminal: what it draws, when it
/// blocks, how each way out ends and that the terminal is put back every time. The tmux
/// tests in OffloadCLITests run the same loop end to end on ncurses.
@Suite struct RunnerTests {
    static func runner(options: DashboardOptions = Fixtures.options(), now: @escaping () -> Duration = DashboardRunner.monotonicTime()) throws -> DashboardRunner {
        DashboardRunner(dashboard: try Dashboard(scenario: Fixtures.scenario("default"), scenarioPath: Fixtures.scenarioPath("default"), options: options),
                        now: now)
    }

    /// Whether the frame shows the unsaved-changes prompt.
    static func asksToSave(_ backend: TestBackend) -> Bool { backend.screen?.text.contains("Unsaved changes") == true }

    @Test func drawsWhatTheDashboardRendersAtTheTerminalsSizeAndRestoresOnQuit() throws {
        let backend = TestBackend(width: 100, height: 30, script: TestBackend.typing("q"))
        var runner = try Self.runner()
        #expect(try runner.run(on: backend) == .quit)
        #expect(backend.starts == 1 && backend.stops == 1 && !backend.isActive)
        let dashboard = try Fixtures.dashboard(width: 100, height: 30)
        #expect(backend.frames.first == dashboard.render(width: 100, height: 30))
        #expect(backend.frames.count == 1, "q quits without drawing again")
    }

    @Test func aResizeRedrawsAtTheNewSize() throws {
        var sizes: [(Int, Int)] = []
        let look: (TestBackend) -> Void = { backend in sizes.append((backend.screen?.width ?? 0, backend.screen?.height ?? 0)) }
        let backend = TestBackend(width: 120, height: 40, script: [
            .inspect(look), .resize(width: 80, height: 24), .inspect(look), .resize(width: 20, height: 5), .inspect(look), .key(.character("q")),
        ])
        var runner = try Self.runner()
        #expect(try runner.run(on: backend) == .quit)
        #expect(sizes.map(\.0) == [120, 80, 20])
        #expect(sizes.map(\.1) == [40, 24, 5])
        #expect(backend.screen?.text.contains("20") == true, "too small a terminal says the size it needs: \(backend.screen?.text ?? "")")
        #expect(runner.dashboard.state.width == 20 && runner.dashboard.state.height == 5)
    }

    @Test func drawsOnlyWhenSomethingChangedOrOnCtrlL() throws {
        var counts: [Int] = []
        let count: TestBackend.Step = .inspect { counts.append($0.frames.count) }
        // Up on the first job changes nothing; Ctrl-L repaints anyway; j moves the selection.
        let backend = TestBackend(width: 100, height: 30, script: [count, .key(.up), count, .event(.repaint), count, .key(.character("j")), count])
        var runner = try Self.runner()
        #expect(try runner.run(on: backend) == .inputClosed)
        #expect(counts == [1, 1, 2, 3])
        #expect(runner.dashboard.state.selectedJob == 1)
        #expect(!backend.isActive, "the terminal is put back when the input closes")
    }

    @Test func blocksWhenIdleAndTicksWhilePlansArePendingOrPlaying() throws {
        // A bandwidth step re-plans the current algorithm at once, the comparison's others
        // one per tick, and marks the moved cuts for 2.5 s; then the loop is idle again.
        let settle = [TestBackend.Step](repeating: .wait(milliseconds: 33), count: 100)
        var opened: [Int] = [], idle: [Int] = [], playing: [Int] = [], ended = false
        let backend = TestBackend(width: 100, height: 30, script: [.inspect { opened = $0.timeouts }, .key(.character("b"))] + settle
                                  + [.inspect { idle = $0.timeouts }, .key(.character(" ")), .wait(milliseconds: 1000), .wait(milliseconds: 1000),
                                     .inspect { playing = $0.timeouts }, .wait(milliseconds: 1000), .wait(milliseconds: 1000), .wait(milliseconds: 1000),
                                     .wait(milliseconds: 1000), .wait(milliseconds: 1000),
                                     .inspect { ended = $0.screen?.text.contains("played to the end") == true }, .key(.character("q")), .key(.character("d"))])
        var runner = try Self.runner(now: backend.now)
        #expect(try runner.run(on: backend) == .quit)
        let tick = runner.tickMs
        #expect(opened == [-1], "opened with every plan made, the loop blocks on input")
        let afterStep = idle.dropFirst()
        let ticking = afterStep.prefix { $0 != -1 }
        #expect(ticking.count > 10 && ticking.allSatisfy { $0 >= 0 && $0 <= tick }, "plans and marks tick: \(idle)")
        #expect(afterStep.count > ticking.count && afterStep.dropFirst(ticking.count).allSatisfy { $0 == -1 },
                "once every plan is made and the marks fade, the loop blocks again: \(idle)")
        #expect(runner.dashboard.state.changedCuts.isEmpty)
        // Play: ticks while the cursor sweeps the plan in 6 s, then stops at its end.
        #expect(playing.suffix(2).allSatisfy { $0 >= 0 && $0 <= tick }, "playing ticks: \(playing.suffix(2))")
        #expect(runner.dashboard.state.playback.playing == false)
        #expect(ended, "the status line says the play ended")
        #expect(backend.timeouts.last == -1, "stopped at the end, it blocks")
    }

    @Test func quittingWithUnsavedChangesAsksFirst() throws {
        var prompts: [Bool] = []
        let look: TestBackend.Step = .inspect { prompts.append(Self.asksToSave($0)) }
        let backend = TestBackend(width: 100, height: 30, script: TestBackend.typing("nq") + [look, .key(.escape), look]
                                  + TestBackend.typing("q") + [look] + TestBackend.typing("d"))
        var runner = try Self.runner()
        #expect(try runner.run(on: backend) == .quit)
        #expect(prompts == [true, false, true])
        #expect(runner.dashboard.state.scenario.jobs.count == (try Fixtures.scenario("default")).jobs.count + 1)
        #expect(!backend.isActive)
    }

    @Test func ctrlCAndSignals() throws {
        // SIGINT with unsaved changes asks; a second one ends the session with the signal.
        var asked = false
        var backend = TestBackend(width: 100, height: 30, script: TestBackend.typing("n")
                                  + [.event(.signal(SIGINT)), .inspect { asked = Self.asksToSave($0) }, .event(.signal(SIGINT))])
        var runner = try Self.runner()
        #expect(try runner.run(on: backend) == .signal(SIGINT))
        #expect(asked)
        #expect(!backend.isActive)

        // Ctrl-C typed as a key: the same question, then a plain quit.
        backend = TestBackend(width: 100, height: 30, script: TestBackend.typing("n") + [.event(.interruptKey), .inspect { asked = Self.asksToSave($0) }, .event(.interruptKey)])
        runner = try Self.runner()
        asked = false
        #expect(try runner.run(on: backend) == .quit)
        #expect(asked)

        // Without changes, or with another signal pending, or another signal: no question.
        for (typed, signal, resumes) in [("", SIGINT, true), ("n", SIGINT, false), ("n", SIGTERM, true), ("n", SIGHUP, true)] {
            backend = TestBackend(width: 100, height: 30, script: TestBackend.typing(typed) + [.event(.signal(signal))])
            backend.interruptResumes = resumes
            runner = try Self.runner()
            #expect(try runner.run(on: backend) == .signal(signal))
            #expect(!Self.asksToSave(backend))
            #expect(backend.stops == 1 && !backend.isActive)
        }
    }

    @Test func aTerminalThatCannotStartDrawsNothing() throws {
        let backend = TestBackend(width: 100, height: 30, script: TestBackend.typing("q"))
        backend.startFailure = .startFailed(term: "xterm")
        var runner = try Self.runner()
        #expect(throws: TerminalError.startFailed(term: "xterm")) { try runner.run(on: backend) }
        #expect(backend.frames.isEmpty && backend.starts == 0 && !backend.isActive)
    }

    /// The decision `TerminalSetup.detect` makes from the environment reaches the cells the
    /// runner presents: 24-bit colours only with COLORTERM, none with NO_COLOR, ASCII
    /// only outside a UTF-8 locale.
    @Test func theDetectedSetupReachesTheScreen() throws {
        let cases: [([String: String], rgb: Bool, colour: Bool, unicode: Bool)] = [
            (["TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "en_GB.UTF-8"], true, true, true),
            (["TERM": "xterm-256color", "LANG": "en_GB.UTF-8"], false, true, true),
            (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1", "LANG": "C"], false, false, false),
        ]
        for (environment, rgb, colour, unicode) in cases {
            var options = Fixtures.options()
            options.adopt(TerminalSetupTests.detect(environment))
            let backend = TestBackend(width: 120, height: 40, script: TestBackend.typing("q"))
            var runner = try Self.runner(options: options)
            #expect(try runner.run(on: backend) == .quit)
            let cells = try #require(backend.screen).cells
            let colours = cells.flatMap { [$0.style.foreground, $0.style.background] }
            #expect(colours.contains { if case .rgb = $0 { true } else { false } } == rgb, "\(environment)")
            #expect(colours.contains { $0 != .terminalDefault } == colour, "\(environment)")
            #expect(cells.contains { !$0.character.isASCII } == unicode, "\(environment)")
        }
    }
}
