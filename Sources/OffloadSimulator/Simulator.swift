import OffloadModel
import OffloadScheduler

/// Plays plans through time on the device, uplink and cloud lanes.
///
/// The scheduler decides what runs where and in which order; the simulator replays
/// that decision under an environment that may change while the jobs run (a bandwidth
/// trace), and reports what really happens. Each lane keeps the plan's order, starts
/// each piece of work as soon as the lane is free and the work's inputs exist, and
/// never preempts. Under a constant environment the realised timeline is the plan's,
/// bit for bit.
public enum Simulator {
    /// Plays `plan` (job-level or layer-level) for `scenario` under `environment`: its
    /// speeds, its latency, and its `bandwidthTrace` (or constant `bandwidthMbps`).
    ///
    /// With `options.replan`, whenever the rate in force changes to one the current plan
    /// did not assume, the jobs none of whose work has started are re-planned with
    /// `options.replanAlgorithm` (by default `plan.algorithm`) at that rate (the work already running or committed continues,
    /// ahead of the re-planned work on each lane). A rate of 0 (an outage) triggers no
    /// re-planning: the planners cannot plan for a link that moves nothing.
    ///
    /// - Throws: `SimulationError` when the trace or the options are invalid, when the
    ///   plan does not fit the scenario, when re-planning fails, or when a time overflows.
    public static func play(
        plan: Plan, scenario: Scenario, environment: Environment, options: SimulationOptions = SimulationOptions()
    ) throws(SimulationError) -> Timeline {
        let profile = try BandwidthProfile(environment: environment)
        let jitter = try options.jitter?.validated()
        guard plan.cuts.count == scenario.jobs.count else {
            throw .planDoesNotFit("the plan has \(plan.cuts.count) jobs, the scenario \(scenario.jobs.count)")
        }
        var engine = Engine(scenario: scenario, environment: environment, profile: profile, jitter: jitter, cuts: plan.cuts)
        var replans: [Replan] = []
        var assumed = plan.environment.bandwidthMbps
        var first = plan
        let allJobs = Array(scenario.jobs.indices)
        let initialRate = profile.mbps[0]
        let algorithm = options.replanAlgorithm ?? plan.algorithm
        // Candidate cuts depend on the models alone: compute them once for every re-plan.
        let planner = options.replan ? Planner(scenario: scenario).with(effort: options.effort) : nil
        if options.replan && initialRate > 0 && initialRate != assumed && !allJobs.isEmpty {
            first = try replanned(allJobs, with: algorithm, planner: planner, environment: environment, mbps: initialRate, atMs: 0)
            assumed = initialRate
            replans.append(Replan(atMs: 0, mbps: initialRate, jobs: allJobs))
        }
        engine.activate(from: try engine.add(first, release: 0))
        if options.replan {
            for change in profile.changes where change.mbps > 0 && change.mbps != assumed {
                engine.run(before: change.atMs)
                let pending = engine.unstartedJobs()
                if pending.isEmpty { break }
                let next = try replanned(pending, with: algorithm, planner: planner, environment: environment,
                                         mbps: change.mbps, atMs: change.atMs)
                try engine.replace(jobs: pending, with: next, release: change.atMs)
                assumed = change.mbps
                replans.append(Replan(atMs: change.atMs, mbps: change.mbps, jobs: pending))
            }
        }
        engine.run(before: .infinity)
        try engine.checkFinished()
        let timeline = engine.timeline(replans: replans)
        // No infinity or NaN leaves the simulator.
        guard timeline.makespanMs.isFinite, timeline.finishMs.allSatisfy(\.isFinite),
              timeline.segments.allSatisfy({ $0.startMs.isFinite && $0.endMs.isFinite }) else { throw .overflow }
        return timeline
    }

    /// A plan of `jobs` alone with `algorithm`, assuming `mbps` holds from now on.
    private static func replanned(
        _ jobs: [Int], with algorithm: Algorithm, planner: Planner?, environment: Environment, mbps: Double, atMs: Double
    ) throws(SimulationError) -> Plan {
        var assumed = environment
        assumed.bandwidthMbps = mbps
        assumed.bandwidthTrace = nil
        guard let planner else { throw .replanFailed(atMs: atMs, reason: "no planner to re-plan with") }
        do {
            return try planner.restricted(toJobs: jobs).plan(algorithm, in: assumed)
        } catch {
            throw .replanFailed(atMs: atMs, reason: error.description)
        }
    }
}

/// One of several jittered runs of the same plan.
public struct JitterRun: Sendable, Hashable {
    public var seed: UInt64
    /// The realised makespan (re-planned, when re-planning was asked for).
    public var makespanMs: Double
    /// With re-planning, the realised makespan of the static plan under the same seed.
    public var staticMakespanMs: Double?
}

extension Simulator {
    /// Plays `plan` `count` times with jitter of `percent` and seeds `firstSeed`,
    /// `firstSeed + 1`, … (wrapping); with `replan`, each seed is played both with and
    /// without re-planning.
    public static func jitterRuns(
        plan: Plan, scenario: Scenario, environment: Environment,
        percent: Double, firstSeed: UInt64, count: Int, replan: Bool
    ) throws(SimulationError) -> [JitterRun] {
        var runs: [JitterRun] = []
        runs.reserveCapacity(max(0, count))
        for offset in 0..<max(0, count) {
            let seed = firstSeed &+ UInt64(offset)
            let jitter = Jitter(percent: percent, seed: seed)
            let played = try play(plan: plan, scenario: scenario, environment: environment,
                                  options: SimulationOptions(jitter: jitter, replan: replan))
            var staticMakespan: Double?
            if replan {
                staticMakespan = try play(plan: plan, scenario: scenario, environment: environment,
                                          options: SimulationOptions(jitter: jitter)).makespanMs
            }
            runs.append(JitterRun(seed: seed, makespanMs: played.makespanMs, staticMakespanMs: staticMakespan))
        }
        return runs
    }
}
