/// Round tick positions for a time axis, and the unit its labels are written in.
public enum TimeAxis {
    /// A unit for tick labels: `ms`, `s`, `min`, `h` or `d`.
    public struct Unit: Sendable, Hashable {
        /// `ms`, `s`, `min`, `h` or `d`.
        public let name: String
        /// Milliseconds in one unit.
        public let ms: Double

        public static let milliseconds = Unit(name: "ms", ms: 1)
        public static let seconds = Unit(name: "s", ms: 1000)
        public static let minutes = Unit(name: "min", ms: 60_000)
        public static let hours = Unit(name: "h", ms: 3_600_000)
        public static let days = Unit(name: "d", ms: 86_400_000)

        /// The units in ascending order.
        public static let all: [Unit] = [.milliseconds, .seconds, .minutes, .hours, .days]
    }

    /// The unit that keeps the labels of a `spanMs` axis short: the largest unit of which
    /// the span holds at least ten (ms below 10 s, s below 10 min, min below 10 h, h below
    /// 10 days, then d), so that labels are whole numbers in that unit up to a few
    /// thousand, and never milliseconds in the millions. A span that is not a positive
    /// finite number gets `ms`.
    public static func unit(forSpanMs spanMs: Double) -> Unit {
        guard spanMs.isFinite, spanMs > 0 else { return .milliseconds }
        return Unit.all.last { spanMs >= 10 * $0.ms } ?? .milliseconds
    }

    /// The smallest step of the form 1, 2 or 5 × 10^k that is at least `minimumStep`
    /// (1 when `minimumStep` is not a positive finite number; never 0 or infinite).
    public static func niceStep(atLeast minimumStep: Double) -> Double {
        guard minimumStep.isFinite, minimumStep > 0 else { return 1 }
        // Below the normal range dividing by 10 loses precision and reaches 0; above the
        // largest power of ten that fits, multiplying reaches infinity.
        guard minimumStep >= 1e-300 else { return 1e-300 }
        guard minimumStep <= 1e300 else { return minimumStep }
        var magnitude = 1.0
        while magnitude > minimumStep { magnitude /= 10 }
        while magnitude * 10 <= minimumStep { magnitude *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= minimumStep {
            return magnitude * factor
        }
        return magnitude * 10
    }

    /// A tick label: `0`, `250`, `1.5`, `2,000`: as few decimals as the step needs, thousands
    /// grouped as in every other number shown.
    public static func label(_ value: Double, step: Double) -> String {
        var decimals = 0
        var scaled = step
        while decimals < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return NumberFormat.fixed(value, decimals: decimals)
    }
}

extension Int {
    /// `value` rounded toward zero and clamped to `range`: unlike `Int(_:)` it never traps,
    /// whatever the value (NaN gives the range's lower bound). For columns and cells
    /// computed from times, which may be huge, and counts of eighths.
    public init(clamping value: Double, to range: ClosedRange<Int>) {
        if value.isNaN || value <= Double(range.lowerBound) {
            self = range.lowerBound
        } else if value >= Double(range.upperBound) {
            self = range.upperBound
        } else {
            self = Int(value)
        }
    }
}
