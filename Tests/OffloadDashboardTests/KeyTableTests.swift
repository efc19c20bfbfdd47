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
