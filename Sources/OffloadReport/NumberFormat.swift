/// Numbers as the text reports show them.
public enum NumberFormat {
    /// `12.35` — fixed decimals, no exponent, `-` for non-finite values.
    public static func fixed(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "-" }
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

    /// `1,234,567` for an Int.
    public static func grouped(_ value: Int) -> String {
        value < 0 ? "-" + grouped(UInt64(-value)) : grouped(UInt64(value))
    }

    /// A speed or bandwidth without trailing zeros: `18.88`, `1`, `0.5`.
    public static func compact(_ value: Double) -> String {
        var text = fixed(value, decimals: 4).replacingCommas()
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

extension String {
    fileprivate func replacingCommas() -> String { filter { $0 != "," } }
}
