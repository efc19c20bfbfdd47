/// Round tick positions for a time axis.
public enum TimeAxis {
    /// The smallest step of the form 1, 2 or 5 × 10^k that is at least `minimumStep`.
    public static func niceStep(atLeast minimumStep: Double) -> Double {
        guard minimumStep.isFinite, minimumStep > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude > minimumStep { magnitude /= 10 }
        while magnitude * 10 <= minimumStep { magnitude *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= minimumStep {
            return magnitude * factor
        }
        return magnitude * 10
    }

    /// A tick label: `0`, `250`, `1.5k`-free plain numbers with as few decimals as the step needs.
    public static func label(_ value: Double, step: Double) -> String {
        var decimals = 0
        var scaled = step
        while decimals < 6 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return NumberFormat.fixed(value, decimals: decimals).filter { $0 != "," }
    }
}
