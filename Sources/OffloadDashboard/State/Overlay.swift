/// A screen over the main view, which takes the keys while it is open.
enum Overlay: Sendable, Equatable {
    case none
    /// The key bindings, scrolled down by `scroll` lines.
    case help(scroll: Int)
    /// The open dialog.
    case picker(ScenarioPicker)
    /// The save dialog.
    case save(SavePrompt)

    var context: KeyBinding.Context {
        switch self {
        case .none: .main
        case .help: .help
        case .picker, .save: .dialog
        }
    }
}

/// The open dialog: the samples folder's scenarios and a path field.
struct ScenarioPicker: Sendable, Equatable {
    var entries: [SampleEntry] = []
    var selected = 0
    /// A typed path; when not empty, Enter opens it instead of the selected entry.
    var field = ""

    /// The path Enter opens.
    var target: String? {
        if !field.isEmpty { return field }
        return entries.indices.contains(selected) ? entries[selected].path : nil
    }
}

/// The save dialog: the path to write, and whether replacing an existing file was confirmed.
struct SavePrompt: Sendable, Equatable {
    var field: String
    /// Set after Enter on an existing file: a second Enter on the same path replaces it.
    var confirmedPath: String?
}

/// A path field's editing.
extension String {
    mutating func deleteLastCharacter() {
        if !isEmpty { removeLast() }
    }
}
