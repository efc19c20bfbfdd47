import OffloadModel

/// A grid of styled cells that widgets draw into; the terminal driver copies it to
/// the screen, and tests compare its text with golden files.
///
/// Drawing outside the grid is clipped, never a crash, so widgets can be rendered
/// into any size down to 1×1 (or 0×0).
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at `x`, `y`, or nil outside the grid.
    public subscript(x: Int, y: Int) -> Cell? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return cells[y * width + x]
    }

    /// Sets one cell; ignored outside the grid or outside `clip`.
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style, clip: Rect? = nil) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        if let clip, !clip.contains(x: x, y: y) { return }
        cells[y * width + x] = Cell(Self.singleWidth(character), style: style)
    }

    /// Changes the style of one cell, keeping its character.
    public mutating func restyle(x: Int, y: Int, _ change: (inout Style) -> Void) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        change(&cells[y * width + x].style)
    }

    /// Writes `text` from `x`, `y`, one cell per character, cut at `maxWidth` columns (and at the
    /// edge of `clip` or the canvas). Returns the number of columns written. Control
    /// characters in `text` (names from files, error messages) are shown escaped, as
    /// everywhere else (`TerminalText`).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max, clip: Rect? = nil) -> Int {
        var column = x
        var written = 0
        for character in TerminalText.escaped(text) {
            if written >= maxWidth || column >= width { break }
            put(character, x: column, y: y, style: style, clip: clip)
            column += 1
            written += 1
        }
        return written
    }

    /// Fills `rect` (clipped to the canvas) with `character`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(Self.singleWidth(character), style: style)
        for y in y0..<y1 { for x in x0..<x1 { cells[y * width + x] = cell } }
    }

    /// The characters of each row, for tests and for printing without a terminal.
    public var rows: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }

    /// The rows without trailing spaces, joined by newlines.
    public var text: String {
        rows.map { row in
            var trimmed = Substring(row)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// `character`, or `?` when it would not take exactly one column (wide East Asian
    /// characters, emoji, control characters), so the grid stays aligned.
    static func singleWidth(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return "?" }
        // Combining accents ride on their base character; anything else joined is an emoji or wider.
        if scalars.dropFirst().contains(where: { !(0x300...0x36F).contains($0.value) }) { return "?" }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return "?" }
        let wide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || value >= 0x1F000
        return wide ? "?" : character
    }
}
