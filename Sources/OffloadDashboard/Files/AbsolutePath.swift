#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Directory {
    /// `path` as an absolute path (against the current folder), for messages that say where
    /// a file went: `.` becomes the current folder itself.
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let folder = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if path == "." || path.isEmpty { return folder }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return folder == "/" ? "/" + relative : folder + "/" + relative
    }
}
