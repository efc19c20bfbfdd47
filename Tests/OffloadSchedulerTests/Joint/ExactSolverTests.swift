import Testing
import OffloadModel
@testable import OffloadScheduler
import OffloadTestSupport

@Test func exactSolverMatchesBruteForce() throws {
    var rng = SplitMix64(seed: 30)
    for _ in 0..<300 {
        let jobs = rng.integer(1...5)
        let options = Instances.options(&rng, jobs: jobs, maxOptions: jobs == 5 ? 3 : 4)
        let optimum = BruteForce.bestPlan(options)
        let plan = try ExactSolver().solve(options: options)
        #expect(nearlyEqual(plan.makespan, optimum))
        #expect(plan.evaluated(options: options) == plan.makespan)
        #expect(plan.order.sorted() == Array(0..<jobs))
    }
}

/// Any given incumbent (good, bad or malformed) leads to the same optimum.
@Test func exactSolverUsesOrIgnoresIncumbents() throws {
    var rng = SplitMix64(seed: 31)
    for _ in 0..<100 {
        let jobs = rng.integer(2...4)
        let options = Instances.options(&rng, jobs: jobs, maxOptions: 4)
        let optimum = BruteForce.bestPlan(options)
        let solver = ExactSolver()
        let optimal = try solver.solve(options: options)
        let poor = JobLevelPlan(choice: Array(repeating: 0, count: jobs), order: Array(0..<jobs), makespan: 0)
        let malformed = JobLevelPlan(choice: [7], order: [0, 0], makespan: -1)
        for incumbent in [optimal, poor, malformed] {
            let plan = try solver.solve(options: options, incumbent: incumbent)
            #expect(nearlyEqual(plan.makespan, optimum))
            #expect(plan.evaluated(options: options) == plan.makespan)
        }
    }
}

@Test func exactSolverIsDeterministic() throws {
    var rng = SplitMix64(seed: 32)
    let options = Instances.options(&rng, jobs: 6, maxOptions: 5)
    let solver = ExactSolver()
    #expect(try solver.solve(options: options) == solver.solve(options: options))
}

@Test func identicalJobsAndZeroStages() throws {
    let job = [
        StageTimes(device: 30, uplink: 0, cloud: 0),
        StageTimes(device: 0, uplink: 25, cloud: 2),
        StageTimes(device: 10, uplink: 8, cloud: 1),
    ]
    let options = Array(repeating: job, count: 5)
    let plan = try ExactSolver().solve(options: options)
    #expect(nearlyEqual(plan.makespan, BruteForce.bestPlan(options)))
}

@Test func exactSolverRefusesTooManyJobs() {
    let options = Array(repeating: [StageTimes(device: 1, uplink: 1, cloud: 1)], count: ExactSolver.maximumJobs + 1)
    #expect(throws: ExactSolverError.tooManyJobs(jobs: 13, maximum: 12)) {
        try ExactSolver().solve(options: options)
    }
    let error = ExactSolverError.tooManyJobs(jobs: 13, maximum: 12)
    // The solver says what happened; front ends word the remedy (PlanError, PlanErrorTests).
    #expect(error.description == "exact search refused 13 jobs: it handles at most 12")
}

@Test func exactSolverGivesUpWithinItsBudget() {
    var rng = SplitMix64(seed: 33)
    let options = (0..<8).map { _ in
        (0..<6).map { _ in
            StageTimes(device: rng.uniform(1...50), uplink: rng.uniform(0...50), cloud: rng.uniform(0.5...5))
        }
    }
    do {
        _ = try ExactSolver(workLimit: 5).solve(options: options)
        Issue.record("expected the work limit to be reached")
    } catch {
        // The root node (1) and its 8 × 6 children (48) do not fit in 5 steps.
        #expect(error == .workLimitReached(work: 5, nodes: 1, jobs: 8))
        #expect(error.description == "exact search gave up after 1 node: 8 jobs is beyond its budget")
    }
}

