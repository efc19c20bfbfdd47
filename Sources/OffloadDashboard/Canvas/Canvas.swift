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

    /// Sets one cell (two for a wide character); ignored outside the grid or outside
    /// `clip`. A wide character with no room for its second column becomes a space; one
    /// half of a wide character overwritten blanks the other half, so that rows stay aligned.
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style, clip: Rect? = nil) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        if let clip, !clip.contains(x: x, y: y) { return }
        let shown = Self.drawable(character)
        let wide = shown.displayWidth == 2
        if wide && (x + 1 >= width || (clip.map { !$0.contains(x: x + 1, y: y) } ?? false)) {
            set(Cell(" ", style: style), x: x, y: y)
            return
        }
        set(Cell(shown, style: style), x: x, y: y)
        if wide { set(Cell(" ", style: style, continuation: true), x: x + 1, y: y) }
    }

    /// Puts `cell` at `x`, `y`, blanking what remains of a wide character it splits.
    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cells[index].continuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if x + 1 < width, cells[index + 1].continuation, !cell.continuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Changes the style of one cell, keeping its character.
    public mutating func restyle(x: Int, y: Int, _ change: (inout Style) -> Void) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        change(&cells[y * width + x].style)
    }

    /// Writes `text` from `x`, `y`, a wide character taking two columns, cut at `maxWidth`
    /// columns (and at the edge of `clip` or the canvas) without splitting a character.
    /// Returns the number of columns written. Control characters in `text` (names from
    /// files, error messages) are shown escaped, as everywhere else (`TerminalText`).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max, clip: Rect? = nil) -> Int {
        var column = x
        var written = 0
        for character in TerminalText.escaped(text) {
            let columns = Self.drawable(character).displayWidth
            if written + columns > maxWidth || column + columns > width { break }
            put(character, x: column, y: y, style: style, clip: clip)
            column += columns
            written += columns
        }
        return written
    }

    /// Fills `rect` (clipped to the canvas) with `character`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style) {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.maxX), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let shown = Self.drawable(character)
        let cell = Cell(shown.displayWidth == 2 ? "?" : shown, style: style)
        for y in y0..<y1 {
            // Wide characters cut by the rectangle's edges lose their other half.
            if cells[y * width + x0].continuation, x0 > 0 { cells[y * width + x0 - 1] = Cell(" ", style: cells[y * width + x0 - 1].style) }
            if x1 < width, cells[y * width + x1].continuation { cells[y * width + x1] = Cell(" ", style: cells[y * width + x1].style) }
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// The characters of each row, for tests and for printing without a terminal (a wide
    /// character once, taking its two columns).
    public var rows: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].filter { !$0.continuation }.map(\.character)) }
    }

    /// The rows without trailing spaces, joined by newlines.
    public var text: String {
        rows.map { row in
            var trimmed = Substring(row)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// `character` as a cell shows it: control characters become `?`; a base character
    /// keeps its combining marks and emoji modifiers, but of a sequence of several
    /// characters joined (a ZWJ family, a flag) only the first shows, which terminals draw
    /// alike.
    static func drawable(_ character: Character) -> Character {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? character : "?" }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return "?" }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) || first.isZeroWidth { return "?" }
        guard scalars.count > 1 else { return character }
        var kept = String(first)
        for scalar in scalars.dropFirst() {
            guard scalar.isZeroWidth, scalar.value != 0x200D else { break }
            kept.unicodeScalars.append(scalar)
        }
        return Character(kept)
    }
}
