import OffloadModel

/// Checks a theme file's bytes (docs/FORMATS.md, "Theme files") the way the dashboard
/// reads them, so that scripts and the fuzzer can validate themes without a terminal.
public enum ThemeCheck {
    /// Throws the first problem in `bytes`, the contents of `file`.
    public static func check(_ bytes: [UInt8], file: String) throws(InputError) {
        _ = try ThemeFile.parse(bytes: bytes, name: "check", file: file)
    }
}

extension ThemeFile {
    /// Parses a theme file's bytes: UTF-8 text, then `parse(_:name:file:base:)`.
    static func parse(bytes: [UInt8], name: String, file: String, base: Theme = BuiltinTheme.dark) throws(InputError) -> Theme {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(file: file, message: "is not UTF-8 text; a theme file holds `key = value` lines")
        }
        return try parse(text, name: name, file: file, base: base)
    }
}