@Test func exactSolverRejectsInvalidInput() {
    #expect(throws: ExactSolverError.noOptions(job: 1)) {
        try ExactSolver().solve(options: [[StageTimes(device: 1, uplink: 0, cloud: 0)], []])
    }
    #expect(throws: ExactSolverError.invalidStageTimes(job: 0, option: 1)) {
        try ExactSolver().solve(options: [[StageTimes(device: 1, uplink: 0, cloud: 0),
                                           StageTimes(device: .nan, uplink: 0, cloud: 0)]])
    }
    #expect(throws: ExactSolverError.invalidStageTimes(job: 0, option: 0)) {
        try ExactSolver().solve(options: [[StageTimes(device: -1, uplink: 0, cloud: 0)]])
    }
    #expect((try? ExactSolver().solve(options: [])) == JobLevelPlan(choice: [], order: [], makespan: 0))
}

/// Deeper trees (six jobs), where state dominance and symmetry breaking act.
@Test func exactSolverMatchesBruteForceOnSixJobs() throws {
    var rng = SplitMix64(seed: 34)
    for _ in 0..<4 {
        let options = Instances.options(&rng, jobs: 6, maxOptions: 3)
        let plan = try ExactSolver().solve(options: options)
        #expect(nearlyEqual(plan.makespan, BruteForce.bestPlan(options)))
    }
}

/// DNN-style cut options (device-only and cloud-only included), some jobs
/// identical, against brute force.
@Test func exactSolverMatchesBruteForceOnCutOptions() throws {
    var rng = SplitMix64(seed: 35)
    for _ in 0..<6 {
        let kinds = (0..<rng.integer(1...4)).map { _ in Instances.cuts(&rng, layers: rng.integer(3...7)) }
        let options = (0..<4).map { _ in kinds[rng.integer(0...(kinds.count - 1))] }
        let plan = try ExactSolver().solve(options: options)
        let optimum = BruteForce.bestPlan(options)
        #expect(nearlyEqual(plan.makespan, optimum))
        #expect(LowerBound.makespan(options: options) <= optimum * (1 + 1e-12))
    }
}

@Test func exactSolverHonoursItsTimeLimit() {
    let options = Array(repeating: [StageTimes(device: 1, uplink: 2, cloud: 0), StageTimes(device: 3, uplink: 0, cloud: 0)],
                        count: 4)
    #expect(throws: ExactSolverError.timeLimitReached(nodes: 1, jobs: 4)) {
        try ExactSolver(timeLimit: .zero).solve(options: options)
    }
    #expect(ExactSolverError.timeLimitReached(nodes: 1, jobs: 4).description
        == "exact search ran out of time after 1 node: 4 jobs is beyond its budget")
}

/// The budget counts work, not nodes: whatever the number of options per job, the
/// operations a run performs (counted where they happen, independently of where the
/// budget is charged) never exceed the limit, and a run that gives up has done nearly
/// all of it. Counting nodes alone would let a run with 1,000 options per job do
/// hundreds of times more work than one with 3 before giving up.
@Test func exactSolverWorkIsBoundedWhateverTheOptionCount() {
    var rng = SplitMix64(seed: 36)
    let limit = 200_000
    var gaveUp = 0
    for optionCount in [3, 30, 300, 1000] {
        // Twelve distinct jobs whose options trade device time against uplink time.
        let options = (0..<12).map { _ in
            (0..<optionCount).map { k -> StageTimes in
                let x = (Double(k) + rng.uniform(0...0.9)) / Double(optionCount)
                return StageTimes(device: 1 + 40 * x + rng.uniform(0...2), uplink: 40 * (1 - x) + rng.uniform(0...2),
                                  cloud: rng.uniform(0.5...3))
            }
        }
        var tally = ExactSolver.WorkTally()
        do {
            _ = try ExactSolver(workLimit: limit).solveCounting(options: options, tally: &tally)
        } catch {
            guard case let .workLimitReached(work, nodes, jobs) = error else {
                Issue.record("\(optionCount) options: unexpected \(error)")
                continue
            }
            gaveUp += 1
            #expect(work == limit && jobs == 12 && nodes == tally.nodes, "\(optionCount) options")
            // Charged before it is done, so at most one step's worth is left unspent.
            #expect(tally.total > limit / 2, "\(optionCount) options: \(tally)")
        }
        #expect(tally.total <= limit, "\(optionCount) options: \(tally)")
        #expect(tally.childStates <= limit, "\(optionCount) options")
    }
    #expect(gaveUp >= 2, "the instances must be hard enough to exhaust the budget")
}
