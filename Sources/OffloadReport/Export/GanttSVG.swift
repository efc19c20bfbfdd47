import OffloadModel
import OffloadScheduler

/// A plan's Gantt chart as a standalone SVG (docs/FORMATS.md §10): three
/// labelled lanes, a time axis with round ticks, one `<rect>` per segment coloured per job
/// with a `<title>` tooltip, labels where they fit, a legend and a caption.
public enum GanttSVG {
    /// Where things go, in SVG user units (1 unit = 1 px at 100 %).
    public struct Geometry: Sendable, Equatable {
        public var width = 960.0
        /// Room for the lane labels, left of the time axis's 0.
        public var left = 84.0
        public var right = 28.0
        /// The first lane's top (below the two caption lines).
        public var top = 62.0
        public var laneHeight = 40.0
        public var laneGap = 8.0

        public init() {}

        public var plotWidth: Double { width - left - right }

        /// The top of `lane`'s row.
        public func laneTop(_ lane: Lane) -> Double { top + Double(lane.rawValue) * (laneHeight + laneGap) }

        /// Where time `ms` lies on an axis spanning `spanMs`.
        public func x(_ ms: Double, spanMs: Double) -> Double { left + ms / spanMs * plotWidth }

        /// The bottom of the last lane.
        public var lanesBottom: Double { laneTop(.cloud) + laneHeight }
    }

    /// The SVG document, coloured by job or, with `byModel`, by model. With `standalone`
    /// false it is an inline `<svg>` for HTML (no XML declaration or namespace).
    public static func render(_ plan: Plan, scenario: Scenario, theme: ExportTheme, byModel: Bool = false,
                              geometry: Geometry = Geometry(), standalone: Bool = true) -> String {
        let g = geometry
        let span = plan.makespanMs > 0 && plan.makespanMs.isFinite ? plan.makespanMs : 1
        let colouring = JobColouring(scenario: scenario, byModel: byModel)
        let colour = { (job: Int) -> String in theme.jobColour(colouring.index(job)) }
        var body: [String] = []
        // Caption.
        body.append(text(x: 12, y: 22, "\(scenario.name) — \(plan.algorithm)", size: 17, fill: theme.text, weight: "bold"))
        body.append(text(x: 12, y: 44, caption(plan), size: 13, fill: theme.dim))
        // Lanes.
        for lane in Lane.allCases {
            let top = g.laneTop(lane)
            body.append("<rect class=\"lane\" x=\"\(Markup.number(g.left))\" y=\"\(Markup.number(top))\" width=\"\(Markup.number(g.plotWidth))\" height=\"\(Markup.number(g.laneHeight))\" fill=\"\(theme.idle)\"/>")
            body.append(text(x: g.left - 10, y: top + g.laneHeight / 2 + 5, lane.description, size: 14, fill: theme.lanes[lane.rawValue],
                             weight: "bold", anchor: "end"))
        }
        // Time axis.
        let axisY = g.lanesBottom + 6
        let unit = TimeAxis.unit(forSpanMs: span)
        let step = TimeAxis.niceStep(atLeast: span / unit.ms / max(2, (g.plotWidth / 90).rounded(.down)))
        body.append(line(x1: g.left, y1: axisY, x2: g.left + g.plotWidth, y2: axisY, stroke: theme.border))
        var tick = 0.0
        while tick * unit.ms <= span * (1 + 1e-9) {
            let x = g.x(tick * unit.ms, spanMs: span)
            body.append(line(x1: x, y1: axisY, x2: x, y2: axisY + 5, stroke: theme.border))
            body.append(text(x: x, y: axisY + 19, TimeAxis.label(tick, step: step), size: 12, fill: theme.dim, anchor: "middle"))
            tick += step
        }
        body.append(text(x: g.left + g.plotWidth, y: axisY + 36, "time (\(unit.name))", size: 12, fill: theme.dim, anchor: "end"))
        // Segments.
        body.append("<g class=\"segments\">")
        for segment in plan.segments {
            let x = g.x(segment.startMs, spanMs: span)
            let width = max(0, g.x(segment.endMs, spanMs: span) - x)
            let y = g.laneTop(segment.lane) + 3
            let height = g.laneHeight - 6
            let fill = colour(segment.job)
            let id = scenario.jobs.indices.contains(segment.job) ? scenario.jobs[segment.job].id : "job \(segment.job)"
            body.append("<rect x=\"\(Markup.number(x))\" y=\"\(Markup.number(y))\" width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" fill=\"\(fill)\" stroke=\"\(theme.background)\" stroke-width=\"0.5\"><title>\(Markup.xml(tooltip(segment, plan: plan, scenario: scenario)))</title></rect>")
            if let label = fitting(id, width: width - 6) {
                body.append(text(x: x + width / 2, y: y + height / 2 + 4.5, label, size: 12, fill: ExportTheme.textColour(on: fill),
                                 anchor: "middle", pointerEvents: false))
            }
        }
        body.append("</g>")
        // Legend: one swatch per job (or model), in rows; at most `legendEntries`.
        var legendX = 12.0, legendY = axisY + 56
        for (number, entry) in colouring.legend.enumerated() {
            if number == Self.legendEntries {
                body.append(text(x: legendX, y: legendY, "… and \(colouring.legend.count - number) more", size: 12, fill: theme.dim))
                break
            }
            let label = entry.label
            let itemWidth = 22 + Double(min(label.count, 24)) * 7 + 16
            if legendX + itemWidth > g.width - 12 && legendX > 12 {
                legendX = 12
                legendY += 20
            }
            body.append("<rect x=\"\(Markup.number(legendX))\" y=\"\(Markup.number(legendY - 11))\" width=\"14\" height=\"14\" fill=\"\(theme.jobColour(entry.index))\"/>")
            body.append(text(x: legendX + 20, y: legendY, String(label.prefix(24)), size: 12, fill: theme.text))
            legendX += itemWidth
        }
        let height = legendY + 14
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg\(namespace) class=\"gantt\" width=\"\(Markup.number(g.width))\" height=\"\(Markup.number(height))\" viewBox=\"0 0 \(Markup.number(g.width)) \(Markup.number(height))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\" shape-rendering=\"crispEdges\" role=\"img\">\n"
        out += "<title>\(Markup.xml("\(scenario.name) — \(plan.algorithm): " + caption(plan)))</title>\n"
        out += "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"\(theme.background)\"/>\n"
        out += body.joined(separator: "\n") + "\n</svg>\n"
        return out
    }

