import Foundation
import OffloadModel
import OffloadScheduler
import Testing
import OffloadTestSupport

/// Drives every subcommand as a script would (README, "Scripting"): the JSON schemas of
/// docs/schema/, exit codes, writes to a full disk, `--output`, hostile names, `--width`,
/// unknown keys, standard input and the other conventions.
@Suite struct ScriptingTests {
    typealias Run = OffloadProcess.Run
    static let root = OffloadProcess.root

    func offload(_ arguments: [String], in folder: URL = root, input: String? = nil,
                 environment: [String: String] = [:], stdoutPath: String? = nil) throws -> Run {
        try OffloadProcess.run(arguments, in: folder, input: input, environment: environment, stdoutPath: stdoutPath)
    }

    static let validator = Result { try SchemaValidator(folder: root.appendingPathComponent("docs/schema")) }

    /// Parses `run`'s standard output and checks it against `schema`.
    func expectValid(_ run: Run, schema: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(run.status == 0, "\(context): exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        let document = try FileReader.json(Array(run.stdout.utf8), file: context)
        let problems = try Self.validator.get().problems(of: document, against: schema)
        #expect(problems.isEmpty, "\(context) against \(schema):\n\(problems.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    static var bundledScenarios: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("sample-jobs").path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "sample-jobs/" + $0 }
    }

    static func temporaryFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return folder.path
    }

    // MARK: - Schemas

