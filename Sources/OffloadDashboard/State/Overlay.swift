/// A screen over the main view, which takes the keys while it is open.
enum Overlay: Sendable, Equatable {
    case none
    /// The key bindings, scrolled down by `scroll` lines.
    case help(scroll: Int)
    /// The open dialog.
    case picker(ScenarioPicker)
    /// The save dialog.
    case save(SavePrompt)
    /// Unsaved changes: save, discard or cancel before quitting or opening another scenario.
    case unsaved(UnsavedPrompt)
    /// Typing a job filter (`/`): the table keeps the jobs whose id or model contains it.
    case filter(TextField)

    var isFilter: Bool {
        if case .filter = self { return true }
        return false
    }

    var context: KeyBinding.Context {
        switch self {
        case .none: .main
        case .help: .help
        case .picker, .save, .filter: .dialog
        case .unsaved: .unsaved
        }
    }
}

/// The open dialog: the samples folder's scenarios and a path field.
struct ScenarioPicker: Sendable, Equatable {
    var entries: [SampleEntry] = []
    var selected = 0
    /// A typed path; when not empty, Enter opens it instead of the selected entry.
    var input = TextField()
    var field: String {
        get { input.text }
        set { input = TextField(newValue) }
    }

    /// The path Enter opens (`~` expanded).
    var target: String? {
        if !field.isEmpty { return PathCompletion.expandTilde(field) }
        return entries.indices.contains(selected) ? entries[selected].path : nil
    }
}

/// The save dialog: the path to write, and whether replacing an existing file was confirmed.
struct SavePrompt: Sendable, Equatable {
    var input: TextField
    var field: String {
        get { input.text }
        set { input = TextField(newValue) }
    }
    /// Set after Enter on an existing file: a second Enter on the same path replaces it.
    var confirmedPath: String?
    /// What to do once the file is written (when the save came from the unsaved-changes prompt).
    var then: UnsavedPrompt.Next?

    init(field: String, then: UnsavedPrompt.Next? = nil) {
        input = TextField(field)
        self.then = then
    }
}

/// The question asked before unsaved changes would be lost.
struct UnsavedPrompt: Sendable, Equatable {
    /// What the user asked for that would lose the changes.
    enum Next: Sendable, Equatable {
        case quit
        case open
    }

    var next: Next
}

