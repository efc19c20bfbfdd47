#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ScenarioFile {
    /// The scenario as a scenario file (docs/FORMATS.md §3): its name, description, environment
    /// (a bandwidth trace inline) and jobs, each naming its model by the path in
    /// `scenario.modelSources`. Runs of jobs `base-1` … `base-n` of one model are written
    /// as one job with `count`; every other job keeps its id. Loading the text with
    /// `ScenarioFile.load` gives back the same jobs, models and environment.
    ///
    /// - Parameter modelPaths: rewrites each model path; by default paths stay as written.
    /// - Throws: `InputError` when a model has no known source (a scenario built in code),
    ///   or when a number of the environment is not finite (JSON cannot hold it).
    public static func encode(
        _ scenario: Scenario, modelPaths: (String) -> String = { $0 }
    ) throws(InputError) -> String {
        var jobs: [JSONValue] = []
        var index = 0
        while index < scenario.jobs.count {
            let job = scenario.jobs[index]
            guard let source = scenario.modelSource(ofModel: job.modelIndex) else {
                throw InputError(file: scenario.name, location: "job \"\(job.id)\"",
                                 message: "its model \"\(scenario.models.indices.contains(job.modelIndex) ? scenario.models[job.modelIndex].name : "?")\" was not read from a file, so the scenario cannot name it; only scenarios loaded from files can be saved")
            }
            let run = countedRun(scenario.jobs, from: index)
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(run.map(\.base) ?? job.id)),
                ("model", .string(modelPaths(source.path))),
            ]
            if let run { members.append(("count", .int(run.count))) }
            if let bytes = source.inputBytes { members.append(("inputBytes", .int(bytes))) }
            jobs.append(.object(members))
            index += run?.count ?? 1
        }
        let environment = scenario.environment
        var environmentMembers: [(key: String, value: JSONValue)] = [
            ("deviceSpeed", exact(environment.deviceSpeed)),
            ("cloudSpeed", exact(environment.cloudSpeed)),
            ("bandwidthMbps", exact(environment.bandwidthMbps)),
            ("latencyMs", exact(environment.latencyMs)),
        ]
        if let trace = environment.bandwidthTrace {
            environmentMembers.append(("bandwidthTrace", .array(trace.map { point in
                .object([("atMs", exact(point.atMs)), ("mbps", exact(point.mbps))])
            })))
        }
        let document = JSONValue.object([
            ("name", .string(scenario.name)),
            ("description", .string(scenario.description)),
            ("environment", .object(environmentMembers)),
            ("jobs", .array(jobs)),
        ])
        return try document.finiteSerialized(describing: scenario.name) + "\n"
    }

    /// Writes `scenario` to `path` (replacing any file there), its model paths rewritten
    /// to stay correct from the new file's folder: `loadedFrom` is the file the paths are
    /// relative to (nil: the current folder).
    public static func save(_ scenario: Scenario, to path: String, loadedFrom: String?) throws(InputError) {
        let text = try encode(scenario) { modelPath in
            if modelPath.hasPrefix("/") { return modelPath }
            let resolved = loadedFrom.map { OffloadModel.path(modelPath, relativeTo: $0) } ?? modelPath
            return relativePath(to: resolved, fromFolderOf: path)
        }
        try FileWriter.write(text, toPath: path)
    }

    /// `base` and `count` when jobs `from…` start a run `base-1`, `base-2`, … of one model
    /// (at least two jobs), as `count` expansion makes them.
    private static func countedRun(_ jobs: [Job], from start: Int) -> (base: String, count: Int)? {
        let first = jobs[start]
        guard first.id.hasSuffix("-1") else { return nil }
        let base = String(first.id.dropLast(2))
        guard !base.isEmpty else { return nil }
        var count = 1
        while start + count < jobs.count, jobs[start + count].modelIndex == first.modelIndex,
              jobs[start + count].id == "\(base)-\(count + 1)" {
            count += 1
        }
        return count >= 2 ? (base, count) : nil
    }

    /// A number written so that it reads back bit for bit.
    private static func exact(_ value: Double) -> JSONValue { .exact(value) }
}

/// Writes output files.
public enum FileWriter {
    /// Writes `text` to `path`, replacing the file: the text goes to a temporary file
    /// beside it first, which is then renamed, so a failed write leaves the old file whole.
    public static func write(_ text: String, toPath path: String) throws(InputError) {
        let temporary = path + ".offload-tmp"
        guard let handle = fopen(temporary, "wb") else {
            throw InputError(file: path, message: "cannot be written (\(String(cString: strerror(errno))))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        let closed = fclose(handle)
        guard written == bytes.count, closed == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: path, message: "cannot be written (\(reason))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw InputError(file: path, message: "cannot be written (\(reason))")
        }
    }
}

/// The path of `target` as seen from the folder holding `base`: `../models/a.json`.
/// Relative paths are taken from the current folder; `.` and `..` are resolved.
public func relativePath(to target: String, fromFolderOf base: String) -> String {
    let targetParts = absoluteComponents(target)
    var folderParts = absoluteComponents(base)
    if !folderParts.isEmpty { folderParts.removeLast() }
    var common = 0
    while common < min(targetParts.count, folderParts.count), targetParts[common] == folderParts[common] { common += 1 }
    let ups = Array(repeating: "..", count: folderParts.count - common)
    let parts = ups + targetParts[common...]
    return parts.isEmpty ? "." : parts.joined(separator: "/")
}

/// The components of `path` made absolute against the current folder, with `.` and `..` resolved.
private func absoluteComponents(_ path: String) -> [String] {
    var full = path
    if !path.hasPrefix("/") {
        var buffer = [CChar](repeating: 0, count: 4096)
        let folder = getcwd(&buffer, buffer.count) != nil
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        full = folder + "/" + path
    }
    var parts: [String] = []
    for part in full.split(separator: "/", omittingEmptySubsequences: true) {
        switch part {
        case ".": continue
        case "..": if !parts.isEmpty { parts.removeLast() }
        default: parts.append(String(part))
        }
    }
    return parts
}
