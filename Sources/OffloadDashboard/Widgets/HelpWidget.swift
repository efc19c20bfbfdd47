/// The help screen: every key binding, generated from the key table that `handle` uses.
struct HelpWidget {
    let state: DashboardState
    let palette: Palette
    let scroll: Int

    /// One line of help.
    struct Line: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case heading, binding, note, blank }
        var kind: Kind
        var keys: String
        var text: String
    }

    /// The help text: each group's bindings, then how the mouse works.
    static func lines(unicode: Bool) -> [[Line]] {
        var groups: [[Line]] = []
        for group in KeyBinding.Group.allCases {
            let bindings = KeyBindings.all.filter { $0.group == group }
            guard !bindings.isEmpty else { continue }
            var lines = [Line(kind: .heading, keys: "", text: group.title)]
            for binding in bindings {
                lines.append(Line(kind: .binding, keys: binding.keys.map { $0.name(unicode: unicode) }.joined(separator: " "), text: binding.description))
            }
            if group == .dialogs { lines.append(Line(kind: .note, keys: "", text: "other characters type into the path field; ~ is the home folder")) }
            if group == .screen { lines.append(Line(kind: .binding, keys: "Ctrl-C", text: "quit (asks first when changes are not saved; twice quits)")) }
            lines.append(Line(kind: .blank, keys: "", text: ""))
            groups.append(lines)
        }
        let glyphs = Glyphs.forUnicode(unicode)
        groups.append([
            Line(kind: .heading, keys: "", text: "Reading the chart"),
            Line(kind: .binding, keys: String(glyphs.critical), text: "under a lane: the critical path (what sets the makespan)"),
            Line(kind: .binding, keys: unicode ? "dark track" : String(glyphs.idle), text: "a lane's idle time, a gap in its work"),
            Line(kind: .binding, keys: String(glyphs.separator), text: "where one block meets another of the same colour"),
            Line(kind: .binding, keys: String(glyphs.sliver), text: "work shorter than a cell, still shown"),
            Line(kind: .binding, keys: "gain", text: "how much shorter than partition-only (g draws it as a ghost)"),
            Line(kind: .binding, keys: "gap", text: "how far above the lower bound no plan can beat"),
            Line(kind: .blank, keys: "", text: ""),
        ])
        groups.append([
            Line(kind: .heading, keys: "", text: "Mouse"),
            Line(kind: .binding, keys: "click", text: "on a block or a job row: select that job"),
            Line(kind: .binding, keys: "click", text: "on an algorithm: switch to it"),
            Line(kind: .binding, keys: "click", text: "on a key-bar entry: do what its key does"),
        ])
        return groups
    }

    /// Whether help uses two columns at `width`.
    static func twoColumns(width: Int) -> Bool { width >= 120 }

    /// The help's lines laid out for `width` (two columns side by side on wide screens).
    static func rows(width: Int, unicode: Bool) -> [(left: Line?, right: Line?)] {
        let groups = lines(unicode: unicode)
        guard twoColumns(width: width) else { return groups.flatMap { $0 }.map { ($0, nil) } }
        let total = groups.reduce(0) { $0 + $1.count }
        var left: [Line] = [], right: [Line] = []
        for group in groups {
            if left.count < total / 2 { left += group } else { right += group }
        }
        return (0..<max(left.count, right.count)).map { (left.indices.contains($0) ? left[$0] : nil, right.indices.contains($0) ? right[$0] : nil) }
    }

    static func lineCount(width: Int, unicode: Bool) -> Int { rows(width: width, unicode: unicode).count }

    /// The help box within a screen of `width` × `height`.
    static func frame(width: Int, height: Int) -> Rect {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        return width >= 60 && height >= 16 ? screen.inset(by: 1) : screen
    }

    func draw(into canvas: inout Canvas, width: Int, height: Int) {
        let frame = Self.frame(width: width, height: height)
        let glyphs = palette.glyphs
        canvas.box(frame, title: [TextRun("Keys", palette.title), TextRun(" from the key table; Esc closes", palette.dim)], palette: palette)
        let inner = frame.inset(by: 1)
        guard !inner.isEmpty else { return }
        let rows = Self.rows(width: width, unicode: palette.glyphs.unicode)
        let twoColumns = Self.twoColumns(width: width)
        let columnWidth = twoColumns ? (inner.width - 3) / 2 : inner.width - 2
        let keyWidth = min(12, rows.flatMap { [$0.left, $0.right] }.compactMap { $0?.keys.count }.max() ?? 8)
        let first = min(scroll, max(0, rows.count - inner.height))
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            if let left = row.left { drawLine(left, into: &canvas, x: inner.x + 1, y: y, width: columnWidth, keyWidth: keyWidth) }
            if let right = row.right { drawLine(right, into: &canvas, x: inner.x + 2 + columnWidth + 1, y: y, width: columnWidth, keyWidth: keyWidth) }
        }
        if first + inner.height < rows.count {
            let more = " \(glyphs.unicode ? "↓" : "v") more "
            canvas.write(more, x: frame.maxX - more.count - 2, y: frame.maxY - 1, style: palette.accent)
        }
        if first > 0 {
            let more = " \(glyphs.unicode ? "↑" : "^") more "
            canvas.write(more, x: frame.maxX - more.count - 2, y: frame.y, style: palette.accent)
        }
    }

    /// One line of help within `width` columns; text that does not fit is cut at a
    /// character (never inside a wide one) and ends with an ellipsis.
    private func drawLine(_ line: Line, into canvas: inout Canvas, x: Int, y: Int, width: Int, keyWidth: Int) {
        guard width > 0 else { return }
        let glyphs = palette.glyphs
        switch line.kind {
        case .heading: canvas.write(glyphs.truncate(line.text, to: width), x: x, y: y, style: palette.title, maxWidth: width)
        case .blank: break
        case .note:
            let indent = String(repeating: " ", count: keyWidth + 4)
            canvas.write(glyphs.truncate(indent + line.text, to: width), x: x, y: y, style: palette.dim, maxWidth: width)
        case .binding:
            let keys = glyphs.truncate("  " + line.keys.rightPadded(to: keyWidth), to: width)
            let room = width - keys.displayWidth
            let text = room > 2 ? "  " + glyphs.truncate(line.text, to: room - 2) : ""
            canvas.write([TextRun(keys, palette.accent), TextRun(text, palette.text)], x: x, y: y, maxWidth: width)
        }
    }
}
