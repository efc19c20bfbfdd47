import Foundation
import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// Layer-level plans of many jobs over every bundled model, played under the 4G drive
/// trace: what `offload bench simulate-1000` times.
@Suite struct MixedModelReplayTests {
    /// `jobs` jobs cycling through the models of `sample-jobs/models`, each on a 224 × 224
    /// frame, planned at 5.85 Mbps and played under `traces/4g-drive.json`.
    static func scenario(jobs: Int) throws -> Scenario {
        let folder = Repository.path("sample-jobs/models")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        let models = try files.map { try ModelFile.load(path: folder + "/" + $0).withInputBytes(150_528) }
        let trace = try TraceFile.load(path: Repository.path("sample-jobs/traces/4g-drive.json"))
        return Scenario(name: "mixed", environment: Environment(bandwidthMbps: 5.85, bandwidthTrace: trace.points), models: models,
                        jobs: (0..<jobs).map { Job(id: "j\($0)", modelIndex: $0 % models.count) })
    }

    @Test func aLayerLevelPlanOfMixedJobsPlaysFeasibly() throws {
        let scenario = try Self.scenario(jobs: 42)
        let plan = try Planner(scenario: scenario).plan(.layerLevel, in: scenario.environment)
        #expect(plan.segments.contains { if case .items = $0.work { true } else { false } })
        let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
        #expect(timeline.makespanMs > plan.makespanMs * 0.5)
        #expect(TimelineCheck.violations(timeline, plan: plan, scenario: scenario, environment: scenario.environment) == [])
    }

    @Test func aThousandMixedJobsPlay() throws {
        let scenario = try Self.scenario(jobs: 1000)
        let planner = Planner(scenario: scenario)
        let plan = try (try? planner.plan(.layerLevel, in: scenario.environment))
            ?? LayerLevelPlan.handBuilt(scenario: scenario, cuts: planner.plan(.joint, in: scenario.environment).cuts,
                                        environment: scenario.environment)
        let timeline = try Simulator.play(plan: plan, scenario: scenario, environment: scenario.environment)
        #expect(Set(timeline.segments.map(\.job)).count == 1000)
        #expect(TimelineCheck.criticalPathViolations(timeline) == [])
    }
}
