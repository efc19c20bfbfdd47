/// The time a job spends on each of the three lanes, in milliseconds,
/// for one choice of its cut under one environment.
public struct StageTimes: Sendable, Hashable {
    public var device: Double
    public var uplink: Double
    public var cloud: Double

    public init(device: Double, uplink: Double, cloud: Double) {
        self.device = device
        self.uplink = uplink
        self.cloud = cloud
    }

    /// The job's own latency when it runs alone.
    public var total: Double { device + uplink + cloud }
}
