import OffloadModel

/// Plans one scenario under any environment.
///
/// Candidate cuts depend on the models alone, so they are computed once here;
/// each call to `plan` only rescales them to the environment and reschedules.
public struct Planner: Sendable {
    public let scenario: Scenario
    /// The candidate cuts of each model (by model index), from `CandidateCuts`.
    public let candidates: [[Cut]]
    /// Each model's candidate set with what it covers (by model index).
    public let candidateSets: [CandidateSet]

    /// How hard `exact` searches before giving up (``Effort``); `.standard` unless set.
    public var effort: Effort = .standard

    /// How much work `exact` may do: the same input gives the same plan, or the same
    /// refusal, under the same effort.
    public enum Effort: Sendable, Hashable {
        /// The command line's `schedule`, `compare`, `simulate`, `export`:
        /// `ExactSolver.standardWorkLimit`, about 2 s.
        case standard
        /// Paths a user waits on between keys or points: the dashboard and every point
        /// of a sweep: `ExactSolver.interactiveWorkLimit`, about 100 ms.
        case interactive

        /// The work `exact` may do (`ExactSolver.workLimit`).
        public var exactWorkLimit: Int {
            switch self {
            case .standard: ExactSolver.standardWorkLimit
            case .interactive: ExactSolver.interactiveWorkLimit
            }
        }
    }

    /// This planner with `effort` (the candidate cuts are shared, not recomputed).
    public func with(effort: Effort) -> Planner {
        var planner = self
        planner.effort = effort
        return planner
    }

    /// Jobs up to which `joint` first tries a complete branch and bound within `jointExactWorkLimit`.
    public static let jointExactJobLimit = 10
    /// Work (`ExactSolver.workLimit`) `joint` allows its branch and bound before keeping its
    /// heuristic plan, about 25 ms, under every effort so that `joint` plans the same
    /// everywhere. (It was 20,000 nodes, whose cost grew with the options per job.)
    public static let jointExactWorkLimit = 2_000_000

    public init(scenario: Scenario) {
        self.init(scenario: scenario, candidateSets: scenario.models.map(CandidateCuts.analyze))
    }

    private init(scenario: Scenario, candidateSets: [CandidateSet]) {
        self.scenario = scenario
        self.candidateSets = candidateSets
        self.candidates = candidateSets.map(\.cuts)
    }

    /// Whether every job's candidate set is complete: plans over the candidates then
    /// cover every partition (docs/FORMATS.md, "Candidate cuts").
    public var coversAllCuts: Bool {
        scenario.jobs.allSatisfy { candidateSets[$0.modelIndex].isComplete }
    }

    /// The all-cuts slack of `environment`: each job's zero-byte-rule device time at the
    /// device speed, summed (0 when the sets are exact or not complete).
    public func epsilonMs(in environment: Environment) -> Double {
        guard coversAllCuts else { return 0 }
        return scenario.jobs.reduce(0) { $0 + candidateSets[$1.modelIndex].epsilonMs } / environment.deviceSpeed
    }

    /// Candidate cuts of the distinct models the jobs use.
    public var candidateCutCount: Int {
        Set(scenario.jobs.map(\.modelIndex)).reduce(0) { $0 + candidates[$1].count }
    }

    /// A planner for only `jobs` (indices into this scenario's jobs, in that order), reusing the
    /// candidate cuts: plan indices then refer to positions in `jobs`.
    public func restricted(toJobs jobs: [Int]) -> Planner {
        var subset = scenario
        subset.jobs = jobs.map { scenario.jobs[$0] }
        var planner = Planner(scenario: subset, candidateSets: candidateSets)
        planner.effort = effort
        return planner
    }

    /// Plans with `algorithm` under `environment`.
    public func plan(_ algorithm: Algorithm, in environment: Environment) throws(PlanError) -> Plan {
        try plans([algorithm], in: environment)[0].get()
    }

