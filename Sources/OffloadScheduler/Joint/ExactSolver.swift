import OffloadModel

/// Proven-optimal job-level plans by depth-first branch and bound.
///
/// The search builds the order front to back; a node is a set of scheduled
/// jobs with their options and the resulting `LaneAvailability`, and each
/// child appends one more job with one of its options. It returns a plan
/// whose makespan is within a relative `1e-10` of the optimum over all
/// option choices and orders (in practice the optimum itself). Why:
/// * **Option dominance.** The makespan never decreases when a stage time
///   grows, even from zero (every longest path of the smaller instance is a
///   path of the larger one with no smaller weights), so an option that is
///   ≥ another option of the same job on all three lanes is never needed.
/// * **Symmetry.** Jobs with identical sets of non-dominated options are
///   interchangeable, so they are scheduled in increasing index order.
/// * **Bounds.** A child is pruned when a lower bound on every completion
///   reaches the incumbent: the makespan so far; each remaining job's
///   earliest completion if it came next (lanes only get busier later); the
///   cloud lane's free time plus the remaining minimal cloud work; and the
///   integral device/uplink load balance, `min` over the remaining jobs'
///   option choices of `max(device free + device load, uplink free + uplink
///   load)`, read off their Pareto front of loads (`LoadFront`).
/// * **State dominance.** A node whose state is no earlier on every lane (and
///   makespan) than an already explored node with the same scheduled set
///   cannot lead to a better plan, because one step is non-decreasing in the
///   state; such nodes are skipped.
public struct ExactSolver: Sendable {
    /// The largest number of jobs the solver accepts: the one limit every front end
    /// (`Planner`, the sweep, the dashboard) checks.
    public static let maximumJobs = 12

    /// Work ``Planner`` allows `exact` by default (the command line's `schedule`,
    /// `compare`, `simulate`, `export`): about 2 s of CPU in a release build on the 2-core
    /// development machine under load, which does about 110 million steps a second (see
    /// ``workLimit`` for the unit). The search's own cost per step hardly depends on the
    /// options per job. (An 8-job random scenario the 2,000,000-node limit proved in 1.3 s
    /// needs about 150 million.)
    public static let standardWorkLimit = 200_000_000

    /// Work allowed on interactive paths (the dashboard's tick, its sweep panel and
    /// re-planning, and each point of `offload sweep`): about 100 ms of CPU, so that
    /// planning never holds up a key for long, yet enough for the bundled 12-job
    /// scenarios at their own bandwidths.
    public static let interactiveWorkLimit = 12_000_000

    /// Work the search may do before giving up, counted in steps that each cost about the
    /// same: one per node expanded, one per option evaluated as a child, one per explored
    /// state compared for dominance, one per child sorted and one per point of each load
    /// front built. A node's cost grows with the options of the jobs still to schedule, so
    /// counting nodes alone would let a budget take ten times longer when cut sets grow;
    /// this count does not. It depends on the input alone, so the outcome is deterministic.
    public var workLimit: Int
    /// Wall-clock time the search may take before giving up, if any. Without it the
    /// outcome depends on the input alone.
    public var timeLimit: Duration?

    /// - Parameters:
    ///   - workLimit: work the search may do before giving up (see ``workLimit``).
    ///   - timeLimit: optional wall-clock limit.
    public init(workLimit: Int = standardWorkLimit, timeLimit: Duration? = nil) {
        self.workLimit = workLimit
        self.timeLimit = timeLimit
    }

    /// An optimal plan for jobs whose options are `options[j]`.
    ///
    /// - Parameter incumbent: a known plan (for example a heuristic's); the
    ///   search only looks for strictly better ones. Ignored unless it fits
    ///   `options`; when nil, a quick heuristic plan is used instead.
    /// - Throws: `ExactSolverError` when there are more than `maximumJobs`
    ///   jobs, a job has no options or an invalid stage time, or the work or
    ///   time limit is reached before optimality is proved.
    public func solve(options: [[StageTimes]], incumbent: JobLevelPlan? = nil) throws(ExactSolverError) -> JobLevelPlan {
        try solveCounting(options: options, incumbent: incumbent).plan
    }

