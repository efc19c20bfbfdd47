import OffloadModel
import OffloadReport

/// The dashboard's themes as colours for exported pictures (`ExportTheme`), so that an SVG
/// or HTML export looks like the dashboard.
public enum ExportThemes {
    /// The theme `name` of `themesFolder` (nil: only the built-in themes) for an export. Without
    /// a themes folder, `light` is the built-in export theme and `default` the built-in dashboard theme.
    public static func load(_ name: String, themesFolder: String?) throws(InputError) -> ExportTheme {
        let catalog = ThemeCatalog(folder: themesFolder)
        if name == "light", !catalog.names.contains("light") { return .light }
        try catalog.requireTheme(named: name)
        return convert(try catalog.load(name))
    }

    /// `theme` with its colours as `#rrggbb`. The terminal's default colours, which a
    /// picture does not have, become a dark background and light text (the default theme
    /// is made for dark terminals).
    static func convert(_ theme: Theme) -> ExportTheme {
        let background = hex(theme[.background]) ?? "#1c1c1c"
        let dark = (ExportTheme.luminance(background) ?? 0) < 0.5
        let text = hex(theme[.text]) ?? (dark ? "#e4e4e4" : "#262626")
        func colour(_ role: ThemeRole, _ fallback: String) -> String { hex(theme[role]) ?? fallback }
        let jobs = theme.jobs.compactMap(hex)
        return ExportTheme(
            name: theme.name, background: background, text: text, dim: colour(.dim, text), border: colour(.border, text),
            accent: colour(.accent, text), lanes: [colour(.laneDevice, text), colour(.laneUplink, text), colour(.laneCloud, text)],
            idle: colour(.idle, dark ? "#303030" : "#e4e4e4"), good: colour(.good, text), bad: colour(.bad, text),
            jobs: jobs.isEmpty ? ExportTheme.light.jobs : jobs)
    }

    static func hex(_ colour: TerminalColor) -> String? {
        guard let (red, green, blue) = colour.rgbComponents else { return nil }
        let digits = Array("0123456789abcdef")
        return "#" + String([red, green, blue].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }
}
