import OffloadModel
import OffloadScheduler

/// Writes the exported pictures of one plan: `offload export` and the dashboard's `e`.
public enum Exporter {
    /// Where to write each format; nil for a format not asked for.
    public struct Targets: Sendable, Equatable {
        public var svg: String?
        public var html: String?
        public var mermaid: String?

        public init(svg: String? = nil, html: String? = nil, mermaid: String? = nil) {
            self.svg = svg
            self.html = html
            self.mermaid = mermaid
        }

        public var isEmpty: Bool { svg == nil && html == nil && mermaid == nil }
    }

    /// The sweep an HTML page shows unless given one: the default algorithms over the
    /// default range around the plan's bandwidth, 40 points.
    public static func defaultSweep(planner: Planner, environment: Environment) -> Sweep {
        let (low, high) = Sweep.defaultRange(around: environment.bandwidthMbps)
        var sweep = Sweep(planner: planner, environment: environment,
                          algorithms: Sweep.defaultAlgorithms(jobs: planner.scenario.jobs.count),
                          bandwidths: Sweep.logSpaced(from: low, to: high, steps: 40))
        sweep.computeAll()
        return sweep
    }

    /// Writes each target (each file whole or not at all) and returns the paths written;
    /// blocks are coloured by job, or with `byModel` by model.
    /// `planner` plans the comparison and, when `sweep` is nil or incomplete, the sweep.
    public static func write(_ plan: Plan, scenario: Scenario, planner: Planner, theme: ExportTheme, targets: Targets,
                             byModel: Bool = false, sweep: Sweep? = nil) throws(InputError) -> [String] {
        var written: [String] = []
        if let path = targets.svg {
            try FileWriter.write(GanttSVG.render(plan, scenario: scenario, theme: theme, byModel: byModel), toPath: path)
            written.append(path)
        }
        if let path = targets.html {
            let comparison = Comparison(planner: planner, environment: plan.environment)
            var curves = sweep ?? defaultSweep(planner: planner, environment: plan.environment)
            curves.computeAll()
            try FileWriter.write(HTMLReport.render(plan: plan, scenario: scenario, comparison: comparison, sweep: curves, theme: theme,
                                                     byModel: byModel), toPath: path)
            written.append(path)
        }
        if let path = targets.mermaid {
            try FileWriter.write(MermaidGantt.render(plan, scenario: scenario), toPath: path)
            written.append(path)
        }
        return written
    }
}
