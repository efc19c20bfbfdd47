/// The key bar at the bottom, drawn from the key table: `b/B bandwidth  d/D device …`.
/// When the screen is narrow, entries give way by their rank in the key table (theme and
/// presets first; bandwidth, and the view with a trace, last); algorithm, open, help and
/// quit always stay.
struct KeyBarWidget {
    let palette: Palette
    /// Whether the scenario has a bandwidth trace (`v` and `R` only mean something then).
    var trace = false

    struct Item: Sendable, Equatable {
        var keys: String
        var label: String
        var action: Action
        var rank: Int
        /// Where the item lies on the row (from the bar's left edge).
        var x = 0
        var width: Int { keys.count + 1 + label.count }
    }

    /// Every entry, merging neighbouring bindings that share a label.
    static func allItems(unicode: Bool, trace: Bool = false) -> [Item] {
        var items: [Item] = []
        for binding in KeyBindings.main {
            guard let label = binding.keyBar, let key = binding.keys.first else { continue }
            if !trace && (binding.action == .toggleRealised || binding.action == .toggleReplanning) { continue }
            let keys = binding.keyBarKeys ?? key.name(unicode: unicode)
            if let last = items.last, last.label == label {
                items[items.count - 1].keys += "/" + keys
                items[items.count - 1].rank = min(last.rank, binding.barRank)
            } else {
                items.append(Item(keys: keys, label: label, action: binding.action, rank: binding.barRank))
            }
        }
        return items
    }

    /// The entries that fit in `width`, placed.
    static func items(width: Int, unicode: Bool, trace: Bool = false) -> [Item] {
        var items = allItems(unicode: unicode, trace: trace)
        func total() -> Int { items.reduce(1) { $0 + $1.width + 2 } }
        while total() > width, let highest = items.map(\.rank).max(), highest > 0,
              let last = items.lastIndex(where: { $0.rank == highest }) {
            items.remove(at: last)
        }
        var x = 1
        for index in items.indices {
            items[index].x = x
            x += items[index].width + 2
        }
        return items
    }

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: palette.keyBar)
        for item in Self.items(width: rect.width, unicode: palette.glyphs.unicode, trace: trace) {
            let written = canvas.write(item.keys, x: rect.x + item.x, y: rect.y, style: palette.keyBarKey, maxWidth: rect.maxX - rect.x - item.x)
            canvas.write(" " + item.label, x: rect.x + item.x + written, y: rect.y, style: palette.keyBar,
                         maxWidth: max(0, rect.width - item.x - written))
        }
    }

    /// The action of the entry at column `x` of the bar.
    static func action(atX x: Int, width: Int, unicode: Bool, trace: Bool = false) -> Action? {
        items(width: width, unicode: unicode, trace: trace).first { x >= $0.x && x < $0.x + $0.width }?.action
    }
}
