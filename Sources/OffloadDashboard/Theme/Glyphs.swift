/// The characters the widgets draw with: Unicode block and box-drawing characters, or
/// ASCII when the locale is not UTF-8 (and for `PlainChart`).
struct Glyphs: Sendable {
    var unicode: Bool
    /// Partial blocks filled from the left by 1 … 7 eighths (index 1 … 7); nil in ASCII.
    var leftEighths: [Character]?
    var fullBlock: Character
    /// Fill patterns that tell jobs apart without colour.
    var patterns: [Character]
    /// An idle cell when blocks are drawn as patterns.
    var idle: Character
    /// Under a critical-path segment.
    var critical: Character
    var horizontal: Character
    var vertical: Character
    var tick: Character
    var cursor: Character
    var cursorHead: Character
    var current: Character
    /// Bandwidth levels, low to high.
    var levels: [Character]
    var ellipsis: Character
    var arrow: Character
    var times: String
    var sentMark: Character
    /// Between two neighbouring blocks of one colour.
    var separator: Character
    /// Work shorter than a cell, where no partial block can show it.
    var sliver: Character
    /// Box corners: top left, top right, bottom left, bottom right.
    var corners: [Character] = ["+", "+", "+", "+"]

    static let utf8 = Glyphs(
        unicode: true, leftEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"], fullBlock: "█",
        patterns: ["█", "▓", "▒", "░"], idle: "·", critical: "▔", horizontal: "─", vertical: "│", tick: "┴",
        cursor: "│", cursorHead: "▼", current: "▶", levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], ellipsis: "…",
        arrow: "→", times: "×", sentMark: "▲", separator: "▏", sliver: "╷", corners: ["┌", "┐", "└", "┘"])

    static let ascii = Glyphs(
        unicode: false, leftEighths: nil, fullBlock: "#", patterns: ["#", "=", "%", "+"], idle: ".", critical: "^",
        horizontal: "-", vertical: "|", tick: "+", cursor: "|", cursorHead: "v", current: ">",
        levels: ["_", ".", ",", "-", "~", "=", "*", "#"], ellipsis: "~", arrow: ">", times: "x", sentMark: "^",
        separator: "|", sliver: "'")

    static func forUnicode(_ unicode: Bool) -> Glyphs { unicode ? utf8 : ascii }

    /// `text` cut to `width` columns, ending with an ellipsis when cut; a wide character
    /// is never split.
    func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.displayWidth > width else { return text }
        return text.prefix(displayWidth: width - 1) + String(ellipsis)
    }
}
