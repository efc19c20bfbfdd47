import OffloadScheduler

/// A sweep's curves as an SVG: makespan against bandwidth on log scales, one polyline per
/// algorithm, a legend, and a dashed marker at the current bandwidth with the gain there.
public enum SweepSVG {
    /// `markerNote` is written beside the marker after the bandwidth (by default the best
    /// algorithm's gain at the nearest point).
    public static func render(_ sweep: Sweep, currentMbps: Double?, theme: ExportTheme, markerNote: String? = nil, width: Double = 960,
                              height: Double = 380, standalone: Bool = true) -> String {
        let scale = SweepScale(sweep)
        let left = 78.0, right = 190.0, top = 20.0, bottom = 52.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ mbps: Double) -> Double { left + scale.x(mbps) * plotWidth }
        func py(_ ms: Double) -> Double { top + (1 - scale.y(ms)) * plotHeight }
        var body: [String] = []
        body.append("<rect x=\"\(Markup.number(left))\" y=\"\(Markup.number(top))\" width=\"\(Markup.number(plotWidth))\" height=\"\(Markup.number(plotHeight))\" fill=\"none\" stroke=\"\(theme.border)\"/>")
        for tick in SweepScale.logTicks(from: scale.lowMs, to: scale.highMs, maximum: 8) {
            let y = py(tick)
            body.append(GanttSVG.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: theme.idle))
            body.append(GanttSVG.text(x: left - 8, y: y + 4, SweepScale.label(tick), size: 12, fill: theme.dim, anchor: "end"))
        }
        for tick in SweepScale.logTicks(from: scale.lowMbps, to: scale.highMbps, maximum: 12) {
            let x = px(tick)
            body.append(GanttSVG.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: theme.idle))
            body.append(GanttSVG.text(x: x, y: top + plotHeight + 18, SweepScale.label(tick), size: 12, fill: theme.dim, anchor: "middle"))
        }
        body.append(GanttSVG.text(x: left + plotWidth, y: height - 8, "uplink bandwidth (Mbps, log scale)", size: 12, fill: theme.dim, anchor: "end"))
        body.append("<text x=\"14\" y=\"\(Markup.number(top + plotHeight / 2))\" font-size=\"12\" fill=\"\(theme.dim)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(Markup.number(top + plotHeight / 2)))\">makespan (ms, log scale)</text>")
        // Curves in order, the optimisers from wide to narrow so that where they coincide
        // each shows as a band of its own colour.
        for index in sweep.algorithms.indices {
            let algorithm = sweep.algorithms[index]
            let colour = curveColour(algorithm, theme: theme)
            var runs: [[String]] = [[]]
            for point in sweep.points {
                if let value = point.makespanMs[index], value > 0, value.isFinite {
                    runs[runs.count - 1].append("\(Markup.number(px(point.bandwidthMbps))),\(Markup.number(py(value)))")
                } else if !(runs.last?.isEmpty ?? true) {
                    runs.append([])
                }
            }
            for run in runs where !run.isEmpty {
                let dash = Sweep.monotone.contains(algorithm) ? "" : " stroke-dasharray=\"6 3\""
                body.append("<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(Markup.number(strokeWidth(algorithm)))\"\(dash) stroke-linejoin=\"round\"><title>\(Markup.xml(algorithm.rawValue))</title></polyline>")
            }
        }
        // The current bandwidth.
        if let current = currentMbps, current >= scale.lowMbps, current <= scale.highMbps {
            let x = px(current)
            body.append(GanttSVG.line(x1: x, y1: top, x2: x, y2: top + plotHeight, stroke: theme.text, width: 1.5, dash: "4 3"))
            var label = "\(NumberFormat.compact(current)) Mbps"
            if let markerNote {
                label += ": " + markerNote
            } else if let gain = gain(sweep, at: current) {
                label += ": \(gain.algorithm) \(NumberFormat.fixed(gain.percent, decimals: 1))% faster than partition-only"
            }
            // Right of the marker when it fits in the plot, else left of it.
            let labelWidth = Double(label.count) * 7.4
            let anchorEnd = x + 6 + labelWidth > left + plotWidth && x - 6 - labelWidth >= left
            let shade = "<rect x=\"\(Markup.number(anchorEnd ? x - 10 - labelWidth : x + 2))\" y=\"\(Markup.number(top + 2))\" width=\"\(Markup.number(labelWidth + 8))\" height=\"20\" fill=\"\(theme.background)\" opacity=\"0.85\"/>"
            body.append(shade)
            body.append(GanttSVG.text(x: anchorEnd ? x - 6 : x + 6, y: top + 16, label, size: 13, fill: theme.text, weight: "bold",
                                      anchor: anchorEnd ? "end" : nil))
        }
        // Legend.
        var y = top + 8
        for algorithm in sweep.algorithms {
            let colour = curveColour(algorithm, theme: theme)
            let dash = Sweep.monotone.contains(algorithm) ? nil : "6 3"
            body.append(GanttSVG.line(x1: left + plotWidth + 16, y1: y, x2: left + plotWidth + 44, y2: y, stroke: colour,
                                      width: max(2.5, strokeWidth(algorithm)), dash: dash))
            body.append(GanttSVG.text(x: left + plotWidth + 50, y: y + 4, algorithm.rawValue, size: 13, fill: theme.text))
            y += 21
        }
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg\(namespace) class=\"sweep\" width=\"\(Markup.number(width))\" height=\"\(Markup.number(height))\" viewBox=\"0 0 \(Markup.number(width)) \(Markup.number(height))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\" role=\"img\">\n"
        out += "<title>makespan against uplink bandwidth</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(theme.background)\"/>\n"
        out += body.joined(separator: "\n") + "\n</svg>\n"
        return out
    }

    /// The optimisers' curves narrow from joint to layer-level; the baselines' are thin and dashed.
    static func strokeWidth(_ algorithm: Algorithm) -> Double {
        switch algorithm {
        case .joint: 6
        case .exact: 3.5
        case .layerLevel: 1.5
        default: 1.8
        }
    }

    /// The colour of `algorithm`'s curve.
    public static func curveColour(_ algorithm: Algorithm, theme: ExportTheme) -> String {
        let index = Algorithm.allCases.firstIndex(of: algorithm) ?? 0
        return theme.curves[index % max(1, theme.curves.count)]
    }

    /// The best algorithm's gain over partition-only at the point nearest `mbps`.
    public static func gain(_ sweep: Sweep, at mbps: Double) -> (algorithm: Algorithm, percent: Double)? {
        guard let baseline = sweep.algorithms.firstIndex(of: .partitionOnly),
              let nearest = sweep.points.indices.min(by: { abs(log(sweep.points[$0].bandwidthMbps / mbps)) < abs(log(sweep.points[$1].bandwidthMbps / mbps)) }),
              let base = sweep.points[nearest].makespanMs[baseline], base > 0 else { return nil }
        var best: (Algorithm, Double)?
        for (index, algorithm) in sweep.algorithms.enumerated() where algorithm != .partitionOnly {
            guard let value = sweep.points[nearest].makespanMs[index] else { continue }
            if value < (best?.1 ?? .infinity) { best = (algorithm, value) }
        }
        guard let (algorithm, value) = best else { return nil }
        return (algorithm, (1 - value / base) * 100)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
