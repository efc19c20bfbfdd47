#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OffloadModel

/// Finds the bundled default scenario, `sample-jobs/default.json`.
enum DefaultScenario {
    static let relativePath = "sample-jobs/default.json"

    /// The first of: `$OFFLOAD_SAMPLES/default.json`, `./sample-jobs/default.json`, and
    /// `sample-jobs/default.json` in a folder above the executable (as after `swift run`).
    static func path() throws(InputError) -> String {
        var candidates: [String] = []
        if let samples = getenv("OFFLOAD_SAMPLES") { candidates.append(String(cString: samples) + "/default.json") }
        candidates.append(relativePath)
        var folder = executablePath()
        while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            folder = String(folder[..<slash])
            candidates.append(folder + "/" + relativePath)
        }
        for candidate in candidates where access(candidate, R_OK) == 0 { return candidate }
        throw InputError(file: relativePath, message: "the default scenario was not found here or above the executable; run offload from the repository, set OFFLOAD_SAMPLES, or name a scenario")
    }

    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments.first ?? ""
    }
}
