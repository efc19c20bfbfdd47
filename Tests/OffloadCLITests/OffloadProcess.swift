import Foundation

/// Runs the real built `offload` binary, for the command-line and end-to-end tests.
enum OffloadProcess {
    /// What a run printed and how it exited.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `offload` next to the test bundle.
    static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("offload").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("offload")
    }

    /// The repository root (this file is Tests/OffloadCLITests/OffloadProcess.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of the file at `path`, or nil when it cannot be read.
    ///
    /// Read with stdio rather than `String(contentsOfFile:)`: Foundation leaks a 4 KiB
    /// buffer for each file whose size reads as 0 (empty files, `/proc`), which fails
    /// `swift test --sanitize=address`.
    static func contents(ofFile path: String) -> String? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<read])
        }
        return ferror(handle) == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Runs `offload` with `arguments` in `folder` and waits for it.
    static func run(_ arguments: [String], in folder: URL = root) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
