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

    /// `file: location: message`, with control characters escaped (``TerminalText``) so
    /// that a hostile name cannot split the line or reach the terminal raw; standard
    /// input (`-`) is called `standard input`.
    public var description: String {
        TerminalText.escaped([file == "-" ? "standard input" : file, location, message].compactMap { $0 }.joined(separator: ": "))
    }
}

/// Limits enforced before allocating, so hostile files cannot exhaust memory, and bounds
/// on numbers, so every accepted input plans to finite times (docs/FORMATS.md §4).
public enum Limits {
    /// Jobs in one scenario, after `count` expansion. 10,000 mixed jobs plan in under a
    /// second; 100,000 took 20 s with `joint` (README, "Limits").
    public static let jobsPerScenario = 10_000
    /// Layers in one model. A 5,000-layer model plans in about a second; 10,000 took
    /// 4–15 s.
    public static let layersPerModel = 5_000
    /// Names in `inputs`, summed over a model's layers (its edges). A layer reading
    /// every layer before it would make 12.5 million edges of 5,000 layers; 2 million
    /// took 1.1 GB and 3.5 s to plan.
    public static let inputsPerModel = 100_000
    /// Layers summed over every job of a scenario (a job of a 150-layer model counts 150):
    /// the work `layer-level` and the simulator do grows with it, about 2 s per million.
    public static let layersPerScenario = 2_000_000
    /// Bytes in one input file. Parsed JSON takes up to about 15 times the file's size
    /// (a file of `[0,0,…]`): 16 MiB bounds that to about 240 MB and 2 s, while the
    /// largest files within the other limits are a few MB.
    public static let fileBytes = 16 << 20
    /// Characters in a name or id.
    public static let nameLength = 256
    /// Characters in a path a scenario names (a job's `model`, a trace file).
    public static let pathLength = 4_096
    /// Points in a bandwidth trace.
    public static let tracePoints = 100_000

    /// The largest `deviceMs` or `cloudMs` of one layer, and the largest `latencyMs`:
    /// 10⁹ ms, about 11.6 days.
    public static let maximumMs = 1e9
    /// The largest tensor, `inputBytes` or `outputBytes`: 10¹² bytes (1 TB).
    public static let maximumBytes = 1_000_000_000_000
    /// Speeds, the bandwidth and a trace's rates lie in this range (a factor of 10⁶ either
    /// way of speed 1 and 1 Mbps).
    public static let rates: ClosedRange<Double> = 1e-6...1e6
}
