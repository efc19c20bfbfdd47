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
    ///
    /// `input` is written to its standard input (else it inherits the test's);
    /// `environment` adds to or replaces variables of the test's environment; `stdoutPath`
    /// sends standard output to that file (`/dev/full`) instead of the returned text.
    static func run(_ arguments: [String], in folder: URL = root, input: String? = nil,
                    environment: [String: String] = [:], stdoutPath: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        let sink = stdoutPath.flatMap { FileHandle(forWritingAtPath: $0) }
        process.standardOutput = sink ?? out
        process.standardError = err
        if input != nil { process.standardInput = inPipe }
        try process.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try inPipe.fileHandleForWriting.close()
        }
        let stdout = sink == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try sink?.close()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}