    @Test func theValidatorRefusesWhatTheSchemasForbid() throws {
        let validator = try Self.validator.get()
        let good = try FileReader.json(Array(#"{"cases": [{"name": "a", "medianMs": 1, "p99Ms": 2, "targetMs": 3, "runCount": 5}]}"#.utf8), file: "t")
        #expect(validator.problems(of: good, against: "bench.schema.json").isEmpty)
        for bad in [
            #"{"cases": [{"name": "a", "medianMs": 1, "p99Ms": 2, "targetMs": 3}]}"#,  // missing runCount
            #"{"cases": [{"name": "a", "medianMs": 1, "p99Ms": 2, "targetMs": 3, "runCount": 5, "runs": 5}]}"#,  // unknown key
            #"{"cases": [{"name": "a", "medianMs": -1, "p99Ms": 2, "targetMs": 3, "runCount": 5}]}"#,  // below minimum
            #"{"cases": [{"name": "a", "medianMs": 1, "p99Ms": 2, "targetMs": 3, "runCount": 1.5}]}"#,  // not an integer
            #"{"cases": [{"name": "a", "medianMs": null, "p99Ms": 2, "targetMs": 3, "runCount": 5}]}"#,  // null
        ] {
            let document = try FileReader.json(Array(bad.utf8), file: "t")
            #expect(!validator.problems(of: document, against: "bench.schema.json").isEmpty, "\(bad)")
        }
        // compare: a refused algorithm needs its reason, a planned one its number.
        let refusedWithoutReason = try FileReader.json(Array(#"{"scenario": "s", "environment": {"deviceSpeed": 1, "cloudSpeed": 1, "bandwidthMbps": 1, "latencyMs": 0}, "lowerBoundMs": 1, "results": [{"algorithm": "exact", "makespanMs": null}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}, {"algorithm": "joint", "makespanMs": 1, "gapPercent": 0}]}"#.utf8), file: "t")
        #expect(!validator.problems(of: refusedWithoutReason, against: "compare.schema.json").isEmpty)
    }

    @Test(arguments: bundledScenarios)
    func everyCommandMatchesItsSchemaOnABundledScenario(scenario: String) throws {
        try expectValid(offload(["schedule", scenario, "--format", "json"]), schema: "plan.schema.json", "schedule \(scenario)")
        try expectValid(offload(["compare", scenario, "--format", "json"]), schema: "compare.schema.json", "compare \(scenario)")
        try expectValid(offload(["simulate", scenario, "--format", "json"]), schema: "simulate.schema.json", "simulate \(scenario)")
        try expectValid(offload(["validate", scenario, "--format", "json"]), schema: "validate.schema.json", "validate \(scenario)")
        // Three bandwidths: each point plans with every algorithm, exact included.
        try expectValid(offload(["sweep", scenario, "--steps", "3", "--format", "json"]), schema: "sweep.schema.json", "sweep \(scenario)")
    }

    @Test func simulationVariantsAndTheOtherCommandsMatchTheirSchemas() throws {
        let drive = "sample-jobs/drive-4g.json"
        try expectValid(offload(["simulate", drive, "--replan", "--jitter", "5", "--seed", "3", "--format", "json"]),
                        schema: "simulate.schema.json", "simulate --replan --jitter")
        try expectValid(offload(["simulate", drive, "--algorithm", "layer-level", "--format", "json"]), schema: "simulate.schema.json",
                        "simulate layer-level")
        try expectValid(offload(["simulate", drive, "--jitter", "10", "--runs", "4", "--replan", "--format", "json"]),
                        schema: "simulate-runs.schema.json", "simulate --runs --replan")
        try expectValid(offload(["simulate", "sample-jobs/default.json", "--jitter", "10", "--runs", "3", "--format", "json"]),
                        schema: "simulate-runs.schema.json", "simulate --runs")
        try expectValid(offload(["simulate", "sample-jobs/onnx/mixed.json", "--measured", "sample-jobs/onnx/mixed.measured.json", "--format", "json"]),
                        schema: "simulate.schema.json", "simulate --measured")
        let files = ["sample-jobs/models/alexnet.json", "sample-jobs/models/googlenet.json", "sample-jobs/traces/4g-drive.json",
                     "themes/light.theme", "sample-jobs/default.json", "/nonexistent.json", "README.md"]
        let validate = try offload(["validate"] + files + ["--format", "json"])
        #expect(validate.status == 1)
        try expectValid(Run(status: 0, stdout: validate.stdout, stderr: ""), schema: "validate.schema.json", "validate mixed")
        try expectValid(offload(["bench", "--filter", "replan-default", "--seconds", "0.05", "--format", "json"]),
                        schema: "bench.schema.json", "bench")
    }

    /// A random scenario over the bundled models: random jobs, counts, environment and
    /// sometimes a trace, the same for the same seed.
    static func randomScenario(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func next() -> UInt64 { random.next() }
        func pick<T>(_ options: [T]) -> T { options[Int(next() % UInt64(options.count))] }
        let models = ["alexnet", "resnet18", "mobilenet_v2", "squeezenet1_1", "googlenet", "vgg11", "efficientnet_b0"]
        let jobs = (0..<(1 + Int(next() % 5))).map { index in
            let count = pick([1, 1, 2, 3])
            let bytes = pick(["", #", "inputBytes": 0"#, #", "inputBytes": 60000"#])
            return #"{"id": "j\#(index)", "model": "\#(root.path)/sample-jobs/models/\#(pick(models)).json", "count": \#(count)\#(bytes)}"#
        }
        let trace = pick(["", #", "bandwidthTrace": [{"atMs": 0, "mbps": 3}, {"atMs": 40, "mbps": 0.5}, {"atMs": 90, "mbps": 12}]"#])
        return #"{"name": "random \#(seed)", "environment": {"deviceSpeed": \#(pick([0.25, 1, 3])), "cloudSpeed": \#(pick([0.5, 1, 10])), "bandwidthMbps": \#(pick([0.8, 5.85, 18.88, 400])), "latencyMs": \#(pick([0, 2, 30]))\#(trace)}, "jobs": [\#(jobs.joined(separator: ", "))]}"#
    }

    @Test(arguments: 1...6)
    func everyCommandMatchesItsSchemaOnARandomScenario(seed: Int) throws {
        let folder = try Self.temporaryFolder(["s.json": Self.randomScenario(seed: UInt64(seed))])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/s.json"
        let algorithms = ["local", "cloud", "partition-only", "schedule-only", "joint", "exact", "layer-level"]
        let algorithm = algorithms[seed % algorithms.count]
        let plan = try offload(["schedule", file, "--algorithm", algorithm, "--format", "json"])
        if plan.status == 0 {
            try expectValid(plan, schema: "plan.schema.json", "schedule \(algorithm) random \(seed)")
        } else {
            // exact refuses more than 12 jobs, or gives up past its work budget.
            #expect(plan.status == 1 && (plan.stderr.contains("refuse") || plan.stderr.contains("beyond its budget")), "\(plan.stderr)")
        }
        try expectValid(offload(["compare", file, "--format", "json"]), schema: "compare.schema.json", "compare random \(seed)")
        try expectValid(offload(["simulate", file, "--replan", "--format", "json"]), schema: "simulate.schema.json", "simulate random \(seed)")
        try expectValid(offload(["simulate", file, "--jitter", "20", "--runs", "3", "--format", "json"]),
                        schema: "simulate-runs.schema.json", "simulate --runs random \(seed)")
        try expectValid(offload(["validate", file, "--format", "json"]), schema: "validate.schema.json", "validate random \(seed)")
    }

    @Test func compareKeepsEveryAlgorithmAndSaysWhyOneRefused() throws {
        // 13 jobs: beyond exact's 12.
        let run = try offload(["compare", "sample-jobs/stress-mixed.json", "--format", "json", "--bandwidth", "5"])
        let document = try FileReader.json(Array(run.stdout.utf8), file: "compare")
        guard case let .array(results)? = document["results"] else { Issue.record("no results: \(run.stdout)"); return }
        let names = results.compactMap { result -> String? in if case let .string(name)? = result["algorithm"] { name } else { nil } }
        #expect(names == ["local", "cloud", "partition-only", "schedule-only", "joint", "exact", "layer-level"])
        let exact = results.first { $0["algorithm"] == .string("exact") }
        #expect(exact?["makespanMs"] == .null)
        if case let .string(reason)? = exact?["refused"] { #expect(!reason.isEmpty) } else { Issue.record("exact has no refused reason") }
        #expect(document["environment"]?["bandwidthMbps"] == .number(5, exactInt: 5))
    }

    /// With every time 0 there is no gain to speak of: `gainPercent` is left out, not null.
    @Test func anAllZeroScenarioLeavesTheGainOut() throws {
        let model = #"{"name": "zero", "inputBytes": 0, "layers": [{"name": "l", "inputs": ["input"], "deviceMs": 0, "cloudMs": 0, "outputBytes": 0}]}"#
        let folder = try Self.temporaryFolder(["m.json": model, "s.json": #"{"name": "zero", "jobs": [{"id": "a", "model": "m.json", "count": 3}]}"#])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try offload(["compare", folder + "/s.json", "--format", "json"])
        try expectValid(run, schema: "compare.schema.json", "compare all-zero")
        #expect(!run.stdout.contains("gainPercent") && !run.stdout.contains("null") && run.stdout.contains("gapPercent"), "\(run.stdout)")
    }

    @Test func jobsCarryTheirPositionInThePlanOrder() throws {
        let run = try offload(["schedule", "sample-jobs/default.json", "--format", "json"])
        let document = try FileReader.json(Array(run.stdout.utf8), file: "plan")
        guard case let .array(jobs)? = document["jobs"], case let .array(segments)? = document["segments"] else {
            Issue.record("no jobs")
            return
        }
        var positionOf: [String: Int] = [:]
        for job in jobs { if case let .string(id)? = job["id"], case let .number(_, position?)? = job["position"] { positionOf[id] = position } }
        #expect(Set(positionOf.values) == Set(0..<jobs.count))
        // On every lane of a job-level plan the jobs follow their positions.
        for lane in ["device", "uplink", "cloud"] {
            let order = segments.filter { $0["lane"] == .string(lane) }.compactMap { segment -> Int? in
                if case let .string(id)? = segment["job"] { positionOf[id] } else { nil }
            }
            #expect(order == order.sorted(), "\(lane): \(order)")
        }
    }

    // MARK: - Exit codes

    /// Arguments and the exit status they must give.
    struct ExitCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var testDescription: String { "\(arguments.joined(separator: " ")) → \(status)" }
    }

    static let exitCases: [ExitCase] = [
        ExitCase(arguments: ["help", "nope"], status: 2), ExitCase(arguments: ["frobnicate"], status: 2),
        ExitCase(arguments: ["--theme", "nope"], status: 2),
        ExitCase(arguments: ["dashboard", "sample-jobs/default.json", "--theme", "nope"], status: 2),
        ExitCase(arguments: ["schedule", "sample-jobs/default.json", "--width", "5"], status: 2),
        ExitCase(arguments: ["schedule", "sample-jobs/default.json", "--format", "yaml"], status: 2),
        ExitCase(arguments: ["simulate", "sample-jobs/default.json", "--seed", "3"], status: 2),
        ExitCase(arguments: ["simulate", "sample-jobs/default.json", "--runs", "3"], status: 2),
        ExitCase(arguments: ["bench", "--filter", "nomatch"], status: 2),
        ExitCase(arguments: ["schedule", "sample-jobs/default.json", "--bandwidth", "0"], status: 2),
        ExitCase(arguments: ["--bandwidth", "fast"], status: 2),
        ExitCase(arguments: ["schedule", "/nonexistent.json"], status: 1), ExitCase(arguments: ["validate", "README.md"], status: 1),
        ExitCase(arguments: ["schedule", "sample-jobs/models/alexnet.json"], status: 1),
        ExitCase(arguments: ["--version"], status: 0), ExitCase(arguments: ["help", "schedule"], status: 0),
        ExitCase(arguments: ["schedule", "--help"], status: 0),
        ExitCase(arguments: ["simulate", "sample-jobs/default.json", "--jitter", "5", "--seed", "3"], status: 0),
    ]

    @Test(arguments: exitCases)
    func oneExitCodeRule(_ exitCase: ExitCase) throws {
        let arguments = exitCase.arguments, status = exitCase.status
        let run = try offload(arguments)
        #expect(run.status == status, "\(arguments): exit \(run.status): \(run.stderr)")
        #expect(!run.stderr.contains("show-default") && !run.stdout.contains("show-default"), "\(arguments): \(run.stderr)")
        if status != 0 {
            #expect(!run.stderr.isEmpty && run.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func versionHelpExamplesAndCompletions() throws {
        let version = try offload(["--version"])
        #expect(version.stdout.firstMatch(of: /^offload [0-9]+\.[0-9]+\.[0-9]+\n$/) != nil, "\(version.stdout)")
        for command in ["dashboard", "schedule", "compare", "simulate", "validate", "bench"] {
            let help = try offload([command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("offload \(command) "),
                    "\(command) --help has no example")
        }
        for shell in ["bash", "zsh", "fish"] {
            let script = try offload(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.contains("schedule") && !script.stdout.contains("show-default"), "\(shell)")
        }
    }

    // MARK: - Writes

    @Test(arguments: [
        ["schedule", "sample-jobs/default.json"], ["schedule", "sample-jobs/default.json", "--format", "json"],
        ["compare", "sample-jobs/default.json"], ["compare", "sample-jobs/default.json", "--format", "json"],
        ["simulate", "sample-jobs/drive-4g.json"], ["simulate", "sample-jobs/drive-4g.json", "--format", "json"],
        ["simulate", "sample-jobs/default.json", "--jitter", "5", "--runs", "3"],
        ["simulate", "sample-jobs/onnx/mixed.json", "--measured", "sample-jobs/onnx/mixed.measured.json"],
        ["validate", "sample-jobs/default.json"], ["validate", "sample-jobs/default.json", "--format", "json"],
        ["bench", "--filter", "replan-default", "--seconds", "0.05"], ["dashboard", "sample-jobs/default.json"], [],
        ["--version"], ["--help"], ["schedule", "--help"],
    ])
    func aFullDiskIsAnErrorNamingWhatWasNotWritten(arguments: [String]) throws {
        let run = try offload(arguments, stdoutPath: "/dev/full")
        #expect(run.status == 1, "\(arguments): exit \(run.status)")
        #expect(run.stderr == "offload: cannot write standard output: No space left on device\n", "\(arguments): \(run.stderr)")
    }

    @Test func outputWritesTheFileAtomically() throws {
        let folder = try Self.temporaryFolder([:])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (command, format) in [("schedule", "json"), ("compare", "text"), ("simulate", "json")] {
            let target = folder + "/\(command).out"
            let written = try offload([command, "sample-jobs/default.json", "--format", format, "--output", target, "--width", "90"])
            #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
            let printed = try offload([command, "sample-jobs/default.json", "--format", format, "--width", "90"])
            #expect(OffloadProcess.contents(ofFile: target) == printed.stdout, "\(command)")
        }
        // Only the files asked for: no temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["compare.out", "schedule.out", "simulate.out"])
        // A file that cannot be replaced (a folder) keeps what it holds, and says so in one line.
        let blocked = folder + "/blocked"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: blocked + "/inside"))
        let failed = try offload(["schedule", "sample-jobs/default.json", "--output", blocked])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("offload: cannot write \(blocked): ") && failed.stderr.filter { $0 == "\n" }.count == 1, "\(failed.stderr)")
        #expect(OffloadProcess.contents(ofFile: blocked + "/inside") == "keep")
        let missing = try offload(["schedule", "sample-jobs/default.json", "--output", folder + "/no/such/folder/plan.txt"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot write \(folder)/no/such/folder/plan.txt"), "\(missing.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["blocked", "compare.out", "schedule.out", "simulate.out"])
    }

    // MARK: - Hostile names

    /// Every C0 control character, DEL, every C1 control, and the bidi overrides.
    static let hostile: String = {
        let scalars = (0x00...0x1F).map { $0 } + [0x7F] + (0x80...0x9F).map { $0 } + [0x202E, 0x2066, 0x200F]
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }()

    /// The name as JSON writes it (every control escaped as `\u00XX`).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || TerminalText.needsEscape(scalar) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// True when `text` has a character a terminal would act on, other than the newline
    /// ending its lines.
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && TerminalText.needsEscape($0) }
    }

    @Test func hostileNamesAreEscapedOnEveryPathToATerminal() throws {
        let name = "evil" + Self.hostile
        let model = #"{"name": \#(Self.jsonString("m" + Self.hostile)), "inputBytes": 1000, "layers": [{"name": \#(Self.jsonString("l" + Self.hostile)), "inputs": ["input"], "deviceMs": 1, "cloudMs": 0.5, "outputBytes": 10}]}"#
        let scenario = #"{"name": \#(Self.jsonString(name)), "environment": {"bandwidthTrace": [{"atMs": 0, "mbps": 2}, {"atMs": 1, "mbps": 8}]}, "jobs": [{"id": \#(Self.jsonString("a" + Self.hostile)), "model": "m.json", "count": 2}, {"id": "b", "model": "m.json"}]}"#
        let duplicate = #"{"name": "d", "jobs": [{"id": \#(Self.jsonString("x" + Self.hostile)), "model": "m.json"}, {"id": \#(Self.jsonString("x" + Self.hostile)), "model": "m.json"}]}"#
        let typo = #"{"name": "t", \#(Self.jsonString("k" + Self.hostile)): 1, "jobs": [{"id": "a", "model": "m.json"}]}"#
        let folder = try Self.temporaryFolder(["m.json": model, "s.json": scenario, "dup.json": duplicate, "typo.json": typo])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let s = folder + "/s.json"
        let paths: [[String]] = [
            ["schedule", s], ["compare", s], ["simulate", s], ["simulate", s, "--replan"], ["simulate", s, "--jitter", "5", "--runs", "3"],
            ["validate", s, folder + "/m.json"], ["dashboard", s], ["schedule", folder + "/dup.json"], ["validate", folder + "/dup.json"],
            ["schedule", folder + "/typo.json"], ["validate", folder + "/typo.json"], ["validate", folder + "/typo.json", "--format", "json"],
            ["schedule", s, "--width", "30"],
        ]
        for arguments in paths {
            let run = try offload(arguments)
            #expect(!Self.hasRawControl(run.stdout), "\(arguments): raw control character on standard output")
            #expect(!Self.hasRawControl(run.stderr), "\(arguments): raw control character on standard error")
            #expect(run.stderr.split(separator: "\n").count <= 1, "\(arguments): \(run.stderr)")
        }
        let text = try offload(["schedule", s, "--width", "400"]).stdout
        #expect(text.contains(TerminalText.escaped(name)) && text.contains("\\u001b") && text.contains("\\n") && text.contains("\\u202e"))
        let error = try offload(["schedule", folder + "/dup.json"])
        #expect(error.status == 1 && error.stderr.contains("x\\u0000\\u0001"), "\(error.stderr)")
        // JSON keeps the names exactly.
        let json = try FileReader.json(Array(try offload(["schedule", s, "--format", "json"]).stdout.utf8), file: "plan")
        #expect(json["scenario"] == .string(name))
    }

    @Test func theEscapingCoversEveryControlCharacter() {
        let escaped = TerminalText.escaped(Self.hostile)
        #expect(!Self.hasRawControl(escaped) && !escaped.contains("\n"))
        #expect(escaped.hasPrefix(#"\u0000\u0001"#) && escaped.contains(#"\n"#) && escaped.contains(#"\t"#) && escaped.contains(#"\u001b"#))
        #expect(escaped.contains(#"\u007f\u0080"#) && escaped.contains(#"\u009f\u202e\u2066\u200f"#))
        #expect(TerminalText.escaped(escaped) == escaped)
        #expect(TerminalText.escaped("café – ok\\n") == "café – ok\\n")
    }

    // MARK: - Width

    @Test(arguments: [20, 45, 60, 100])
    func widthBoundsEveryLineOfEveryTextOutput(width: Int) throws {
        let folder = try Self.temporaryFolder(["s.json": Self.randomScenario(seed: 11)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runs: [[String]] = [
            ["schedule", "sample-jobs/stress-mixed.json"], ["compare", "sample-jobs/stress-mixed.json"],
            ["simulate", "sample-jobs/drive-4g.json", "--replan"], ["simulate", "sample-jobs/default.json", "--jitter", "5", "--runs", "4", "--replan"],
            ["validate", "sample-jobs/stress-mixed.json", folder + "/s.json"], ["schedule", folder + "/s.json", "--algorithm", "layer-level"],
        ]
        for arguments in runs {
            let run = try offload(arguments + ["--width", String(width)])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let widest = run.stdout.split(separator: "\n").map(\.count).max() ?? 0
            #expect(widest <= width, "\(arguments) at --width \(width): a line of \(widest)")
        }
        let plain = try offload(["dashboard", "sample-jobs/default.json"], environment: ["COLUMNS": String(width)])
        #expect((plain.stdout.split(separator: "\n").map(\.count).max() ?? 0) <= width)
    }

    @Test func withoutATerminalTheWidthIsColumnsWithinItsRangeElse100() throws {
        for (columns, expected) in [("20000", 10_000), ("", 100), ("7", 20)] {
            let run = try offload(["schedule", "sample-jobs/default.json"], environment: ["COLUMNS": columns])
            let lines = run.stdout.split(separator: "\n")
            #expect((lines.map(\.count).max() ?? 0) <= expected)
            // The Gantt chart's lanes fill the width exactly.
            #expect(lines.contains { $0.hasPrefix("device ") && $0.count == expected }, "COLUMNS=\(columns)")
        }
    }

    // MARK: - Unknown keys

    @Test func typosAreWarningsWithASuggestionAndStrictRefusesThem() throws {
        let model = Self.root.appendingPathComponent("sample-jobs/models/alexnet.json").path
        let scenario = #"{"name": "typos", "environment": {"bandwidth": 5}, "jobs": [{"id": "cam", "model": "\#(model)", "cuont": 3}]}"#
        let folder = try Self.temporaryFolder(["s.json": scenario])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/s.json"
        let run = try offload(["schedule", file, "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr == """
            offload: warning: \(file): environment: unknown key "bandwidth" (ignored); did you mean "bandwidthMbps"?
            offload: warning: \(file): job "cam": unknown key "cuont" (ignored); did you mean "count"?

            """, "\(run.stderr)")
        #expect(try offload(["schedule", file, "--quiet"]).stderr.isEmpty)
        let strict = try offload(["schedule", file, "--strict"])
        #expect(strict.status == 1 && strict.stdout.isEmpty)
        #expect(strict.stderr == "offload: \(file): environment: unknown key \"bandwidth\"; did you mean \"bandwidthMbps\"? (--strict refuses unknown keys)\n")
        let validate = try offload(["validate", file, "--format", "json"])
        let document = try FileReader.json(Array(validate.stdout.utf8), file: "validate")
        guard case let .array(files)? = document["files"], case let .array(warnings)? = files.first?["warnings"] else {
            Issue.record("no warnings in \(validate.stdout)")
            return
        }
        #expect(warnings.map { $0["suggestion"] } == [.string("bandwidthMbps"), .string("count")])
        #expect(try offload(["validate", file, "--strict"]).status == 1)
        // Every bundled scenario, and every model and trace it names, is free of unknown keys.
        let bundled = try offload(["validate", "--strict"] + Self.bundledScenarios + ["sample-jobs/onnx/mixed.json"])
        #expect(bundled.status == 0 && bundled.stderr.isEmpty, "\(bundled.stderr)")
    }

    // MARK: - Standard input

    @Test func aDashReadsTheScenarioFromStandardInputWithModelsRelativeToTheWorkingFolder() throws {
        let scenario = #"{"name": "piped", "jobs": [{"id": "cam", "model": "sample-jobs/models/alexnet.json", "count": 2}]}"#
        let run = try offload(["schedule", "-", "--format", "json"], input: scenario)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileReader.json(Array(run.stdout.utf8), file: "plan")["scenario"] == .string("piped"))
        let validate = try offload(["validate", "-"], input: scenario)
        #expect(validate.status == 0 && validate.stdout.contains("scenario \"piped\": 2 jobs"), "\(validate.stdout)\(validate.stderr)")
        let bad = try offload(["schedule", "-"], input: #"{"name": "x", "jobs": [{"id": "a", "model": "nowhere.json"}]}"#)
        #expect(bad.status == 1 && bad.stderr.hasPrefix("offload: standard input: job \"a\": model \"nowhere.json\""), "\(bad.stderr)")
    }
}
