import OffloadReport

/// The time axis of a view: a unit that keeps labels short (ms, s, min, h, then d as the
/// span grows: `TimeAxis.unit`) and round tick positions (1, 2 or 5 × 10^k in that unit).
struct TimeScale: Sendable {
    /// `ms`, `s`, `min`, `h` or `d`.
    let unit: String
    /// Milliseconds in one unit.
    let unitMs: Double
    /// Each tick: its column and its label.
    let ticks: [(column: Int, label: String)]

    /// The scale for `columns` columns showing `spanMs` from `startMs`, with labels at
    /// least `minimumGap` columns apart.
    init(startMs: Double, spanMs: Double, columns: Int, minimumGap: Int = 9) {
        let span = spanMs.isFinite && spanMs > 0 ? spanMs : 1
        let chosen = TimeAxis.unit(forSpanMs: span)
        (unit, unitMs) = (chosen.name, chosen.ms)
        guard columns > 0 else {
            ticks = []
            return
        }
        let msPerColumn = span / Double(columns)
        let step = TimeAxis.niceStep(atLeast: Double(minimumGap) * msPerColumn / unitMs)
        var ticks: [(Int, String)] = []
        let start = startMs.isFinite ? startMs : 0
        var index = (start / unitMs / step).rounded(.up)
        let end = start + span
        // Ticks are at least one column apart: a bounded loop even where rounding stalls `index`.
        for _ in 0...(columns + 1) {
            let value = index * step
            let timeMs = value * unitMs
            if timeMs > end + msPerColumn * 0.5 { break }
            let column = Int(clamping: ((timeMs - start) / msPerColumn).rounded(), to: -1...columns)
            if column >= 0 && column < columns {
                ticks.append((column, TimeAxis.label(value, step: step)))
            }
            index += 1
        }
        self.ticks = ticks
    }
}
