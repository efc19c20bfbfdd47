/// A colour theme: a colour for each semantic role and a palette for the jobs.
///
/// Themes are read from `themes/NAME.theme` (`ThemeFile`); the default (dark) theme is
/// also built in. A theme is written with 24-bit and 256-colour values and reduced to
/// what the terminal can show (`reduced(to:)`).
struct Theme: Sendable, Equatable {
    /// The file's name without `.theme`.
    var name: String
    var colours: [ThemeRole: TerminalColor]
    /// One colour per job (or model), used in turn; at least one.
    var jobs: [TerminalColor]

    /// The colour of `role` (the terminal's default when the theme leaves it out).
    subscript(role: ThemeRole) -> TerminalColor { colours[role] ?? .terminalDefault }

    /// The colour of job (or model) number `index`, cycling through the palette.
    func jobColour(_ index: Int) -> TerminalColor {
        jobs.isEmpty ? .terminalDefault : jobs[((index % jobs.count) + jobs.count) % jobs.count]
    }

    /// Whether jobs can be told apart by colour: the palette has at least two colours that
    /// are not the terminal's default. Otherwise jobs are drawn with fill patterns.
    var distinguishesJobs: Bool {
        Set(jobs.filter { $0 != .terminalDefault }).count >= 2
    }

    /// How far the selection colour must stand from every job colour (ΔE*ab,
    /// `TerminalColor.perceptualDistance`): well beyond the 23–27 that separates
    /// neighbouring job colours, so the selected job never looks like another
    /// (docs/FORMATS.md, "Theme files").
    static let minimumSelectionDistance = 35.0

    /// The job colours (their indices in `jobs`) that lie nearer the selection colour than
    /// `minimumSelectionDistance`. Colours the terminal picks (`default`) are left out.
    var jobsNearSelection: [Int] {
        jobs.indices.filter { index in
            guard let distance = self[.selection].perceptualDistance(to: jobs[index]) else { return false }
            return distance < Self.minimumSelectionDistance
        }
    }

    /// The theme as the terminal can show it: every colour reduced to `mode`.
    func reduced(to mode: ColorMode) -> Theme {
        var copy = self
        copy.colours = colours.mapValues { $0.reduced(to: mode) }
        copy.jobs = jobs.map { $0.reduced(to: mode) }
        return copy
    }

    /// The theme with no colour at all (`mono`, `NO_COLOR`).
    static let mono = Theme(name: "mono", colours: [:], jobs: [.terminalDefault])
}
