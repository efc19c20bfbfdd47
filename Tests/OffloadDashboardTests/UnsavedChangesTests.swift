import Foundation
import OffloadModel
import Testing
@testable import OffloadDashboard

/// Edits are never lost without asking: q, Esc, o and Ctrl-C ask to save, discard or cancel.
@Suite struct UnsavedChangesTests {
    @Test func anUneditedScenarioQuitsAtOnce() throws {
        var dashboard = try Fixtures.dashboard()
        #expect(!dashboard.state.isModified)
        #expect(dashboard.handle(.key(.escape)) == .quit)
        #expect(dashboard.handle(.interrupt) == .quit)
    }

    @Test func everyWayOutAsksOnceEdited() throws {
        for key: Key in [.character("q"), .escape, .function(10)] {
            var dashboard = try Fixtures.dashboard()
            dashboard.type("nn")
            #expect(dashboard.state.isModified)
            #expect(dashboard.handle(.key(key)) == .redraw)
            #expect(dashboard.state.overlay == .unsaved(UnsavedPrompt(next: .quit)))
            // Esc cancels; the jobs stay.
            _ = dashboard.handle(.key(.escape))
            #expect(dashboard.state.overlay == .none)
            #expect(dashboard.state.scenario.jobs.count == 10)
        }
        var dashboard = try Fixtures.dashboard()
        dashboard.type("B")
        dashboard.type("o")
        #expect(dashboard.state.overlay == .unsaved(UnsavedPrompt(next: .open)))
        #expect(dashboard.state.changeSummary == "bandwidth 18.88 Mbps → 20 Mbps")
        // Discard goes on to the picker.
        dashboard.type("d")
        guard case .picker = dashboard.state.overlay else {
            Issue.record("discard should open the picker, not \(dashboard.state.overlay)")
            return
        }
    }

    @Test func ctrlCAsksThenQuits() throws {
        var dashboard = try Fixtures.dashboard()
        dashboard.type("x")
        #expect(dashboard.handle(.interrupt) == .redraw)
        #expect(dashboard.state.overlay == .unsaved(UnsavedPrompt(next: .quit)))
        #expect(dashboard.handle(.interrupt) == .quit)
    }

    @Test func theHeaderMarksTheScenarioModified() throws {
        var dashboard = try Fixtures.dashboard(width: 80, height: 24)
        #expect(!dashboard.render(width: 80, height: 24).rows[0].contains("modified"))
        dashboard.type("b")
        let header = dashboard.render(width: 80, height: 24).rows.prefix(3).joined(separator: "\n")
        #expect(header.contains("modified"), "\(header)")
        dashboard.type("r")
        #expect(!dashboard.state.isModified, "reset to the scenario's environment is no change")
    }

    @Test func savingFromThePromptSavesThenQuitsAndKeepsTheDescription() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var dashboard = try Fixtures.dashboard()
        dashboard.type("BBn")
        dashboard.type("q")
        dashboard.type("s")
        guard case var .save(prompt) = dashboard.state.overlay else {
            Issue.record("s should open the save dialog")
            return
        }
        #expect(prompt.then == .quit)
        prompt.field = folder + "/tuned.json"
        dashboard.state.overlay = .save(prompt)
        #expect(dashboard.handle(.key(.enter)) == .quit)
        let saved = try ScenarioFile.load(path: folder + "/tuned.json")
        let original = try Fixtures.scenario("default")
        #expect(saved.description.hasPrefix(original.description))
        #expect(saved.description.hasSuffix("Tuned in the dashboard: bandwidth 18.88 Mbps -> 25 Mbps, jobs 8 -> 9."), "\(saved.description.suffix(120))")
        #expect(saved.jobs.count == 9)
        #expect(!dashboard.state.isModified)
    }

    @Test func aSecondSaveReplacesTheTuningNoteInsteadOfAddingOne() {
        let environment = Environment(deviceSpeed: 1, cloudSpeed: 1, bandwidthMbps: 10, latencyMs: 0)
        var tuned = environment
        tuned.bandwidthMbps = 20
        let once = TuningNote.describe(original: "Base.", loaded: environment, tuned: tuned, loadedJobs: 2, jobs: 2)
        #expect(once == "Base. Tuned in the dashboard: bandwidth 10 Mbps -> 20 Mbps.")
        tuned.latencyMs = 5
        let twice = TuningNote.describe(original: once, loaded: environment, tuned: tuned, loadedJobs: 2, jobs: 3)
        #expect(twice == "Base. Tuned in the dashboard: bandwidth 10 Mbps -> 20 Mbps, latency 0 ms -> 5 ms, jobs 2 -> 3.")
        #expect(TuningNote.describe(original: once, loaded: environment, tuned: environment, loadedJobs: 2, jobs: 2) == "Base.")
    }
}

/// The path fields edit like a shell's.
@Suite struct PathFieldTests {
    @Test func editingAtTheCursor() {
        var field = TextField("sample/default.json")
        field.move(.home)
        field.insert("~")
        field.insert("/")
        #expect(field.text == "~/sample/default.json")
        field.move(.end)
        field.deleteWordBackward()
        #expect(field.text == "~/sample/")
        field.deleteToStart()
        #expect(field.text == "")
        #expect(field.cursor == 0)
    }

    @Test func tabCompletesLikeAShell() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["walk-3g.json", "walk-4g.json", "drive.json"] {
            try "{}".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: folder + "/traces", withIntermediateDirectories: true)
        #expect(PathCompletion.complete(folder + "/d").text == folder + "/drive.json")
        let walk = PathCompletion.complete(folder + "/w")
        #expect(walk.text == folder + "/walk-")
        #expect(walk.candidates == ["walk-3g.json", "walk-4g.json"])
        #expect(PathCompletion.complete(folder + "/tr").text == folder + "/traces/")
        #expect(PathCompletion.complete(folder + "/zz").text == folder + "/zz")
        // `~` is the home folder, and stays as typed.
        #expect(PathCompletion.complete("~/d", home: folder).text == "~/drive.json")
        #expect(PathCompletion.expandTilde("~/x", home: "/home/me") == "/home/me/x")
        #expect(PathCompletion.expandTilde("a~/x", home: "/home/me") == "a~/x")
    }
}
