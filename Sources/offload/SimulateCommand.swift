import ArgumentParser
import OffloadModel
import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// `offload simulate SCENARIO`: plans, then plays the plan through time.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Plan a scenario, then play the plan through time under its bandwidth trace.",
        discussion: """
            The plan is made with the nominal bandwidth (bandwidthMbps, or --bandwidth); \
            the simulator then plays it under environment.bandwidthTrace (or --trace), \
            each lane keeping the plan's order. Prints the planned and the realised \
            makespan and, as text, both Gantt charts. With a constant link the two agree exactly.

            Examples:
              offload simulate sample-jobs/commute-handover.json --algorithm partition-only
              offload simulate sample-jobs/drive-4g.json --replan
              offload simulate sample-jobs/kitchen-wifi.json --jitter 10 --seed 1 --runs 50 --format json
              offload simulate sample-jobs/default.json --trace sample-jobs/traces/5g-handover.json
            The JSON is described by docs/schema/simulate.schema.json (one run) and \
            docs/schema/simulate-runs.schema.json (--runs).
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md); - reads it from standard input.")
    var scenario: String

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @Option(help: ArgumentHelp("A trace file to play instead of the scenario's bandwidthTrace.", valueName: "file"))
    var trace: String?

    @Flag(help: "Whenever the bandwidth changes, re-plan the work that has not started, and report what that saves.")
    var replan = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Multiply every duration by a seeded random factor in [1-PCT/100, 1+PCT/100]; 0 <= PCT < 100.", valueName: "pct"))
    var jitter: Double?

    @Option(parsing: .unconditional, help: "Seed of the jitter, a whole number >= 0 (default 1; needs --jitter); the same seed gives the same timeline.")
    var seed: UInt64?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Play K times (1 to 100000) with seeds N…N+K-1 and print the makespan distribution (needs --jitter).", valueName: "k"))
    var runs: Int = 1

    @Option(help: ArgumentHelp("A run of this plan measured by tools/offload-testbed, shown beside the plan (docs/FORMATS.md §9).",
                               valueName: "file"))
    var measured: String?

    @OptionGroup var options: EnvironmentOptions

    func validate() throws {
        if let jitter, !(jitter.isFinite && jitter >= 0 && jitter < 100) {
            throw ValidationError("--jitter must be a percentage from 0 up to (not including) 100, found \(describeFlag(jitter))")
        }
        if runs < 1 || runs > 100_000 {
            throw ValidationError("--runs must be from 1 to 100000, found \(runs)")
        }
        if measured != nil && (runs > 1 || jitter != nil || replan || trace != nil) {
            throw ValidationError("--measured shows a real run beside the plan; it does not combine with --jitter, --runs, --replan or --trace")
        }
        if runs > 1 && jitter == nil {
            throw ValidationError("--runs repeats the simulation with different seeds, which only differ with jitter; add --jitter PCT")
        }
        if seed != nil && jitter == nil {
            throw ValidationError("--seed seeds the jitter, and there is none; add --jitter PCT")
        }
    }

    func run() throws {
        let loaded = try options.loadScenario(scenario)
        var environment = options.environment(for: loaded)
        if let trace { environment.bandwidthTrace = try options.input.loadTrace(trace).points }
        let plan = try Planner(scenario: loaded).plan(algorithm, in: environment)
        if let measured {
            try printMeasured(measured, plan: plan, scenario: loaded, environment: environment)
            return
        }
        let report: Report
        do throws(SimulationError) {
            report = try play(plan, scenario: loaded, environment: environment)
        } catch {
            // A plan the simulator cannot play, or a failed re-planning: bad input (exit 1).
            throw InputError(file: scenario, message: error.description)
        }
        switch (report, options.format) {
        case let (.runs(runs), .json): try options.emit(json: SimulationReport.json(runs))
        case let (.runs(runs), .text): try options.emit(text: SimulationReport.text(runs, width: options.textWidth))
        case let (.played(played), .json): try options.emit(json: SimulationReport.json(played))
        case let (.played(played), .text): try options.emit(text: SimulationReport.text(played, width: options.textWidth))
        }
    }

    /// The plan beside its measured run: as text the two Gantt charts and the lanes'
    /// errors, as JSON simulate's document with a `measured` member.
    private func printMeasured(_ file: String, plan: Plan, scenario loaded: Scenario, environment: Environment) throws {
        let run = try MeasuredRun.load(path: file)
        let measuredTimeline = try run.timeline(of: plan, scenario: loaded)
        switch options.format {
        case .text:
            try options.emit(text: MeasuredReport.text(scenario: loaded, plan: plan, run: run, measured: measuredTimeline,
                                                       width: options.textWidth))
        case .json:
            let timeline: Timeline
            do throws(SimulationError) {
                timeline = try Simulator.play(plan: plan, scenario: loaded, environment: environment, options: SimulationOptions())
            } catch {
                throw InputError(file: scenario, message: error.description)
            }
            let played = SimulationReport.Played(scenario: loaded, environment: environment, plan: plan, timeline: timeline)
            let document = SimulationReport.json(played) { json in
                json.key("measured")
                MeasuredReport.write(scenario: loaded, plan: plan, run: run, measured: measuredTimeline, to: json)
            }
            try options.emit(json: document)
        }
    }

    /// One played timeline, or the makespans of several jittered runs.
    private enum Report {
        case played(SimulationReport.Played)
        case runs(SimulationReport.Runs)
    }

    private func play(_ plan: Plan, scenario loaded: Scenario, environment: Environment) throws(SimulationError) -> Report {
        if runs > 1 {
            let results = try Simulator.jitterRuns(plan: plan, scenario: loaded, environment: environment,
                                                   percent: jitter ?? 0, firstSeed: seed ?? 1, count: runs, replan: replan)
            return .runs(SimulationReport.Runs(scenario: loaded, environment: environment, plan: plan,
                                               jitterPercent: jitter ?? 0, runs: results))
        }
        let noise = jitter.map { Jitter(percent: $0, seed: seed ?? 1) }
        let timeline = try Simulator.play(plan: plan, scenario: loaded, environment: environment,
                                          options: SimulationOptions(jitter: noise, replan: replan))
        let staticTimeline = replan
            ? try Simulator.play(plan: plan, scenario: loaded, environment: environment, options: SimulationOptions(jitter: noise))
            : nil
        return .played(SimulationReport.Played(scenario: loaded, environment: environment, plan: plan, timeline: timeline,
                                                staticTimeline: staticTimeline, jitter: noise))
    }
}
