import OffloadModel
@testable import OffloadReport
import OffloadScheduler
import OffloadSimulator

/// The report documents as they were built before the reports wrote them straight into a
/// `JSONWriter`: a `JSONValue` tree per document, which ``ReferenceJSONWriter`` writes.
/// They are kept as the oracle the streamed documents must match byte for byte.
enum ReferenceReportJSON {
    // MARK: - schedule

    static func plan(_ plan: Plan, scenario: Scenario) -> JSONValue {
        let positions = PlanJSON.positions(in: plan)
        return .object([
            ("scenario", .string(scenario.name)),
            ("algorithm", .string(plan.algorithm.rawValue)),
            ("environment", environment(plan.environment)),
            ("makespanMs", .measured(plan.makespanMs)),
            ("lowerBoundMs", .measured(plan.lowerBoundMs)),
            ("optimality", optimality(plan.optimality)),
            ("jobs", .array(scenario.jobs.indices.map { job(at: $0, plan: plan, scenario: scenario, positions: positions) })),
            ("segments", .array(plan.segments.map { segment($0, cuts: plan.cuts, scenario: scenario) })),
        ])
    }

    static func optimality(_ optimality: Optimality) -> JSONValue {
        .object([
            ("scope", .string(optimality.scope.rawValue)),
            ("epsilonMs", .measured(optimality.epsilonMs)),
            ("proven", .bool(optimality.proven)),
            ("candidateCuts", .int(optimality.candidateCuts)),
        ])
    }

    static func environment(_ environment: Environment) -> JSONValue {
        .object([
            ("deviceSpeed", .exact(environment.deviceSpeed)),
            ("cloudSpeed", .exact(environment.cloudSpeed)),
            ("bandwidthMbps", .exact(environment.bandwidthMbps)),
            ("latencyMs", .exact(environment.latencyMs)),
        ])
    }

    private static func job(at index: Int, plan: Plan, scenario: Scenario, positions: [Int]) -> JSONValue {
        let model = scenario.model(ofJob: index)
        let cut = plan.cuts[index]
        let times = plan.times[index]
        return .object([
            ("id", .string(scenario.jobs[index].id)),
            ("position", .int(positions[index])),
            ("model", .string(model.name)),
            ("deviceLayers", .array(model.layers.indices.filter { cut.onDevice[$0] }.map { .string(model.layers[$0].name) })),
            ("uplinkBytes", .int(cut.uplinkBytes)),
            ("deviceMs", .measured(times.device)),
            ("uplinkMs", .measured(times.uplink)),
            ("cloudMs", .measured(times.cloud)),
            ("finishMs", .measured(plan.finishMs[index])),
        ])
    }

    private static func segment(_ segment: Segment, cuts: [Cut], scenario: Scenario) -> JSONValue {
        .object([
            ("lane", .string(segment.lane.description)),
            ("job", .string(scenario.jobs[segment.job].id)),
            ("startMs", .measured(segment.startMs)),
            ("endMs", .measured(segment.endMs)),
            ("items", .array(itemNames(of: segment, cuts: cuts, scenario: scenario).map(JSONValue.string))),
        ])
    }

    /// `PlanJSON.itemNames` as it was.
    static func itemNames(of segment: Segment, cuts: [Cut], scenario: Scenario) -> [String] {
        let model = scenario.model(ofJob: segment.job)
        let cut = cuts[segment.job]
        switch segment.work {
        case let .items(items):
            return segment.lane == .uplink ? items.map(model.tensorName) : items.map { model.layers[$0].name }
        case .wholeStage:
            switch segment.lane {
            case .device: return model.layers.indices.filter { cut.onDevice[$0] }.map { model.layers[$0].name }
            case .uplink: return cut.sentTensors.map(model.tensorName)
            case .cloud: return model.cloudLayers(of: cut).map { model.layers[$0].name }
            }
        }
    }

    // MARK: - compare

    static func compare(_ comparison: Comparison, scenario: Scenario) -> JSONValue {
        let results: [JSONValue] = comparison.entries.map { entry in
            var members: [(key: String, value: JSONValue)] = [("algorithm", .string(entry.algorithm.rawValue))]
            if let makespan = entry.makespanMs {
                members.append(("makespanMs", .measured(makespan)))
                members.append(("gapPercent", .measured(comparison.gapPercent(makespan))))
                if let gain = comparison.gainPercent(makespan) { members.append(("gainPercent", .measured(gain))) }
            } else {
                members.append(("makespanMs", .null))
                members.append(("refused", .string(entry.error?.commandLineReason ?? "refused")))
            }
            return .object(members)
        }
        return .object([
            ("scenario", .string(scenario.name)),
            ("environment", environment(comparison.environment)),
            ("lowerBoundMs", .measured(comparison.lowerBoundMs)),
            ("results", .array(results)),
        ])
    }

