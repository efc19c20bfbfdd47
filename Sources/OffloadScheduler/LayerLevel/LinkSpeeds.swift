import OffloadModel

/// The environment of SPEC.md §1: two processor speeds and one uplink.
public struct LinkSpeeds: Sendable, Hashable {
    /// Device speed factor: a layer takes `deviceMs / deviceSpeed` on the device.
    public var deviceSpeed: Double
    /// Cloud speed factor: a layer takes `cloudMs / cloudSpeed` in the cloud.
    public var cloudSpeed: Double
    /// Uplink bandwidth in megabits per second.
    public var bandwidthMbps: Double
    /// Fixed cost of one transfer, in milliseconds, paid once per transfer.
    public var latencyMs: Double

    /// Creates an environment; the defaults are those of SPEC.md §3.
    public init(deviceSpeed: Double = 1, cloudSpeed: Double = 1, bandwidthMbps: Double = 20, latencyMs: Double = 0) {
        self.deviceSpeed = deviceSpeed
        self.cloudSpeed = cloudSpeed
        self.bandwidthMbps = bandwidthMbps
        self.latencyMs = latencyMs
    }

    /// The duration of one transfer carrying `bytes` bytes:
    /// `bytes × 8 / (bandwidthMbps × 1000) + latencyMs`, and 0 (no latency) when
    /// `bytes` is 0.
    public func transferMs(bytes: Int) -> Double {
        bytes > 0 ? Double(bytes) * 8 / (bandwidthMbps * 1000) + latencyMs : 0
    }
}

extension LinkSpeeds {
    /// The speeds of `environment` (its trace aside: schedulers plan with the nominal bandwidth).
    public init(_ environment: Environment) {
        self.init(deviceSpeed: environment.deviceSpeed, cloudSpeed: environment.cloudSpeed,
                  bandwidthMbps: environment.bandwidthMbps, latencyMs: environment.latencyMs)
    }
}