    /// `solve(options:incumbent:)`, also returning how many search nodes it expanded and
    /// how much work (see ``workLimit``) it did.
    public func solveCounting(
        options: [[StageTimes]], incumbent: JobLevelPlan? = nil
    ) throws(ExactSolverError) -> (plan: JobLevelPlan, nodes: Int, work: Int) {
        var tally = WorkTally()
        return try solveCounting(options: options, incumbent: incumbent, tally: &tally)
    }

    /// The operations a run performed, counted where they happen (not where the budget is
    /// charged), so that tests can check the budget bounds them however many options a job has.
    struct WorkTally: Equatable {
        var nodes = 0
        /// Child states computed (one per option of each remaining job at each node).
        var childStates = 0
        /// Explored states compared against for state dominance.
        var memoComparisons = 0
        /// Children sorted.
        var sortedChildren = 0
        /// Points of shifted load fronts merged.
        var frontPoints = 0

        var total: Int { nodes + childStates + memoComparisons + sortedChildren + frontPoints }
    }

    /// `solveCounting(options:incumbent:)`, filling `tally` even when it throws.
    func solveCounting(
        options: [[StageTimes]], incumbent: JobLevelPlan? = nil, tally: inout WorkTally
    ) throws(ExactSolverError) -> (plan: JobLevelPlan, nodes: Int, work: Int) {
        let jobs = options.count
        guard jobs <= Self.maximumJobs else {
            throw .tooManyJobs(jobs: jobs, maximum: Self.maximumJobs)
        }
        for (job, list) in options.enumerated() {
            guard !list.isEmpty else { throw .noOptions(job: job) }
            for (option, t) in list.enumerated() {
                guard t.device >= 0, t.uplink >= 0, t.cloud >= 0,
                      t.device.isFinite, t.uplink.isFinite, t.cloud.isFinite
                else { throw .invalidStageTimes(job: job, option: option) }
            }
        }
        if jobs == 0 { return (JobLevelPlan(choice: [], order: [], makespan: 0), 0, 0) }

        var start: JobLevelPlan
        if let given = incumbent, let makespan = given.evaluated(options: options) {
            start = given
            start.makespan = makespan
        } else {
            start = PlanHeuristic.plan(options: options)
        }

        var search = BranchAndBound(options: options, incumbent: start,
                                    workLimit: workLimit, timeLimit: timeLimit)
        defer { tally = search.tally }
        try search.run()
        return (search.best, search.nodes, search.work)
    }
}

/// The state of one `ExactSolver` run.
private struct BranchAndBound {
    /// Non-dominated options of each job and their indices in the input.
    let candidates: [[StageTimes]]
    let originalIndex: [[Int]]
    /// The identical job that must precede each job, or -1.
    let twinBefore: [Int]
    let minCloud: [Double]
    /// Each job's (device, uplink) load front, and the fronts of sets of
    /// jobs (indexed by bit set), built on first use.
    let jobFronts: [LoadFront]
    var setFronts: [LoadFront?]
    static let frontLimit = 1024
    let jobs: Int

    var best: JobLevelPlan
    var bestValue: Double
    var pathJob: [Int]
    var pathOption: [Int]

    let workLimit: Int
    let deadline: ContinuousClock.Instant?
    var nodes = 0
    /// Work charged so far (see `ExactSolver.workLimit`).
    var work = 0
    /// Work done so far, counted where it happens.
    var tally = ExactSolver.WorkTally()

    /// Explored states per scheduled set, for state dominance: at most
    /// `memoWidth` per set, the oldest replaced first.
    static let memoWidth = 64
    var memo: [[LaneAvailability]]
    var memoNext: [Int]

    static let tolerance = 1e-10

