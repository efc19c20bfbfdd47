import OffloadModel

/// What tuning in the dashboard changed, in words: for the status line, the
/// unsaved-changes prompt and the description a saved scenario carries (docs/FORMATS.md,
/// §3, `description`).
enum TuningNote {
    /// Starts the sentence a save appends to the scenario's description.
    static let marker = "Tuned in the dashboard:"

    /// `bandwidth 18.88 → 25 Mbps`, one per knob that moved.
    static func changes(from old: Environment, to new: Environment, arrow: String) -> [String] {
        Knob.allCases.compactMap { knob in
            let before = knob.value(in: old), after = knob.value(in: new)
            guard before != after else { return nil }
            return "\(knob.label) \(knob.format(before, unicode: arrow != "->")) \(arrow) \(knob.format(after, unicode: arrow != "->"))"
        }
    }

    /// The original description (without an earlier tuning note) followed by what was
    /// tuned relative to the scenario as opened; the original alone when nothing was.
    static func describe(original: String, loaded: Environment, tuned: Environment, loadedJobs: Int, jobs: Int) -> String {
        var base = Substring(original)
        if let start = firstIndex(of: marker, in: original) {
            base = original[..<start]
            while base.last == " " { base = base.dropLast() }
        }
        var parts = changes(from: loaded, to: tuned, arrow: "->")
        if jobs != loadedJobs { parts.append("jobs \(loadedJobs) -> \(jobs)") }
        guard !parts.isEmpty else { return String(base) }
        let note = "\(marker) \(parts.joined(separator: ", "))."
        return base.isEmpty ? note : base + " " + note
    }

    /// Where `needle` first starts in `text`.
    private static func firstIndex(of needle: String, in text: String) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(needle) { return index }
            index = text.index(after: index)
        }
        return nil
    }
}
