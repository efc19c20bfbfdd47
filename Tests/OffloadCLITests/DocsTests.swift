import Foundation
import OffloadModel
import Testing
import OffloadTestSupport

/// The README and docs/ are checked against the tool: the examples are its real output,
/// every link and anchor resolves, and the README's script pipelines work.
@Suite struct DocsTests {
    static let root = OffloadProcess.root

    static func text(_ relativePath: String) -> String {
        OffloadProcess.contents(ofFile: root.appendingPathComponent(relativePath).path) ?? ""
    }

    /// The first fenced ```json block after the line `heading` in `markdown`.
    static func jsonBlock(after heading: String, in markdown: String) throws -> JSONValue {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: heading), "no heading \(heading)")
        let open = try #require(lines[start...].firstIndex(of: "```json"), "no JSON block after \(heading)")
        let close = try #require(lines[(open + 1)...].firstIndex(of: "```"))
        return try FileReader.json(Array(lines[(open + 1)..<close].joined(separator: "\n").utf8), file: heading)
    }

    /// The differences between a documented `example` and the `real` output: objects must
    /// agree on every key the example has; an array of objects with an `id` or a
    /// (`lane`, `job`) pair lists some of the real ones, matched by those; an array of
    /// names may end in `…`, standing for the rest; `results` entries match by `algorithm`;
    /// anything else must be equal.
    static func differences(example: JSONValue, real: JSONValue, path: String = "$") -> [String] {
        switch (example, real) {
        case let (.object(members), .object):
            return members.flatMap { member -> [String] in
                guard let value = real[member.key] else { return ["\(path).\(member.key): not in the output"] }
                return differences(example: member.value, real: value, path: "\(path).\(member.key)")
            }
        case let (.array(shown), .array(all)):
            if case .string("…")? = shown.last {
                let prefix = Array(shown.dropLast())
                return Array(all.prefix(prefix.count)) == prefix ? [] : ["\(path): \(all.prefix(prefix.count)) does not begin with \(prefix)"]
            }
            guard shown.allSatisfy({ if case .object = $0 { true } else { false } }), !shown.isEmpty else {
                return shown == all ? [] : ["\(path): documented \(shown), printed \(all)"]
            }
            return shown.enumerated().flatMap { index, element -> [String] in
                let keys = ["id", "algorithm"].filter { element[$0] != nil } + (element["lane"] != nil ? ["lane", "job"] : [])
                guard let match = all.first(where: { candidate in keys.allSatisfy { candidate[$0] == element[$0] } }), !keys.isEmpty else {
                    return ["\(path)[\(index)]: no such entry in the output"]
                }
                return differences(example: element, real: match, path: "\(path)[\(index)]")
            }
        default:
            return example == real ? [] : ["\(path): documented \(example), printed \(real)"]
        }
    }

    @Test func theSection5PlanIsWhatSchedulePrintsForTheSection3Scenario() throws {
        let formats = Self.text("docs/FORMATS.md")
        let scenario = try Self.jsonBlock(after: "## 3. Scenario (a set of jobs)", in: formats)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("models"),
                                                   withDestinationURL: Self.root.appendingPathComponent("sample-jobs/models"))
        try Data(scenario.serialized().utf8).write(to: folder.appendingPathComponent("s.json"))
        let run = try OffloadProcess.run(["schedule", folder.appendingPathComponent("s.json").path, "--format", "json", "--strict"])
        #expect(run.status == 0, "\(run.stderr)")
        let real = try FileReader.json(Array(run.stdout.utf8), file: "schedule")
        let example = try Self.jsonBlock(after: "### `schedule`", in: formats)
        let found = Self.differences(example: example, real: real)
        #expect(found.isEmpty, "docs/FORMATS.md §5 differs from the real output:\n\(found.joined(separator: "\n"))\nthe output:\n\(run.stdout.prefix(3000))")
        guard case let .array(jobs)? = example["jobs"], case let .array(segments)? = example["segments"] else {
            Issue.record("the example has no jobs or segments")
            return
        }
        #expect(jobs.count >= 2 && segments.count >= 3)
    }

    @Test func theCompareExampleIsWhatComparePrints() throws {
        let formats = Self.text("docs/FORMATS.md")
        let example = try Self.jsonBlock(after: "### `compare`", in: formats)
        let run = try OffloadProcess.run(["compare", "sample-jobs/stress-mixed.json", "--bandwidth", "5", "--format", "json"])
        #expect(formats.contains("`offload compare sample-jobs/stress-mixed.json --bandwidth 5 --format json`"))
        let found = Self.differences(example: example, real: try FileReader.json(Array(run.stdout.utf8), file: "compare"))
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))\n\(run.stdout)")
    }

    @Test func theComparisonOfExampleAndOutputCanFail() throws {
        let real = try FileReader.json(Array(#"{"a": 1, "jobs": [{"id": "x", "t": 2}], "items": ["p", "q", "r"]}"#.utf8), file: "r")
        for (example, fails) in [(#"{"a": 1, "jobs": [{"id": "x"}], "items": ["p", "…"]}"#, false), (#"{"a": 2}"#, true),
                                 (#"{"jobs": [{"id": "y"}]}"#, true), (#"{"jobs": [{"id": "x", "t": 3}]}"#, true),
                                 (#"{"items": ["q", "…"]}"#, true), (#"{"b": 1}"#, true)] {
            let documented = try FileReader.json(Array(example.utf8), file: "e")
            #expect(Self.differences(example: documented, real: real).isEmpty != fails, "\(example)")
        }
    }

    /// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_`
    /// dropped, spaces as `-`; a repeated heading gets `-1`, `-2`, ….
    static func anchors(of markdown: String) -> Set<String> {
        var seen: [String: Int] = [:]
        var anchors = Set<String>()
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            let slug = String(title.lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
            })
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    @Test(arguments: ["README.md", "docs/FORMATS.md", "docs/homogeneous-chains.md", "docs/layer-level.md"])
    func everyLinkAndAnchorResolves(document: String) throws {
        let markdown = Self.text(document)
        #expect(!markdown.isEmpty)
        let folder = Self.root.appendingPathComponent(document).deletingLastPathComponent()
        var fenced = false
        var checked = 0
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            if fenced { continue }
            for match in line.matches(of: /\]\(([^)\s]+)\)/) {
                let target = String(match.output.1)
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? Self.root.appendingPathComponent(document) : folder.appendingPathComponent(parts[0])
                #expect(FileManager.default.fileExists(atPath: file.path), "\(document): \(target): no such file")
                if parts.count > 1 {
                    let anchors = Self.anchors(of: OffloadProcess.contents(ofFile: file.path) ?? "")
                    #expect(anchors.contains(parts[1]), "\(document): \(target): no such anchor")
                }
                checked += 1
            }
        }
        if document != "docs/homogeneous-chains.md" && document != "docs/layer-level.md" { #expect(checked > 3) }
    }

    @Test func anchorsAreGitHubs() {
        #expect(Self.anchors(of: "## 5. JSON output\n### `schedule`\n## 3. Scenario (a set of jobs)\n### A b\n### A b")
                == ["5-json-output", "schedule", "3-scenario-a-set-of-jobs", "a-b", "a-b-1"])
    }

    /// The README's `jq` pipelines over `compare`: the equivalent extraction in Swift, and
    /// the pipelines themselves when jq is installed.
    @Test func theReadmeScriptPipelinesWork() throws {
        let readme = Self.text("README.md")
        let table = #"jq -r '.results[] | select(.makespanMs != null) | [.algorithm, .makespanMs] | @tsv'"#
        let best = #"jq -r '[.results[] | select(.makespanMs != null)] | min_by(.makespanMs) | .algorithm'"#
        let command = "offload compare sample-jobs/default.json --format json"
        #expect(readme.contains(command + " \\\n  | " + table) && readme.contains(command + " \\\n  | " + best))
        let run = try OffloadProcess.run(["compare", "sample-jobs/default.json", "--format", "json"])
        guard case let .array(results)? = try FileReader.json(Array(run.stdout.utf8), file: "compare")["results"] else {
            Issue.record("no results")
            return
        }
        var rows: [(algorithm: String, makespan: Double)] = []
        for result in results {
            if case let .string(algorithm)? = result["algorithm"], case let .number(makespan, _)? = result["makespanMs"] {
                rows.append((algorithm, makespan))
            }
        }
        #expect(rows.count == 7)
        func jqNumber(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)" }
        let expectedTable = rows.map { "\($0.algorithm)\t\(jqNumber($0.makespan))\n" }.joined()
        let expectedBest = (rows.min { $0.makespan < $1.makespan }?.algorithm ?? "") + "\n"
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/jq") else { return }
        for (program, expected) in [(table, expectedTable), (best, expectedBest)] {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            let binFolder = OffloadProcess.binary.deletingLastPathComponent().path
            shell.arguments = ["-c", "PATH=\(binFolder):/usr/bin:/bin; " + command + " | " + program]
            shell.currentDirectoryURL = Self.root
            let out = Pipe()
            shell.standardOutput = out
            try shell.run()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0 && printed == expected, "\(program): \(printed)")
        }
    }
}
