/// The speeds and the link the jobs run under (docs/FORMATS.md §1, §3).
public struct Environment: Sendable, Hashable {
    /// Device speed relative to the profile (2 = twice as fast).
    public var deviceSpeed: Double
    /// Cloud speed relative to the profile.
    public var cloudSpeed: Double
    /// Nominal uplink bandwidth, in megabits per second; schedulers plan with it.
    public var bandwidthMbps: Double
    /// Paid once per transfer that moves bytes, in ms.
    public var latencyMs: Double
    /// The bandwidth over time, played by the simulator; nil for a constant link.
    public var bandwidthTrace: [TracePoint]?

    public init(deviceSpeed: Double = 1, cloudSpeed: Double = 1, bandwidthMbps: Double = 20, latencyMs: Double = 0,
                bandwidthTrace: [TracePoint]? = nil) {
        self.deviceSpeed = deviceSpeed
        self.cloudSpeed = cloudSpeed
        self.bandwidthMbps = bandwidthMbps
        self.latencyMs = latencyMs
        self.bandwidthTrace = bandwidthTrace
    }

    /// Time to send `bytes` in one transfer: nothing, and no latency, when no bytes cross.
    public func uplinkMs(bytes: Int) -> Double {
        bytes > 0 ? Double(bytes) * 8 / (bandwidthMbps * 1000) + latencyMs : 0
    }
}

/// One step of a bandwidth trace: `mbps` holds from `atMs` until the next point.
public struct TracePoint: Sendable, Hashable {
    public var atMs: Double
    public var mbps: Double

    public init(atMs: Double, mbps: Double) {
        self.atMs = atMs
        self.mbps = mbps
    }
}

extension Environment {
    /// The numbers of an environment that a scenario file or a command-line flag sets.
    public enum Field: String, Sendable, CaseIterable {
        case deviceSpeed, cloudSpeed, bandwidthMbps, latencyMs
    }

    /// The values `field` accepts, in words: `from 0.000001 to 1000000`.
    public static func accepted(_ field: Field) -> String {
        let limits = field == .latencyMs ? 0...Limits.maximumMs : Limits.rates
        return "from \(formatLimit(limits.lowerBound)) to \(formatLimit(limits.upperBound))"
    }

    /// What `field` must be when `value` is not acceptable for it, or nil when it is:
    /// speeds and the bandwidth finite, > 0 and within `Limits.rates`; the latency finite,
    /// >= 0 and at most `Limits.maximumMs` (docs/FORMATS.md §3, §4).
    public static func expectation(for value: Double, of field: Field) -> String? {
        switch field {
        case .deviceSpeed, .cloudSpeed, .bandwidthMbps: NumberRule.rate.expectation(for: value)
        case .latencyMs: NumberRule.duration.expectation(for: value)
        }
    }
}

extension InputError {
    /// A number as a user wrote it, near enough, for "found …": `-1`, `0.5`, `not a number`.
    public static func describe(_ value: Double) -> String { formatFound(value) }
}
