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

    /// What a refresh noticed that the state must hear about.
    struct Notes: Sendable, Equatable {
        /// The current algorithm made no plan, and the dashboard switched to this one.
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

    /// Recomputes what `what` says is stale; may change the algorithm when the current
    /// one cannot plan (see `Notes`).
    mutating func refresh(_ what: Recompute, state: inout DashboardState) -> Notes {
        var notes = Notes()
        if what.contains(.models) {
            rootPlanner = Planner(scenario: state.scenario)
            traceProfile = Self.profile(state)
        }
        if what.contains(.models) || what.contains(.jobs) {
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
                           options: SimulationOptions(replan: state.replanning))
                if replay { matchMeasured(state.measuredRun, plan: plan, scenario: state.scenario) }
            } else {
                planned = nil
                realised = nil
                matchMeasured(nil, plan: nil, scenario: state.scenario)
            }
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

    private mutating func play(_ plan: Plan, scenario: Scenario, environment: Environment, options: SimulationOptions) -> TimelineView? {
        do throws(SimulationError) {
            let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: environment, options: options)
            return TimelineView(timeline: timeline, jobCount: scenario.jobs.count)
        } catch {
            simulationError = "simulation: \(error.description)"
            return nil
        }
    }

    /// The current plan.
    func plan(_ state: DashboardState) -> Plan? { plans.plan(state.algorithm) }

    /// Whether some algorithm's plan for the comparison is still to be made.
    var hasPendingPlans: Bool { !plans.pending.isEmpty }

    /// Makes one pending plan (one per tick, so that keys stay responsive); false when none was pending.
    mutating func completeNextPlan() -> Bool { plans.completeNext(planner: planner) }

    /// Makes every pending plan (before choosing among the algorithms, or to print).
    mutating func completePlans() { plans.completeAll(planner: planner) }

    /// The timeline on screen: the realised one when asked for and available, else the planned.
    func shown(_ state: DashboardState) -> TimelineView? {
        if state.showMeasured { return measured ?? planned }
        return state.showRealised ? (realised ?? planned) : planned
    }

    /// The whole span of the time axis: in the dashboard the longer of the planned and
    /// realised timelines, so that switching between them keeps the scale; printed, the
    /// timeline shown.
    func totalSpanMs(_ state: DashboardState) -> Double {
        let span = state.sharedTimeScale ? max(planned?.makespanMs ?? 0, realised?.makespanMs ?? 0, measured?.makespanMs ?? 0)
            : shown(state)?.makespanMs ?? 0
        return span > 0 && span.isFinite ? span : 1
    }
}
