import Foundation
import OffloadModel

/// Runs the real built `offload` binary, for the command-line and end-to-end tests.
public enum OffloadProcess {
    /// What a run printed and how it exited.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The built `offload` next to the test bundle.
    public static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("offload").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("offload")
    }

    /// The repository root, where runs start unless told otherwise.
    public static var root: URL { Repository.root }

    /// The text of the file at `path`, or nil when it cannot be read.
    ///
    /// Read with `FileReader` rather than `String(contentsOfFile:)`: Foundation leaks a
    /// 4 KiB buffer for each file whose size reads as 0 (empty files, `/proc`), which
    /// fails `swift test --sanitize=address`.
    public static func contents(ofFile path: String) -> String? {
        (try? FileReader.bytes(atPath: path)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `offload` with `arguments` in `folder` and waits for it.
    ///
    /// `input` is written to its standard input (else it inherits the test's);
    /// `environment` adds to or replaces variables of the test's environment; `stdoutPath`
    /// sends standard output to that file (`/dev/full`) instead of the returned text.
    public static func run(_ arguments: [String], in folder: URL = root, input: String? = nil,
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
