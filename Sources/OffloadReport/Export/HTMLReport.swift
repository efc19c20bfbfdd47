import OffloadModel
import OffloadScheduler

/// One self-contained HTML page for people who will never open a terminal (docs/FORMATS.md
/// §10): the Gantt chart as inline SVG, the comparison of every algorithm,
/// the sweep with the current bandwidth marked, and a table of the jobs and their cuts. No
/// network assets: styles are inline, the pictures are inline SVG, fonts are the system's.
public enum HTMLReport {
    public static func render(plan: Plan, scenario: Scenario, comparison: Comparison, sweep: Sweep, theme: ExportTheme,
                              byModel: Bool = false) -> String {
        let title = "\(scenario.name) — \(plan.algorithm)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="offload export">
            <title>\(Markup.xml(title))</title>
            <style>
            \(style(theme))
            </style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(Markup.xml(scenario.name))</h1>
            <p class="subtitle">Plan by <strong>\(Markup.xml(plan.algorithm.rawValue))</strong> · \(Markup.xml(TextReport.environmentSummary(plan.environment))) · \(NumberFormat.grouped(scenario.jobs.count)) job\(scenario.jobs.count == 1 ? "" : "s")</p>
            \(headline(plan: plan, comparison: comparison))
            </header>

            """
        html += section("Schedule", note: "Each block is one job's work on one lane; hover a block for its job, model, layers and times.",
                        content: "<div class=\"figure\">" + GanttSVG.render(plan, scenario: scenario, theme: theme, byModel: byModel, standalone: false) + "</div>")
        html += section("Algorithms compared", note: "Makespan of each algorithm under the same environment; shorter is better.",
                        content: comparisonTable(comparison, current: plan.algorithm, theme: theme))
        html += section("Where collaboration pays", note: sweepNote(sweep, current: plan.environment.bandwidthMbps),
                        content: "<div class=\"figure\">" + SweepSVG.render(sweep, currentMbps: plan.environment.bandwidthMbps, theme: theme,
                                                                                 markerNote: markerNote(plan: plan, comparison: comparison), standalone: false) + "</div>")
        html += section("Jobs and their cuts", note: "In plan order. Each cut runs some layers on the device (with everything they read) and sends the tensors the cloud needs.",
                        content: jobTable(plan, scenario: scenario, theme: theme, byModel: byModel))
        if !scenario.description.isEmpty {
            html += section("About this scenario", note: nil, content: "<p class=\"description\">\(Markup.xml(scenario.description))</p>")
        }
        html += """
            <footer>Made by <code>offload export</code>. Times are planned, in milliseconds.</footer>
            </main>
            </body>
            </html>

            """
        return html
    }

    static func style(_ theme: ExportTheme) -> String {
        """
        :root { color-scheme: \(theme.isDark ? "dark" : "light"); }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: \(theme.background); color: \(theme.text);
          font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 28px 20px 40px; }
        h1 { font-size: 32px; line-height: 1.2; margin: 0 0 6px; }
        h2 { font-size: 22px; margin: 0 0 4px; color: \(theme.accent); }
        .subtitle { margin: 0; color: \(theme.dim); }
        .headline { font-size: 21px; margin: 14px 0 0; padding: 10px 14px; border-left: 5px solid \(theme.accent); background: \(theme.idle); }
        section { margin-top: 30px; break-inside: avoid; page-break-inside: avoid; }
        .note { margin: 0 0 10px; color: \(theme.dim); font-size: 15px; }
        .figure svg { display: block; width: 100%; height: auto; border: 1px solid \(theme.border); }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 10px; border-bottom: 1px solid \(theme.border); text-align: left; }
        th { font-size: 14px; color: \(theme.dim); font-weight: 600; white-space: nowrap; }
        td:first-child { white-space: nowrap; }
        td.num, th.num { text-align: right; }
        tr.current td { font-weight: 700; }
        .bar { height: 14px; background: \(theme.accent); min-width: 2px; }
        tr.current .bar { background: \(theme.good); }
        .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
        .good { color: \(theme.good); } .bad { color: \(theme.bad); }
        .description { font-size: 15px; color: \(theme.dim); }
        footer { margin-top: 36px; font-size: 13px; color: \(theme.dim); }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          h1 { font-size: 20pt; }
          .figure svg { border: none; }
          section { margin-top: 18px; }
        }
        """
    }

    static func headline(plan: Plan, comparison: Comparison) -> String {
        guard let gain = comparison.gainPercent(plan.makespanMs), plan.algorithm != .partitionOnly,
              let baseline = comparison.makespan(of: .partitionOnly) else {
            return "<p class=\"headline\">Makespan <strong>\(NumberFormat.fixed(plan.makespanMs)) ms</strong>.</p>"
        }
        let direction = gain >= 0 ? "faster" : "slower"
        return "<p class=\"headline\">Makespan <strong>\(NumberFormat.fixed(plan.makespanMs)) ms</strong>: "
            + "<strong class=\"\(gain >= 0 ? "good" : "bad")\">\(NumberFormat.fixed(abs(gain), decimals: 1))% \(direction)</strong> "
            + "than each job choosing its own best cut (partition-only, \(NumberFormat.fixed(baseline)) ms).</p>"
    }

    /// `joint 38.7% faster than partition-only`, from the comparison at the plan's bandwidth.
    static func markerNote(plan: Plan, comparison: Comparison) -> String? {
        guard plan.algorithm != .partitionOnly, let gain = comparison.gainPercent(plan.makespanMs) else { return nil }
        return "\(plan.algorithm) \(NumberFormat.fixed(abs(gain), decimals: 1))% \(gain >= 0 ? "faster" : "slower") than partition-only"
    }

    static func section(_ title: String, note: String?, content: String) -> String {
        var out = "<section>\n<h2>\(Markup.xml(title))</h2>\n"
        if let note { out += "<p class=\"note\">\(Markup.xml(note))</p>\n" }
        return out + content + "\n</section>\n"
    }

    static func comparisonTable(_ comparison: Comparison, current: Algorithm, theme: ExportTheme) -> String {
        let longest = comparison.entries.compactMap(\.makespanMs).max() ?? 1
        var rows = ["<table class=\"comparison\">",
                    "<tr><th>algorithm</th><th>what it does</th><th class=\"num\">makespan ms</th><th class=\"num\">vs partition-only</th><th style=\"width:26%\"></th></tr>"]
        for entry in comparison.entries {
            let name = Markup.xml(entry.algorithm.rawValue)
            let summary = Markup.xml(entry.algorithm.summary)
            guard let makespan = entry.makespanMs else {
                rows.append("<tr><td>\(name)</td><td>\(summary)</td><td class=\"num\">–</td><td colspan=\"2\">\(Markup.xml(entry.error?.commandLineReason ?? "no plan"))</td></tr>")
                continue
            }
            let gain = comparison.gainPercent(makespan).map { value -> String in
                let sign = value > 0.05 ? "good" : value < -0.05 ? "bad" : ""
                return "<span class=\"\(sign)\">\(value > 0 ? "−" : value < 0 ? "+" : "")\(NumberFormat.fixed(abs(value), decimals: 1))%</span>"
            } ?? "–"
            let width = longest > 0 ? max(0.5, makespan / longest * 100) : 0
            rows.append("<tr\(entry.algorithm == current ? " class=\"current\"" : "")><td>\(name)</td><td>\(summary)</td><td class=\"num\">\(NumberFormat.fixed(makespan))</td><td class=\"num\">\(gain)</td><td><div class=\"bar\" style=\"width:\(Markup.number(width))%\"></div></td></tr>")
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    static func sweepNote(_ sweep: Sweep, current: Double) -> String {
        var note = "Makespan against uplink bandwidth (\(NumberFormat.grouped(sweep.points.count)) points); the dashed line marks the plan's bandwidth, \(NumberFormat.compact(current)) Mbps."
        let findings = SweepFindings(sweep)
        if let peak = findings.peak {
            note += " The gain over partition-only peaks at \(NumberFormat.compact(SweepReport.round3(peak.bandwidthMbps))) Mbps: \(peak.algorithm) \(NumberFormat.fixed(peak.gainPercent, decimals: 1))% faster."
        }
        return note
    }

    static func jobTable(_ plan: Plan, scenario: Scenario, theme: ExportTheme, byModel: Bool) -> String {
        let colouring = JobColouring(scenario: scenario, byModel: byModel)
        var rows = ["<table class=\"jobs\">",
                    "<tr><th>job</th><th>model</th><th class=\"num\">layers on device</th><th class=\"num\">device ms</th><th class=\"num\">uplink ms</th><th class=\"num\">cloud ms</th><th class=\"num\">sent bytes</th><th class=\"num\">finish ms</th></tr>"]
        for job in plan.order where scenario.jobs.indices.contains(job) && plan.cuts.indices.contains(job) {
            let model = scenario.model(ofJob: job)
            let cut = plan.cuts[job]
            let times = plan.times[job]
            let colour = theme.jobColour(colouring.index(job))
            rows.append("<tr><td><span class=\"swatch\" style=\"background:\(colour)\"></span>\(Markup.xml(scenario.jobs[job].id))</td><td>\(Markup.xml(model.name))</td>"
                        + "<td class=\"num\">\(NumberFormat.grouped(cut.deviceLayerCount)) of \(NumberFormat.grouped(model.layers.count))</td><td class=\"num\">\(NumberFormat.fixed(times.device))</td>"
                        + "<td class=\"num\">\(NumberFormat.fixed(times.uplink))</td><td class=\"num\">\(NumberFormat.fixed(times.cloud))</td>"
                        + "<td class=\"num\">\(NumberFormat.grouped(cut.uplinkBytes))</td><td class=\"num\">\(NumberFormat.fixed(plan.finishMs[job]))</td></tr>")
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }
}
