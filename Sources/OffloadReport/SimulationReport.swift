import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// The output of `simulate`: the plan beside what happened when it was played.
public enum SimulationReport {
    /// One played plan: `timeline` is what `simulate` reports; `staticTimeline`, when
    /// re-planning was on, is the same plan played without re-planning.
    public struct Played: Sendable {
        public var scenario: Scenario
        /// The environment in force: the speeds, latency and trace that were played.
        public var environment: Environment
        public var plan: Plan
        public var timeline: Timeline
        public var staticTimeline: Timeline?
        public var jitter: Jitter?

        public init(scenario: Scenario, environment: Environment, plan: Plan, timeline: Timeline,
                    staticTimeline: Timeline? = nil, jitter: Jitter? = nil) {
            self.scenario = scenario
            self.environment = environment
            self.plan = plan
            self.timeline = timeline
            self.staticTimeline = staticTimeline
            self.jitter = jitter
        }
    }

    // MARK: - Text

    /// Header, both Gantt charts on one time axis (planned above realised), lane
    /// metrics, the critical path and the job table, `width` columns wide.
    public static func text(_ played: Played, width: Int) -> String {
        let scenario = played.scenario, plan = played.plan, timeline = played.timeline
        var lines = ["\(TerminalText.escaped(scenario.name)) — \(plan.algorithm), simulated",
                     "environment: " + TextReport.environmentSummary(played.environment),
                     "bandwidth: " + bandwidthSummary(played.environment)]
        if let jitter = played.jitter {
            lines.append("jitter: every duration × a factor in [\(NumberFormat.compact(1 - jitter.percent / 100)), \(NumberFormat.compact(1 + jitter.percent / 100))], seed \(jitter.seed)")
        }
        lines.append("planned makespan \(NumberFormat.fixed(plan.makespanMs)) ms   realised makespan \(NumberFormat.fixed(timeline.makespanMs)) ms (\(change(from: plan.makespanMs, to: timeline.makespanMs)))")
        if let staticTimeline = played.staticTimeline {
            lines.append(replanSummary(timeline: timeline, staticTimeline: staticTimeline))
        }
        let labels = scenario.jobs.map(\.id)
        var span = max(plan.makespanMs, timeline.makespanMs)
        if let staticTimeline = played.staticTimeline { span = max(span, staticTimeline.makespanMs) }
        lines.append("")
        lines.append("planned (at \(NumberFormat.compact(plan.environment.bandwidthMbps)) Mbps)")
        lines += TextGantt.render(plan.segments, makespanMs: span, jobLabels: labels, width: width)
        if let staticTimeline = played.staticTimeline {
            lines.append("")
            lines.append("realised, static plan")
            lines += TextGantt.render(staticTimeline.segments, makespanMs: span, jobLabels: labels, width: width)
        }
        lines.append("")
        lines.append(played.staticTimeline == nil ? "realised" : "realised, re-planned")
        lines += TextGantt.render(timeline.segments, makespanMs: span, jobLabels: labels, width: width)
        lines.append("")
        lines += laneTable(timeline, width: width)
        lines.append("")
        lines += criticalPath(timeline, scenario: scenario, width: width)
        lines.append("")
        lines += jobTable(played, width: width)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `trace of 3 points, 1.1 to 18.88 Mbps` or `constant 18.88 Mbps`.
    public static func bandwidthSummary(_ environment: Environment) -> String {
        guard let trace = environment.bandwidthTrace, let first = trace.first else {
            return "constant \(NumberFormat.compact(environment.bandwidthMbps)) Mbps"
        }
        let rates = trace.map(\.mbps)
        let low = rates.min() ?? first.mbps, high = rates.max() ?? first.mbps
        let points = trace.count == 1 ? "1 point" : "\(NumberFormat.grouped(trace.count)) points"
        let range = low == high ? "\(NumberFormat.compact(low)) Mbps" : "\(NumberFormat.compact(low)) to \(NumberFormat.compact(high)) Mbps"
        return "trace of \(points), \(range), last change at \(NumberFormat.fixed(trace.last?.atMs ?? 0)) ms (plans assume \(NumberFormat.compact(environment.bandwidthMbps)) Mbps)"
    }

    /// `+12.5%`, `-3.0%` or `same`.
    static func change(from planned: Double, to realised: Double) -> String {
        if planned == realised { return "same" }
        guard planned > 0 else { return "planned 0" }
        let percent = (realised / planned - 1) * 100
        return (percent >= 0 ? "+" : "") + NumberFormat.fixed(percent, decimals: 1) + "%"
    }

    static func replanSummary(timeline: Timeline, staticTimeline: Timeline) -> String {
        let count = timeline.replans.count
        let saved = staticTimeline.makespanMs - timeline.makespanMs
        let percent = staticTimeline.makespanMs > 0 ? saved / staticTimeline.makespanMs * 100 : 0
        let verdict = saved >= 0
            ? "saves \(NumberFormat.fixed(saved)) ms (\(NumberFormat.fixed(percent, decimals: 1))%)"
            : "costs \(NumberFormat.fixed(-saved)) ms (\(NumberFormat.fixed(-percent, decimals: 1))%)"
        return "re-planning: \(count == 1 ? "1 re-plan" : "\(NumberFormat.grouped(count)) re-plans"); the static plan realised \(NumberFormat.fixed(staticTimeline.makespanMs)) ms, re-planned \(NumberFormat.fixed(timeline.makespanMs)) ms: re-planning \(verdict)"
    }

    /// Busy time, utilisation and idle gaps per lane.
    public static func laneTable(_ timeline: Timeline, width: Int? = nil) -> [String] {
        let rows = timeline.lanes.map { metrics in
            [metrics.lane.description, NumberFormat.fixed(metrics.busyMs),
             NumberFormat.fixed(metrics.utilisation * 100, decimals: 1) + "%",
             NumberFormat.fixed(metrics.idleMs), NumberFormat.grouped(metrics.idleGaps.count),
             NumberFormat.fixed(metrics.idleGaps.map(\.durationMs).max() ?? 0)]
        }
        return TextReport.table(headings: ["lane", "busy ms", "utilisation", "idle ms", "idle gaps", "longest gap ms"],
                                rows: rows, rightAligned: Set(1..<6), width: width)
    }

    /// The critical path, consecutive steps on one lane merged into one line.
    public static func criticalPath(_ timeline: Timeline, scenario: Scenario, width: Int? = nil) -> [String] {
        let steps = timeline.criticalPath
        guard !steps.isEmpty else { return ["critical path: empty (no work)"] }
        var lines = ["critical path: \(steps.count == 1 ? "1 segment" : "\(NumberFormat.grouped(steps.count)) segments") from 0 to \(NumberFormat.fixed(timeline.makespanMs)) ms"]
        var rows: [[String]] = []
        var index = 0
        while index < steps.count {
            let lane = timeline.segments[steps[index].segment].lane
            var end = index + 1
            while end < steps.count && timeline.segments[steps[end].segment].lane == lane && steps[end].cause != .replan { end += 1 }
            let first = timeline.segments[steps[index].segment], last = timeline.segments[steps[end - 1].segment]
            let firstJob = scenario.jobs[first.job].id, lastJob = scenario.jobs[last.job].id
            let jobs = firstJob == lastJob ? firstJob : "\(firstJob) … \(lastJob)"
            let how: String
            switch steps[index].cause {
            case .start: how = "from the start"
            case .lane: how = "after the lane's previous work"
            case .input: how = "after its input"
            case .replan: how = "re-planned, after waiting \(NumberFormat.fixed(steps[index].waitMs)) ms"
            }
            let count = end - index
            rows.append(["  " + lane.description, NumberFormat.fixed(first.startMs), "–", NumberFormat.fixed(last.endMs),
                         jobs + (count > 1 ? " (\(NumberFormat.grouped(count)) segments)" : ""), how])
            index = end
        }
        lines += TextReport.table(headings: ["", "from ms", "", "to ms", "work", "starts"], rows: rows, rightAligned: [1, 3], width: width).dropFirst()
        return lines
    }

    /// One row per job: its cut as played, and its planned and realised finish.
    static func jobTable(_ played: Played, width: Int? = nil) -> [String] {
        let scenario = played.scenario, timeline = played.timeline, plan = played.plan
        let order = plan.order.count == scenario.jobs.count ? plan.order : Array(scenario.jobs.indices)
        let rows = order.map { job -> [String] in
            let model = scenario.model(ofJob: job)
            let cut = timeline.cuts[job]
            return [scenario.jobs[job].id, model.name, "\(NumberFormat.grouped(model.cutDeviceLayerCount(cut)))/\(NumberFormat.grouped(model.cutLayerCount))",
                    NumberFormat.grouped(cut.uplinkBytes), NumberFormat.fixed(plan.finishMs[job]),
                    NumberFormat.fixed(timeline.finishMs[job]), change(from: plan.finishMs[job], to: timeline.finishMs[job])]
        }
        return TextReport.table(headings: ["job", "model", "on device", "sent bytes", "planned finish ms", "finish ms", "vs plan"],
                                rows: rows, rightAligned: Set(2..<7), width: width)
    }

    // MARK: - JSON

    /// docs/FORMATS.md §5's plan document for the realised timeline, with `plannedMakespanMs`, the
    /// lanes' metrics, the critical path and, with re-planning, what it saved.
    public static func json(_ played: Played) -> JSONValue {
        let scenario = played.scenario, plan = played.plan, timeline = played.timeline
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("algorithm", .string(plan.algorithm.rawValue)),
            ("environment", PlanJSON.environment(played.environment)),
        ]
        if let trace = traceJSON(played.environment) { members.append(("bandwidthTrace", trace)) }
        members += [
            ("plannedMakespanMs", .measured(plan.makespanMs)),
            ("makespanMs", .measured(timeline.makespanMs)),
            ("lowerBoundMs", .measured(plan.lowerBoundMs)),
            ("optimality", PlanJSON.optimality(plan.optimality)),
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
        members.append(("jobs", .array(scenario.jobs.indices.map { jobJSON($0, busy: busy[$0], position: positions[$0], played: played) })))
        members.append(("segments", .array(timeline.segments.map { segment in
            .object([
                ("lane", .string(segment.lane.description)),
                ("job", .string(scenario.jobs[segment.job].id)),
                ("startMs", .measured(segment.startMs)),
                ("endMs", .measured(segment.endMs)),
                ("items", .array(PlanJSON.itemNames(of: segment, cuts: timeline.cuts, scenario: scenario).map(JSONValue.string))),
            ])
        })))
        return .object(members)
    }

    /// Nil (the key is left out) for a constant link, else `{"pointCount", "minMbps",
    /// "maxMbps", "lastChangeMs"}`.
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

    /// `{"percent", "firstSeed", "runCount"}`: the same block for one run (`runCount` 1) and many.
    static func jitterJSON(percent: Double, firstSeed: UInt64, runCount: Int) -> JSONValue {
        .object([("percent", .measured(percent)), ("firstSeed", seedJSON(firstSeed)), ("runCount", .int(runCount))])
    }

    static func seedJSON(_ seed: UInt64) -> JSONValue {
        seed <= UInt64(Int.max) ? .int(Int(seed)) : .string(String(seed))
    }

    /// One job: its cut as played, its realised time on each lane, its planned and realised finish.
    private static func jobJSON(_ job: Int, busy: [Double], position: Int, played: Played) -> JSONValue {
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

    // MARK: - Repeated runs

    /// `--runs K`: the makespan distribution over seeds.
    public struct Runs: Sendable {
        public var scenario: Scenario
        public var environment: Environment
        public var plan: Plan
        public var jitterPercent: Double
        public var runs: [JitterRun]

        public init(scenario: Scenario, environment: Environment, plan: Plan, jitterPercent: Double, runs: [JitterRun]) {
            self.scenario = scenario
            self.environment = environment
            self.plan = plan
            self.jitterPercent = jitterPercent
            self.runs = runs
        }

        var realised: MakespanDistribution? { MakespanDistribution(runs.map(\.makespanMs)) }
        var statics: MakespanDistribution? {
            let values = runs.compactMap(\.staticMakespanMs)
            return values.count == runs.count ? MakespanDistribution(values) : nil
        }
        var seedRange: String {
            guard let first = runs.first?.seed, let last = runs.last?.seed else { return "none" }
            return first == last ? "\(first)" : "\(first)…\(last)"
        }
    }

    /// The distribution as text: min, median, p95 and max.
    public static func text(_ runs: Runs, width: Int? = nil) -> String {
        var lines = ["\(TerminalText.escaped(runs.scenario.name)) — \(runs.plan.algorithm), simulated \(NumberFormat.grouped(runs.runs.count)) times",
                     "environment: " + TextReport.environmentSummary(runs.environment),
                     "bandwidth: " + bandwidthSummary(runs.environment),
                     "jitter: every duration × a factor in [\(NumberFormat.compact(1 - runs.jitterPercent / 100)), \(NumberFormat.compact(1 + runs.jitterPercent / 100))], seeds \(runs.seedRange)",
                     "planned makespan \(NumberFormat.fixed(runs.plan.makespanMs)) ms (without jitter)", ""]
        var rows: [[String]] = []
        func row(_ name: String, _ distribution: MakespanDistribution) -> [String] {
            [name, NumberFormat.fixed(distribution.minMs), NumberFormat.fixed(distribution.medianMs),
             NumberFormat.fixed(distribution.p95Ms), NumberFormat.fixed(distribution.maxMs)]
        }
        if let statics = runs.statics { rows.append(row("static plan", statics)) }
        if let realised = runs.realised { rows.append(row(runs.statics == nil ? "realised" : "re-planned", realised)) }
        lines += TextReport.table(headings: ["makespan ms", "min", "median", "p95", "max"], rows: rows, rightAligned: Set(1..<5),
                                  width: width)
        if let statics = runs.statics, let realised = runs.realised {
            let saved = MakespanDistribution(runs.runs.compactMap { run in run.staticMakespanMs.map { $0 - run.makespanMs } })
            lines.append("")
            if let saved {
                lines.append("re-planning saves a median of \(NumberFormat.fixed(saved.medianMs)) ms per run (from \(NumberFormat.fixed(saved.minMs)) to \(NumberFormat.fixed(saved.maxMs)) ms; median makespan \(NumberFormat.fixed(statics.medianMs)) → \(NumberFormat.fixed(realised.medianMs)) ms)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The distribution as JSON: `makespans` (and, with re-planning, `staticMakespans`)
    /// hold `minMs`, `medianMs`, `p95Ms` and `maxMs`; `runs` lists every seed's result.
    public static func json(_ runs: Runs) -> JSONValue {
        func summary(_ distribution: MakespanDistribution) -> JSONValue {
            .object([("minMs", .measured(distribution.minMs)), ("medianMs", .measured(distribution.medianMs)),
                     ("p95Ms", .measured(distribution.p95Ms)), ("maxMs", .measured(distribution.maxMs))])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("scenario", .string(runs.scenario.name)),
            ("algorithm", .string(runs.plan.algorithm.rawValue)),
            ("environment", PlanJSON.environment(runs.environment)),
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
}
