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
    case moveSelection(ListMove)
    /// Open the job filter (`/`).
    case openFilter
    /// Scroll the details panel's layer list by lines.
    case scrollDetails(Int)
    case selectJob(Int)

    // Chart
    case zoom(in: Bool)
    /// The wheel over the chart: zoom about the time `fraction` of the chart's width from its left.
    case zoomAt(in: Bool, fraction: Double)
    case zoomToFit
    case pan(forward: Bool)
    case toggleColourByModel
    case togglePlay
    case toggleRealised
    case toggleReplanning
    /// The comparison ghost on or off (partition-only by default).
    case toggleGhost
    /// The ghost's algorithm: the next one that can plan.
    case cycleGhost
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
    case scrollHelp(ListMove)
    case dialogMove(Int)
    case dialogConfirm
    case dialogComplete
    case dialogDeleteBackward
    /// Ctrl-U: delete from the start of the path to the cursor.
    case dialogDeleteToStart
    /// Ctrl-W: delete the word before the cursor.
    case dialogDeleteWord
    case dialogCursor(CursorMove)
    case dialogInsert(Character)
    /// In the unsaved-changes prompt: save first, or go on without saving.
    case unsavedSave
    case unsavedDiscard
    /// Click on a picker row: select it, or open it when it is already selected.
    case dialogClickRow(Int)
}

/// A move in a list (the job selection, the help screen's scroll): a line, a page or to an end.
enum ListMove: Sendable, Equatable {
    case previous, next, pageUp, pageDown, first, last

    /// Where the move takes `position` among `count` places, `page` of them at a time.
    func position(from position: Int, page: Int, count: Int) -> Int {
        let page = max(1, page)
        let target: Int
        switch self {
        case .previous: target = position - 1
        case .next: target = position + 1
        case .pageUp: target = position - page
        case .pageDown: target = position + page
        case .first: target = 0
        case .last: target = count - 1
        }
        return min(max(0, target), count - 1)
    }
}