    init(options: [[StageTimes]], incumbent: JobLevelPlan, workLimit: Int, timeLimit: Duration?) {
        jobs = options.count
        var candidates: [[StageTimes]] = [], originalIndex: [[Int]] = []
        for list in options {
            // Not dominated by another option (of equal ones the first), by a sweep: O(k log k).
            var kept = HomogeneousSolver.nonDominated(list)
            // A stable, input-order-independent order of the options.
            kept.sort { lexicographicallyPrecedes(list[$0], $0, list[$1], $1) }
            originalIndex.append(kept)
            candidates.append(kept.map { list[$0] })
        }
        var twinBefore = Array(repeating: -1, count: jobs)
        for job in 0..<jobs {
            if let twin = (0..<job).last(where: { candidates[$0] == candidates[job] }) { twinBefore[job] = twin }
        }
        self.candidates = candidates
        self.originalIndex = originalIndex
        self.twinBefore = twinBefore
        self.jobFronts = candidates.map { LoadFront(options: $0) }
        self.setFronts = Array(repeating: nil, count: 1 << jobs)
        self.setFronts[0] = .empty
        self.minCloud = candidates.map { $0.map(\.cloud).min() ?? 0 }
        self.best = incumbent
        self.bestValue = incumbent.makespan
        self.pathJob = Array(repeating: 0, count: jobs)
        self.pathOption = Array(repeating: 0, count: jobs)
        self.workLimit = workLimit
        self.deadline = timeLimit.map { ContinuousClock.now.advanced(by: $0) }
        let sets = 1 << jobs
        memo = Array(repeating: [], count: sets)
        memoNext = Array(repeating: 0, count: sets)
    }

    var pruneAt: Double { bestValue - Self.tolerance * bestValue }

    mutating func run() throws(ExactSolverError) {
        let all = UInt32((1 << jobs) - 1)
        let cloudSum = minCloud.reduce(0, +)
        try expand(scheduled: 0, remaining: all, state: .start, depth: 0, cloudSum: cloudSum)
    }

    private struct Child {
        var bound: Double
        var state: LaneAvailability
        var job: Int
        var option: Int
    }

    private mutating func expand(scheduled: UInt32, remaining: UInt32, state: LaneAvailability, depth: Int,
                                 cloudSum: Double) throws(ExactSolverError) {
        try spend(1)
        nodes += 1
        tally.nodes += 1
        if nodes & 1023 == 1, let deadline, ContinuousClock.now >= deadline {
            throw .timeLimitReached(nodes: nodes, jobs: jobs)
        }
        if depth == jobs {
            if state.makespan < bestValue { record(makespan: state.makespan) }
            return
        }
        try spend(memo[Int(scheduled)].count)
        if isDominated(scheduled: scheduled, state: state) { return }
        // Every option of every remaining job is evaluated below.
        var evaluated = 0
        for job in 0..<jobs where remaining & (1 << UInt32(job)) != 0 { evaluated += candidates[job].count }
        try spend(evaluated)

        // Earliest completion of each remaining job if it came next.
        var firstReady = -Double.infinity, firstJob = -1, secondReady = -Double.infinity
        var children: [Child] = []
        for job in 0..<jobs where remaining & (1 << UInt32(job)) != 0 {
            let eligible = twinBefore[job] < 0 || scheduled & (1 << UInt32(twinBefore[job])) != 0
            var earliest = Double.infinity
            for (option, times) in candidates[job].enumerated() {
                let next = state.after(times)
                tally.childStates += 1
                earliest = min(earliest, next.makespan)
                if eligible { children.append(Child(bound: 0, state: next, job: job, option: option)) }
            }
            if earliest > firstReady { secondReady = firstReady; firstReady = earliest; firstJob = job }
            else if earliest > secondReady { secondReady = earliest }
        }
        let limit = pruneAt
        if firstReady >= limit { return }

        var kept = 0
        for index in children.indices {
            var child = children[index]
            let job = child.job
            let rest = remaining & ~(1 << UInt32(job))
            var bound = max(child.state.makespan, job == firstJob ? secondReady : firstReady)
            bound = max(bound, child.state.cloud + (cloudSum - minCloud[job]))
            if bound < limit {
                bound = max(bound, try front(of: rest).bound(device: child.state.device, uplink: child.state.uplink))
            }
            if bound < limit {
                child.bound = bound
                children[kept] = child
                kept += 1
            }
        }
        children.removeLast(children.count - kept)
        try spend(kept)
        tally.sortedChildren += kept
        children.sort { a, b in
            if a.bound != b.bound { return a.bound < b.bound }
            if a.state.makespan != b.state.makespan { return a.state.makespan < b.state.makespan }
            if a.job != b.job { return a.job < b.job }
            return a.option < b.option
        }
        for child in children {
            if child.bound >= pruneAt { break }
            let job = child.job
            pathJob[depth] = job
            pathOption[depth] = child.option
            try expand(scheduled: scheduled | (1 << UInt32(job)), remaining: remaining & ~(1 << UInt32(job)),
                       state: child.state, depth: depth + 1, cloudSum: cloudSum - minCloud[job])
        }
    }

