import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// What the dashboard computes from the state: candidate cuts, every algorithm's plan,
/// and the current plan played through the simulator. Each part is recomputed only when
/// `Recompute` says it is stale; rendering reads it and never plans.
struct Derived: Sendable {
    /// The planner over the scenario's models and the jobs it was loaded with: its
    /// candidate cuts are computed once per opened scenario.
    private(set) var rootPlanner: Planner
    /// The planner over the current jobs, sharing the root's candidate cuts.
    private(set) var planner: Planner
    private(set) var plans: PlanSet
    /// The current plan played under a constant link: exactly the plan, with its
    /// critical path and idle gaps.
    private(set) var planned: TimelineView?
    /// The current plan played under the bandwidth trace; nil without one.
    private(set) var realised: TimelineView?
    /// The measured run (`--measured`) as a timeline of the current plan; nil without
    /// one, or when it was measured for another plan (`measuredMismatch` says why).
    private(set) var measured: TimelineView?
    private(set) var measuredMismatch: String?
    /// Why the plan could not be played, when it could not.
    private(set) var simulationError: String?
    /// The scenario's bandwidth trace, for the strip under the uplink lane.
    private(set) var traceProfile: BandwidthProfile?
    /// With a trace: each algorithm's plan played under it as made (no re-planning), for
    /// the comparison panel and the realised gain.
    private(set) var realisedMakespans: [Algorithm: Double] = [:]
    /// With a trace: the current plan's realised makespan without re-planning minus with it.
    private(set) var replanSavingMs: Double?
    /// The comparison plan (`g`), on the same time axis, played as the current plan is
    /// shown: under the trace (re-planning as the view does) in the realised view, else
    /// under a constant link (the planned and the measured views; no run of it was measured).
    private(set) var ghost: TimelineView?
    /// Whether `ghost` was played under the trace, like the realised view's timeline.
    private(set) var ghostIsRealised = false
    /// The bandwidth sweep of the sweep panel, filled in a point per tick while it shows.
    private(set) var sweep: Sweep?
    /// What `sweep` was made for: the environment without its bandwidth.
    private var sweepEnvironment: Environment?

    /// Points in the sweep panel's curves.
    static let sweepPoints = 40

    /// What a refresh noticed that the state must hear about (`Dashboard` applies it).
    struct Notes: Sendable, Equatable {
        /// The current algorithm made no plan; this one did, and what was computed is for it.
        var fellBackTo: Algorithm?
        /// Why the current algorithm made no plan.
        var planFailure: String?
        var simulationError: String?
    }

    init(state: DashboardState) {
        rootPlanner = Planner(scenario: state.scenario)
        planner = rootPlanner
        plans = PlanSet(planner: rootPlanner, environment: state.environment)
        traceProfile = Self.profile(state)
    }

    private static func profile(_ state: DashboardState) -> BandwidthProfile? {
        guard let points = state.environment.bandwidthTrace else { return nil }
        return try? BandwidthProfile(points: points)
    }

