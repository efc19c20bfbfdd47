import OffloadReport

/// The open dialog: the samples folder's scenarios with their descriptions, and a path
/// field that takes a typed path.
struct PickerWidget {
    let state: DashboardState
    let picker: ScenarioPicker
    let palette: Palette

    /// The dialog box within the screen, above the status line (which shows why a file
    /// cannot be opened) and the key bar.
    static func frame(width: Int, height: Int, entries: Int) -> Rect {
        let above = Rect(x: 0, y: 0, width: width, height: max(0, height - 2))
        return centred(width: min(100, width - 2), height: min(above.height, max(8, 2 * entries + 6)), in: above)
    }

    /// Rows of the list: each entry takes two (its name, then its description).
    static func listRows(frame: Rect) -> Int { max(0, frame.height - 5) }

    static func firstEntry(selected: Int, count: Int, visibleEntries: Int) -> Int {
        guard count > visibleEntries, visibleEntries > 0 else { return 0 }
        return min(max(0, selected - visibleEntries / 2), count - visibleEntries)
    }

    func draw(into canvas: inout Canvas, width: Int, height: Int) {
        let frame = Self.frame(width: width, height: height, entries: picker.entries.count)
        canvas.box(frame, title: [TextRun("Open a scenario", palette.title)], palette: palette)
        let inner = frame.inset(by: 1)
        guard inner.height >= 1, inner.width >= 4 else { return }
        let visibleEntries = Self.listRows(frame: frame) / 2
        let first = Self.firstEntry(selected: picker.selected, count: picker.entries.count, visibleEntries: visibleEntries)
        if picker.entries.isEmpty {
            let text = state.samplesFolder.map { "no scenarios in \($0)" } ?? "no samples folder"
            canvas.write(text, x: inner.x + 1, y: inner.y, style: palette.dim, maxWidth: inner.width - 2)
        }
        for (row, index) in (first..<min(picker.entries.count, first + visibleEntries)).enumerated() {
            let entry = picker.entries[index]
            let y = inner.y + 2 * row
            let selected = index == picker.selected
            let style = selected ? palette.selection : palette.text
            if selected { canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            canvas.write([TextRun(entry.fileName, style), TextRun("  " + (entry.title ?? "(cannot be opened)"), selected ? style : palette.accent)],
                         x: inner.x + 1, y: y, maxWidth: inner.width - 2)
            canvas.write(palette.glyphs.truncate(entry.summary, to: inner.width - 4), x: inner.x + 3, y: y + 1, style: palette.dim)
        }
        let fieldY = inner.maxY - 2
        guard fieldY >= inner.y else { return }
        drawField(into: &canvas, label: "path: ", field: picker.input, x: inner.x + 1, y: fieldY, width: inner.width - 2, palette: palette)
        let shownEnd = min(picker.entries.count, first + visibleEntries)
        if shownEnd < picker.entries.count {
            let more = " \(palette.glyphs.unicode ? "↓" : "v") \(NumberFormat.grouped(picker.entries.count - shownEnd)) more "
            canvas.write(more, x: frame.maxX - more.count - 2, y: inner.y + 2 * visibleEntries, style: palette.accent)
        }
        if first > 0 {
            let more = " \(palette.glyphs.unicode ? "↑" : "^") \(NumberFormat.grouped(first)) more "
            canvas.write(more, x: frame.maxX - more.count - 2, y: frame.y, style: palette.accent)
        }
        canvas.write("Enter opens the typed path (or the selected file)  Tab completes  Ctrl-U clears  Esc cancels",
                     x: inner.x + 1, y: inner.maxY - 1, style: palette.dim, maxWidth: inner.width - 2)
    }

    /// The entry on screen row `y`, if any.
    static func entry(atY y: Int, width: Int, height: Int, picker: ScenarioPicker) -> Int? {
        let frame = frame(width: width, height: height, entries: picker.entries.count)
        let inner = frame.inset(by: 1)
        let visibleEntries = listRows(frame: frame) / 2
        let row = (y - inner.y) / 2
        guard y >= inner.y, row < visibleEntries else { return nil }
        let index = firstEntry(selected: picker.selected, count: picker.entries.count, visibleEntries: visibleEntries) + row
        return picker.entries.indices.contains(index) ? index : nil
    }
}

/// The save dialog: where to write the scenario with the tuned environment.
struct SavePromptWidget {
    let state: DashboardState
    let prompt: SavePrompt
    let palette: Palette