    /// Counts `steps` of work; throws once the budget is spent.
    @inline(__always) private mutating func spend(_ steps: Int) throws(ExactSolverError) {
        work += steps
        if work > workLimit { throw .workLimitReached(work: workLimit, nodes: nodes, jobs: jobs) }
    }

    /// The load front of the jobs in `set` (its building counted as work: one step per
    /// point of the product merged).
    private mutating func front(of set: UInt32) throws(ExactSolverError) -> LoadFront {
        if let known = setFronts[Int(set)] { return known }
        let job = set.trailingZeroBitCount
        let rest = try front(of: set & (set - 1))
        try spend(rest.points.count * jobFronts[job].points.count)
        tally.frontPoints += rest.points.count * jobFronts[job].points.count
        let front = rest.adding(jobFronts[job], limit: Self.frontLimit)
        setFronts[Int(set)] = front
        return front
    }

    /// Whether an explored state with the same scheduled set is no later in
    /// every component; otherwise remembers this state.
    private mutating func isDominated(scheduled: UInt32, state: LaneAvailability) -> Bool {
        let set = Int(scheduled)
        var replace = -1
        var compared = 0
        defer { tally.memoComparisons += compared }
        let dominated = memo[set].withUnsafeBufferPointer { states -> Bool in
            for index in states.indices {
                compared += 1
                let known = states[index]
                if known.isNoLaterThan(state) { return true }
                if replace < 0 && state.isNoLaterThan(known) { replace = index }
            }
            return false
        }
        if dominated { return true }
        if replace >= 0 {
            memo[set][replace] = state
        } else if memo[set].count < Self.memoWidth {
            memo[set].append(state)
        } else {
            memo[set][memoNext[set]] = state
            memoNext[set] = (memoNext[set] + 1) % Self.memoWidth
        }
        return false
    }

    private mutating func record(makespan: Double) {
        var choice = Array(repeating: 0, count: jobs)
        var times = Array(repeating: StageTimes(device: 0, uplink: 0, cloud: 0), count: jobs)
        for depth in 0..<jobs {
            let job = pathJob[depth], option = pathOption[depth]
            choice[job] = originalIndex[job][option]
            times[job] = candidates[job][option]
        }
        best = JobLevelPlan(choice: choice, order: pathJob, makespan: Pipeline.makespan(order: pathJob, times: times))
        bestValue = makespan
    }
}

/// Lexicographic order on (device, uplink, cloud), then index.
private func lexicographicallyPrecedes(_ a: StageTimes, _ indexA: Int, _ b: StageTimes, _ indexB: Int) -> Bool {
    if a.device != b.device { return a.device < b.device }
    if a.uplink != b.uplink { return a.uplink < b.uplink }
    if a.cloud != b.cloud { return a.cloud < b.cloud }
    return indexA < indexB
}
