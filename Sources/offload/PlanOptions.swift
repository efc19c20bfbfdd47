import ArgumentParser
import OffloadModel
import OffloadScheduler

/// The output formats of the commands that plan.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Algorithm: ExpressibleByArgument {}

/// The flags that override the scenario's environment (SPEC §5).
struct EnvironmentFlags: ParsableArguments {
    @Option(help: "Uplink bandwidth in Mbps (overrides the scenario).")
    var bandwidth: Double?

    @Option(name: .customLong("device-speed"), help: "Device speed factor (overrides the scenario).")
    var deviceSpeed: Double?

    @Option(name: .customLong("cloud-speed"), help: "Cloud speed factor (overrides the scenario).")
    var cloudSpeed: Double?

    @Option(help: "Latency per transfer in ms (overrides the scenario).")
    var latency: Double?

    func validate() throws {
        for (flag, value) in [("--bandwidth", bandwidth), ("--device-speed", deviceSpeed), ("--cloud-speed", cloudSpeed)] {
            if let value, !(value.isFinite && value > 0) {
                throw ValidationError("\(flag) must be a finite number > 0, found \(value)")
            }
        }
        if let latency, !(latency.isFinite && latency >= 0) {
            throw ValidationError("--latency must be a finite number >= 0, found \(latency)")
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

    @Option(help: "Width of the text output in columns (default: the terminal's).")
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
