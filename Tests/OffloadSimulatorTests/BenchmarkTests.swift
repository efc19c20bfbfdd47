import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator

@Suite struct BenchmarkTests {
    @Test func theBenchmarkPlanIsLayerLevelAndFeasible() throws {
        let bench = try SimulatorBenchmark(samplesFolder: TraceFileTests.samples, jobs: 42)
        #expect(bench.scenario.jobs.count == 42)
        #expect(bench.plan.segments.contains { if case .items = $0.work { true } else { false } })
        let timeline = try bench.run()
        #expect(timeline.makespanMs > bench.plan.makespanMs * 0.5)
        #expect(TimelineCheck.violations(timeline, plan: bench.plan, scenario: bench.scenario, environment: bench.environment) == [])
    }

    @Test func simulate1000Runs() throws {
        let timeline = try SimulatorBenchmark.simulate1000(samplesFolder: TraceFileTests.samples)
        #expect(Set(timeline.segments.map(\.job)).count == 1000)
        #expect(TimelineCheck.criticalPathViolations(timeline) == [])
    }
}
