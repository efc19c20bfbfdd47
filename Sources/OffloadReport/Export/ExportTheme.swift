/// The colours of the exported pictures (SVG, HTML), as CSS hex colours `#rrggbb`.
///
/// The dashboard's themes (`themes/*.theme`) convert to this (`OffloadDashboard`'s
/// `ExportThemes`), so that an export looks like the dashboard; `light` is built in.
public struct ExportTheme: Sendable, Equatable {
    public var name: String
    public var background: String
    public var text: String
    public var dim: String
    public var border: String
    public var accent: String
    /// The lanes' label colours, device, uplink, cloud.
    public var lanes: [String]
    /// The background of the lanes, behind the blocks.
    public var idle: String
    public var good: String
    public var bad: String
    /// One colour per job, used in turn; at least one.
    public var jobs: [String]
    /// Colours for the curves of the sweep, one per algorithm in `Algorithm.allCases` order.
    public var curves: [String]

    public init(name: String, background: String, text: String, dim: String, border: String, accent: String, lanes: [String],
                idle: String, good: String, bad: String, jobs: [String], curves: [String]? = nil) {
        self.name = name
        self.background = background
        self.text = text
        self.dim = dim
        self.border = border
        self.accent = accent
        self.lanes = lanes.count == 3 ? lanes : [accent, accent, accent]
        self.idle = idle
        self.good = good
        self.bad = bad
        self.jobs = jobs.isEmpty ? [accent] : jobs
        self.curves = curves ?? Self.curveColours(jobs: self.jobs, dim: dim)
    }

    /// The colour of job (or model) number `index`, cycling through the palette.
    public func jobColour(_ index: Int) -> String {
        jobs[((index % jobs.count) + jobs.count) % jobs.count]
    }

    /// Black or white, whichever reads better on `colour` (`#rrggbb`).
    public static func textColour(on colour: String) -> String {
        guard let luminance = luminance(colour) else { return "#000000" }
        return luminance > 0.55 ? "#000000" : "#ffffff"
    }

    /// Relative brightness of `#rrggbb`, 0 to 1.
    public static func luminance(_ colour: String) -> Double? {
        guard colour.count == 7, colour.hasPrefix("#"), let value = UInt32(colour.dropFirst(), radix: 16) else { return nil }
        let red = Double((value >> 16) & 0xFF), green = Double((value >> 8) & 0xFF), blue = Double(value & 0xFF)
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255
    }

    /// Whether the background is dark.
    public var isDark: Bool { (Self.luminance(background) ?? 1) < 0.5 }

    /// The built-in light theme: the same colours as `themes/light.theme`.
    public static let light = ExportTheme(
        name: "light", background: "#fafafa", text: "#262626", dim: "#6c6c6c", border: "#bcbcbc", accent: "#005f87",
        lanes: ["#3a7d00", "#005fd7", "#8700af"], idle: "#e4e4e4", good: "#008700", bad: "#d70000",
        jobs: ["#1f77b4", "#e07b00", "#2ca02c", "#9467bd", "#b8860b", "#17a2b8", "#d6457a", "#7f7f7f"])

    /// Curves: local and cloud in greys, the baselines and the optimisers in the palette.
    private static func curveColours(jobs: [String], dim: String) -> [String] {
        let pick = { (index: Int) in jobs[index % jobs.count] }
        return [dim, pick(5), pick(1), pick(3), pick(0), pick(2), pick(6)]
    }
}
