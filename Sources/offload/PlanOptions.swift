import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// The output formats of the commands that plan.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Algorithm: ExpressibleByArgument {}

/// The flags that override the scenario's environment (README, "Commands").
///
/// Numbers are parsed `.unconditional`ly, so that `--latency -1` is read as the number -1
/// and refused for what it is, not as an unknown flag `-1`.
struct EnvironmentFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Uplink bandwidth in Mbps, \(Environment.accepted(.bandwidthMbps)) (overrides the scenario).")
    var bandwidth: Double?

    @OptionGroup var speeds: SpeedAndLatencyFlags

    func validate() throws {
        try refuseOutOfRange([("--bandwidth", bandwidth, .bandwidthMbps)])
        try speeds.check()
    }

    /// The scenario's environment with the flags applied.
    func environment(for scenario: Scenario) -> Environment {
        var environment = scenario.environment
        if let bandwidth { environment.bandwidthMbps = bandwidth }
        speeds.apply(to: &environment)
        return environment
    }
}

/// The flags that override the scenario's speeds and latency: part of
/// ``EnvironmentFlags``, and `sweep`'s own (it varies the bandwidth itself).
struct SpeedAndLatencyFlags: ParsableArguments {
    @Option(name: .customLong("device-speed"), parsing: .unconditional, help: "Device speed factor, \(Environment.accepted(.deviceSpeed)) (overrides the scenario).")
    var deviceSpeed: Double?

    @Option(name: .customLong("cloud-speed"), parsing: .unconditional, help: "Cloud speed factor, \(Environment.accepted(.cloudSpeed)) (overrides the scenario).")
    var cloudSpeed: Double?

    @Option(parsing: .unconditional, help: "Latency per transfer in ms, \(Environment.accepted(.latencyMs)) (overrides the scenario).")
    var latency: Double?

    /// Refuses a value outside its range. Called by the command's own `validate`, after its
    /// other flags, so that flags are checked in the order its help lists them.
    func check() throws {
        try refuseOutOfRange([("--device-speed", deviceSpeed, .deviceSpeed), ("--cloud-speed", cloudSpeed, .cloudSpeed),
                           ("--latency", latency, .latencyMs)])
    }

    /// `environment` with the flags applied.
    func apply(to environment: inout Environment) {
        if let deviceSpeed { environment.deviceSpeed = deviceSpeed }
        if let cloudSpeed { environment.cloudSpeed = cloudSpeed }
        if let latency { environment.latencyMs = latency }
    }
}

/// Refuses the first flag whose value is outside its field's range (docs/FORMATS.md §4).
private func refuseOutOfRange(_ flags: [(String, Double?, Environment.Field)]) throws {
    for (flag, value, field) in flags {
        if let value, let expected = Environment.expectation(for: value, of: field) {
            throw ValidationError("\(flag) must be \(expected), found \(describeFlag(value))")
        }
    }
}

/// The flags every planning command shares (README, "Commands"): the environment, how
/// files are read, and the output.
struct EnvironmentOptions: ParsableArguments {
    @OptionGroup var flags: EnvironmentFlags

    @OptionGroup var input: InputOptions

    @OptionGroup var shape: OutputShape

    @Option(help: ArgumentHelp("Write the output to this file (atomically: a new file, then renamed) instead of standard output.",
                               valueName: "file"))
    var output: String?

    func validate() throws {
        try shape.check()
    }

    /// The scenario's environment with the flags applied.
    func environment(for scenario: Scenario) -> Environment {
        flags.environment(for: scenario)
    }

    var format: OutputFormat { shape.format }

    var textWidth: Int { shape.textWidth }

    /// Loads the scenario at `path` (`-`: standard input), reporting unknown keys.
    func loadScenario(_ path: String) throws -> Scenario {
        try input.loadScenario(path)
    }

    /// Writes text output, every line bounded to the width and names escaped.
    func emit(text: String) throws {
        try emit(TextWidth.bounded(text, width: textWidth))
    }

    /// Writes a JSON document and a newline, refusing numbers JSON cannot hold.
    func emit(json: JSONDocument) throws {
        try Output.json(json, to: output)
    }

    private func emit(_ text: String) throws {
        if let output { try Output.file(text, atomicallyTo: output) } else { try Output.standardOutput(text) }
    }
}

/// `--format text|json` and `--width`: the output of the planning commands and `validate`.
struct OutputShape: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional,
            help: "Width of the text output in columns, from 20 to 10000 (default: the terminal's; without a terminal $COLUMNS, else 100).")
    var width: Int?

    /// Refuses a width out of range. Called by the command's own `validate`, after its
    /// other checks.
    func check() throws {
        if let width, !TextWidth.range.contains(width) {
            throw ValidationError("--width must be from 20 to 10000, found \(width)")
        }
    }

    var textWidth: Int { width ?? Terminal.width }
}

/// How input files are read: `--strict` and `--quiet` (docs/FORMATS.md, "Unknown keys").
struct InputOptions: ParsableArguments {
    @Flag(help: "Refuse unknown keys in input files as errors (exit status 1) instead of warning about them.")
    var strict = false

    @Flag(help: "Print no warnings on standard error (errors are still printed).")
    var quiet = false

    /// Loads the scenario at `path` (`-`: standard input; its model paths are then relative
    /// to the working directory), reporting unknown keys as warnings or, with `--strict`, errors.
    func loadScenario(_ path: String) throws -> Scenario {
        let log = KeyWarnings(strict: strict)
        let scenario = try ScenarioFile.load(path: path, warnings: log)
        warn(log.take())
        return scenario
    }

    /// Loads the trace file at `path`, reporting unknown keys.
    func loadTrace(_ path: String) throws -> BandwidthTrace {
        let log = KeyWarnings(strict: strict)
        let trace = try TraceFile.load(path: path, warnings: log)
        warn(log.take())
        return trace
    }

    /// Prints each warning on standard error, unless `--quiet`.
    func warn(_ warnings: [UnknownKeyWarning]) {
        guard !quiet else { return }
        for warning in warnings { Terminal.printError("offload: warning: \(warning)") }
    }
}

/// A number given on the command line, as the user will recognise it in "found …":
/// `0`, `-1`, `1e-07`, `nan`, `inf`.
func describeFlag(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return InputError.describe(value)
}