    /// Plans with each of `algorithms` under `environment`, rescaling the candidates and
    /// computing joint's plan (which exact and layer-level start from) only once.
    public func plans(_ algorithms: [Algorithm], in environment: Environment) -> [Result<Plan, PlanError>] {
        let context = Context(planner: self, environment: environment)
        var joint: JobLevelPlan?
        func sharedJoint() -> JobLevelPlan {
            if let joint { return joint }
            let computed = context.joint()
            joint = computed
            return computed
        }
        return algorithms.map { algorithm in
            Result { () throws(PlanError) -> Plan in
                var made = try plan(algorithm, context: context, joint: sharedJoint)
                made.optimality = context.optimality(of: made)
                return try Self.finite(made)
            }
        }
    }

    /// `plan`, unless one of its times overflowed: no infinity or NaN leaves the planner.
    static func finite(_ plan: Plan) throws(PlanError) -> Plan {
        guard plan.isFinite else {
            throw PlanError(algorithm: plan.algorithm, cause: .overflow)
        }
        return plan
    }

    private func plan(_ algorithm: Algorithm, context: Context, joint: () -> JobLevelPlan) throws(PlanError) -> Plan {
        let environment = context.environment
        switch algorithm {
        case .local, .cloud:
            // Exactly the cuts docs/FORMATS.md §1 defines, even where a candidate dominates them.
            let models = scenario.models
            let cuts = scenario.jobs.map { algorithm == .local ? models[$0.modelIndex].localCut : models[$0.modelIndex].cloudCut }
            return Plan(algorithm: algorithm, environment: environment, cuts: cuts, order: Array(scenario.jobs.indices),
                        lowerBoundMs: context.lowerBound)
        case .partitionOnly, .scheduleOnly:
            return context.plan(context.baseline(algorithm), algorithm: algorithm)
        case .joint:
            return context.plan(joint(), algorithm: algorithm)
        case .exact:
            let jobCount = scenario.jobs.count
            if jobCount > ExactSolver.maximumJobs {
                // Refuse before spending a joint plan on the incumbent.
                throw PlanError(algorithm: .exact, cause: .tooManyJobs(jobs: jobCount, maximum: ExactSolver.maximumJobs))
            }
            do {
                let plan = try ExactSolver(workLimit: effort.exactWorkLimit).solve(options: context.options, incumbent: joint())
                return context.plan(plan, algorithm: algorithm)
            } catch {
                throw PlanError(algorithm: .exact, cause: PlanError.Cause(error))
            }
        case .layerLevel:
            return try context.layerLevel(from: joint())
        }
    }

    /// The jobs at layer granularity with these cuts (one per job), for the layer-level
    /// scheduler: each model's layers, its constants copied to each side where they run
    /// (`ConstantCopies`).
    public func layerJobs(cuts: [Cut]) -> [LayerJob] {
        constantCopies(cuts: cuts).map(\.job)
    }

    /// Each job at layer granularity with its cut, and how its layers map to the model's.
    public func constantCopies(cuts: [Cut]) -> [ConstantCopies] {
        scenario.jobs.indices.map { ConstantCopies(model: scenario.model(ofJob: $0), cut: cuts[$0]) }
    }

    /// A layer-level plan's segments as the layer-level jobs of `layerJobs(cuts: plan.cuts)`
    /// name their layers (a job-level segment gets no items).
    public func layerSegments(of plan: Plan) -> [LayerSegment] {
        let copies = constantCopies(cuts: plan.cuts)
        return plan.segments.map { segment in
            guard case let .items(items) = segment.work, copies.indices.contains(segment.job) else {
                return LayerSegment(lane: segment.lane, job: segment.job, startMs: segment.startMs, endMs: segment.endMs, items: [])
            }
            return LayerSegment(lane: segment.lane, job: segment.job, startMs: segment.startMs, endMs: segment.endMs,
                                items: copies[segment.job].jobItems(items, lane: segment.lane))
        }
    }

    /// Each model's cut with the least latency when its job runs alone (the first such candidate).
    public func latencyOptimalCuts(in environment: Environment) -> [Cut] {
        let times = candidateTimes(in: environment)
        return candidates.indices.map { candidates[$0][Self.leastTotal(times[$0])] }
    }

