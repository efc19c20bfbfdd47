/// A piece of text in one style.
struct TextRun: Sendable, Equatable {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == TextRun {
    /// The columns of all runs.
    var width: Int { reduce(0) { $0 + $1.text.displayWidth } }
}

extension Canvas {
    /// Writes `runs` one after another from `x`, at most `maxWidth` columns; returns the
    /// columns written.
    /// With `ellipsis`, text cut at `maxWidth` ends with it (never mid-character).
    @discardableResult
    mutating func write(_ runs: [TextRun], x: Int, y: Int, maxWidth: Int, ellipsis: Character? = nil) -> Int {
        var runs = runs
        if let ellipsis, maxWidth > 0, runs.width > maxWidth {
            var kept: [TextRun] = []
            var room = maxWidth - 1
            for run in runs {
                let width = run.text.displayWidth
                if width <= room {
                    kept.append(run)
                    room -= width
                    continue
                }
                kept.append(TextRun(run.text.prefix(displayWidth: room) + String(ellipsis), run.style))
                break
            }
            runs = kept
        }
        var column = x
        for run in runs {
            let room = x + maxWidth - column
            if room <= 0 { break }
            column += write(run.text, x: column, y: y, style: run.style, maxWidth: room)
        }
        return column - x
    }

    /// A panel's title rule across `rect`'s top row: `─ Jobs · 8 ─────────`.
    mutating func titleRule(_ title: [TextRun], in rect: Rect, palette: Palette) {
        guard !rect.isEmpty else { return }
        let line = palette.glyphs.horizontal
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: line, style: palette.border)
        guard rect.width > 4 else { return }
        put(" ", x: rect.x + 1, y: rect.y, style: palette.text)
        let written = write(title, x: rect.x + 2, y: rect.y, maxWidth: rect.width - 4, ellipsis: palette.glyphs.ellipsis)
        put(" ", x: rect.x + 2 + written, y: rect.y, style: palette.text)
    }
}

extension String {
    /// Padded with spaces on the left to `width` columns.
    func leftPadded(to width: Int) -> String {
        let columns = displayWidth
        return columns >= width ? self : String(repeating: " ", count: width - columns) + self
    }

    /// Padded with spaces on the right to `width` columns.
    func rightPadded(to width: Int) -> String {
        let columns = displayWidth
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
}
