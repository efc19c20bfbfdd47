import OffloadScheduler

/// Something the user asked for. Keys and clicks become actions through the key table
/// (`KeyBindings`) and the screen layout; `DashboardState.apply` carries them out.
enum Action: Sendable, Equatable {
    // Environment
    /// One step of a knob along its ladder.
    case step(Knob, up: Bool)
    /// A bandwidth preset, by its index in `BandwidthPreset.all`.
    case bandwidthPreset(Int)
    /// Back to the environment the scenario was loaded with.
    case resetEnvironment

    // Plan
    /// The next (or previous) algorithm that can plan this scenario.
    case cycleAlgorithm(forward: Bool)
    case chooseAlgorithm(Algorithm)
    case duplicateJob
    case deleteJob

    // Jobs
    case moveSelection(SelectionMove)
    case selectJob(Int)

    // Chart
    case zoom(in: Bool)
    case zoomToFit
    case pan(forward: Bool)
    case toggleColourByModel
    case togglePlay
    case toggleRealised
    case toggleReplanning
    /// Show or hide the bandwidth sweep panel.
    case toggleSweep

    // Files and screen
    case openScenarioPicker
    case openSavePrompt
    /// Write the current view as SVG, HTML and Mermaid files.
    case exportView
    case cycleTheme
    case showHelp
    case quit

    // Overlays
    case closeOverlay
    case scrollHelp(HelpScroll)
    case dialogMove(Int)
    case dialogConfirm
    case dialogComplete
    case dialogDeleteBackward
    case dialogInsert(Character)
    /// Click on a picker row: select it, or open it when it is already selected.
    case dialogClickRow(Int)
}

/// How the job selection moves.
enum SelectionMove: Sendable, Equatable {
    case previous, next, pageUp, pageDown, first, last
}

/// How the help screen scrolls.
enum HelpScroll: Sendable, Equatable {
    case lineUp, lineDown, pageUp, pageDown, top, bottom
}