    /// Each model's candidates as lane times under `environment`.
    public func candidateTimes(in environment: Environment) -> [[StageTimes]] {
        candidates.map { $0.map { $0.stageTimes(in: environment) } }
    }

    /// A lower bound on the makespan of every job-level plan over the candidate cuts, and
    /// over every partition when ``coversAllCuts`` (less the slack ``epsilonMs(in:)``).
    public func lowerBound(in environment: Environment) -> Double {
        Context(planner: self, environment: environment).lowerBound
    }

    /// The index of the first option with the least total.
    static func leastTotal(_ options: [StageTimes]) -> Int {
        var best = 0
        for index in options.indices.dropFirst() where options[index].total < options[best].total { best = index }
        return best
    }
}

/// One planning request: the planner's candidates rescaled to one environment.
private struct Context {
    let planner: Planner
    let environment: Environment
    /// Each model's candidate lane times.
    let modelOptions: [[StageTimes]]
    /// Each job's options (its model's, shared storage).
    let options: [[StageTimes]]

    init(planner: Planner, environment: Environment) {
        self.planner = planner
        self.environment = environment
        modelOptions = planner.candidateTimes(in: environment)
        options = planner.scenario.jobs.map { [modelOptions] job in modelOptions[job.modelIndex] }
        var jobsPerModel = [Int](repeating: 0, count: modelOptions.count)
        for job in planner.scenario.jobs { jobsPerModel[job.modelIndex] += 1 }
        self.jobsPerModel = jobsPerModel
        epsilonMs = planner.epsilonMs(in: environment)
        lowerBound = max(0, LowerBound.makespan(kinds: modelOptions, counts: jobsPerModel) - epsilonMs)
    }

    /// The all-cuts slack (see `Planner.epsilonMs(in:)`).
    let epsilonMs: Double

    /// The lane-load bound, valid for layer-level plans (less the slack).
    var laneLoadBound: Double {
        max(0, LowerBound.laneLoads(kinds: modelOptions, counts: jobsPerModel) - epsilonMs)
    }

    /// What `plan` covers: `exact` is optimal over the candidates by construction; any
    /// plan meeting its lower bound is too.
    func optimality(of plan: Plan) -> Optimality {
        let bound = plan.algorithm == .layerLevel ? laneLoadBound : lowerBound
        let meetsBound = plan.makespanMs <= (bound + epsilonMs) * (1 + 1e-9)
        return Optimality(scope: planner.coversAllCuts ? .allCuts : .candidates, epsilonMs: epsilonMs,
                          proven: plan.algorithm == .exact || meetsBound, candidateCuts: planner.candidateCutCount)
    }

    /// How many jobs run each model.
    let jobsPerModel: [Int]

    /// A lower bound on every plan over the candidates.
    let lowerBound: Double

    var jobs: [Job] { planner.scenario.jobs }

    /// The plans of the baselines of docs/FORMATS.md §1, "Algorithms", as option choices (for `local` and `cloud`, the
    /// candidates that dominate their cuts, so they serve as seeds no worse than the baselines).
    func baseline(_ algorithm: Algorithm) -> JobLevelPlan {
        let listed = Array(jobs.indices)
        let perModel: [Int]
        switch algorithm {
        case .local: perModel = planner.scenario.models.indices.map { index(dominating: planner.scenario.models[$0].localCut, model: $0) }
        case .cloud: perModel = planner.scenario.models.indices.map { index(dominating: planner.scenario.models[$0].cloudCut, model: $0) }
        default: perModel = modelOptions.map(Planner.leastTotal)
        }
        let choice = jobs.map { perModel[$0.modelIndex] }
        let order = algorithm == .scheduleOnly ? FlowShop.order(times(choice)) : listed
        return JobLevelPlan(choice: choice, order: order, makespan: Pipeline.makespan(order: order, times: times(choice)))
    }

