import Foundation
import OffloadModel

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
    /// Read with `FileReader` rather than `String(contentsOfFile:)`: Foundation leaks a
    /// 4 KiB buffer for each file whose size reads as 0 (empty files, `/proc`), which
    /// fails `swift test --sanitize=address`.
    static func contents(ofFile path: String) -> String? {
        (try? FileReader.bytes(atPath: path)).map { String(decoding: $0, as: UTF8.self) }
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
