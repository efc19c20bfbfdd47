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
            """
    )

    @Argument(help: "A scenario file (see docs/FORMATS.md).")
    var scenario: String

    @Option(help: "Planning algorithm: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .joint

    @Option(help: ArgumentHelp("A trace file to play instead of the scenario's bandwidthTrace.", valueName: "file"))
    var trace: String?

    @Flag(help: "Whenever the bandwidth changes, re-plan the work that has not started, and report what that saves.")
    var replan = false

    @Option(help: ArgumentHelp("Multiply every duration by a seeded random factor in [1-PCT/100, 1+PCT/100]; 0 <= PCT < 100.", valueName: "pct"))
    var jitter: Double?

    @Option(help: "Seed of the jitter; the same seed gives the same timeline.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Play K times with seeds N…N+K-1 and print the makespan distribution (needs --jitter).", valueName: "k"))
    var runs: Int = 1

    @OptionGroup var options: EnvironmentOptions

    func validate() throws {
        if let jitter, !(jitter.isFinite && jitter >= 0 && jitter < 100) {
            throw ValidationError("--jitter must be a percentage from 0 up to (not including) 100, found \(jitter)")
        }
        if runs < 1 || runs > 100_000 {
            throw ValidationError("--runs must be from 1 to 100000, found \(runs)")
        }
        if runs > 1 && jitter == nil {
            throw ValidationError("--runs repeats the simulation with different seeds, which only differ with jitter; add --jitter PCT")
        }
    }

    func run() throws {
        let loaded = try ScenarioFile.load(path: scenario)
        var environment = options.environment(for: loaded)
        if let trace { environment.bandwidthTrace = try TraceFile.load(path: trace).points }
        let plan = try Planner(scenario: loaded).plan(algorithm, in: environment)
        do throws(SimulationError) {
            if runs > 1 {
                let results = try Simulator.jitterRuns(plan: plan, scenario: loaded, environment: environment,
                                                       percent: jitter ?? 0, firstSeed: seed, count: runs, replan: replan)
                let report = SimulationReport.Runs(scenario: loaded, environment: environment, plan: plan,
                                                   jitterPercent: jitter ?? 0, runs: results)
                switch options.format {
                case .json: print(SimulationReport.json(report).serialized())
                case .text: print(SimulationReport.text(report), terminator: "")
                }
                return
            }
            let noise = jitter.map { Jitter(percent: $0, seed: seed) }
            let timeline = try Simulator.play(plan: plan, scenario: loaded, environment: environment,
                                              options: SimulationOptions(jitter: noise, replan: replan))
            let staticTimeline = replan
                ? try Simulator.play(plan: plan, scenario: loaded, environment: environment, options: SimulationOptions(jitter: noise))
                : nil
            let played = SimulationReport.Played(scenario: loaded, environment: environment, plan: plan, timeline: timeline,
                                                 staticTimeline: staticTimeline, jitter: noise)
            switch options.format {
            case .json: print(SimulationReport.json(played).serialized())
            case .text: print(SimulationReport.text(played, width: options.textWidth), terminator: "")
            }
        } catch {
            // A plan the simulator cannot play, or a failed re-planning: bad input (exit 1).
            throw InputError(file: scenario, message: error.description)
        }
    }
}
