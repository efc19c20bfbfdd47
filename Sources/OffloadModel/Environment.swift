/// The speeds and the link the jobs run under (SPEC §1, §3).
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
