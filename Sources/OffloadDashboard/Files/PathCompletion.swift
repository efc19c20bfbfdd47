#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path fields that behave like a shell's: `~` for the home folder, Tab completes.
enum PathCompletion {
    /// `~` or `~/…` with the home folder (`$HOME`); anything else unchanged.
    static func expandTilde(_ path: String, home: String? = homeFolder) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    static var homeFolder: String? { getenv("HOME").map { String(cString: $0) } }

    /// What Tab does to `typed`: completes the last component as far as the names in its
    /// folder agree (a folder gets a `/`), keeping a leading `~` as typed; and the names that
    /// still match, when more than one does.
    static func complete(_ typed: String, home: String? = homeFolder) -> (text: String, candidates: [String]) {
        let expanded = expandTilde(typed, home: home)
        let slash = expanded.lastIndex(of: "/")
        let folder = slash.map { String(expanded[...$0]) } ?? ""
        let stem = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let names = Directory.entries(of: folder.isEmpty ? "." : folder)
            .filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }
        guard !names.isEmpty else { return (typed, []) }
        var common = names[0]
        for name in names.dropFirst() {
            common = String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        var completion = String(common.dropFirst(stem.count))
        if names.count == 1 && Directory.isFolder(folder + common) { completion += "/" }
        return (typed + completion, names.count == 1 ? [] : names)
    }
}

/// A one-line text field with a cursor (the open and save dialogs' paths).
struct TextField: Sendable, Equatable {
    private(set) var text: String
    /// The cursor, in characters from the start (0 … `text.count`).
    private(set) var cursor: Int

    init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    private var cursorIndex: String.Index { text.index(text.startIndex, offsetBy: min(cursor, text.count)) }

    mutating func insert(_ character: Character) {
        text.insert(character, at: cursorIndex)
        cursor += 1
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: text.index(before: cursorIndex))
        cursor -= 1
    }

    /// Ctrl-U: deletes from the start to the cursor.
    mutating func deleteToStart() {
        text.removeSubrange(text.startIndex..<cursorIndex)
        cursor = 0
    }

    /// Ctrl-W: deletes the word (up to a `/` or a space) before the cursor.
    mutating func deleteWordBackward() {
        var start = cursorIndex
        while start > text.startIndex, [" ", "/"].contains(text[text.index(before: start)]) { start = text.index(before: start) }
        while start > text.startIndex, ![" ", "/"].contains(text[text.index(before: start)]) { start = text.index(before: start) }
        let removed = text.distance(from: start, to: cursorIndex)
        text.removeSubrange(start..<cursorIndex)
        cursor -= removed
    }

    mutating func move(_ move: CursorMove) {
        switch move {
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        }
    }
}

/// How the cursor of a text field moves.
enum CursorMove: Sendable, Equatable {
    case left, right, home, end
}
