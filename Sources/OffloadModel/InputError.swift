/// Bad input in a file or on the command line, said as a sentence a user can act on:
/// `models/vgg16.json: layer "features_3": deviceMs must be a finite number >= 0, found -1`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it, or a flag such as `--bandwidth`.
    public var file: String
    /// Where in the file: `layer "features_3"`, `job "cam"`, `line 3, column 7`; nil for the whole file.
    public var location: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(file: String, location: String? = nil, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        [file, location, message].compactMap { $0 }.joined(separator: ": ")
    }
}

/// Limits enforced before allocating, so hostile files cannot exhaust memory.
public enum Limits {
    /// Jobs in one scenario, after `count` expansion.
    public static let jobsPerScenario = 100_000
    /// Layers in one model.
    public static let layersPerModel = 10_000
    /// Bytes in one input file.
    public static let fileBytes = 64 << 20
    /// Characters in a name or id.
    public static let nameLength = 256
    /// Points in a bandwidth trace.
    public static let tracePoints = 100_000
}
