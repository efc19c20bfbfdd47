/// What an action makes stale, from the most to the least expensive. A knob step re-plans
/// and re-plays; choosing another algorithm only re-plays (every algorithm's plan is
/// already made); moving the selection, zooming or a new theme recompute nothing.
struct Recompute: OptionSet, Sendable {
    let rawValue: Int

    /// New models: compute the candidate cuts again (a scenario was opened).
    static let models = Recompute(rawValue: 1 << 0)
    /// The job list changed: a new planner over the same candidate cuts.
    static let jobs = Recompute(rawValue: 1 << 1)
    /// The environment (or the jobs) changed: plan with every algorithm.
    static let plans = Recompute(rawValue: 1 << 2)
    /// The current plan changed: play it again (planned and realised timelines).
    static let simulation = Recompute(rawValue: 1 << 3)
    /// Only the realised timeline (re-planning was switched on or off).
    static let realised = Recompute(rawValue: 1 << 4)

    /// Only the comparison ghost (`g`, `G`).
    static let ghost = Recompute(rawValue: 1 << 5)

    static let everything: Recompute = [.models, .jobs, .plans, .simulation, .realised, .ghost]
}

/// File work an action asks for: `apply` never touches the file system; `Dashboard.fulfil`
/// does the work and feeds the result back to the state.
enum FileRequest: Sendable, Equatable {
    case listSamples
    case openScenario(String)
    /// Write the tuned scenario to the path; then quit or open the picker, when asked.
    /// Unless `replacing`, an existing file is not written: `saveTargetExists` asks first.
    case saveScenario(String, then: UnsavedPrompt.Next?, replacing: Bool)
    /// Complete a typed path like a shell does; `pathCompleted` takes the answer.
    case completePath(String)
    case loadTheme(String)
    case exportView
}

/// What `DashboardState.apply` decided.
struct Outcome: Sendable, Equatable {
    var recompute: Recompute = []
    var request: FileRequest?
    var quit = false
    /// Whether the screen changed at all.
    var redraw = true

    static let nothing = Outcome(redraw: false)
}

extension Recompute: Equatable {}
