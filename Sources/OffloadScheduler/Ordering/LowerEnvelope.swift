/// The pointwise minimum of a few lines `intercept + slope * x` on `[0, upper]`:
/// a concave, piecewise-linear function described by its value and slope just
/// right of 0 and the points where its slope drops.
struct LowerEnvelope: Sendable {
    /// A point where the active line changes, and by how much the slope changes
    /// there (always negative).
    struct Break: Sendable {
        var at: Double
        var slopeChange: Double
    }

    /// The envelope's value at 0.
    private(set) var startValue = Double.infinity
    /// The envelope's slope just right of 0.
    private(set) var startSlope = 0.0
    /// The slope changes in `(0, upper)`, in increasing `at`.
    private(set) var breaks: [Break] = []

    /// The envelope of the lines `intercepts[i] + slopes[i] * x` (at least one).
    init(intercepts: [Double], slopes: [Double], upper: Double) {
        guard var active = intercepts.indices.first else { return }
        for line in intercepts.indices.dropFirst()
        where intercepts[line] < intercepts[active]
            || (intercepts[line] == intercepts[active] && slopes[line] < slopes[active]) {
            active = line
        }
        startValue = intercepts[active]
        startSlope = slopes[active]
        var position = 0.0
        // Each step moves to a line of strictly smaller slope: at most one per line.
        while true {
            var next = -1
            var nextPosition = upper
            for line in slopes.indices where slopes[line] < slopes[active] {
                let crossing = max(position, (intercepts[line] - intercepts[active]) / (slopes[active] - slopes[line]))
                if crossing < nextPosition || (crossing == nextPosition && next >= 0 && slopes[line] < slopes[next]) {
                    next = line
                    nextPosition = crossing
                }
            }
            if next < 0 { break }
            breaks.append(Break(at: nextPosition, slopeChange: slopes[next] - slopes[active]))
            active = next
            position = nextPosition
        }
    }
}
