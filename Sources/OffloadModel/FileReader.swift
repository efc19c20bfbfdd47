#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads input files whole, refusing folders, missing files and files over `Limits.fileBytes`
/// before allocating.
public enum FileReader {
    /// The bytes of the file at `path`; errors name the path as given. The path `-` reads
    /// standard input to its end (docs/FORMATS.md, "Standard input").
    public static func bytes(atPath path: String) throws(InputError) -> [UInt8] {
        if path == standardInput {
            // A handle of its own on a copy of descriptor 0, closed when read.
            guard let handle = fdopen(dup(STDIN_FILENO), "rb") else {
                throw InputError(file: path, message: "cannot be read (\(describeErrno()))")
            }
            defer { fclose(handle) }
            return try read(handle, file: path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: path, message: errno == ENOENT ? "no such file" : "cannot be read (\(describeErrno()))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, message: "is a folder, not a file") }
        if Int(info.st_size) > Limits.fileBytes {
            throw InputError(file: path, message: "is \(Int(info.st_size)) bytes; the limit is \(Limits.fileBytes >> 20) MiB (\(Limits.fileBytes) bytes)")
        }
        guard let handle = fopen(path, "rb") else {
            throw InputError(file: path, message: "cannot be opened (\(describeErrno()))")
        }
        defer { fclose(handle) }
        return try read(handle, file: path)
    }

    /// The name that stands for standard input where a file is expected.
    public static let standardInput = "-"

    /// Reads `handle` to its end, refusing more than `Limits.fileBytes`.
    private static func read(_ handle: UnsafeMutablePointer<FILE>, file path: String) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if read == 0 { break }
            bytes.append(contentsOf: chunk[0..<read])
            if bytes.count > Limits.fileBytes {
                throw InputError(file: path, message: "is larger than the limit of \(Limits.fileBytes >> 20) MiB (\(Limits.fileBytes) bytes)")
            }
        }
        if ferror(handle) != 0 { throw InputError(file: path, message: "cannot be read (\(describeErrno()))") }
        return bytes
    }

    /// Parses the file at `path` as JSON; syntax errors name the line and column.
    public static func json(atPath path: String) throws(InputError) -> JSONValue {
        try json(bytes(atPath: path), file: path)
    }

    /// Parses `bytes` as JSON; errors name `file`.
    public static func json(_ bytes: [UInt8], file: String) throws(InputError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError(file: file, location: "line \(error.line), column \(error.column)", message: "not valid JSON: \(error.message)")
        }
    }

    private static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}

/// Joins a path relative to the folder of `base` (a scenario's model paths).
public func path(_ relative: String, relativeTo base: String) -> String {
    if relative.hasPrefix("/") { return relative }
    guard let slash = base.lastIndex(of: "/") else { return relative }
    return String(base[...slash]) + relative
}
