/// The Gantt chart's zoom and pan: which part of the time axis is on screen.
///
/// Kept as a zoom factor and the centre as a fraction of the whole span, so that the view
/// stays on the same part of the schedule when a knob changes the makespan.
struct ChartView: Sendable, Equatable {
    /// 1 shows the whole plan; 2 half of it; up to `maximumZoom`.
    var zoom: Double = 1
    /// The centre of the view, as a fraction of the whole span (0.5: the middle).
    var centre: Double = 0.5

    static let maximumZoom = 1024.0

    /// The window `(startMs, spanMs)` of a chart whose whole span is `totalMs`.
    func window(totalMs: Double) -> (startMs: Double, spanMs: Double) {
        let total = totalMs.isFinite && totalMs > 0 ? totalMs : 1
        let span = total / zoom
        let start = min(max(0, centre * total - span / 2), total - span)
        return (max(0, start), span)
    }

    /// Keeps the centre where the window fits inside the plan.
    mutating func clampCentre() {
        let half = 0.5 / zoom
        centre = min(max(centre, half), 1 - half)
    }
}

/// The play mode's time cursor.
struct Playback: Sendable, Equatable {
    /// Where the cursor stands, in ms; nil when there is none (the whole plan is shown).
    var cursorMs: Double?
    var playing = false

    /// How long one sweep across the whole chart takes, in real milliseconds.
    static let sweepMs = 6000.0
}
