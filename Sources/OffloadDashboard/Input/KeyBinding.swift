/// One row of the key table: the keys, what they do, and where help lists them.
///
/// The table (`KeyBindings.all`) is the single source of truth: `Dashboard.handle`
/// looks keys up in it, the help screen and the key bar are drawn from it, so the
/// three can never disagree.
struct KeyBinding: Sendable {
    /// Where a binding applies.
    enum Context: Sendable, Hashable {
        /// The main screen.
        case main
        /// The help screen.
        case help
        /// The open and save dialogs (characters not bound here are typed into the path).
        case dialog
        /// The unsaved-changes prompt.
        case unsaved
    }

    /// The sections of the help screen, in order.
    enum Group: Int, Sendable, CaseIterable, Comparable {
        case environment, plan, jobs, chart, files, screen, helpScreen, dialogs, unsaved

        var title: String {
            switch self {
            case .environment: "Environment (every change re-plans at once)"
            case .plan: "Plan"
            case .jobs: "Jobs"
            case .chart: "Chart"
            case .files: "Files"
            case .screen: "Screen"
            case .helpScreen: "On this help screen"
            case .dialogs: "In the open and save dialogs"
            case .unsaved: "When changes are not saved (before quitting or opening another scenario)"
            }
        }

        static func < (a: Group, b: Group) -> Bool { a.rawValue < b.rawValue }
    }

    var context: Context
    var group: Group
    var keys: [Key]
    var action: Action
    var description: String
    /// The key bar's short label; bindings with the same label next to each other share
    /// one key bar entry (`b/B bandwidth`).
    var keyBar: String?
    /// When the key bar is short of space, entries give way in order of this rank, the
    /// highest first (the rightmost of equals first); rank 0 always stays.
    var barRank: Int = 9
    /// How the key bar writes the keys, when not by their names (`1-5`).
    var keyBarKeys: String?
}

/// The key table, and lookups into it.
enum KeyBindings {
    static let all: [KeyBinding] = main + help + dialog + unsaved

    private static func bind(_ group: KeyBinding.Group, _ keys: [Key], _ action: Action, _ description: String,
                             bar: String? = nil, rank: Int = 9, context: KeyBinding.Context = .main) -> KeyBinding {
        KeyBinding(context: context, group: group, keys: keys, action: action, description: description, keyBar: bar,
                   barRank: rank)
    }

    private static func char(_ text: String) -> [Key] { text.map { Key.character($0) } }

    static let main: [KeyBinding] = [
        bind(.environment, char("b"), .step(.bandwidth, up: false), "bandwidth one step down", bar: "bandwidth", rank: 1),
        bind(.environment, char("B"), .step(.bandwidth, up: true), "bandwidth one step up", bar: "bandwidth", rank: 1),
        bind(.environment, char("d"), .step(.deviceSpeed, up: false), "device speed one step down", bar: "device", rank: 4),
        bind(.environment, char("D"), .step(.deviceSpeed, up: true), "device speed one step up", bar: "device", rank: 4),
        bind(.environment, char("c"), .step(.cloudSpeed, up: false), "cloud speed one step down", bar: "cloud", rank: 4),
        bind(.environment, char("C"), .step(.cloudSpeed, up: true), "cloud speed one step up", bar: "cloud", rank: 4),
        bind(.environment, char("l"), .step(.latency, up: false), "latency one step down", bar: "latency", rank: 4),
        bind(.environment, char("L"), .step(.latency, up: true), "latency one step up", bar: "latency", rank: 4),
    ] + BandwidthPreset.all.enumerated().map { index, preset in
        var binding = bind(.environment, [.character(preset.key)], .bandwidthPreset(index),
                           "bandwidth preset: \(preset.name), \(Knob.number(preset.mbps)) Mbps", bar: index == 0 ? "presets" : nil,
                           rank: 6)
        binding.keyBarKeys = index == 0 ? "1-\(BandwidthPreset.all.count)" : nil
        return binding
    } + [
        bind(.environment, char("r"), .resetEnvironment, "reset the environment to the scenario's"),
        bind(.plan, char("a"), .cycleAlgorithm(forward: true), "next algorithm that can plan this scenario", bar: "algorithm", rank: 0),
        bind(.plan, char("A"), .cycleAlgorithm(forward: false), "previous algorithm"),
        bind(.plan, char("n"), .duplicateJob, "duplicate the selected job"),
        bind(.plan, char("x"), .deleteJob, "delete the selected job"),
        bind(.jobs, [.up, .character("k")], .moveSelection(.previous), "select the previous job"),
        bind(.jobs, [.down, .character("j")], .moveSelection(.next), "select the next job"),
        bind(.jobs, [.pageUp], .moveSelection(.pageUp), "select a page of jobs up"),
        bind(.jobs, [.pageDown], .moveSelection(.pageDown), "select a page of jobs down"),
        bind(.jobs, [.home], .moveSelection(.first), "select the first job"),
        bind(.jobs, [.end], .moveSelection(.last), "select the last job"),
        bind(.jobs, char("/"), .openFilter, "filter the jobs by id or model (Enter keeps it, Esc clears it)", bar: "filter", rank: 5),
        bind(.jobs, char("["), .scrollDetails(-4), "details: scroll the layer list up"),
        bind(.jobs, char("]"), .scrollDetails(4), "details: scroll the layer list down"),
        bind(.chart, char("+="), .zoom(in: true), "zoom in", bar: "zoom", rank: 5),
        bind(.chart, char("-"), .zoom(in: false), "zoom out", bar: "zoom", rank: 5),
        bind(.chart, char("0"), .zoomToFit, "zoom to fit the whole plan"),
        bind(.chart, [.left, .character("<")], .pan(forward: false), "pan left (earlier)"),
        bind(.chart, [.right, .character(">")], .pan(forward: true), "pan right (later)"),
        bind(.chart, char("m"), .toggleColourByModel, "colour blocks by job or by model"),
        bind(.chart, char(" "), .togglePlay, "play or pause the time cursor", bar: "play", rank: 3),
        bind(.chart, char("v"), .toggleRealised, "planned, realised (with a bandwidth trace) or measured (with --measured) timeline", bar: "view", rank: 1),
        bind(.chart, char("R"), .toggleReplanning, "re-planning on or off when the trace changes the rate", bar: "re-plan", rank: 2),
        bind(.chart, char("g"), .toggleGhost, "comparison ghost: partition-only's plan drawn faint on the same axis", bar: "ghost", rank: 2),
        bind(.chart, char("G"), .cycleGhost, "the ghost's algorithm: the next one", bar: "ghost", rank: 2),
        bind(.chart, char("w"), .toggleSweep, "sweep: makespan against bandwidth", bar: "sweep", rank: 3),
        bind(.files, char("o"), .openScenarioPicker, "open another scenario", bar: "open", rank: 0),
        bind(.files, char("s"), .openSavePrompt, "save the scenario as tuned, to a file", bar: "save", rank: 2),
        bind(.files, char("e"), .exportView, "export the view: SVG, HTML, Mermaid", bar: "export", rank: 4),
        bind(.screen, char("t"), .cycleTheme, "next colour theme", bar: "theme", rank: 7),
        bind(.screen, [.character("?"), .function(1)], .showHelp, "help: every key binding", bar: "help", rank: 0),
        bind(.screen, [.character("q"), .escape, .function(10)], .quit, "quit (asks first when changes are not saved)", bar: "quit", rank: 0),
    ]

