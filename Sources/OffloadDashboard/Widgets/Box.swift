extension Canvas {
    /// A bordered box over `rect` (cleared inside), with `title` on its top edge.
    mutating func box(_ rect: Rect, title: [TextRun], palette: Palette) {
        guard rect.width >= 2, rect.height >= 2 else {
            fill(rect, style: palette.text)
            return
        }
        let glyphs = palette.glyphs
        fill(rect, style: palette.text)
        fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: glyphs.horizontal, style: palette.border)
        fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: glyphs.horizontal, style: palette.border)
        fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: glyphs.vertical, style: palette.border)
        fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: glyphs.vertical, style: palette.border)
        put(glyphs.corners[0], x: rect.x, y: rect.y, style: palette.border)
        put(glyphs.corners[1], x: rect.maxX - 1, y: rect.y, style: palette.border)
        put(glyphs.corners[2], x: rect.x, y: rect.maxY - 1, style: palette.border)
        put(glyphs.corners[3], x: rect.maxX - 1, y: rect.maxY - 1, style: palette.border)
        if rect.width > 6 {
            put(" ", x: rect.x + 2, y: rect.y, style: palette.text)
            let written = write(title, x: rect.x + 3, y: rect.y, maxWidth: rect.width - 6, ellipsis: glyphs.ellipsis)
            put(" ", x: rect.x + 3 + written, y: rect.y, style: palette.text)
        }
    }
}

/// A rectangle of `width` × `height` centred in `outer` (clipped to it).
func centred(width: Int, height: Int, in outer: Rect) -> Rect {
    let w = min(width, outer.width), h = min(height, outer.height)
    return Rect(x: outer.x + (outer.width - w) / 2, y: outer.y + (outer.height - h) / 2, width: w, height: h)
}
