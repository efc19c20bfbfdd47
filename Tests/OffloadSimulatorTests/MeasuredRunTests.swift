import OffloadModel
import OffloadScheduler
import Testing
@testable import OffloadSimulator
import OffloadTestSupport

/// Measured runs (docs/FORMATS.md §9): read, matched to their plan, turned into a timeline.
@Suite struct MeasuredRunTests {
    /// A testbed-like document for `plan`: every segment stretched by `factor` and shifted.
    func document(_ plan: Plan, _ scenario: Scenario, factor: Double, shift: Double = 0.25,
                  edit: (Int, inout [(key: String, value: JSONValue)]) -> Void = { _, _ in }) -> JSONValue {
        let segments = plan.segments.enumerated().map { index, segment -> JSONValue in
            var members: [(key: String, value: JSONValue)] = [
                ("lane", .string(segment.lane.description)),
                ("job", .string(scenario.jobs[segment.job].id)),
                ("startMs", .number(segment.startMs * factor + shift, exactInt: nil)),
                ("endMs", .number(segment.endMs * factor + shift, exactInt: nil)),
                ("items", .array([])),
                ("plannedStartMs", .number((segment.startMs * 10_000).rounded() / 10_000, exactInt: nil)),
                ("plannedEndMs", .number((segment.endMs * 10_000).rounded() / 10_000, exactInt: nil)),
            ]
            edit(index, &members)
            return .object(members)
        }
        return .object([("measuredMakespanMs", .number(0, exactInt: 0)), ("segments", .array(segments)),
                        ("machine", .object([("cpu", .string("a test CPU")), ("cores", .number(2, exactInt: 2))]))])
    }

    @Test func aMeasuredRunBecomesATimelineOfItsPlan() throws {
        var rng = SplitMix64(seed: 11)
        for round in 0..<60 {
            let scenario = RandomInstances.scenario(&rng)
            let algorithm: Algorithm = round % 3 == 0 ? .layerLevel : .joint
            guard let plan = try? Planner(scenario: scenario).plan(algorithm, in: scenario.environment) else { continue }
            let factor = Double.random(in: 0.8...1.3, using: &rng)
            let run = try MeasuredRun.parse(document(plan, scenario, factor: factor), file: "m.json")
            #expect(run.machine == "a test CPU, 2 cores")
            let timeline = try run.timeline(of: plan, scenario: scenario)
            #expect(timeline.segments.count == plan.segments.count)
            let ends = plan.segments.map { $0.endMs * factor + 0.25 }
            #expect(abs(timeline.makespanMs - (ends.max() ?? 0)) < 1e-9)
            for (measured, planned) in zip(timeline.segments, plan.segments) {
                #expect(measured.lane == planned.lane && measured.job == planned.job && measured.work == planned.work)
            }
            // Brute force: each lane's busy time and idle gaps cover the makespan.
            for lane in Lane.allCases {
                let busy = timeline.segments.filter { $0.lane == lane }.reduce(0) { $0 + $1.durationMs }
                let metrics = timeline.metrics(lane)
                #expect(abs(metrics.busyMs - busy) < 1e-6)
                #expect(abs(metrics.busyMs + metrics.idleMs - timeline.makespanMs) < 1e-6)
            }
            for job in scenario.jobs.indices {
                let last = timeline.segments.filter { $0.job == job }.map(\.endMs).max() ?? 0
                #expect(timeline.finishMs[job] == last)
            }
            // The critical path runs from a start to the last end, each step after the one before.
            let path = timeline.criticalPath
            if !plan.segments.isEmpty {
                #expect(path.first?.cause == .start)
                #expect(path.last.map { timeline.segments[$0.segment].endMs } == timeline.makespanMs)
                for (before, after) in zip(path, path.dropFirst()) {
                    #expect(timeline.segments[before.segment].endMs <= timeline.segments[after.segment].startMs + 1e-9)
                }
            }
        }
    }