    static let help: [KeyBinding] = [
        bind(.helpScreen, [.up, .character("k")], .scrollHelp(.previous), "scroll up", context: .help),
        bind(.helpScreen, [.down, .character("j")], .scrollHelp(.next), "scroll down", context: .help),
        bind(.helpScreen, [.pageUp], .scrollHelp(.pageUp), "scroll a page up", context: .help),
        bind(.helpScreen, [.pageDown, .character(" ")], .scrollHelp(.pageDown), "scroll a page down", context: .help),
        bind(.helpScreen, [.home], .scrollHelp(.first), "to the top", context: .help),
        bind(.helpScreen, [.end], .scrollHelp(.last), "to the bottom", context: .help),
        bind(.helpScreen, [.escape, .character("?"), .character("q"), .function(1), .enter], .closeOverlay, "close help", context: .help),
    ]

    static let dialog: [KeyBinding] = [
        bind(.dialogs, [.up], .dialogMove(-1), "previous sample scenario", context: .dialog),
        bind(.dialogs, [.down], .dialogMove(1), "next sample scenario", context: .dialog),
        bind(.dialogs, [.pageUp], .dialogMove(-10), "ten scenarios up", context: .dialog),
        bind(.dialogs, [.pageDown], .dialogMove(10), "ten scenarios down", context: .dialog),
        bind(.dialogs, [.tab], .dialogComplete, "complete the path (an empty one: the selected file's)", context: .dialog),
        bind(.dialogs, [.backspace], .dialogDeleteBackward, "delete the character before the cursor", context: .dialog),
        bind(.dialogs, [.control("u")], .dialogDeleteToStart, "delete to the start of the path", context: .dialog),
        bind(.dialogs, [.control("w")], .dialogDeleteWord, "delete the word before the cursor", context: .dialog),
        bind(.dialogs, [.left], .dialogCursor(.left), "cursor left", context: .dialog),
        bind(.dialogs, [.right], .dialogCursor(.right), "cursor right", context: .dialog),
        bind(.dialogs, [.home, .control("a")], .dialogCursor(.home), "cursor to the start of the path", context: .dialog),
        bind(.dialogs, [.end, .control("e")], .dialogCursor(.end), "cursor to the end of the path", context: .dialog),
        bind(.dialogs, [.enter], .dialogConfirm, "open the typed path (or the selected file); save", context: .dialog),
        bind(.dialogs, [.escape], .closeOverlay, "cancel", context: .dialog),
    ]

    static let unsaved: [KeyBinding] = [
        bind(.unsaved, [.character("s"), .character("y"), .enter], .unsavedSave, "save first (the save dialog opens), then go on", context: .unsaved),
        bind(.unsaved, [.character("d"), .character("n")], .unsavedDiscard, "discard the changes and go on", context: .unsaved),
        bind(.unsaved, [.escape, .character("c"), .character("q")], .closeOverlay, "cancel: stay, with the changes", context: .unsaved),
    ]

    /// Key → action, per context, built once from the table.
    private static let lookup: [KeyBinding.Context: [Key: Action]] = {
        var table: [KeyBinding.Context: [Key: Action]] = [:]
        for binding in all {
            for key in binding.keys where table[binding.context]?[key] == nil {
                table[binding.context, default: [:]][key] = binding.action
            }
        }
        return table
    }()

    /// The action `key` triggers in `context`; in dialogs, an unbound printable character types itself.
    static func action(for key: Key, in context: KeyBinding.Context) -> Action? {
        if let action = lookup[context]?[key] { return action }
        if context == .dialog, case let .character(character) = key, !character.isNewline { return .dialogInsert(character) }
        return nil
    }
}