    /// The most legend entries drawn; the rest are counted.
    public static let legendEntries = 32

    /// `device ×1, cloud ×1, 18.88 Mbps, latency 0 ms · makespan 219.40 ms`.
    public static func caption(_ plan: Plan) -> String {
        TextReport.environmentSummary(plan.environment) + " · makespan \(NumberFormat.fixed(plan.makespanMs)) ms"
    }

    /// `scene-1 · alexnet · 8 of 21 layers on the device · 0.00–20.26 ms`.
    public static func tooltip(_ segment: Segment, plan: Plan, scenario: Scenario) -> String {
        guard scenario.jobs.indices.contains(segment.job), plan.cuts.indices.contains(segment.job) else {
            return "job \(segment.job) · \(segment.lane) · \(NumberFormat.fixed(segment.startMs))–\(NumberFormat.fixed(segment.endMs)) ms"
        }
        let model = scenario.model(ofJob: segment.job)
        let cut = plan.cuts[segment.job]
        let total = model.layers.count
        let what: String
        switch (segment.work, segment.lane) {
        case (.wholeStage, .device): what = "\(NumberFormat.grouped(cut.deviceLayerCount)) of \(NumberFormat.grouped(total)) layers on the device"
        case (.wholeStage, .cloud): what = "\(total - cut.deviceLayerCount) of \(total) layers in the cloud"
        case (.wholeStage, .uplink):
            what = "sends \(NumberFormat.grouped(cut.uplinkBytes)) bytes (\(NumberFormat.counted(cut.sentTensors.count, "tensor")))"
        case let (.items(items), .uplink): what = "sends \(NumberFormat.counted(items.count, "tensor"))"
        case let (.items(items), _):
            let names = items.prefix(4).compactMap { model.layers.indices.contains($0) ? model.layers[$0].name : nil }
            what = "\(NumberFormat.counted(items.count, "layer")) (\(names.joined(separator: ", "))\(items.count > 4 ? ", …" : ""))"
        }
        return "\(scenario.jobs[segment.job].id) · \(model.name) · \(segment.lane): \(what) · "
            + "\(NumberFormat.fixed(segment.startMs))–\(NumberFormat.fixed(segment.endMs)) ms"
    }

    /// `label` when it fits in `width` units at 12 px, else nil.
    static func fitting(_ label: String, width: Double) -> String? {
        Double(label.count) * 7 <= width ? label : nil
    }

    static func text(x: Double, y: Double, _ content: String, size: Double, fill: String, weight: String? = nil,
                     anchor: String? = nil, pointerEvents: Bool = true) -> String {
        var attributes = "x=\"\(Markup.number(x))\" y=\"\(Markup.number(y))\" font-size=\"\(Markup.number(size))\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if !pointerEvents { attributes += " pointer-events=\"none\"" }
        return "<text \(attributes)>\(Markup.xml(content))</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) -> String {
        var out = "<line x1=\"\(Markup.number(x1))\" y1=\"\(Markup.number(y1))\" x2=\"\(Markup.number(x2))\" y2=\"\(Markup.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Markup.number(width))\""
        if let dash { out += " stroke-dasharray=\"\(dash)\"" }
        return out + "/>"
    }
}
