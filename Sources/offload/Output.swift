#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OffloadModel

/// Output that could not be written: exit status 1, and one line naming what could not
/// be written and why (README, "Exit status").
struct WriteFailure: Error, CustomStringConvertible {
    /// `standard output`, or the path given to `--output`.
    var target: String
    /// The system's reason: `No space left on device`.
    var reason: String

    var description: String { TerminalText.escaped("cannot write \(target): \(reason)") }
}

/// Every byte `offload` prints goes through here, so that no write error passes unseen.
enum Output {
    /// Writes `text` to standard output, all of it, or throws.
    static func standardOutput(_ text: String) throws(WriteFailure) {
        try standardOutput(Array(text.utf8))
    }

    /// Writes `bytes` to standard output, all of them, or throws.
    static func standardOutput(_ bytes: [UInt8]) throws(WriteFailure) {
        try write(bytes, to: STDOUT_FILENO, naming: "standard output")
    }

    /// Writes a JSON document and a newline to `path` (atomically, as ``file(_:atomicallyTo:)``),
    /// or to standard output when `path` is nil; a number JSON cannot hold is refused
    /// (`InputError`) before anything is written.
    static func json(_ document: JSONDocument, to path: String?) throws {
        try document.checkFinite()
        try document.withLine { line in
            if let path { try file(line, atomicallyTo: path) } else { try write(line, to: STDOUT_FILENO, naming: "standard output") }
        }
    }

    /// Writes `text` to `path` (standard output for `-`) atomically: into a new file beside
    /// it, flushed to disk, then renamed over `path`, so that `path` holds either its old
    /// content or all of the new, never a part. The new file gets the permissions a new
    /// file gets (0666 less the umask).
    static func file(_ text: String, atomicallyTo path: String) throws(WriteFailure) {
        try file(Array(text.utf8), atomicallyTo: path)
    }

    /// Writes `bytes` to `path` atomically, as ``file(_:atomicallyTo:)`` writes text.
    static func file(_ bytes: [UInt8], atomicallyTo path: String) throws(WriteFailure) {
        try withRawBytes(bytes) { raw throws(WriteFailure) in try file(raw, atomicallyTo: path) }
    }

    /// Writes `bytes` to `path` atomically, as ``file(_:atomicallyTo:)`` writes text.
    static func file(_ bytes: UnsafeRawBufferPointer, atomicallyTo path: String) throws(WriteFailure) {
        if path == FileReader.standardInput { return try write(bytes, to: STDOUT_FILENO, naming: "standard output") }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((folder + "." + name + ".offload-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw WriteFailure(target: path, reason: systemReason()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var closed = false
        do throws(WriteFailure) {
            let mask = umask(0)
            umask(mask)
            if fchmod(descriptor, 0o666 & ~mask) != 0 { throw WriteFailure(target: path, reason: systemReason()) }
            try write(bytes, to: descriptor, naming: path)
            if fsync(descriptor) != 0 { throw WriteFailure(target: path, reason: systemReason()) }
            closed = true
            if close(descriptor) != 0 { throw WriteFailure(target: path, reason: systemReason()) }
            if rename(temporary, path) != 0 { throw WriteFailure(target: path, reason: systemReason()) }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Writes every byte of `bytes` to `descriptor`, retrying after interruptions.
    static func write(_ bytes: [UInt8], to descriptor: Int32, naming target: String) throws(WriteFailure) {
        try withRawBytes(bytes) { raw throws(WriteFailure) in try write(raw, to: descriptor, naming: target) }
    }

    /// Calls `body` with the memory of `bytes`.
    private static func withRawBytes(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(WriteFailure) -> Void) throws(WriteFailure) {
        var failure: WriteFailure?
        bytes.withUnsafeBytes { raw in
            do throws(WriteFailure) {
                try body(raw)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Writes every byte of `bytes` to `descriptor`, retrying after interruptions.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, naming target: String) throws(WriteFailure) {
        var written = 0
        while written < bytes.count {
            let result = systemWrite(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw WriteFailure(target: target, reason: result < 0 ? systemReason() : "nothing was written") }
            written += result
        }
    }

    #if canImport(Glibc)
    private static let systemWrite = Glibc.write
    #else
    private static let systemWrite = Darwin.write
    #endif

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
