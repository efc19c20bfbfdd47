import Foundation
import OffloadModel
import Testing
import OffloadTestSupport

/// What the built binary prints with `--format json`, and `--version` in every form.
@Suite struct JSONOutputCLITests {
    /// The bundled scenarios, relative to the repository root.
    static func scenarios() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: OffloadProcess.root.appendingPathComponent("sample-jobs").path)
            .filter { $0.hasSuffix(".json") }.sorted().map { "sample-jobs/\($0)" }
    }

    /// `arguments` exit 0 and print one JSON document and a newline, laid out exactly as the
    /// tree writer lays out the same values (two-space indentation, scalar arrays on one line,
    /// numbers in their shortest form): what the streamed documents must keep.
    static func expectTreeLayout(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try OffloadProcess.run(arguments)
        #expect(run.status == 0, "\(arguments): exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        guard run.status == 0 else { return }
        let document = try JSONParser.parse(run.stdout)
        #expect(document.serialized() + "\n" == run.stdout, "\(arguments): the layout is not the tree writer's",
                sourceLocation: sourceLocation)
    }

    @Test func everyCommandOnEveryBundledScenarioPrintsTheTreeLayout() throws {
        let scenarios = try Self.scenarios()
        #expect(scenarios.count >= 10)
        for scenario in scenarios {
            try Self.expectTreeLayout(["schedule", scenario, "--format", "json"])
            try Self.expectTreeLayout(["compare", scenario, "--format", "json"])
            try Self.expectTreeLayout(["simulate", scenario, "--format", "json", "--jitter", "10", "--seed", "3", "--replan"])
            try Self.expectTreeLayout(["sweep", scenario, "--format", "json", "--steps", "2", "--algorithms", "partition-only,joint"])
        }
        try Self.expectTreeLayout(["simulate", "sample-jobs/drive-4g.json", "--format", "json", "--jitter", "5", "--runs", "3", "--replan"])
        try Self.expectTreeLayout(["simulate", "sample-jobs/onnx/mixed.json", "--measured", "sample-jobs/onnx/mixed.measured.json",
                                   "--format", "json"])
        try Self.expectTreeLayout(["validate", "--format", "json"] + scenarios + ["sample-jobs/models/alexnet.json",
                                                                                 "sample-jobs/traces/4g-drive.json"])
    }

    /// `--output` writes the same bytes as standard output.
    @Test func outputFileHoldsWhatStandardOutputPrints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.json").path
        let arguments = ["schedule", "sample-jobs/stress-mixed.json", "--format", "json"]
        let printed = try OffloadProcess.run(arguments)
        let written = try OffloadProcess.run(arguments + ["--output", path])
        #expect(printed.status == 0 && written.status == 0 && written.stdout.isEmpty)
        #expect(OffloadProcess.contents(ofFile: path) == printed.stdout)
    }

    /// `bench`'s JSON case that writes output gives its throughput, and the document still
    /// matches docs/schema/bench.schema.json.
    @Test func benchGivesTheJSONThroughput() throws {
        let run = try OffloadProcess.run(["bench", "--filter", "json-1000", "--seconds", "0.01", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONParser.parse(run.stdout)
        guard case let .array(cases)? = document["cases"], case let .number(throughput, _)? = cases.first?["megabytesPerSecond"] else {
            Issue.record("no megabytesPerSecond: \(run.stdout)")
            return
        }
        #expect(throughput > 0)
        let validator = try SchemaValidator(folder: OffloadProcess.root.appendingPathComponent("docs/schema"))
        #expect(validator.problems(of: document, against: "bench.schema.json").isEmpty)
    }

    /// `offload --version` and `offload COMMAND --version` print the same line, with the name.
    @Test func everyVersionFormPrintsTheNameAndTheVersion() throws {
        let root = try OffloadProcess.run(["--version"])
        #expect(root.status == 0 && root.stdout.firstMatch(of: /^offload [0-9]+\.[0-9]+\.[0-9]+\n$/) != nil, "\(root.stdout)")
        let forms = [["schedule", "--version"], ["compare", "--version"], ["simulate", "--version"], ["sweep", "--version"],
                     ["export", "--version"], ["validate", "--version"], ["bench", "--version"], ["dashboard", "--version"],
                     ["schedule", "sample-jobs/default.json", "--version"], ["help", "--version"]]
        for form in forms {
            let run = try OffloadProcess.run(form)
            #expect(run.status == 0 && run.stdout == root.stdout && run.stderr.isEmpty, "\(form): \(run.stdout)\(run.stderr)")
        }
    }
}