    /// Recomputes what `what` says is stale. When the current algorithm cannot plan, the
    /// rest is computed for `joint` instead and `Notes.fellBackTo` says so: the caller
    /// must then set the state's algorithm to it (the state is only read here).
    mutating func refresh(_ what: Recompute, state current: DashboardState) -> Notes {
        var notes = Notes()
        // What the state will be once the caller takes the notes.
        var state = current
        if what.contains(.models) {
            rootPlanner = Planner(scenario: state.scenario)
            traceProfile = Self.profile(state)
        }
        if what.contains(.models) || what.contains(.jobs) {
            sweep = nil
            planner = state.jobSources == Array(rootPlanner.scenario.jobs.indices)
                ? rootPlanner : rootPlanner.restricted(toJobs: state.jobSources)
        }
        if what.contains(.models) {
            // Another scenario: nothing of the old comparison applies.
            plans = PlanSet(planner: planner, environment: state.environment)
        } else if what.contains(.jobs) || what.contains(.plans) {
            plans.rebase(planner: planner, environment: state.environment, now: [state.algorithm, .partitionOnly])
        }
        plans.ensure(state.algorithm, planner: planner)
        if plans.plan(state.algorithm) == nil, let failure = plans.failure(state.algorithm) {
            notes.planFailure = "\(state.algorithm): \(failure)"
            plans.ensure(.joint, planner: planner)
            if plans.plan(.joint) != nil {
                notes.fellBackTo = .joint
                state.algorithm = .joint
            }
        }
        plans.ensure(.partitionOnly, planner: planner)
        if let ghost = state.ghostAlgorithm { plans.ensure(ghost, planner: planner) }
        let replay = what.contains(.simulation) || notes.fellBackTo != nil || what.contains(.plans)
        if replay || what.contains(.realised) {
            simulationError = nil
            if let plan = plans.plan(state.algorithm) {
                if replay {
                    var constant = state.environment
                    constant.bandwidthTrace = nil
                    planned = play(plan, scenario: state.scenario, environment: constant, options: SimulationOptions())
                }
                realised = state.environment.bandwidthTrace == nil ? nil
                    : play(plan, scenario: state.scenario, environment: state.environment,
                           options: SimulationOptions(replan: state.replanning, effort: .interactive))
                if replay { matchMeasured(state.measuredRun, plan: plan, scenario: state.scenario) }
            } else {
                planned = nil
                realised = nil
                matchMeasured(nil, plan: nil, scenario: state.scenario)
            }
        }
        if replay || what.contains(.realised) || what.contains(.ghost) {
            refreshComparisons(state: state)
        }
        notes.simulationError = simulationError
        return notes
    }

    private mutating func matchMeasured(_ run: MeasuredRun?, plan: Plan?, scenario: Scenario) {
        measured = nil
        measuredMismatch = nil
        guard let run, let plan else { return }
        do throws(InputError) {
            measured = TimelineView(timeline: try run.timeline(of: plan, scenario: scenario), jobCount: scenario.jobs.count)
        } catch {
            measuredMismatch = error.description
        }
    }

    /// The realised makespans of every algorithm, the re-planning saving and the ghost.
    private mutating func refreshComparisons(state: DashboardState) {
        realisedMakespans = [:]
        replanSavingMs = nil
        if state.environment.bandwidthTrace != nil, state.showRealised {
            for algorithm in Algorithm.allCases { realisedMakespans[algorithm] = realisedMakespan(algorithm, state: state) }
            if let plan = plans.plan(state.algorithm), let current = realised?.makespanMs {
                let other = try? Simulator.play(plan: plan, scenario: state.scenario, environment: state.environment,
                                                options: SimulationOptions(replan: !state.replanning, effort: .interactive))
                if let other { replanSavingMs = state.replanning ? other.makespanMs - current : current - other.makespanMs }
            }
        }
        ghost = nil
        ghostIsRealised = false
        if let algorithm = state.ghostAlgorithm, let plan = plans.plan(algorithm) {
            let underTrace = state.showRealised && state.environment.bandwidthTrace != nil
            var environment = state.environment
            if !underTrace { environment.bandwidthTrace = nil }
            let options = SimulationOptions(replan: underTrace && state.replanning)
            if let timeline = try? Simulator.play(plan: plan, scenario: state.scenario, environment: environment, options: options) {
                ghost = TimelineView(timeline: timeline, jobCount: state.scenario.jobs.count)
                ghostIsRealised = underTrace
            }
        }
    }

    /// `algorithm`'s plan played under the trace, re-planning as the view does, so that
    /// the realised numbers compare like with like.
    private func realisedMakespan(_ algorithm: Algorithm, state: DashboardState) -> Double? {
        guard let plan = plans.plan(algorithm), plans.isFresh(algorithm) else { return nil }
        if algorithm == state.algorithm, let realised { return realised.makespanMs }
        return (try? Simulator.play(plan: plan, scenario: state.scenario, environment: state.environment,
                                    options: SimulationOptions(replan: state.replanning, effort: .interactive)))?.makespanMs
    }