    // MARK: - sweep

    static func sweep(_ sweep: Sweep, scenario: Scenario, environment: Environment) -> JSONValue {
        let points: [JSONValue] = sweep.points.map { point in
            let makespans: [(key: String, value: JSONValue)] = sweep.algorithms.enumerated().map { index, algorithm in
                (algorithm.rawValue, point.makespanMs[index].map(JSONValue.measured) ?? .null)
            }
            return .object([("bandwidthMbps", .measured(point.bandwidthMbps)), ("makespanMs", .object(makespans))])
        }
        return .object([
            ("scenario", .string(scenario.name)),
            ("environment", .object([
                ("deviceSpeed", .measured(environment.deviceSpeed)), ("cloudSpeed", .measured(environment.cloudSpeed)),
                ("latencyMs", .measured(environment.latencyMs)),
            ])),
            ("algorithms", .array(sweep.algorithms.map { .string($0.rawValue) })),
            ("points", .array(points)),
        ])
    }

    // MARK: - simulate

    static func simulate(_ played: SimulationReport.Played) -> JSONValue {
        let scenario = played.scenario, plan = played.plan, timeline = played.timeline
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("algorithm", .string(plan.algorithm.rawValue)),
            ("environment", environment(played.environment)),
        ]
        if let trace = traceJSON(played.environment) { members.append(("bandwidthTrace", trace)) }
        members += [
            ("plannedMakespanMs", .measured(plan.makespanMs)),
            ("makespanMs", .measured(timeline.makespanMs)),
            ("lowerBoundMs", .measured(plan.lowerBoundMs)),
            ("optimality", optimality(plan.optimality)),
        ]
        if let jitter = played.jitter {
            members.append(("jitter", jitterJSON(percent: jitter.percent, firstSeed: jitter.seed, runCount: 1)))
        }
        if let staticTimeline = played.staticTimeline {
            let saved = staticTimeline.makespanMs - timeline.makespanMs
            members.append(("replan", .object([
                ("staticMakespanMs", .measured(staticTimeline.makespanMs)),
                ("savedMs", .measured(saved)),
                ("savedPercent", .measured(staticTimeline.makespanMs > 0 ? saved / staticTimeline.makespanMs * 100 : 0)),
                ("replans", .array(timeline.replans.map { replan in
                    .object([("atMs", .measured(replan.atMs)), ("mbps", .exact(replan.mbps)),
                             ("jobs", .array(replan.jobs.map { .string(scenario.jobs[$0].id) }))])
                })),
            ])))
        }
        members.append(("lanes", .array(timeline.lanes.map { metrics in
            .object([
                ("lane", .string(metrics.lane.description)),
                ("busyMs", .measured(metrics.busyMs)),
                ("utilisationPercent", .measured(metrics.utilisation * 100)),
                ("idleMs", .measured(metrics.idleMs)),
                ("idleGaps", .array(metrics.idleGaps.map { .object([("startMs", .measured($0.startMs)), ("endMs", .measured($0.endMs))]) })),
            ])
        })))
        members.append(("criticalPath", .array(timeline.criticalPath.map { step in
            let segment = timeline.segments[step.segment]
            return .object([
                ("lane", .string(segment.lane.description)),
                ("job", .string(scenario.jobs[segment.job].id)),
                ("startMs", .measured(segment.startMs)),
                ("endMs", .measured(segment.endMs)),
                ("after", .string(step.cause.rawValue)),
                ("waitMs", .measured(step.waitMs)),
            ])
        })))
        var busy = [[Double]](repeating: [0, 0, 0], count: scenario.jobs.count)
        for segment in timeline.segments { busy[segment.job][segment.lane.rawValue] += segment.durationMs }
        let positions = PlanJSON.positions(in: plan)
        members.append(("jobs", .array(scenario.jobs.indices.map { simulatedJob($0, busy: busy[$0], position: positions[$0], played: played) })))
        members.append(("segments", .array(timeline.segments.map { segment($0, cuts: timeline.cuts, scenario: scenario) })))
        return .object(members)
    }

    static func traceJSON(_ environment: Environment) -> JSONValue? {
        guard let trace = environment.bandwidthTrace, !trace.isEmpty else { return nil }
        let rates = trace.map(\.mbps)
        return .object([
            ("pointCount", .int(trace.count)),
            ("minMbps", .exact(rates.min() ?? 0)),
            ("maxMbps", .exact(rates.max() ?? 0)),
            ("lastChangeMs", .measured(trace.last?.atMs ?? 0)),
        ])
    }

    static func jitterJSON(percent: Double, firstSeed: UInt64, runCount: Int) -> JSONValue {
        .object([("percent", .measured(percent)), ("firstSeed", seedJSON(firstSeed)), ("runCount", .int(runCount))])
    }

    static func seedJSON(_ seed: UInt64) -> JSONValue {
        seed <= UInt64(Int.max) ? .int(Int(seed)) : .string(String(seed))
    }

    private static func simulatedJob(_ job: Int, busy: [Double], position: Int, played: SimulationReport.Played) -> JSONValue {
        let scenario = played.scenario, timeline = played.timeline
        let model = scenario.model(ofJob: job)
        let cut = timeline.cuts[job]
        return .object([
            ("id", .string(scenario.jobs[job].id)),
            ("position", .int(position)),
            ("model", .string(model.name)),
            ("deviceLayers", .array(model.layers.indices.filter { cut.onDevice[$0] }.map { .string(model.layers[$0].name) })),
            ("uplinkBytes", .int(cut.uplinkBytes)),
            ("deviceMs", .measured(busy[0])),
            ("uplinkMs", .measured(busy[1])),
            ("cloudMs", .measured(busy[2])),
            ("plannedFinishMs", .measured(played.plan.finishMs[job])),
            ("finishMs", .measured(timeline.finishMs[job])),
        ])
    }

    static func runs(_ runs: SimulationReport.Runs) -> JSONValue {
        func summary(_ distribution: MakespanDistribution) -> JSONValue {
            .object([("minMs", .measured(distribution.minMs)), ("medianMs", .measured(distribution.medianMs)),
                     ("p95Ms", .measured(distribution.p95Ms)), ("maxMs", .measured(distribution.maxMs))])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(runs.scenario.name)),
            ("algorithm", .string(runs.plan.algorithm.rawValue)),
            ("environment", environment(runs.environment)),
        ]
        if let trace = traceJSON(runs.environment) { members.append(("bandwidthTrace", trace)) }
        members += [
            ("plannedMakespanMs", .measured(runs.plan.makespanMs)),
            ("jitter", jitterJSON(percent: runs.jitterPercent, firstSeed: runs.runs.first?.seed ?? 1, runCount: runs.runs.count)),
        ]
        if let realised = runs.realised { members.append(("makespans", summary(realised))) }
        if let statics = runs.statics { members.append(("staticMakespans", summary(statics))) }
        members.append(("runs", .array(runs.runs.map { run in
            var fields: [(key: String, value: JSONValue)] = [("seed", seedJSON(run.seed)), ("makespanMs", .measured(run.makespanMs))]
            if let staticMakespan = run.staticMakespanMs { fields.append(("staticMakespanMs", .measured(staticMakespan))) }
            return .object(fields)
        })))
        return .object(members)
    }

    // MARK: - simulate --measured

    static func measured(scenario: Scenario, plan: Plan, run: MeasuredRun, measured: Timeline) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(run.file)),
            ("makespanMs", .measured(measured.makespanMs)),
            ("errorPercent", .measured(MeasuredReport.errorPercent(planned: plan.makespanMs, measured: measured.makespanMs))),
        ]
        if let machine = run.machine { members.append(("machine", .string(machine))) }
        members.append(("lanes", .array(MeasuredReport.lanes(plan: plan, measured: measured).map { lane in
            .object([
                ("lane", .string(lane.lane.description)),
                ("plannedBusyMs", .measured(lane.plannedBusyMs)),
                ("measuredBusyMs", .measured(lane.measuredBusyMs)),
                ("busyErrorPercent", .measured(MeasuredReport.errorPercent(planned: lane.plannedBusyMs, measured: lane.measuredBusyMs))),
                ("plannedEndMs", .measured(lane.plannedEndMs)),
                ("measuredEndMs", .measured(lane.measuredEndMs)),
                ("endErrorPercent", .measured(MeasuredReport.errorPercent(planned: lane.plannedEndMs, measured: lane.measuredEndMs))),
            ])
        })))
        members.append(("segments", .array(measured.segments.map { segment in
            .object([
                ("lane", .string(segment.lane.description)),
                ("job", .string(scenario.jobs[segment.job].id)),
                ("startMs", .measured(segment.startMs)),
                ("endMs", .measured(segment.endMs)),
            ])
        })))
        return .object(members)
    }
}
