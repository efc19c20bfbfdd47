import Foundation

/// The repository's folder, for tests that read its files (samples, themes, docs, golden
/// screens). Found from this source file, `<root>/Tests/OffloadTestSupport/Repository.swift`,
/// so the tests run from any working directory.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `relative` (e.g. `"sample-jobs/models"`) inside the repository.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
