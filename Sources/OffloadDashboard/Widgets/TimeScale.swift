import OffloadReport

/// The time axis of a view: a unit that keeps labels short (ms, then s, then min for long
/// spans) and round tick positions (1, 2 or 5 × 10^k in that unit).
struct TimeScale: Sendable {
    /// `ms`, `s` or `min`.
    let unit: String
    /// Milliseconds in one unit.
    let unitMs: Double
    /// Each tick: its column and its label.
    let ticks: [(column: Int, label: String)]

    /// The scale for `columns` columns showing `spanMs` from `startMs`, with labels at
    /// least `minimumGap` columns apart.
    init(startMs: Double, spanMs: Double, columns: Int, minimumGap: Int = 9) {
        let span = spanMs.isFinite && spanMs > 0 ? spanMs : 1
        if span < 10_000 {
            (unit, unitMs) = ("ms", 1)
        } else if span < 600_000 {
            (unit, unitMs) = ("s", 1000)
        } else {
            (unit, unitMs) = ("min", 60_000)
        }
        guard columns > 0 else {
            ticks = []
            return
        }
        let msPerColumn = span / Double(columns)
        let step = TimeAxis.niceStep(atLeast: Double(minimumGap) * msPerColumn / unitMs)
        var ticks: [(Int, String)] = []
        var index = (startMs / unitMs / step).rounded(.up)
        let end = startMs + span
        while ticks.count < 1000 {
            let value = index * step
            let timeMs = value * unitMs
            if timeMs > end + msPerColumn * 0.5 { break }
            let column = Int(((timeMs - startMs) / msPerColumn).rounded())
            if column >= 0 && column < columns {
                ticks.append((column, TimeAxis.label(value, step: step)))
            }
            index += 1
        }
        self.ticks = ticks
    }
}
