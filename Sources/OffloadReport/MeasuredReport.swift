import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// `simulate --measured FILE`: the plan beside the same plan run for real by
/// `tools/offload-testbed` (docs/FORMATS.md §9).
public enum MeasuredReport {
    /// One lane's planned and measured busy time and end.
    public struct LaneComparison: Sendable, Hashable {
        public var lane: Lane
        public var plannedBusyMs: Double
        public var measuredBusyMs: Double
        public var plannedEndMs: Double
        public var measuredEndMs: Double
    }

    /// Per lane that has work in the plan: busy time and last end, planned and measured.
    public static func lanes(plan: Plan, measured: Timeline) -> [LaneComparison] {
        Lane.allCases.compactMap { lane in
            let planned = plan.segments.filter { $0.lane == lane }
            guard !planned.isEmpty else { return nil }
            let real = measured.segments.filter { $0.lane == lane }
            return LaneComparison(lane: lane,
                                  plannedBusyMs: planned.reduce(0) { $0 + $1.durationMs },
                                  measuredBusyMs: real.reduce(0) { $0 + $1.durationMs },
                                  plannedEndMs: planned.map(\.endMs).max() ?? 0,
                                  measuredEndMs: real.map(\.endMs).max() ?? 0)
        }
    }

    /// The signed error of `measured` against `planned`, in percent (0 when nothing was planned).
    public static func errorPercent(planned: Double, measured: Double) -> Double {
        planned > 0 ? (measured / planned - 1) * 100 : 0
    }

    /// Header, the planned and measured Gantt charts on one time axis, and the lanes'
    /// planned and measured busy time and end.
    public static func text(scenario: Scenario, plan: Plan, run: MeasuredRun, measured: Timeline, width: Int) -> String {
        var lines = ["\(scenario.name) — \(plan.algorithm), measured",
                     "environment: " + TextReport.environmentSummary(plan.environment),
                     "measured: \(run.file)" + (run.machine.map { " (\($0))" } ?? ""),
                     "planned makespan \(NumberFormat.fixed(plan.makespanMs)) ms   measured makespan \(NumberFormat.fixed(measured.makespanMs)) ms (\(SimulationReport.change(from: plan.makespanMs, to: measured.makespanMs)))",
                     ""]
        let labels = scenario.jobs.map(\.id)
        let span = max(plan.makespanMs, measured.makespanMs)
        lines.append("planned")
        lines += TextGantt.render(plan.segments, makespanMs: span, jobLabels: labels, width: width)
        lines.append("")
        lines.append("measured")
        lines += TextGantt.render(measured.segments, makespanMs: span, jobLabels: labels, width: width)
        lines.append("")
        let rows = lanes(plan: plan, measured: measured).map { lane in
            [lane.lane.description,
             NumberFormat.fixed(lane.plannedBusyMs), NumberFormat.fixed(lane.measuredBusyMs),
             SimulationReport.change(from: lane.plannedBusyMs, to: lane.measuredBusyMs),
             NumberFormat.fixed(lane.plannedEndMs), NumberFormat.fixed(lane.measuredEndMs),
             SimulationReport.change(from: lane.plannedEndMs, to: lane.measuredEndMs)]
        }
        lines += TextReport.table(headings: ["lane", "planned busy ms", "measured busy ms", "error",
                                             "planned end ms", "measured end ms", "error"],
                                  rows: rows, rightAligned: Set(1..<7))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `measured` member `simulate --measured` adds to its JSON, as the next value of `json`.
    public static func write(scenario: Scenario, plan: Plan, run: MeasuredRun, measured: Timeline, to json: JSONWriter) {
        json.object {
            json.string("file", run.file)
            json.measured("makespanMs", measured.makespanMs)
            json.measured("errorPercent", errorPercent(planned: plan.makespanMs, measured: measured.makespanMs))
            if let machine = run.machine { json.string("machine", machine) }
            json.array("lanes") {
                for lane in lanes(plan: plan, measured: measured) {
                    json.object {
                        json.string("lane", lane.lane.description)
                        json.measured("plannedBusyMs", lane.plannedBusyMs)
                        json.measured("measuredBusyMs", lane.measuredBusyMs)
                        json.measured("busyErrorPercent", errorPercent(planned: lane.plannedBusyMs, measured: lane.measuredBusyMs))
                        json.measured("plannedEndMs", lane.plannedEndMs)
                        json.measured("measuredEndMs", lane.measuredEndMs)
                        json.measured("endErrorPercent", errorPercent(planned: lane.plannedEndMs, measured: lane.measuredEndMs))
                    }
                }
            }
            json.array("segments") {
                for segment in measured.segments {
                    json.object {
                        json.string("lane", segment.lane.description)
                        json.string("job", scenario.jobs[segment.job].id)
                        json.measured("startMs", segment.startMs)
                        json.measured("endMs", segment.endMs)
                    }
                }
            }
        }
    }
}