    func plannedDefault() throws -> (Plan, Scenario) {
        let scenario = Scenario(name: "two", environment: Environment(bandwidthMbps: 2), models: [
            try ModelGraph(name: "m", inputBytes: 1000, layers: [
                Layer(name: "a", inputs: ["input"], deviceMs: 2, cloudMs: 1, outputBytes: 100),
                Layer(name: "b", inputs: ["a"], deviceMs: 2, cloudMs: 1, outputBytes: 10),
            ]),
        ], jobs: [Job(id: "x", modelIndex: 0), Job(id: "y", modelIndex: 0), Job(id: "z", modelIndex: 0)])
        return (try Planner(scenario: scenario).plan(.joint, in: scenario.environment), scenario)
    }

    func refusal(_ value: JSONValue, plan: Plan, scenario: Scenario) -> String? {
        do {
            _ = try MeasuredRun.parse(value, file: "m.json").timeline(of: plan, scenario: scenario)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aRunOfAnotherPlanIsRefused() throws {
        let (plan, scenario) = try plannedDefault()
        #expect(plan.segments.count >= 2)
        #expect(refusal(document(plan, scenario, factor: 1), plan: plan, scenario: scenario) == nil)
        let other = try Planner(scenario: scenario).plan(.local, in: scenario.environment)
        let message = refusal(document(other, scenario, factor: 1), plan: plan, scenario: scenario)
        #expect(message?.hasPrefix("m.json: ") == true)
        #expect(message?.contains("measured for another plan") == true)
        let moved = document(plan, scenario, factor: 1) { index, members in
            if index == 1 { members[5] = ("plannedStartMs", .number(123, exactInt: 123)) }
        }
        #expect(refusal(moved, plan: plan, scenario: scenario)?.contains("m.json: segments[1]: was planned from 123") == true)
        let renamed = document(plan, scenario, factor: 1) { index, members in
            if index == 0 { members[1] = ("job", .string("w")) }
        }
        #expect(refusal(renamed, plan: plan, scenario: scenario)?.contains("segments[0]") == true)
    }

    @Test func badFieldsNameTheirSegment() throws {
        let (plan, scenario) = try plannedDefault()
        let cases: [(Int, (key: String, value: JSONValue), String)] = [
            (0, ("lane", .string("radio")), "segments[0]: lane must be"),
            (1, ("startMs", .number(-1, exactInt: -1)), "segments[1]: startMs must be a number"),
            (1, ("endMs", .string("soon")), "segments[1]: endMs must be a number"),
            (0, ("job", .number(3, exactInt: 3)), "segments[0]: job must be a string"),
        ]
        for (target, replacement, expected) in cases {
            let bad = document(plan, scenario, factor: 1) { index, members in
                guard index == target, let slot = members.firstIndex(where: { $0.key == replacement.key }) else { return }
                members[slot] = replacement
            }
            let message = refusal(bad, plan: plan, scenario: scenario)
            #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
        }
        let backwards = document(plan, scenario, factor: 1, shift: 0) { index, members in
            if index == 0 { members[3] = ("endMs", .number(-0.5 + 0.5, exactInt: nil)); members[2] = ("startMs", .number(1, exactInt: 1)) }
        }
        #expect(refusal(backwards, plan: plan, scenario: scenario)?.contains("endMs must not be before startMs") == true)
        #expect(refusal(.array([]), plan: plan, scenario: scenario) == "m.json: expected a measured run (an object with `segments`), found an array")
        #expect(refusal(.object([]), plan: plan, scenario: scenario)?.contains("expected `segments`") == true)
        // The machine is informative: a strange one is left out, never a trap.
        let strange = JSONValue.object([("segments", .array([])), ("machine", .object([("cores", .number(1e300, exactInt: nil))]))])
        #expect(try MeasuredRun.parse(strange, file: "m.json").machine == nil)
    }
}
