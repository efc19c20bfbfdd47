import OffloadModel

/// The default (dark) theme, built in so the dashboard has colours even without a
/// `themes/` folder; `themes/default.theme` holds the same text.
enum BuiltinTheme {
    static let darkText = """
        # offload theme: default (dark)
        # key = value; a value is #rrggbb, a 256-colour index 0-255, or default.
        background = default
        text = 252
        dim = 245
        accent = 75
        border = 239
        title = 110
        header_background = 236
        header_text = 255
        keybar_background = 236
        keybar_key = 117
        keybar_text = 250
        lane_device = 150
        lane_uplink = 117
        lane_cloud = 183
        idle = 235
        critical = 203
        selection = 226
        selection_text = 16
        cursor = 231
        trace = 80
        bar = 67
        bar_current = 75
        good = 114
        bad = 210
        error = 203
        job1 = #5fafd7
        job2 = #d7875f
        job3 = #87af5f
        job4 = #af87d7
        job5 = #d7af5f
        job6 = #5fafaf
        job7 = #d75f87
        job8 = #a8a8a8

        """

    /// The default theme.
    static let dark: Theme = (try? ThemeFile.parse(darkText, name: "default", file: "built-in default theme",
                                                   base: Theme(name: "default", colours: [:], jobs: [.terminalDefault])))
        ?? Theme.mono
}

/// The themes of a `themes/` folder.
struct ThemeCatalog: Sendable {
    /// The folder, or nil for none.
    var folder: String?
    /// The names to cycle through with `t`: `default` first, then the folder's other
    /// `.theme` files in alphabetical order.
    var names: [String]

    init(folder: String?) {
        self.folder = folder
        let found = folder.map { Directory.entries(of: $0).filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) } } ?? []
        names = ["default"] + found.filter { $0 != "default" }.sorted()
    }

    /// The theme `name`: its file when there is one (`default.theme` overrides the built-in
    /// default), else the built-in default. Throws when the file is bad.
    func load(_ name: String) throws(InputError) -> Theme {
        guard let folder, Directory.entries(of: folder).contains(name + ".theme") else {
            if name == "default" { return BuiltinTheme.dark }
            throw InputError(file: name, message: "no such theme; the themes are \(names.joined(separator: ", "))")
        }
        let path = folder + "/" + name + ".theme"
        return try ThemeFile.parse(bytes: FileReader.bytes(atPath: path), name: name, file: path)
    }

    /// Throws when no theme is called `name` (a `--theme` that names none).
    func requireTheme(named name: String) throws(InputError) {
        guard !names.contains(name) else { return }
        let shown = name.count > 40 ? name.prefix(40) + "…" : name
        throw InputError(file: "--theme", message: "no theme named \"\(shown)\"; the themes are \(names.joined(separator: ", "))")
    }
}

/// Checks a `--theme` before anything is planned, also where no dashboard opens (a pipe).
public enum ThemeChoice {
    /// Throws when `themesFolder` (nil for none: only the built-in `default`) has no theme `name`.
    public static func check(_ name: String, themesFolder: String?) throws(InputError) {
        try ThemeCatalog(folder: themesFolder).requireTheme(named: name)
    }
}
