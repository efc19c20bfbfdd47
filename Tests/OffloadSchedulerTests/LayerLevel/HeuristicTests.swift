import OffloadModel
import Testing
@testable import OffloadScheduler

@Suite("List scheduling on general DAGs")
struct LayerHeuristicTests {
    static func instance(seed: UInt64) -> (jobs: [LayerJob], speeds: Environment, order: [Int]) {
        var rng = SplitMix64(seed: seed)
        let jobs = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
            Random.dagJob(layers: Int.random(in: 1...12, using: &rng), rng: &rng)
        }
        let speeds = Environment(deviceSpeed: [0.5, 1, 2].randomElement(using: &rng) ?? 1,
                                cloudSpeed: [0.2, 1, 5].randomElement(using: &rng) ?? 1,
                                bandwidthMbps: [2, 8, 40].randomElement(using: &rng) ?? 8,
                                latencyMs: [0, 0.5, 3].randomElement(using: &rng) ?? 0)
        return (jobs, speeds, Array(jobs.indices).shuffled(using: &rng))
    }

    @Test("feasible, and never worse than the job-level plan it starts from", arguments: 0..<300)
    func neverWorse(seed: Int) throws {
        let (jobs, speeds, order) = Self.instance(seed: UInt64(seed))
        let plan = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order)
        let jobLevel = try LayerLevelScheduler.jobLevelSegments(jobs: jobs, speeds: speeds, order: order)
        #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: plan) == [], "seed \(seed)")
        #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: jobLevel) == [], "seed \(seed)")
        #expect(plan.makespan <= jobLevel.makespan, "seed \(seed)")
        #expect(close(jobLevel.makespan, pipelineMakespan(jobs: jobs, speeds: speeds, order: order)), "seed \(seed)")
        for lane in LayerSegment.Lane.allCases {
            let perJob = Dictionary(grouping: jobLevel.segments.filter { $0.lane == lane }, by: \.job)
            #expect(perJob.values.allSatisfy { $0.count == 1 }, "job level: one segment per lane per job")
        }
    }

    @Test("every rule of the portfolio, and the tree rule, is feasible on DAGs", arguments: 0..<150)
    func everyRuleFeasible(seed: Int) throws {
        let (jobs, speeds, order) = Self.instance(seed: UInt64(10_000 + seed))
        for rule in ListRule.portfolio + [ListRule(device: .johnson, uplinkOrder: .jobOrder, batching: .wholeJob, cloud: .jobOrder)] {
            let plan = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order, rule: rule)
            #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: plan) == [], "seed \(seed), \(rule)")
        }
        let tree = try TreeRule.schedule(jobs: jobs, speeds: speeds)
        #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: tree) == [], "seed \(seed)")
    }

    @Test("the same input gives the same plan")
    func deterministic() throws {
        let (jobs, speeds, order) = Self.instance(seed: 99)
        let first = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order)
        let second = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order)
        #expect(first == second)
    }

    @Test("degenerate jobs: none, empty, device only, cloud only, zero bytes, zero times")
    func degenerate() throws {
        let speeds = Environment(latencyMs: 1)
        #expect(try LayerLevelScheduler.schedule(jobs: [], speeds: speeds, jobOrder: []).makespan == 0)
        let empty = LayerJob(inputBytes: 10, deviceMs: [], cloudMs: [], outputBytes: [], inputs: [], onDevice: [])
        let local = LayerJob(inputBytes: 10, deviceMs: [2, 3], cloudMs: [1, 1], outputBytes: [5, 5], inputs: [[-1], [0]], onDevice: [true, true])
        let remote = LayerJob(inputBytes: 0, deviceMs: [2, 3], cloudMs: [1, 1], outputBytes: [5, 5], inputs: [[-1], [0]], onDevice: [false, false])
        let zeroBytes = LayerJob(inputBytes: 100, deviceMs: [2, 3], cloudMs: [1, 1], outputBytes: [0, 5], inputs: [[-1], [0]], onDevice: [true, false])
        let zeroTimes = LayerJob(inputBytes: 100, deviceMs: [0, 0], cloudMs: [0, 0], outputBytes: [7, 5], inputs: [[-1], [0, -1]], onDevice: [true, false])
        let jobs = [empty, local, remote, zeroBytes, zeroTimes]
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]] {
            let plan = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order)
            let jobLevel = try LayerLevelScheduler.jobLevelSegments(jobs: jobs, speeds: speeds, order: order)
            #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: plan) == [])
            #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: jobLevel) == [])
            #expect(plan.makespan <= jobLevel.makespan)
            #expect(close(jobLevel.makespan, pipelineMakespan(jobs: jobs, speeds: speeds, order: order)))
        }
    }
}

@Suite("Input errors")
struct LayerErrorTests {
    static let good = LayerJob(inputBytes: 10, deviceMs: [1, 1], cloudMs: [1, 1], outputBytes: [1, 1],
                               inputs: [[-1], [0]], onDevice: [true, false])

    static func error(_ jobs: [LayerJob], _ speeds: Environment = Environment(), order: [Int]? = nil) -> LayerLevelError? {
        do {
            _ = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: order ?? Array(jobs.indices))
            return nil
        } catch {
            return error
        }
    }

    @Test("each malformed input is refused with its own error")
    func refused() {
        var job = Self.good
        job.cloudMs = [1]
        #expect(Self.error([Self.good, job]) == .lengthMismatch(job: 1))
        job = Self.good
        job.inputs = [[-1], [1]]
        #expect(Self.error([job]) == .badInput(job: 0, layer: 1, input: 1))
        job.inputs = [[-2], [0]]
        #expect(Self.error([job]) == .badInput(job: 0, layer: 0, input: -2))
        job = Self.good
        job.onDevice = [false, true]
        #expect(Self.error([job]) == .cutNotClosed(job: 0, layer: 1, input: 0))
        job = Self.good
        job.deviceMs = [.nan, 1]
        #expect(Self.error([job]) == .badTime(job: 0, layer: 0, field: "deviceMs"))
        job = Self.good
        job.cloudMs = [1, -1]
        #expect(Self.error([job]) == .badTime(job: 0, layer: 1, field: "cloudMs"))
        job = Self.good
        job.inputBytes = -1
        #expect(Self.error([job]) == .badBytes(job: 0, layer: -1))
        job = Self.good
        job.outputBytes = [Int.max, 1]
        #expect(Self.error([job]) == .tooManyBytes(job: 0))
        #expect(Self.error([Self.good], Environment(bandwidthMbps: 0)) == .badEnvironment(field: "bandwidthMbps"))
        #expect(Self.error([Self.good], Environment(deviceSpeed: .leastNonzeroMagnitude)) == .badEnvironment(field: "deviceSpeed"))
        #expect(Self.error([Self.good], Environment(bandwidthMbps: .leastNonzeroMagnitude)) == .badEnvironment(field: "bandwidthMbps"))
        #expect(Self.error([Self.good], Environment(latencyMs: .infinity)) == .badEnvironment(field: "latencyMs"))
        #expect(Self.error([Self.good, Self.good], order: [0, 0]) == .badJobOrder)
        #expect(Self.error([Self.good], order: [1]) == .badJobOrder)
        #expect(LayerLevelError.cutNotClosed(job: 2, layer: 5, input: 3).description
            == "job 2, layer 5: runs on the device but reads layer 3, which runs in the cloud")
    }
}
