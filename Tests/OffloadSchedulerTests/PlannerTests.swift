import Testing
import OffloadModel
@testable import OffloadScheduler

@Suite struct PlannerTests {
    /// A chain whose best lone cut is after `a`: at 8 Mbps the cuts cost
    /// (device + uplink + cloud) 0+2+2.25, 2+1+0.75, 6+0.25+0.25, 12+0+0 ms.
    static let chain = try! ModelGraph(name: "chain", inputBytes: 2000, layers: [
        Layer(name: "a", inputs: ["input"], deviceMs: 2, cloudMs: 1.5, outputBytes: 1000),
        Layer(name: "b", inputs: ["a"], deviceMs: 4, cloudMs: 0.5, outputBytes: 250),
        Layer(name: "c", inputs: ["b"], deviceMs: 6, cloudMs: 0.25, outputBytes: 10),
    ])

    static func scenario(jobs: Int) -> Scenario {
        Scenario(name: "s", environment: Environment(bandwidthMbps: 8), models: [chain],
                 jobs: (0..<jobs).map { Job(id: "j\($0)", modelIndex: 0) })
    }

    @Test func partitionOnlyTakesEachJobsLatencyOptimalCutInListedOrder() throws {
        // Lone latencies 4.25, 3.75, 6.5, 12: the cut after a.
        let plan = try Planner(scenario: Self.scenario(jobs: 3)).plan(.partitionOnly, in: Environment(bandwidthMbps: 8))
        #expect(plan.cuts.allSatisfy { $0.deviceLayerCount == 1 })
        #expect(plan.order == [0, 1, 2])
        // (2, 1, 0.75) × 3: device 0–2, 2–4, 4–6; uplink 2–3, 4–5, 6–7; cloud 3–3.75, 5–5.75, 7–7.75.
        #expect(plan.makespanMs == 7.75)
        #expect(plan.finishMs == [3.75, 5.75, 7.75])
    }

    @Test func localAndCloudPlans() throws {
        let planner = Planner(scenario: Self.scenario(jobs: 2))
        let local = try planner.plan(.local, in: Environment(bandwidthMbps: 8))
        #expect(local.makespanMs == 24)
        #expect(local.segments.allSatisfy { $0.lane == .device })
        let cloud = try planner.plan(.cloud, in: Environment(bandwidthMbps: 8, latencyMs: 1))
        // Uplink 0–3, 3–6; cloud 3–5.25, 6–8.25.
        #expect(cloud.makespanMs == 8.25)
        #expect(cloud.segments.filter { $0.lane == .device }.isEmpty)
    }

    @Test func lowerBoundNeverExceedsAnyPlan() throws {
        let planner = Planner(scenario: Self.scenario(jobs: 4))
        for bandwidth in [0.5, 2.0, 8.0, 64.0] {
            let environment = Environment(bandwidthMbps: bandwidth, latencyMs: 0.5)
            for algorithm in [Algorithm.local, .cloud, .partitionOnly] {
                let plan = try planner.plan(algorithm, in: environment)
                #expect(plan.lowerBoundMs <= plan.makespanMs + 1e-9)
            }
        }
    }
}
