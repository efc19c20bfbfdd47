import Foundation
import OffloadModel
import OffloadScheduler
import Testing
@testable import OffloadDashboard

/// `ScenarioFile.encode` and `save`: saved files validate and reload to the same plan.
@Suite struct ScenarioWriterTests {
    static let sampleNames = ["default", "ar-headset-wifi", "chain-zoo-wifi", "commute-handover", "drive-4g", "drone-3g", "handover-5g",
                              "kitchen-wifi", "phone-camera-burst-4g", "resnet101-single", "vgg16-homogeneous", "walk-3g",
                              "gallery-transformers-wifi"]

    func plans(_ scenario: Scenario) -> [Algorithm: Double] {
        let planner = Planner(scenario: scenario)
        var result: [Algorithm: Double] = [:]
        for algorithm in [Algorithm.local, .cloud, .partitionOnly, .scheduleOnly, .joint] {
            result[algorithm] = try? planner.plan(algorithm, in: scenario.environment).makespanMs
        }
        return result
    }

    @Test func loadingRemembersModelPaths() throws {
        let scenario = try Fixtures.scenario("default")
        #expect(scenario.modelSources == [ModelSource(path: "models/alexnet.json", inputBytes: 150528),
                                          ModelSource(path: "models/resnet50.json", inputBytes: 150528)])
    }

    @Test(arguments: sampleNames)
    func everySampleRoundTrips(name: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try Fixtures.scenario(name)
        let path = folder + "/copy.json"
        try ScenarioFile.save(original, to: path, loadedFrom: Fixtures.scenarioPath(name))
        let reloaded = try ScenarioFile.load(path: path)
        #expect(reloaded.name == original.name)
        #expect(reloaded.description == original.description)
        #expect(reloaded.environment == original.environment)
        #expect(reloaded.jobs == original.jobs)
        #expect(reloaded.models.map(\.name) == original.models.map(\.name))
        #expect(reloaded.models.map(\.inputBytes) == original.models.map(\.inputBytes))
        #expect(plans(reloaded) == plans(original))
        // Model paths now lead from the temporary folder back to the samples.
        #expect(reloaded.modelSources.allSatisfy { $0.path.hasPrefix("../") || $0.path.hasPrefix("/") })
    }

    @Test func countedRunsAreWrittenBack() throws {
        let text = try ScenarioFile.encode(Fixtures.scenario("default"))
        #expect(text.contains("\"id\": \"scene\""))
        #expect(text.contains("\"count\": 4"))
        #expect(text.contains("\"inputBytes\": 150528"))
        #expect(text.contains("\"bandwidthMbps\": 18.88"))
    }

    @Test func aScenarioBuiltInCodeCannotBeSaved() throws {
        var scenario = try Fixtures.scenario("default")
        scenario.modelSources = []
        #expect(throws: InputError.self) { _ = try ScenarioFile.encode(scenario) }
    }

    @Test func relativePaths() {
        #expect(relativePath(to: "/a/b/models/x.json", fromFolderOf: "/a/b/s.json") == "models/x.json")
        #expect(relativePath(to: "/a/b/models/x.json", fromFolderOf: "/a/c/d/s.json") == "../../b/models/x.json")
        #expect(relativePath(to: "/a/./b/../b/x.json", fromFolderOf: "/a/b/s.json") == "x.json")
    }

    @Test func theDashboardSavesTheTunedScenario() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var dashboard = try Fixtures.dashboard()
        dashboard.type("2DnA")  // 4G, a faster device, one more job, schedule-only
        let expected = dashboard.derived.plans
        dashboard.type("s")
        guard case .save = dashboard.state.overlay else { Issue.record("no save dialog"); return }
        // Clear the suggested path and type ours.
        for _ in 0..<300 { _ = dashboard.handle(.key(.backspace)) }
        let path = folder + "/tuned.json"
        dashboard.type(path)
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.overlay == .none)
        #expect(dashboard.state.status?.text.hasPrefix("saved \(path)") == true)

        let reloaded = try ScenarioFile.load(path: path)
        #expect(reloaded.environment.bandwidthMbps == 5.85)
        #expect(reloaded.environment.deviceSpeed == 1.25)
        #expect(reloaded.jobs.map(\.id) == dashboard.state.scenario.jobs.map(\.id))
        let planner = Planner(scenario: reloaded)
        for algorithm in [Algorithm.partitionOnly, .scheduleOnly, .joint] {
            let plan = try planner.plan(algorithm, in: reloaded.environment)
            #expect(plan.makespanMs == expected.makespan(algorithm))
            #expect(plan.order == expected.plan(algorithm)?.order)
        }

        // Saving again over the file asks first.
        dashboard.type("s")
        for _ in 0..<300 { _ = dashboard.handle(.key(.backspace)) }
        dashboard.type(path)
        _ = dashboard.handle(.key(.enter))
        guard case let .save(prompt) = dashboard.state.overlay else { Issue.record("the dialog closed without asking"); return }
        #expect(prompt.confirmedPath == path)
        #expect(dashboard.state.status?.text.contains("exists") == true)
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.overlay == .none)
    }

    @Test func savingIntoAMissingFolderFailsInTheStatusLine() throws {
        var dashboard = try Fixtures.dashboard()
        dashboard.type("s")
        for _ in 0..<300 { _ = dashboard.handle(.key(.backspace)) }
        dashboard.type("/no/such/folder/x.json")
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.status?.kind == .error)
        #expect(dashboard.state.status?.text.hasPrefix("/no/such/folder/x.json: cannot be written") == true)
        guard case .save = dashboard.state.overlay else { Issue.record("the dialog closed"); return }
    }

    @Test func openingABadFileKeepsTheCurrentState() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/bad.json"
        try #"{"name": "x", "jobs": [{"id": "a", "model": "missing.json"}]}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        var dashboard = try Fixtures.dashboard()
        dashboard.type("B")
        let makespan = dashboard.derived.plan(dashboard.state)?.makespanMs
        dashboard.type("o")
        dashboard.type(bad)
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.status?.kind == .error)
        #expect(dashboard.state.status?.text.contains("missing.json") == true)
        #expect(dashboard.state.scenario.name == "Photo tagging over Wi-Fi")
        #expect(dashboard.state.environment.bandwidthMbps == 20)
        #expect(dashboard.derived.plan(dashboard.state)?.makespanMs == makespan)
        // A model profile is not a scenario.
        for _ in 0..<bad.count { _ = dashboard.handle(.key(.backspace)) }
        dashboard.type(Fixtures.samples + "/models/alexnet.json")
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.status?.text.contains("this is a model profile") == true)
        // A good one replaces everything.
        for _ in 0..<300 { _ = dashboard.handle(.key(.backspace)) }
        dashboard.type(Fixtures.scenarioPath("drone-3g"))
        _ = dashboard.handle(.key(.enter))
        #expect(dashboard.state.overlay == .none)
        #expect(dashboard.state.scenario.name == "Survey drone over 3G")
        #expect(dashboard.state.environment == dashboard.state.scenario.environment)
        #expect(dashboard.derived.plan(dashboard.state)?.cuts.count == dashboard.state.scenario.jobs.count)
    }

    @Test func thePickerListsTheSamplesAndTabCompletes() throws {
        var dashboard = try Fixtures.dashboard()
        dashboard.type("o")
        guard case let .picker(picker) = dashboard.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.entries.map(\.fileName).contains("default.json"))
        #expect(picker.entries[picker.selected].fileName == "default.json")
        #expect(picker.entries.allSatisfy { $0.title != nil })
        _ = dashboard.handle(.key(.down))
        _ = dashboard.handle(.key(.tab))
        guard case let .picker(after) = dashboard.state.overlay else { Issue.record("picker closed"); return }
        #expect(after.field == after.entries[picker.selected + 1].path)
        _ = dashboard.handle(.key(.escape))
        #expect(dashboard.state.overlay == .none)
    }
}
