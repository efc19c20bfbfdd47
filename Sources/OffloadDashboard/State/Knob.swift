import OffloadModel
import OffloadReport

/// An environment setting the user tunes with a key pair.
enum Knob: Sendable, Hashable, CaseIterable {
    case bandwidth, deviceSpeed, cloudSpeed, latency

    /// The documented range the knob is clamped to.
    var range: ClosedRange<Double> {
        switch self {
        case .bandwidth: 0.01...100_000
        case .deviceSpeed, .cloudSpeed: 0.01...100
        case .latency: 0...10_000
        }
    }

    /// The readable values the knob steps along.
    var ladder: Ladder {
        switch self {
        case .latency: .oneTwoFive
        default: .fine
        }
    }

    /// `bandwidth`, `device speed`, …
    var label: String {
        switch self {
        case .bandwidth: "bandwidth"
        case .deviceSpeed: "device speed"
        case .cloudSpeed: "cloud speed"
        case .latency: "latency"
        }
    }

    func value(in environment: Environment) -> Double {
        switch self {
        case .bandwidth: environment.bandwidthMbps
        case .deviceSpeed: environment.deviceSpeed
        case .cloudSpeed: environment.cloudSpeed
        case .latency: environment.latencyMs
        }
    }

    func set(_ value: Double, in environment: inout Environment) {
        switch self {
        case .bandwidth: environment.bandwidthMbps = value
        case .deviceSpeed: environment.deviceSpeed = value
        case .cloudSpeed: environment.cloudSpeed = value
        case .latency: environment.latencyMs = value
        }
    }

    /// The value as the status line says it: `18.88 Mbps`, `×1.5`, `20 ms`.
    func format(_ value: Double, unicode: Bool) -> String {
        switch self {
        case .bandwidth: "\(Self.number(value)) Mbps"
        case .deviceSpeed, .cloudSpeed: (unicode ? "×" : "x") + Self.number(value)
        case .latency: "\(Self.number(value)) ms"
        }
    }

    /// `100,000`, `1,234.5`, `18.88`, `0.01` (any value, in range or not, without trapping).
    static func number(_ value: Double) -> String { NumberFormat.compact(value) }

    /// The next value one step `up` (or down) from `value`: the next stop of the ladder,
    /// clamped to the range; and whether the knob cannot move that way because it is
    /// already at (or beyond) that end of the range, in which case `value` is returned.
    /// A value outside the range (from a scenario file or a flag) steps into it: down
    /// from above the maximum lands on the maximum, up from below the minimum on the minimum.
    func stepped(from value: Double, up: Bool) -> (value: Double, atBound: Bool) {
        if up ? value >= range.upperBound : value <= range.lowerBound { return (value, true) }
        let next = up ? ladder.above(value) : ladder.below(value)
        return (min(max(next, range.lowerBound), range.upperBound), false)
    }

    /// `0.01 to 100,000 Mbps`.
    func rangeText(unicode: Bool) -> String {
        "\(format(range.lowerBound, unicode: unicode)) to \(format(range.upperBound, unicode: unicode))"
    }
}

/// Readable values on a logarithmic scale: a set of mantissas repeated in every decade.
struct Ladder: Sendable, Hashable {
    /// The mantissas × 100 (exact integers), ascending, from 100 up to (not including) 1000.
    let hundredths: [Int]
    /// Whether 0 is a stop below the smallest decade used.
    let hasZero: Bool
    /// The smallest decade (as a power of ten) that `hasZero` steps down to 0 from.
    let lowestDecade: Int

    /// 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k: steps of 1.2–1.33×.
    static let fine = Ladder(hundredths: [100, 125, 150, 200, 250, 300, 400, 500, 600, 800], hasZero: false, lowestDecade: -2)
    /// 0, then 1, 2, 5 × 10^k from 1 up.
    static let oneTwoFive = Ladder(hundredths: [100, 200, 500], hasZero: true, lowestDecade: 0)

    /// The stop `index` within `decade`, computed from exact integers so that the result
    /// is the double nearest the decimal (0.0125, not 0.012500000000000001).
    func stop(_ index: Int, decade: Int) -> Double {
        let units = Double(hundredths[index])
        let shift = decade - 2
        var power = 1.0
        for _ in 0..<abs(shift) { power *= 10 }
        return shift >= 0 ? units * power : units / power
    }

    /// The smallest stop strictly above `value` (beyond rounding noise).
    func above(_ value: Double) -> Double {
        if hasZero && value < stop(0, decade: lowestDecade) * (1 - 1e-9) { return stop(0, decade: lowestDecade) }
        let decade = Self.decade(of: value)
        for candidateDecade in decade...(decade + 1) {
            for index in hundredths.indices {
                let candidate = stop(index, decade: candidateDecade)
                if candidate > value * (1 + 1e-9) { return candidate }
            }
        }
        return stop(0, decade: decade + 2)
    }

    /// The largest stop strictly below `value` (0 below the lowest stop, when the ladder has it).
    func below(_ value: Double) -> Double {
        if hasZero && value <= stop(0, decade: lowestDecade) * (1 + 1e-9) { return 0 }
        let decade = Self.decade(of: value)
        for candidateDecade in stride(from: decade, through: decade - 1, by: -1) {
            for index in hundredths.indices.reversed() {
                let candidate = stop(index, decade: candidateDecade)
                if candidate < value * (1 - 1e-9) { return candidate }
            }
        }
        return stop(hundredths.count - 1, decade: decade - 2)
    }

    /// k such that 10^k <= value < 10^(k+1) (clamped to a sane range).
    static func decade(of value: Double) -> Int {
        guard value.isFinite, value > 0 else { return -3 }
        var decade = 0
        var power = 1.0
        while value >= power * 10 && decade < 12 { power *= 10; decade += 1 }
        while value < power && decade > -12 { power /= 10; decade -= 1 }
        return decade
    }
}

/// A named uplink rate on a number key.
struct BandwidthPreset: Sendable, Hashable {
    var key: Character
    var name: String
    var mbps: Double
    /// Where the number comes from.
    var source: String

    /// The presets on keys 1–5.
    static let all = [
        BandwidthPreset(key: "1", name: "3G", mbps: 1.1, source: "the 3G uplink measured in Neurosurgeon (Kang et al., ASPLOS 2017)"),
        BandwidthPreset(key: "2", name: "4G", mbps: 5.85, source: "the LTE uplink measured in Neurosurgeon"),
        BandwidthPreset(key: "3", name: "Wi-Fi", mbps: 18.88, source: "the Wi-Fi uplink measured in Neurosurgeon"),
        BandwidthPreset(key: "4", name: "5G", mbps: 40, source: "assumed; the rate of the bundled 5G handover trace"),
        BandwidthPreset(key: "5", name: "fibre", mbps: 1000, source: "assumed; a symmetric gigabit fibre line"),
    ]
}
