import Foundation
import OffloadModel
import Testing
@testable import OffloadFuzzing
import OffloadTestSupport

/// The fuzz harness over the inputs that matter most: everything the fuzzer ever found
/// (`Regressions/`, one file per crash, named after what it broke) and the bundled
/// samples that seed its corpus. A regression that comes back stops the test process.
@Suite struct FuzzHarnessTests {
    /// The package's folder.
    static let root = Repository.root.path

    @Test(arguments: files(in: "Tests/OffloadFuzzTests/Regressions"))
    func foundByTheFuzzer(_ path: String) throws {
        let outcome = FuzzHarness.run(try read(path))
        if case let .refused(message) = outcome {
            #expect(message.hasPrefix("fuzz-input"))
        }
    }

    @Test func regressionsAreKept() {
        #expect(!Self.files(in: "Tests/OffloadFuzzTests/Regressions").isEmpty)
    }

    @Test(arguments: files(in: "sample-jobs") + files(in: "sample-jobs/models") + files(in: "sample-jobs/traces")
                     + files(in: "themes"))
    func bundledFilesAreAccepted(_ path: String) throws {
        guard case .accepted = FuzzHarness.run(try read(path)) else {
            Issue.record("\(path) was refused")
            return
        }
    }

    @Test(arguments: [
        ("{\"name\": \"s\", \"jobs\": []}", "jobs must list at least one job"),
        ("{\"name\": \"m\", \"inputBytes\": 1, \"layers\": 3}", "layers"),
        ("{\"name\": \"t\", \"points\": [{\"atMs\": 5, \"mbps\": 1}]}", "atMs"),
        ("[1, 2]", "fuzz-input"),
        ("colour = blue", "colour"),
        ("{\"name\": \"s\", \"jobs\": [{\"id\": \"a\", \"model\": \"missing.json\"}]}", "missing.json"),
    ])
    func badInputIsRefusedInWords(_ text: String, _ mentioned: String) {
        guard case let .refused(message) = FuzzHarness.run(Array(text.utf8)) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(message.contains(mentioned), "\(message)")
    }

    @Test func aScenarioOfEveryShapeIsPlannedAndDrawn() {
        let text = """
        {"name": "mixed", "environment": {"bandwidthMbps": 3, "latencyMs": 2},
         "jobs": [{"id": "a", "model": "x.json", "count": 3}, {"id": "b", "model": "yy.json"},
                  {"id": "c", "model": "zzz.json", "inputBytes": 0}]}
        """
        #expect(FuzzHarness.run(Array(text.utf8)) == .accepted(planned: true))
    }

    /// The harness's model with constants is among those a scenario can name, and plans.
    @Test func aScenarioOfConstantModelsIsPlannedAndDrawn() throws {
        let text = """
        {"name": "constants", "environment": {"bandwidthMbps": 8},
         "jobs": [{"id": "a", "model": "constants.json", "count": 3}, {"id": "b", "model": "x.json"}]}
        """
        #expect(try FuzzModels.model(named: "constants.json").hasConstants)
        #expect(FuzzHarness.run(Array(text.utf8)) == .accepted(planned: true))
    }

    // MARK: - Files

    static func files(in folder: String) -> [String] {
        let path = root + "/" + folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted().map { folder + "/" + $0 }
    }

    func read(_ relative: String) throws -> [UInt8] {
        try FileReader.bytes(atPath: Self.root + "/" + relative)
    }
}
