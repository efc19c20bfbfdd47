import Foundation
import Testing
@testable import OffloadDashboard

/// The key table is the one source of the handler, the help screen and the key bar.
@Suite struct KeyTableTests {
    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in [KeyBinding.Context.main, .help, .dialog] {
            let keys = KeyBindings.all.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context) binds a key twice")
        }
    }

    @Test func theHandlerUsesTheTable() {
        for binding in KeyBindings.all {
            for key in binding.keys {
                #expect(KeyBindings.action(for: key, in: binding.context) == binding.action)
            }
        }
        #expect(KeyBindings.action(for: .character("z"), in: .dialog) == .dialogInsert("z"))
        #expect(KeyBindings.action(for: .character("z"), in: .main) == nil)
    }

    @Test func helpListsEveryBinding() {
        let lines = HelpWidget.lines(unicode: true).flatMap { $0 }
        for binding in KeyBindings.all {
            let keys = binding.keys.map { $0.name(unicode: true) }.joined(separator: " ")
            #expect(lines.contains { $0.kind == .binding && $0.keys == keys && $0.text == binding.description }, "help lacks \(binding.description)")
        }
    }

    /// On a narrow help screen a line that does not fit ends in an ellipsis, cut at a
    /// character: every help line shows whole, or as a start of itself followed by `…`.
    @Test func helpCutsLongDescriptionsWithAnEllipsis() throws {
        for (width, height, unicode) in [(60, 20, true), (80, 24, true), (80, 24, false), (100, 30, true)] {
            let dashboard = try Fixtures.dashboard(options: Fixtures.options(unicode: unicode), width: width, height: height)
            let palette = dashboard.state.palette
            let ellipsis = String(palette.glyphs.ellipsis)
            let rows = HelpWidget.rows(width: width, unicode: unicode).map(\.left)
            let inner = HelpWidget.frame(width: width, height: height).inset(by: 1)
            var cut = 0
            for first in stride(from: 0, to: rows.count, by: inner.height) {
                var canvas = Canvas(width: width, height: height)
                HelpWidget(state: dashboard.state, palette: palette, scroll: first).draw(into: &canvas, width: width, height: height)
                let shownFirst = min(first, max(0, rows.count - inner.height))
                for offset in 0..<min(inner.height, rows.count - shownFirst) {
                    guard let line = rows[shownFirst + offset], line.kind == .binding else { continue }
                    let full = "  " + line.keys.rightPadded(to: 0) + "  " + line.text
                    let row = String(canvas.rows[inner.y + offset].dropFirst(inner.x + 1).prefix(inner.width - 2))
                        .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                    let words = row.split(separator: " ").joined(separator: " ")
                    let expected = full.split(separator: " ").joined(separator: " ")
                    if words == expected { continue }
                    cut += 1
                    #expect(row.hasSuffix(ellipsis), "\(width): \"\(row)\" is cut without \(ellipsis)")
                    #expect(expected.hasPrefix(String(words.dropLast())), "\(width): \"\(row)\" is not the start of \"\(expected)\"")
                }
            }
            if width <= 80 { #expect(cut > 0, "\(width): nothing was long enough to cut") }
        }
    }

    /// Every key-bar entry shows on a wide screen (`w` sweep and `e` export too, `v` and `R`
    /// with a trace); at 80 columns the bar keeps what a demo needs: bandwidth, algorithm,
    /// the view under a trace, open, help and quit.
    @Test func theKeyBarDegradesByRank() {
        for trace in [false, true] {
            let all = KeyBarWidget.allItems(unicode: true, trace: trace)
            let labels = all.map(\.label)
            #expect(labels.contains("sweep") && labels.contains("export"))
            #expect(labels.contains("view") == trace && labels.contains("re-plan") == trace)
            let wide = KeyBarWidget.items(width: 200, unicode: true, trace: trace)
            #expect(wide.map(\.label) == labels, "\(wide.map(\.label))")
            for width in [60, 80, 100, 120, 160] {
                let fitted = KeyBarWidget.items(width: width, unicode: true, trace: trace)
                let shown = fitted.map(\.label)
                #expect(fitted.last.map { $0.x + $0.width } ?? 0 <= width)
                for kept in ["bandwidth", "algorithm", "open", "help", "quit"] + (trace && width >= 80 ? ["view"] : []) {
                    #expect(shown.contains(kept), "\(width): \(shown) lacks \(kept)")
                }
                // Entries keep the table's order, and one with a lower rank never gives way before one with a higher.
                #expect(shown == labels.filter(shown.contains))
                let dropped = all.filter { !shown.contains($0.label) }
                if let lowestDropped = dropped.map(\.rank).min() { #expect(fitted.allSatisfy { $0.rank <= lowestDropped }) }
            }
        }
    }

    @Test func theSpecsKeysAreBound() {
        let required: [(Character, Action)] = [
            ("b", .step(.bandwidth, up: false)), ("B", .step(.bandwidth, up: true)),
            ("d", .step(.deviceSpeed, up: false)), ("D", .step(.deviceSpeed, up: true)),
            ("c", .step(.cloudSpeed, up: false)), ("C", .step(.cloudSpeed, up: true)),
            ("a", .cycleAlgorithm(forward: true)), ("o", .openScenarioPicker), ("?", .showHelp), ("q", .quit),
        ]
        for (character, action) in required {
            #expect(KeyBindings.action(for: .character(character), in: .main) == action)
        }
        #expect(KeyBindings.action(for: .escape, in: .main) == .quit)
    }

    @Test func theKeyBarComesFromTheTable() {
        let items = KeyBarWidget.allItems(unicode: true)
        #expect(items.first?.keys == "b/B" && items.first?.label == "bandwidth")
        for item in items {
            #expect(KeyBindings.main.contains { $0.action == item.action && $0.keyBar == item.label })
        }
        for width in [20, 40, 80, 200] {
            let fitted = KeyBarWidget.items(width: width, unicode: true)
            #expect(fitted.contains { $0.action == .showHelp } && fitted.contains { $0.action == .quit })
        }
    }
}
