/// Numbers as the text reports show them.
public enum NumberFormat {
    /// `12.35` — fixed decimals (0 to 12), thousands grouped, `-` for non-finite values.
    /// Values too large to write out (10^18 and more, after scaling by the decimals) keep
    /// Swift's shortest exact form, with an exponent; nothing the planner makes from inputs
    /// in the documented ranges comes near.
    public static func fixed(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "-" }
        let decimals = max(0, min(decimals, 12))
        let negative = value < 0
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return (negative ? "-" : "") + "\(abs(value))" }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        var text = grouped(whole)
        if decimals > 0 {
            let fraction = String(units % UInt64(scale))
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (negative && units > 0 ? "-" : "") + text
    }

    /// `1,234,567` — thousands separated by commas.
    public static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// `1 job`, `1,202 jobs`: a count, grouped, and its noun in the singular or with an "s".
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(grouped(count)) \(noun)\(count == 1 ? "" : "s")"
    }

    /// `1,234,567` for an Int.
    public static func grouped(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(UInt64(value.magnitude))
    }

    /// A speed or bandwidth without trailing zeros: `18.88`, `1`, `0.5`, `19,550`. Four decimals,
    /// or as many as three significant digits need for smaller values (`0.00125`), so that
    /// no value above 0 reads as `0`; below 10^-9, Swift's exact form (`1e-12`). Thousands
    /// are grouped, as in `fixed`: every number a person reads has one form.
    public static func compact(_ value: Double) -> String {
        var decimals = 4
        let magnitude = abs(value)
        if magnitude.isFinite && magnitude > 0 && magnitude < 0.01 {
            guard magnitude >= 1e-9 else { return "\(value)" }
            var scaled = magnitude * 10_000
            while scaled < 99.5 && decimals < 12 {
                scaled *= 10
                decimals += 1
            }
        }
        var text = fixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
