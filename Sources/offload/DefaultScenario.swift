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
        if let found = BundledFile.locate(relativePath, override: BundledFile.environment("OFFLOAD_SAMPLES").map { $0 + "/default.json" }) {
            return found
        }
        throw InputError(file: relativePath, message: "the default scenario was not found here or above the executable; run offload from the repository, set OFFLOAD_SAMPLES, or name a scenario")
    }

    /// The folder of the bundled scenarios, or nil when it cannot be found.
    static func samplesFolder() -> String? {
        guard let file = try? path() else { return nil }
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return String(file[..<slash])
    }
}

/// Finds the dashboard's colour themes, `themes/`, like the default scenario.
enum ThemesFolder {
    static let relativePath = "themes"

    /// The first of: `$OFFLOAD_THEMES`, `./themes`, and `themes` in a folder above the
    /// executable; nil when there is none.
    static func path() -> String? {
        BundledFile.locate(relativePath, override: BundledFile.environment("OFFLOAD_THEMES"))
    }
}

/// Files that ship with offload, found from the working directory or the executable.
enum BundledFile {
    /// The first readable of `override`, `relativePath` (from the working directory) and
    /// `relativePath` in each folder above the executable.
    static func locate(_ relativePath: String, override: String?) -> String? {
        var candidates: [String] = []
        if let override { candidates.append(override) }
        candidates.append(relativePath)
        var folder = executablePath()
        while let slash = folder.lastIndex(of: "/"), slash != folder.startIndex {
            folder = String(folder[..<slash])
            candidates.append(folder + "/" + relativePath)
        }
        return candidates.first { access($0, R_OK) == 0 }
    }

    /// An environment variable, or nil when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    private static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments.first ?? ""
    }
}
