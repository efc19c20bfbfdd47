import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler

/// The output formats of `sweep`.
enum SweepFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
}

/// `offload sweep SCENARIO --bandwidth LO:HI --steps N`: each algorithm's makespan over a
/// range of uplink bandwidths (docs/FORMATS.md §10).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan a scenario at many uplink bandwidths and show where collaborative inference pays.",
        discussion: """
            Examples:
              offload sweep sample-jobs/default.json
              offload sweep sample-jobs/default.json --bandwidth 1:1000 --steps 50 --algorithms joint,partition-only
              offload sweep sample-jobs/default.json --format json | jq '.points[] | [.bandwidthMbps, .makespanMs.joint]'
            Bandwidths are spaced evenly on a log scale from LO to HI, both included. The curves \
            of joint, exact and layer-level never rise: at each bandwidth they also try the \
            plans they found at the lower ones (docs/FORMATS.md §10).
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md).")
    var scenario: String

    @Option(parsing: .unconditional, help: "The bandwidth range in Mbps, LO:HI (default: 1:1000, widened to hold the scenario's bandwidth).")
    var bandwidth: String?

    @Option(parsing: .unconditional, help: "How many bandwidths, from 1 to \(SweepCommand.maximumSteps).")
    var steps: Int = 50

    @Option(help: "Comma-separated algorithms to sweep (default: every one that can plan the scenario).")
    var algorithms: String?

    @OptionGroup var speeds: SpeedAndLatencyFlags

    @Option(help: "Output format: text, csv or json.")
    var format: SweepFormat = .text

    @Option(parsing: .unconditional, help: "Width of the text output in columns, from 40 to 10000 (default: the terminal's).")
    var width: Int?

    @Option(help: ArgumentHelp("Write the output to this file (atomically: a new file, then renamed) instead of standard output.",
                               valueName: "file"))
    var output: String?

    @OptionGroup var input: InputOptions

    static let maximumSteps = 1000

    func validate() throws {
        if steps < 1 || steps > Self.maximumSteps {
            throw ValidationError("--steps must be from 1 to \(Self.maximumSteps), found \(steps)")
        }
        if let width, width < 40 || width > 10_000 {
            throw ValidationError("--width must be from 40 to 10000, found \(width)")
        }
        if let bandwidth { _ = try Self.range(bandwidth) }
        if let algorithms { _ = try Self.algorithmList(algorithms) }
        try speeds.check()
    }

    /// `LO:HI` as two bandwidths, LO ≤ HI, both in the accepted range.
    static func range(_ text: String) throws -> (Double, Double) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]) else {
            throw ValidationError("--bandwidth must be LO:HI in Mbps, such as 1:1000, found \"\(text.prefix(40))\"")
        }
        for value in [low, high] {
            if let expected = Environment.expectation(for: value, of: .bandwidthMbps) {
                throw ValidationError("--bandwidth: each end must be \(expected), found \(describeFlag(value))")
            }
        }
        guard low <= high else {
            throw ValidationError("--bandwidth: LO must not exceed HI, found \(describeFlag(low)):\(describeFlag(high))")
        }
        return (low, high)
    }

    /// `joint,partition-only` as algorithms, each once.
    static func algorithmList(_ text: String) throws -> [Algorithm] {
        var list: [Algorithm] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: " ")
            guard let algorithm = Algorithm(rawValue: trimmed) else {
                throw ValidationError("--algorithms: unknown algorithm \"\(trimmed.prefix(40))\"; expected a comma-separated list of \(Algorithm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !list.contains(algorithm) { list.append(algorithm) }
        }
        return list
    }

    func run() throws {
        let loaded = try input.loadScenario(scenario)
        var environment = loaded.environment
        speeds.apply(to: &environment)
        let chosen: [Algorithm]
        if let algorithms {
            chosen = try Self.algorithmList(algorithms)
            if chosen.contains(.exact) && loaded.jobs.count > ExactSolver.maximumJobs {
                throw ValidationError("--algorithms: exact plans at most \(ExactSolver.maximumJobs) jobs and \(scenario) has \(loaded.jobs.count); leave exact out")
            }
        } else {
            chosen = Sweep.defaultAlgorithms(jobs: loaded.jobs.count)
        }
        let (low, high) = try bandwidth.map(Self.range) ?? Sweep.defaultRange(around: environment.bandwidthMbps)
        var sweep = Sweep(planner: Planner(scenario: loaded), environment: environment, algorithms: chosen,
                          bandwidths: Sweep.logSpaced(from: low, to: high, steps: steps))
        sweep.computeAll()
        let text: String
        switch format {
        case .json: return try Output.json(SweepReport.json(sweep, scenario: loaded, environment: environment), to: output)
        case .csv: text = SweepReport.csv(sweep)
        case .text:
            text = SweepReport.text(sweep, scenario: loaded, environment: environment, width: width ?? Terminal.width,
                                    colour: output == nil && Terminal.stdoutIsTerminal && Terminal.colourAllowed)
        }
        if let output { try Output.file(text, atomicallyTo: output) } else { try Output.standardOutput(text) }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var slice = self
        while slice.first == set { slice = slice.dropFirst() }
        while slice.last == set { slice = slice.dropLast() }
        return String(slice)
    }
}
