import OffloadModel
import Testing
@testable import OffloadScheduler

@Suite("Tree rule against brute force")
struct TreeRuleTests {
    /// Random tree instances of one kind per job list; returns (jobs, speeds).
    static func instance(seed: UInt64, kinds: [TreeKind], latency: Double, integerTimes: Bool) -> ([LayerJob], Environment) {
        var rng = SplitMix64(seed: seed)
        while true {
            let jobCount = Int.random(in: 2...4, using: &rng)
            var jobs: [LayerJob] = []
            for _ in 0..<jobCount {
                let kind = kinds.randomElement(using: &rng) ?? .chain
                jobs.append(Random.treeJob(kind: kind, layers: Int.random(in: 2...5, using: &rng), rng: &rng, integerTimes: integerTimes))
            }
            // Keep the exhaustive search small: at most 10 device layers and 7 transfers.
            let deviceLayers = jobs.reduce(0) { $0 + $1.onDevice.filter { $0 }.count }
            let transfers = jobs.reduce(0) { count, job in
                var read = Set<Int>()
                for i in 0..<job.layerCount where !job.onDevice[i] {
                    for k in job.inputs[i] where k < 0 || job.onDevice[k] { read.insert(k) }
                }
                return count + read.filter { ($0 < 0 ? job.inputBytes : job.outputBytes[$0]) > 0 }.count
            }
            guard deviceLayers <= 10, transfers <= 7 else { continue }
            // 8 Mbps: 1000 bytes take 1 ms.
            return (jobs, Environment(deviceSpeed: 1, cloudSpeed: 1, bandwidthMbps: 8, latencyMs: latency))
        }
    }

    static func check(seed: UInt64, kinds: [TreeKind], latency: Double, integerTimes: Bool) throws {
        let (jobs, speeds) = instance(seed: seed, kinds: kinds, latency: latency, integerTimes: integerTimes)
        let plan = try TreeRule.schedule(jobs: jobs, speeds: speeds)
        let optimum = LayerBruteForce.treeSettingOptimum(jobs: jobs, speeds: speeds)
        #expect(LayerFeasibility.violations(jobs: jobs, speeds: speeds, plan: plan) == [], "seed \(seed)")
        #expect(close(plan.makespan, optimum), "seed \(seed): tree rule \(plan.makespan), optimum \(optimum)")
        let guarantee = try TreeRule.guarantee(jobs: jobs, speeds: speeds)
        #expect(guarantee == (latency == 0 ? .optimal : .optimalAmongSingleTensorTransfers), "seed \(seed)")
        // The scheduler's portfolio contains the tree rule, so it is optimal too.
        let best = try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: Array(jobs.indices))
        if latency == 0 { #expect(close(best.makespan, optimum), "seed \(seed)") }
    }

    @Test("out-forests and chains, integer times (many ties)", arguments: 0..<150)
    func outForestsIntegers(seed: Int) throws {
        try Self.check(seed: UInt64(seed), kinds: [.outTree, .chain], latency: 0, integerTimes: true)
    }

    @Test("out-forests, real times", arguments: 0..<100)
    func outForestsReal(seed: Int) throws {
        try Self.check(seed: UInt64(1000 + seed), kinds: [.outTree], latency: 0, integerTimes: false)
    }

    @Test("in-forests and chains", arguments: 0..<150)
    func inForests(seed: Int) throws {
        try Self.check(seed: UInt64(2000 + seed), kinds: [.inTree, .chain], latency: 0, integerTimes: seed % 2 == 0)
    }

    @Test("chains with skip connections (residual blocks)", arguments: 0..<100)
    func residual(seed: Int) throws {
        try Self.check(seed: UInt64(5000 + seed), kinds: [.residual, .outTree], latency: 0, integerTimes: seed % 2 == 0)
    }

    @Test("in-forests and out-forests mixed across jobs", arguments: 0..<150)
    func mixed(seed: Int) throws {
        try Self.check(seed: UInt64(3000 + seed), kinds: TreeKind.allCases, latency: 0, integerTimes: seed % 2 == 0)
    }

    @Test("positive latency: optimal among one-tensor transfers", arguments: 0..<100)
    func latency(seed: Int) throws {
        try Self.check(seed: UInt64(4000 + seed), kinds: TreeKind.allCases, latency: 0.75, integerTimes: seed % 2 == 0)
    }

    @Test("a DAG or a timed cloud layer loses the guarantee")
    func guarantees() throws {
        let diamond = LayerJob(inputBytes: 100, deviceMs: [1, 1, 1, 1], cloudMs: [0, 0, 0, 0], outputBytes: [10, 10, 10, 10],
                               inputs: [[-1], [0], [0], [1, 2]], onDevice: [true, true, true, true])
        let speeds = Environment()
        guard case .heuristic = try TreeRule.guarantee(jobs: [diamond], speeds: speeds) else {
            Issue.record("a diamond is not a tree")
            return
        }
        var timed = diamond
        timed.onDevice = [true, true, true, false]
        timed.cloudMs = [0, 0, 0, 1]
        guard case .heuristic = try TreeRule.guarantee(jobs: [timed], speeds: speeds) else {
            Issue.record("a cloud layer takes time")
            return
        }
        timed.cloudMs = [0, 0, 0, 0]
        // Device part {0, 1, 2}: an out-tree; the cloud layer may read several tensors.
        #expect(try TreeRule.guarantee(jobs: [timed], speeds: speeds) == .optimal)
        #expect(try TreeRule.guarantee(jobs: [timed], speeds: Environment(latencyMs: 1)) == .optimalAmongSingleTensorTransfers)
    }
}

@Suite("Johnson blocks")
struct JohnsonBlockTests {
    /// The makespan of a two-machine permutation flow shop.
    static func flowShop(_ jobs: [(Double, Double)]) -> Double {
        var m1 = 0.0, m2 = 0.0
        for (a, b) in jobs {
            m1 += a
            m2 = max(m2, m1) + b
        }
        return m2
    }

    @Test("composite blocks order like their jobs, and concatenation keeps keys in between")
    func properties() {
        var rng = SplitMix64(seed: 7)
        func randomSequence() -> [(Double, Double)] {
            (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                (Double(Int.random(in: 0...5, using: &rng)), Double(Int.random(in: 0...5, using: &rng)))
            }
        }
        func block(_ s: [(Double, Double)]) -> JohnsonBlock {
            s.reduce(JohnsonBlock.empty) { $0.followed(by: JohnsonBlock(head: $1.0, tail: $1.1)) }
        }
        for _ in 0..<2000 {
            let s = randomSequence(), t = randomSequence(), before = randomSequence(), after = randomSequence()
            let bs = block(s), bt = block(t)
            // Interchange: key order decides which of ST and TS is no worse, in any context.
            let st = Self.flowShop(before + s + t + after), ts = Self.flowShop(before + t + s + after)
            if bs.key < bt.key { #expect(st <= ts + 1e-12) }
            if bt.key < bs.key { #expect(ts <= st + 1e-12) }
            // Mean value: the key of ST lies between the keys of S and T.
            let lo = min(bs.key, bt.key), hi = max(bs.key, bt.key)
            let k = bs.followed(by: bt).key
            #expect(lo <= k && k <= hi)
        }
    }
}
