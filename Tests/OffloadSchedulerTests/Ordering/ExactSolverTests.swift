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
    #expect(error.description == "exact search refused 13 jobs: it handles at most 12; use --algorithm joint")
}

@Test func exactSolverGivesUpWithinItsBudget() {
    var rng = SplitMix64(seed: 33)
    let options = (0..<8).map { _ in
        (0..<6).map { _ in
            StageTimes(device: rng.uniform(1...50), uplink: rng.uniform(0...50), cloud: rng.uniform(0.5...5))
        }
    }
    do {
        _ = try ExactSolver(nodeLimit: 5).solve(options: options)
        Issue.record("expected the node limit to be reached")
    } catch {
        #expect(error == .nodeLimitReached(nodes: 5, jobs: 8))
        #expect(error.description == "exact search gave up after 5 nodes: 8 jobs is beyond its budget; use --algorithm joint")
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
        == "exact search ran out of time after 1 node: 4 jobs is beyond its budget; use --algorithm joint")
}