    private mutating func play(_ plan: Plan, scenario: Scenario, environment: Environment, options: SimulationOptions) -> TimelineView? {
        do throws(SimulationError) {
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options)
            return TimelineView(timeline: timeline, jobCount: scenario.jobs.count)
        } catch {
            simulationError = "simulation: \(error.description)"
            return nil
        }
    }

    /// Starts a new sweep when the panel shows and the current one does not fit the state:
    /// none yet, another job list or environment, or a bandwidth outside its range. The
    /// sweep is not computed here; `completeNextSweepPoint` computes a point per tick.
    mutating func prepareSweep(_ state: DashboardState) {
        guard state.sweepShown else { return }
        var key = state.environment
        key.bandwidthMbps = 0
        key.bandwidthTrace = nil
        let bandwidth = state.environment.bandwidthMbps
        if let sweep, key == sweepEnvironment, let low = sweep.bandwidths.first, let high = sweep.bandwidths.last,
           bandwidth >= low, bandwidth <= high {
            return
        }
        var base = state.environment
        base.bandwidthTrace = nil
        let (low, high) = Sweep.defaultRange(around: bandwidth)
        sweep = Sweep(planner: planner, environment: base, algorithms: Sweep.defaultAlgorithms(jobs: planner.scenario.jobs.count),
                      bandwidths: Sweep.logSpaced(from: low, to: high, steps: Self.sweepPoints))
        sweepEnvironment = key
    }

    /// Whether the sweep has points still to compute.
    var hasPendingSweep: Bool { sweep.map { !$0.isComplete } ?? false }

    /// Computes the sweep's next point; false when there was none to compute.
    mutating func completeNextSweepPoint() -> Bool {
        guard sweep?.isComplete == false else { return false }
        return sweep?.computeNext() ?? false
    }

    /// Computes every point of the sweep.
    mutating func completeSweep() { sweep?.computeAll() }

    /// The current plan.
    func plan(_ state: DashboardState) -> Plan? { plans.plan(state.algorithm) }

    /// Whether some algorithm's plan for the comparison is still to be made.
    var hasPendingPlans: Bool { !plans.pending.isEmpty }

    /// Makes one pending plan (one per tick, so that keys stay responsive); false when none was pending.
    mutating func completeNextPlan(state: DashboardState) -> Bool {
        guard let next = plans.pending.first else { return false }
        plans.ensure(next, planner: planner)
        if state.environment.bandwidthTrace != nil, state.showRealised { realisedMakespans[next] = realisedMakespan(next, state: state) }
        if next == state.ghostAlgorithm { refreshComparisons(state: state) }
        return true
    }

    /// Makes every pending plan (before choosing among the algorithms, or to print).
    mutating func completePlans(state: DashboardState) {
        while completeNextPlan(state: state) {}
    }

    /// The timeline on screen: the realised one when asked for and available, else the planned.
    func shown(_ state: DashboardState) -> TimelineView? {
        if state.showMeasured { return measured ?? planned }
        return state.showRealised ? (realised ?? planned) : planned
    }

    /// The whole span of the time axis: the plan's makespan in the planned view; in the
    /// realised view the longer of the realised and planned timelines (the plan is drawn
    /// over the realised run); with the comparison ghost (`g`) on, the longer of the two
    /// plans, so that both share one locked axis and the gain is a shorter chart.
    func totalSpanMs(_ state: DashboardState) -> Double {
        var span = shown(state)?.makespanMs ?? 0
        if state.showRealised || state.showMeasured, state.sharedTimeScale { span = max(span, planned?.makespanMs ?? 0) }
        if let ghost { span = max(span, ghost.makespanMs) }
        return span > 0 && span.isFinite ? span : 1
    }

    /// With a trace: the current algorithm's gain over partition-only when both play
    /// under it (partition-only without re-planning, the current one as shown).
    func realisedGainPercent(_ state: DashboardState) -> Double? {
        guard let realised, let baseline = realisedMakespans[.partitionOnly], baseline > 0 else { return nil }
        return (1 - realised.makespanMs / baseline) * 100
    }
}
