/// The styles widgets draw with: a theme reduced to the terminal's colours, with the
/// fallbacks for terminals without colour (patterns, reverse video) decided once.
struct Palette: Sendable {
    let theme: Theme
    let glyphs: Glyphs
    /// Jobs are told apart by fill patterns rather than colour.
    let patterns: Bool
    /// No colour at all: emphasis by bold, underline and reverse video only.
    let monochrome: Bool

    init(theme: Theme, mode: ColorMode, unicode: Bool) {
        var reduced = theme.reduced(to: mode)
        if mode == .basic8 { reduced = Self.selectionApart(reduced) }
        self.theme = reduced
        glyphs = Glyphs.forUnicode(unicode)
        monochrome = mode == .none || reduced.colours.values.allSatisfy { $0 == .terminalDefault }
        patterns = monochrome || !reduced.distinguishesJobs
    }

    /// With eight colours the job palette takes most of them, and the selection's colour
    /// usually falls on a job's: then the selection takes a basic colour that no job,
    /// nor the background, idle track or critical path, uses (blue first), with black or
    /// white text on it; if every colour is taken, it stays as reduced.
    static func selectionApart(_ theme: Theme) -> Theme {
        guard theme.jobs.contains(theme[.selection]) else { return theme }
        let taken = Set(theme.jobs + [theme[.background], theme[.idle], theme[.critical]])
        guard let free = [4, 1, 2, 5, 6, 3, 7].map({ TerminalColor.palette(UInt8($0)) }).first(where: { !taken.contains($0) }) else {
            return theme
        }
        var copy = theme
        copy.colours[.selection] = free
        copy.colours[.selectionText] = .palette((free.luminance ?? 0) > 0.5 ? 0 : 7)
        return copy
    }

    var background: TerminalColor { theme[.background] }

    /// Text in `role`'s colour on the screen's background.
    func style(_ role: ThemeRole, bold: Bool = false, dim: Bool = false) -> Style {
        Style(foreground: theme[role], background: background, bold: bold, dim: dim && monochrome)
    }

    var text: Style { style(.text) }
    var dim: Style { monochrome ? Style(dim: true) : style(.dim) }
    var accent: Style { style(.accent, bold: true) }
    var border: Style { style(.border) }
    var title: Style { style(.title, bold: true) }
    var error: Style { style(.error, bold: true) }
    var header: Style { Style(foreground: theme[.headerText], background: theme[.headerBackground], reverse: monochrome) }
    var headerAccent: Style { Style(foreground: theme[.accent], background: theme[.headerBackground], bold: true, reverse: monochrome) }
    var headerDim: Style { Style(foreground: theme[.dim], background: theme[.headerBackground], reverse: monochrome) }
    /// A warning in the header (unsaved changes): bold, in the error colour.
    var headerWarning: Style { Style(foreground: theme[.error], background: theme[.headerBackground], bold: true, reverse: monochrome) }
    var keyBar: Style { Style(foreground: theme[.keybarText], background: theme[.keybarBackground]) }
    var keyBarKey: Style { Style(foreground: theme[.keybarKey], background: theme[.keybarBackground], bold: true, reverse: monochrome) }
    /// The selected table row.
    var selection: Style {
        monochrome ? Style(reverse: true) : Style(foreground: theme[.selectionText], background: theme[.selection], bold: true)
    }

    /// The colour of a job's block: by job, or by model when `colourIndex` is a model's.
    func jobColour(_ colourIndex: Int, selected: Bool) -> TerminalColor {
        selected && !patterns ? theme[.selection] : theme.jobColour(colourIndex)
    }

    /// Black or white text, whichever reads better on `colour`.
    func textColour(on colour: TerminalColor) -> TerminalColor {
        guard let luminance = colour.luminance else { return theme[.text] }
        let dark = luminance > 0.5
        switch colour {
        case .rgb: return dark ? .rgb(red: 0, green: 0, blue: 0) : .rgb(red: 255, green: 255, blue: 255)
        case let .palette(index) where index < 16: return .palette(dark ? 0 : 7)
        default: return .palette(dark ? 16 : 231)
        }
    }
}
