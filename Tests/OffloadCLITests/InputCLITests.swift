import Foundation
import Testing
import OffloadTestSupport

/// Issue 6, items 1 and 2, from the outside: every loader path of the real binary refuses
/// bad input with exit 1 (2 for bad usage) and one line naming the file, the place, the
/// field, what was found and what was expected; and the documented limits hold.
@Suite struct InputCLITests {
    typealias Run = OffloadProcess.Run

    func offload(_ arguments: [String]) throws -> Run { try OffloadProcess.run(arguments) }

    /// A fresh folder holding `files` (name → bytes); returns its path.
    static func folder(_ files: [String: [UInt8]] = [:]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: folder.appendingPathComponent(name))
        }
        return folder.path
    }

    static let model = #"{"name": "m", "inputBytes": 100, "layers": [{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 10}]}"#

    /// A scenario of one job of `m.json` (beside it), with `environment`.
    static func scenario(environment: String = "{}") -> String {
        #"{"name": "s", "environment": \#(environment), "jobs": [{"id": "a", "model": "m.json"}]}"#
    }

    /// One bad file: what `bad.json` holds, the commands that load it as a scenario, and
    /// what the one line on standard error must say after `offload: <folder>/`.
    struct BadFile: Sendable, CustomTestStringConvertible {
        var what: String
        var bytes: [UInt8]
        var commands: [String] = ["schedule", "compare", "simulate", "dashboard", "validate"]
        var expected: String

        var testDescription: String { what }
    }

    static let badFiles: [BadFile] = [
        BadFile(what: "Latin-1 bytes", bytes: Array(#"{"name": "caf"#.utf8) + [0xE9] + Array(#"", "jobs": []}"#.utf8),
                expected: "bad.json: line 1, column 14: not valid JSON: the text is not valid UTF-8: found byte 0xE9; JSON files must be UTF-8 text"),
        BadFile(what: "UTF-16", bytes: [0xFF, 0xFE] + Array(#"{"name": "s"}"#.utf8).flatMap { [$0, 0] },
                expected: "bad.json: line 1, column 1: not valid JSON: the text is UTF-16"),
        BadFile(what: "a PNG", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                expected: "bad.json: line 1, column 1: not valid JSON: the text is not valid UTF-8: found byte 0x89"),
        BadFile(what: "YAML", bytes: Array("name: s\njobs: []\n".utf8),
                expected: "bad.json: line 1, column 1: not valid JSON: unexpected 'n'; expected a value"),
        BadFile(what: "an empty file", bytes: [], expected: "bad.json: line 1, column 1: not valid JSON: the file is empty; expected a JSON value"),
        BadFile(what: "a truncated file", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "#.utf8),
                expected: "bad.json: line 1, column 36: not valid JSON: unexpected end of file; expected a key in quotes"),
        BadFile(what: "deep nesting", bytes: Array(String(repeating: "[", count: 100_000).utf8),
                expected: "bad.json: line 1, column 257: not valid JSON: nesting deeper than 256 levels"),
        BadFile(what: "an array", bytes: Array("[1, 2]".utf8), commands: ["schedule", "compare", "simulate", "dashboard"],
                expected: "bad.json: a scenario must be an object, found an array"),
        BadFile(what: "an array, validated", bytes: Array("[1, 2]".utf8), commands: ["validate"],
                expected: "bad.json: expected a scenario, a model profile or a bandwidth trace (a JSON object), found an array"),
        BadFile(what: "a model given as a scenario", bytes: Array(model.utf8), commands: ["schedule", "compare", "simulate", "dashboard"],
                expected: #"bad.json: this is a model profile (it has "layers"), not a scenario; expected "jobs""#),
        BadFile(what: "a trace given as a scenario", bytes: Array(#"{"name": "t", "points": [{"atMs": 0, "mbps": 4}]}"#.utf8),
                commands: ["schedule", "compare", "simulate", "dashboard"],
                expected: #"bad.json: this is a bandwidth trace (it has "points"), not a scenario; expected "jobs""#),
        BadFile(what: "none of the three", bytes: Array(#"{"name": "x"}"#.utf8), commands: ["validate"],
                expected: #"bad.json: neither a scenario (no "jobs"), a model profile (no "layers") nor a bandwidth trace (no "points")"#),
        BadFile(what: "a scenario given as a model", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "other.json"}]}"#.utf8),
                expected: #"bad.json: job "a": model "other.json": "#),
        BadFile(what: "a missing field", bytes: Array(#"{"name": "s", "jobs": [{"model": "m.json"}]}"#.utf8),
                expected: #"bad.json: job 1: missing required field "id" (a non-empty string)"#),
        BadFile(what: "a huge id", bytes: Array(#"{"name": "s", "jobs": [{"id": "\#(String(repeating: "i", count: 100_000))", "model": "m.json"}]}"#.utf8),
                expected: "bad.json: job 1: id is 100000 characters long; the limit is 256"),
        BadFile(what: "infinite bandwidth", bytes: Array(scenario(environment: #"{"bandwidthMbps": 1e400}"#).utf8),
                expected: "bad.json: environment: bandwidthMbps must be a finite number > 0, found a number too large to represent"),
        BadFile(what: "a zero trace rate", bytes: Array(scenario(environment: #"{"bandwidthTrace": [{"atMs": 0, "mbps": 0}]}"#).utf8),
                expected: "bad.json: environment.bandwidthTrace[0]: mbps must be a finite number > 0, found 0"),
        BadFile(what: "a trace not at 0", bytes: Array(scenario(environment: #"{"bandwidthTrace": [{"atMs": 5, "mbps": 2}]}"#).utf8),
                expected: "bad.json: environment.bandwidthTrace[0]: the first point must be at atMs 0, found 5"),
        BadFile(what: "duplicate ids", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "m.json"}, {"id": "a", "model": "m.json"}]}"#.utf8),
                expected: #"bad.json: job "a": job id "a" is already used by job "a"; ids must be unique"#),
        BadFile(what: "a fractional count", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "m.json", "count": 1.5}]}"#.utf8),
                expected: #"bad.json: job "a": count must be an integer from 1 to 10000, found 1.5"#),
        BadFile(what: "a model with a cycle", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "cycle.json"}]}"#.utf8),
                expected: #"bad.json: job "a": model "cycle.json": "#),
        BadFile(what: "a model with a dangling input", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "dangling.json"}]}"#.utf8),
                expected: #"dangling.json: layer "b": inputs names "gone", which is not a layer of this model"#),
        BadFile(what: "a model that is a folder", bytes: Array(#"{"name": "s", "jobs": [{"id": "a", "model": "sub"}]}"#.utf8),
                expected: #"bad.json: job "a": model "sub": "#),
    ]

    @Test(arguments: badFiles)
    func badFilesAreOneLineAndExitOne(_ bad: BadFile) throws {
        let dir = try Self.folder([
            "bad.json": bad.bytes, "m.json": Array(Self.model.utf8),
            "other.json": Array(#"{"name": "o", "jobs": [{"id": "x", "model": "m.json"}]}"#.utf8),
            "cycle.json": Array(#"{"name": "c", "inputBytes": 1, "layers": [{"name": "a", "inputs": ["input", "b"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1}, {"name": "b", "inputs": ["a"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1}]}"#.utf8),
            "dangling.json": Array(#"{"name": "d", "inputBytes": 1, "layers": [{"name": "a", "inputs": ["input"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1}, {"name": "b", "inputs": ["a", "gone"], "deviceMs": 1, "cloudMs": 1, "outputBytes": 1}]}"#.utf8),
        ])
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for command in bad.commands {
            let run = try offload([command, dir + "/bad.json"])
            #expect(run.status == 1, "\(command): exit \(run.status): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(command): \(run.stderr.prefix(1000))")
            #expect(run.stderr.hasPrefix("offload: " + dir + "/"), "\(command): \(run.stderr.prefix(1000))")
            #expect(run.stderr.contains(bad.expected), "\(command): \(run.stderr.prefix(1000))")
            #expect(run.stderr.count < 1000, "\(command): a message of \(run.stderr.count) characters")
        }
        // What a scenario names is said too: the cycle and the folder.
        if bad.what == "a model with a cycle" {
            #expect(try offload(["schedule", dir + "/bad.json"]).stderr.contains(#"the layers form a cycle: "b" -> "a" -> "b""#))
        }
        if bad.what == "a model that is a folder" {
            #expect(try offload(["schedule", dir + "/bad.json"]).stderr.contains("sub: is a folder, not a file"))
        }
    }

    @Test func pathsThatAreNotReadableFiles() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A file one byte over the size limit is refused from its size alone, before it is read.
        let huge = dir + "/huge.json"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: (16 << 20) + 1)
        try handle.close()
        let cases: [([String], String)] = [
            (["schedule", dir + "/none.json"], "offload: \(dir)/none.json: no such file"),
            (["validate", dir], "offload: \(dir): is a folder, not a file"),
            (["compare", dir], "offload: \(dir): is a folder, not a file"),
            (["schedule", huge], "offload: \(huge): is 16777217 bytes; the limit is 16 MiB (16777216 bytes)"),
            (["simulate", "sample-jobs/default.json", "--trace", dir], "offload: \(dir): is a folder, not a file"),
            (["simulate", "sample-jobs/default.json", "--trace", huge], "offload: \(huge): is 16777217 bytes; the limit is 16 MiB (16777216 bytes)"),
            (["simulate", "sample-jobs/default.json", "--trace", "sample-jobs/default.json"],
             #"offload: sample-jobs/default.json: this is a scenario (it has "jobs"), not a bandwidth trace; expected "points""#),
            (["simulate", "sample-jobs/default.json", "--trace", "sample-jobs/models/alexnet.json"],
             #"offload: sample-jobs/models/alexnet.json: this is a model profile (it has "layers"), not a bandwidth trace; expected "points""#),
            (["dashboard", dir + "/none.json"], "offload: \(dir)/none.json: no such file"),
            // Files whose size stat cannot tell: endless, and empty.
            (["schedule", "/dev/zero"], "offload: /dev/zero: is larger than the limit of 16 MiB (16777216 bytes)"),
            (["validate", "/dev/null"], "offload: /dev/null: line 1, column 1: not valid JSON: the file is empty; expected a JSON value"),
        ]
        for (arguments, expected) in cases {
            let run = try offload(arguments)
            #expect(run.status == 1, "\(arguments): exit \(run.status)")
            #expect(run.stderr == expected + "\n", "\(arguments): \(run.stderr)")
        }
    }

    /// Flags: a number outside its range, a word where a number belongs, a name that is
    /// none of the choices. Exit 2, and the message names the flag and what it found.
    @Test(arguments: [
        (["--bandwidth", "0"], "--bandwidth must be a finite number > 0, found 0"),
        (["--bandwidth", "abc"], "The value 'abc' is invalid for '--bandwidth <bandwidth>'"),
        (["--bandwidth", "-5"], "--bandwidth must be a finite number > 0, found -5"),
        (["--bandwidth", "1e-7"], "--bandwidth must be a number from 0.000001 to 1000000, found 1e-07"),
        (["--bandwidth", "1e400"], "--bandwidth must be a finite number > 0, found inf"),
        (["--device-speed", "nan"], "--device-speed must be a finite number > 0, found nan"),
        (["--device-speed", "2000000"], "--device-speed must be a number from 0.000001 to 1000000, found 2000000"),
        (["--cloud-speed", "inf"], "--cloud-speed must be a finite number > 0, found inf"),
        (["--cloud-speed", "0"], "--cloud-speed must be a finite number > 0, found 0"),
        (["--latency", "-1"], "--latency must be a finite number >= 0, found -1"),
        (["--latency", "1e10"], "--latency must be a number from 0 to 1000000000, found 10000000000"),
        (["--latency", "-inf"], "--latency must be a finite number >= 0, found -inf"),
        (["--algorithm", "nonsense"], "The value 'nonsense' is invalid for '--algorithm <algorithm>'"),
        (["--format", "xml"], "The value 'xml' is invalid for '--format <format>'. Please provide one of 'text' and 'json'."),
        (["--width", "5"], "--width must be from 20 to 10000, found 5"),
        (["--width", "-80"], "--width must be from 20 to 10000, found -80"),
        (["--width", "wide"], "The value 'wide' is invalid for '--width <width>'"),
        (["--width", "99999999999999999999"], "The value '99999999999999999999' is invalid for '--width <width>'"),
        (["--bandwidth"], "Missing value for '--bandwidth <bandwidth>'"),
    ])
    func badFlagsOfThePlanningCommandsExitTwo(flags: [String], expected: String) throws {
        for command in ["schedule", "compare", "simulate"] {
            // `compare` plans with every algorithm: it has no --algorithm.
            if command == "compare" && flags[0] == "--algorithm" { continue }
            let run = try offload([command, "sample-jobs/default.json"] + flags)
            #expect(run.status == 2, "\(command) \(flags): exit \(run.status): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(command) \(flags): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test(arguments: [
        (["simulate", "sample-jobs/default.json", "--jitter", "-1"], "--jitter must be a percentage from 0 up to (not including) 100, found -1"),
        (["simulate", "sample-jobs/default.json", "--jitter", "nan"], "--jitter must be a percentage from 0 up to (not including) 100, found nan"),
        (["simulate", "sample-jobs/default.json", "--jitter", "100"], "found 100"),
        (["simulate", "sample-jobs/default.json", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["simulate", "sample-jobs/default.json", "--seed", "1.5"], "The value '1.5' is invalid for '--seed <seed>'"),
        (["simulate", "sample-jobs/default.json", "--runs", "-3", "--jitter", "5"], "--runs must be from 1 to 100000, found -3"),
        (["simulate", "sample-jobs/default.json", "--runs", "100001", "--jitter", "5"], "--runs must be from 1 to 100000, found 100001"),
        (["simulate", "sample-jobs/default.json", "--runs", "many"], "The value 'many' is invalid for '--runs <k>'"),
        (["dashboard", "sample-jobs/default.json", "--bandwidth", "0"], "--bandwidth must be a finite number > 0, found 0"),
        (["dashboard", "sample-jobs/default.json", "--latency", "-1"], "--latency must be a finite number >= 0, found -1"),
        (["dashboard", "sample-jobs/default.json", "--algorithm", "nonsense"], "The value 'nonsense' is invalid for '--algorithm <algorithm>'"),
        (["dashboard", "sample-jobs/default.json", "--theme", "../etc/x"], #"--theme takes a theme's name (a file in themes/ without .theme), found "../etc/x""#),
        (["dashboard", "sample-jobs/default.json", "--theme", ""], "--theme takes a theme's name"),
        (["--device-speed", "nan"], "--device-speed must be a finite number > 0, found nan"),
        (["bench", "--seconds", "0"], "--seconds must be a number in (0, 600], found 0"),
        (["validate"], "Missing expected argument '<files> ...'"),
        (["schedule"], "Missing expected argument '<scenario>'"),
        (["schedule", "a.json", "b.json"], "Unexpected argument 'b.json'"),
        (["frobnicate"], "Unexpected argument 'frobnicate'"),
    ])
    func otherBadUsageExitsTwo(arguments: [String], expected: String) throws {
        let run = try offload(arguments)
        #expect(run.status == 2, "\(arguments): exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
    }

    /// A bad flag value is bad usage (exit status 2) like any other, even where the text
    /// chart is printed instead of the dashboard.
    @Test func aThemeThatDoesNotExistIsBadUsageEvenWithoutATerminal() throws {
        for arguments in [["dashboard", "sample-jobs/default.json", "--theme", "nope"], ["--theme", "nope"]] {
            let run = try offload(arguments)
            #expect(run.status == 2, "\(arguments): exit \(run.status)")
            #expect(run.stderr == "offload: --theme: no theme named \"nope\"; the themes are default, colorblind, high-contrast, light, mono\n")
            #expect(run.stdout.isEmpty)
        }
        #expect(try offload(["dashboard", "sample-jobs/default.json", "--theme", "light"]).status == 0)
    }

    @Test func limitsAreInTheHelp() throws {
        let help = try offload(["schedule", "--help"]).stdout
        #expect(help.contains("from 0.000001 to 1000000"))
        #expect(help.contains("from 0 to 1000000000"))
    }
}

/// Issue 6, item 2: the documented limits (docs/FORMATS.md §4) — what lies within them
/// plans, and one more is refused with a message that states the limit.
@Suite struct LimitCLITests {
    func offload(_ arguments: [String]) throws -> OffloadProcess.Run { try OffloadProcess.run(arguments) }

    static let models = OffloadProcess.root.appendingPathComponent("sample-jobs/models").path
    static let bundled = ["alexnet", "efficientnet_b0", "googlenet", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
                          "resnet101", "resnet18", "resnet34", "resnet50", "squeezenet1_1", "vgg11", "vgg16", "vgg19"]

    /// `jobs` jobs spread over the 14 bundled models.
    static func mixedScenario(jobs: Int) -> String {
        let entries = bundled.enumerated().map { index, name in
            let count = jobs / bundled.count + (index < jobs % bundled.count ? 1 : 0)
            return #"{"id": "\#(name)", "model": "\#(models)/\#(name).json", "count": \#(count), "inputBytes": 150528}"#
        }
        return #"{"name": "mixed \#(jobs)", "environment": {"bandwidthMbps": 18.88}, "jobs": [\#(entries.joined(separator: ", "))]}"#
    }

    /// A model of `count` layers: a chain, or a DAG in which every fifth layer also reads
    /// the output four layers back (residual blocks) and every seventh two layers back.
    static func model(layers count: Int, chain: Bool) -> String {
        let layers = (0..<count).map { index in
            var inputs = [index == 0 ? "input" : "l\(index - 1)"]
            if !chain, index >= 4, index % 5 == 0 { inputs.append("l\(index - 4)") }
            if !chain, index >= 2, index % 7 == 0 { inputs.append("l\(index - 2)") }
            let bytes = 1000 + (index * 7919) % 200_000
            let device = Double(1 + (index * 31) % 100) / 50
            return #"{"name": "l\#(index)", "inputs": [\#(inputs.map { "\"\($0)\"" }.joined(separator: ", "))], "deviceMs": \#(device), "cloudMs": 0.02, "outputBytes": \#(bytes)}"#
        }
        return #"{"name": "\#(chain ? "chain" : "dag")\#(count)", "inputBytes": 602112, "layers": [\#(layers.joined(separator: ", "))]}"#
    }

    static func write(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder.path
    }

    func plannedJobs(_ run: OffloadProcess.Run) throws -> Int {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect((json["makespanMs"] as? Double ?? 0) > 0)
        return (json["jobs"] as? [Any])?.count ?? 0
    }

    @Test func aThousandMixedJobsPlanAndCompare() throws {
        let dir = try Self.write(["mixed.json": Self.mixedScenario(jobs: 1000)])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let schedule = try offload(["schedule", dir + "/mixed.json", "--format", "json"])
        #expect(schedule.status == 0, "\(schedule.stderr)")
        #expect(try plannedJobs(schedule) == 1000)
        let compare = try offload(["compare", dir + "/mixed.json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("joint") && compare.stdout.contains("layer-level"))
    }

    @Test(arguments: [true, false])
    func aThousandLayerModelPlans(chain: Bool) throws {
        let dir = try Self.write([
            "model.json": Self.model(layers: 1000, chain: chain),
            "s.json": #"{"name": "deep", "environment": {"bandwidthMbps": 18.88}, "jobs": [{"id": "j", "model": "model.json", "count": 4}]}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Wide enough for the temporary folder's long path on one line.
        let validate = try offload(["validate", dir + "/model.json", "--width", "400"])
        #expect(validate.stdout.contains("1000 layers, " + (chain ? "a chain" : "a DAG")), "\(validate.stdout)\(validate.stderr)")
        let run = try offload(["schedule", dir + "/s.json", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try plannedJobs(run) == 4)
    }

    @Test func oneMoreThanEachLimitIsRefusedWithTheLimit() throws {
        let dir = try Self.write([
            "big.json": Self.model(layers: 5001, chain: true),
            "deep.json": Self.model(layers: 1000, chain: true),
            "jobs.json": #"{"name": "s", "jobs": [{"id": "a", "model": "deep.json"}, {"id": "b", "model": "deep.json", "count": 10000}]}"#,
            "layers.json": #"{"name": "s", "jobs": [{"id": "a", "model": "deep.json", "count": 2001}]}"#,
            "model.json": #"{"name": "s", "jobs": [{"id": "a", "model": "big.json"}]}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(String, String)] = [
            ("jobs.json", #"jobs.json: job "b": count 10000 brings the scenario to 10001 jobs; the limit is 10000"#),
            ("layers.json", #"layers.json: job "a": 2001 jobs of 1000 layers each bring the scenario to 2001000 layers over all its jobs; the limit is 2000000"#),
            ("model.json", #"model.json: job "a": model "big.json": \#(dir)/big.json: 5001 layers; the limit is 5000 per model"#),
            ("big.json", "big.json: 5001 layers; the limit is 5000 per model"),
        ]
        for (file, expected) in cases {
            let command = file == "big.json" ? "validate" : "schedule"
            let run = try offload([command, dir + "/" + file])
            #expect(run.status == 1, "\(file): exit \(run.status)")
            #expect(run.stderr == "offload: \(dir)/\(expected)\n", "\(run.stderr)")
        }
    }
}