    /// Joint partitioning and scheduling: the local-search heuristic seeded with every baseline,
    /// then, for small scenarios, a branch and bound that proves or improves it within a node budget.
    func joint() -> JobLevelPlan {
        // The heuristic searches each model's essential options; choices map back by index.
        let kept = modelOptions.map(OptionFilter.essential)
        var position = modelOptions.map { [Int](repeating: -1, count: $0.count) }
        for (model, indices) in kept.enumerated() {
            for (narrow, full) in indices.enumerated() { position[model][full] = narrow }
        }
        let narrowModels = kept.indices.map { model in kept[model].map { modelOptions[model][$0] } }
        let narrowOptions = jobs.map { narrowModels[$0.modelIndex] }
        let seeds = [Algorithm.local, .cloud, .partitionOnly, .scheduleOnly].map(baseline).compactMap { seed in
            let choice = seed.choice.indices.map { position[jobs[$0].modelIndex][seed.choice[$0]] }
            return choice.contains(-1) ? nil : JobLevelPlan(choice: choice, order: seed.order, makespan: seed.makespan)
        }
        let narrow = JointSolver.solve(options: narrowOptions, seeds: seeds)
        let heuristic = JobLevelPlan(
            choice: narrow.choice.indices.map { kept[jobs[$0].modelIndex][narrow.choice[$0]] },
            order: narrow.order, makespan: narrow.makespan)
        let provenOptimal = heuristic.makespan <= lowerBound * (1 + 1e-12)
        guard jobs.count <= Planner.jointExactJobLimit, !provenOptimal else { return heuristic }
        let search = ExactSolver(workLimit: Planner.jointExactWorkLimit)
        guard let exact = try? search.solve(options: options, incumbent: heuristic) else { return heuristic }
        return exact.makespan < heuristic.makespan ? exact : heuristic
    }

    /// Layers of different jobs interleave: joint's cuts and order, list-scheduled layer by layer
    /// (`LayerLevelScheduler`), never worse than joint's own schedule. Its bound counts lane loads
    /// only: at layer level a job's stages may overlap, so job-level head and tail terms do not hold.
    func layerLevel(from joint: JobLevelPlan) throws(PlanError) -> Plan {
        let cuts = jobs.indices.map { planner.candidates[jobs[$0].modelIndex][joint.choice[$0]] }
        let copies = planner.constantCopies(cuts: cuts)
        let layerPlan: LayerPlan
        do {
            layerPlan = try LayerLevelScheduler.schedule(jobs: copies.map(\.job), speeds: environment, jobOrder: joint.order)
        } catch {
            throw PlanError(algorithm: .layerLevel, cause: .layerLevel(error))
        }
        // Segment items name the model's layers (a constant's copy by the layer it copies).
        let modelSegments = layerPlan.segments.map { segment in
            var mapped = segment
            mapped.items = copies[segment.job].modelItems(segment.items)
            return mapped
        }
        let segments = SegmentSplitter.segments(modelSegments, scenario: planner.scenario, cuts: cuts, environment: environment)
        return Plan(algorithm: .layerLevel, environment: environment, cuts: cuts, order: joint.order, segments: segments,
                    lowerBoundMs: laneLoadBound)
    }

    func times(_ choice: [Int]) -> [StageTimes] {
        choice.indices.map { options[$0][choice[$0]] }
    }

    /// The first candidate of `model` no worse than `cut` on every axis (the cut itself when kept).
    func index(dominating cut: Cut, model: Int) -> Int {
        planner.candidates[model].firstIndex {
            $0.deviceMs <= cut.deviceMs && $0.uplinkBytes <= cut.uplinkBytes && $0.cloudMs <= cut.cloudMs
        } ?? 0
    }

    /// The scenario's cuts and Gantt chart for a plan over the options.
    func plan(_ plan: JobLevelPlan, algorithm: Algorithm) -> Plan {
        let cuts = jobs.indices.map { planner.candidates[jobs[$0].modelIndex][plan.choice[$0]] }
        return Plan(algorithm: algorithm, environment: environment, cuts: cuts, order: plan.order, lowerBoundMs: lowerBound)
    }
}
