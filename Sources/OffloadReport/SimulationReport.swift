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
    /// lanes' metrics, the critical path and, with re-planning, what it saved; `more` writes
    /// any members that follow (`simulate --measured` adds `measured`).
    public static func json(_ played: Played, then more: (JSONWriter) -> Void = { _ in }) -> JSONDocument {
        let scenario = played.scenario, plan = played.plan, timeline = played.timeline
        let names = PlanJSON.Names(scenario)
        return JSONWriter.document(capacity: 8192 * (scenario.jobs.count + 16)) { json in
            json.object {
                json.string("scenario", scenario.name)
                json.string("algorithm", plan.algorithm.rawValue)
                json.key("environment")
                PlanJSON.environment(played.environment, to: json)
                trace(played.environment, to: json)
                json.measured("plannedMakespanMs", plan.makespanMs)
                json.measured("makespanMs", timeline.makespanMs)
                json.measured("lowerBoundMs", plan.lowerBoundMs)
                json.key("optimality")
                PlanJSON.optimality(plan.optimality, to: json)
                if let jitter = played.jitter {
                    json.key("jitter")
                    self.jitter(percent: jitter.percent, firstSeed: jitter.seed, runCount: 1, to: json)
                }
                if let staticTimeline = played.staticTimeline {
                    let saved = staticTimeline.makespanMs - timeline.makespanMs
                    json.object("replan") {
                        json.measured("staticMakespanMs", staticTimeline.makespanMs)
                        json.measured("savedMs", saved)
                        json.measured("savedPercent", staticTimeline.makespanMs > 0 ? saved / staticTimeline.makespanMs * 100 : 0)
                        json.array("replans") {
                            for replan in timeline.replans {
                                json.object {
                                    json.measured("atMs", replan.atMs)
                                    json.exact("mbps", replan.mbps)
                                    json.strings("jobs", replan.jobs.map { scenario.jobs[$0].id })
                                }
                            }
                        }
                    }
                }
                json.array("lanes") {
                    for metrics in timeline.lanes {
                        json.object {
                            json.string("lane", metrics.lane.description)
                            json.measured("busyMs", metrics.busyMs)
                            json.measured("utilisationPercent", metrics.utilisation * 100)
                            json.measured("idleMs", metrics.idleMs)
                            json.array("idleGaps") {
                                for gap in metrics.idleGaps {
                                    json.object {
                                        json.measured("startMs", gap.startMs)
                                        json.measured("endMs", gap.endMs)
                                    }
                                }
                            }
                        }
                    }
                }
                json.array("criticalPath") {
                    for step in timeline.criticalPath {
                        let segment = timeline.segments[step.segment]
                        json.object {
                            json.string("lane", segment.lane.description)
                            json.string("job", scenario.jobs[segment.job].id)
                            json.measured("startMs", segment.startMs)
                            json.measured("endMs", segment.endMs)
                            json.string("after", step.cause.rawValue)
                            json.measured("waitMs", step.waitMs)
                        }
                    }
                }
                var busy = [[Double]](repeating: [0, 0, 0], count: scenario.jobs.count)
                for segment in timeline.segments { busy[segment.job][segment.lane.rawValue] += segment.durationMs }
                let positions = PlanJSON.positions(in: plan)
                json.array("jobs") {
                    for job in scenario.jobs.indices {
                        self.job(job, busy: busy[job], position: positions[job], played: played, names: names, to: json)
                    }
                }
                json.array("segments") {
                    for segment in timeline.segments { PlanJSON.segment(segment, cuts: timeline.cuts, scenario: scenario, names: names, to: json) }
                }
                more(json)
            }
        }
    }

    /// `bandwidthTrace`: `{"pointCount", "minMbps", "maxMbps", "lastChangeMs"}`, left out
    /// for a constant link.
    static func trace(_ environment: Environment, to json: JSONWriter) {
        guard let trace = environment.bandwidthTrace, !trace.isEmpty else { return }
        let rates = trace.map(\.mbps)
        json.object("bandwidthTrace") {
            json.int("pointCount", trace.count)
            json.exact("minMbps", rates.min() ?? 0)
            json.exact("maxMbps", rates.max() ?? 0)
            json.measured("lastChangeMs", trace.last?.atMs ?? 0)
        }
    }

    /// `{"percent", "firstSeed", "runCount"}`: the same block for one run (`runCount` 1) and many.
    static func jitter(percent: Double, firstSeed: UInt64, runCount: Int, to json: JSONWriter) {
        json.object {
            json.measured("percent", percent)
            json.key("firstSeed")
            seed(firstSeed, to: json)
            json.int("runCount", runCount)
        }
    }

    /// A seed: a number, or a string when it is too large for an `Int`.
    static func seed(_ seed: UInt64, to json: JSONWriter) {
        if seed <= UInt64(Int.max) { json.int(Int(seed)) } else { json.string(String(seed)) }
    }

    /// One job: its cut as played, its realised time on each lane, its planned and realised finish.
    private static func job(_ job: Int, busy: [Double], position: Int, played: Played, names: PlanJSON.Names, to json: JSONWriter) {
        let scenario = played.scenario, timeline = played.timeline
        let modelIndex = scenario.jobs[job].modelIndex
        let cut = timeline.cuts[job]
        json.object {
            json.string("id", names.jobs, at: job)
            json.int("position", position)
            json.string("model", names.models, at: modelIndex)
            PlanJSON.deviceLayers(ofModel: modelIndex, cut: cut, names: names, to: json)
            json.int("uplinkBytes", cut.uplinkBytes)
            json.measured("deviceMs", busy[0])
            json.measured("uplinkMs", busy[1])
            json.measured("cloudMs", busy[2])
            json.measured("plannedFinishMs", played.plan.finishMs[job])
            json.measured("finishMs", timeline.finishMs[job])
        }
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
    public static func json(_ runs: Runs) -> JSONDocument {
        func summary(_ key: StaticString, _ distribution: MakespanDistribution, to json: JSONWriter) {
            json.object(key) {
                json.measured("minMs", distribution.minMs)
                json.measured("medianMs", distribution.medianMs)
                json.measured("p95Ms", distribution.p95Ms)
                json.measured("maxMs", distribution.maxMs)
            }
        }
        return JSONWriter.document { json in
            json.object {
                json.string("scenario", runs.scenario.name)
                json.string("algorithm", runs.plan.algorithm.rawValue)
                json.key("environment")
                PlanJSON.environment(runs.environment, to: json)
                trace(runs.environment, to: json)
                json.measured("plannedMakespanMs", runs.plan.makespanMs)
                json.key("jitter")
                jitter(percent: runs.jitterPercent, firstSeed: runs.runs.first?.seed ?? 1, runCount: runs.runs.count, to: json)
                if let realised = runs.realised { summary("makespans", realised, to: json) }
                if let statics = runs.statics { summary("staticMakespans", statics, to: json) }
                json.array("runs") {
                    for run in runs.runs {
                        json.object {
                            json.key("seed")
                            seed(run.seed, to: json)
                            json.measured("makespanMs", run.makespanMs)
                            if let staticMakespan = run.staticMakespanMs { json.measured("staticMakespanMs", staticMakespan) }
                        }
                    }
                }
            }
        }
    }
}