    func draw(into canvas: inout Canvas, width: Int, height: Int) {
        let frame = centred(width: min(90, width - 2), height: 7, in: Rect(x: 0, y: 0, width: width, height: height))
        canvas.box(frame, title: [TextRun("Save the scenario", palette.title)], palette: palette)
        let inner = frame.inset(by: 1)
        guard inner.height >= 1 else { return }
        canvas.write("\(NumberFormat.grouped(state.scenario.jobs.count)) jobs under the tuned environment: \(state.environmentSummary)",
                     x: inner.x + 1, y: inner.y, style: palette.text, maxWidth: inner.width - 2)
        guard inner.height >= 3 else { return }
        drawField(into: &canvas, label: "path: ", field: prompt.input, x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, palette: palette)
        if inner.height >= 5 {
            let hint = prompt.confirmedPath == nil ? "Enter saves  Esc cancels" : "the file exists: Enter again replaces it  Esc cancels"
            canvas.write(hint, x: inner.x + 1, y: inner.y + 4, style: prompt.confirmedPath == nil ? palette.dim : palette.accent, maxWidth: inner.width - 2)
        }
    }
}

/// Before unsaved changes would be lost: what changed, and save, discard or cancel.
struct UnsavedPromptWidget {
    let state: DashboardState
    let prompt: UnsavedPrompt
    let palette: Palette

    func draw(into canvas: inout Canvas, width: Int, height: Int) {
        let frame = centred(width: min(80, width - 2), height: 8, in: Rect(x: 0, y: 0, width: width, height: max(0, height - 2)))
        canvas.box(frame, title: [TextRun("Unsaved changes", palette.title)], palette: palette)
        let inner = frame.inset(by: 1)
        guard inner.height >= 1, inner.width >= 4 else { return }
        let file = state.currentFile.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? state.scenario.name
        let glyphs = palette.glyphs
        canvas.write(glyphs.truncate("\(file) has changes that are not saved:", to: inner.width - 2), x: inner.x + 1, y: inner.y, style: palette.text)
        if inner.height >= 2 {
            canvas.write(glyphs.truncate(state.changeSummary, to: inner.width - 2), x: inner.x + 1, y: inner.y + 1, style: palette.accent)
        }
        let goal = prompt.next == .quit ? "quitting" : "opening another scenario"
        if inner.height >= 4 {
            canvas.write(glyphs.truncate("Save them before \(goal)?", to: inner.width - 2), x: inner.x + 1, y: inner.y + 3, style: palette.text)
        }
        if inner.height >= 6 {
            let keys: [TextRun] = [TextRun("s", palette.keyBarKey), TextRun(" save   ", palette.text), TextRun("d", palette.keyBarKey),
                                   TextRun(" discard   ", palette.text), TextRun("Esc", palette.keyBarKey), TextRun(" cancel", palette.text)]
            canvas.write(keys, x: inner.x + 1, y: inner.y + 5, maxWidth: inner.width - 2)
        }
    }
}

/// A labelled text field with its cursor, scrolled so that the cursor shows (a long path
/// shows its end while the cursor is there; an ellipsis marks a cut side).
func drawField(into canvas: inout Canvas, label: String, field: TextField, x: Int, y: Int, width: Int, palette: Palette) {
    let written = canvas.write(label, x: x, y: y, style: palette.dim, maxWidth: width)
    let room = width - written - 1
    guard room > 1 else { return }
    let characters = Array(field.text)
    var first = max(0, field.cursor - room + 1)
    if characters.count - first < room { first = max(0, characters.count - room + 1) }
    first = min(first, field.cursor)
    var column = x + written
    let ellipsis = palette.glyphs.ellipsis
    for (offset, character) in characters[first...].enumerated() {
        let index = first + offset
        let cut = (offset == 0 && first > 0) || (column - x - written >= room - 1 && index < characters.count - 1)
        let shown = cut && index != field.cursor ? ellipsis : character
        let style = index == field.cursor ? Style(reverse: true) : cut ? palette.dim : palette.accent
        column += canvas.write(String(shown), x: column, y: y, style: style)
        if column - x - written >= room { break }
    }
    if field.cursor >= characters.count { canvas.put(" ", x: column, y: y, style: Style(reverse: true)) }
}

/// Below the minimum size: what size the dashboard needs.
struct TooSmallWidget {
    let palette: Palette

    func draw(into canvas: inout Canvas, width: Int, height: Int) {
        let message = "Terminal too small: \(width)\(palette.glyphs.times)\(height). offload needs at least \(ScreenLayout.minimumWidth)\(palette.glyphs.times)\(ScreenLayout.minimumHeight). Enlarge it, or press q to quit."
        var lines: [String] = []
        var current = ""
        for word in message.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        let top = max(0, (height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < height {
            let x = max(0, (width - line.count) / 2)
            canvas.write(line, x: x, y: top + index, style: index == 0 ? palette.accent : palette.text)
        }
    }
}
