import ArgumentParser
import OffloadModel
import OffloadScheduler

/// The output formats of the commands that plan.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Algorithm: ExpressibleByArgument {}

/// The flags that override the scenario's environment (SPEC §5).
///
/// Numbers are parsed `.unconditional`ly, so that `--latency -1` is read as the number -1
/// and refused for what it is, not as an unknown flag `-1`.
struct EnvironmentFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "Uplink bandwidth in Mbps, \(Environment.accepted(.bandwidthMbps)) (overrides the scenario).")
    var bandwidth: Double?

    @Option(name: .customLong("device-speed"), parsing: .unconditional, help: "Device speed factor, \(Environment.accepted(.deviceSpeed)) (overrides the scenario).")
    var deviceSpeed: Double?

    @Option(name: .customLong("cloud-speed"), parsing: .unconditional, help: "Cloud speed factor, \(Environment.accepted(.cloudSpeed)) (overrides the scenario).")
    var cloudSpeed: Double?

    @Option(parsing: .unconditional, help: "Latency per transfer in ms, \(Environment.accepted(.latencyMs)) (overrides the scenario).")
    var latency: Double?

    func validate() throws {
        let flags: [(String, Double?, Environment.Field)] = [
            ("--bandwidth", bandwidth, .bandwidthMbps), ("--device-speed", deviceSpeed, .deviceSpeed),
            ("--cloud-speed", cloudSpeed, .cloudSpeed), ("--latency", latency, .latencyMs),
        ]
        for (flag, value, field) in flags {
            if let value, let expected = Environment.expectation(for: value, of: field) {
                throw ValidationError("\(flag) must be \(expected), found \(describeFlag(value))")
            }
        }
    }

    /// The scenario's environment with the flags applied.
    func environment(for scenario: Scenario) -> Environment {
        var environment = scenario.environment
        if let bandwidth { environment.bandwidthMbps = bandwidth }
        if let deviceSpeed { environment.deviceSpeed = deviceSpeed }
        if let cloudSpeed { environment.cloudSpeed = cloudSpeed }
        if let latency { environment.latencyMs = latency }
        return environment
    }
}

/// The flags every planning command shares (SPEC §5): the environment and the output.
struct EnvironmentOptions: ParsableArguments {
    @OptionGroup var flags: EnvironmentFlags

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Width of the text output in columns, from 20 to 10000 (default: the terminal's).")
    var width: Int?

    func validate() throws {
        if let width, width < 20 || width > 10_000 {
            throw ValidationError("--width must be from 20 to 10000, found \(width)")
        }
    }

    /// The scenario's environment with the flags applied.
    func environment(for scenario: Scenario) -> Environment {
        flags.environment(for: scenario)
    }

    var textWidth: Int { width ?? Terminal.width }
}

/// A number given on the command line, as the user will recognise it in "found …":
/// `0`, `-1`, `1e-07`, `nan`, `inf`.
func describeFlag(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return InputError.describe(value)
}
