/// One device/cloud split of a ``CutGraph`` with its cost profile at speed 1.
///
/// `onDevice` is closed under predecessors. Under an environment the lane times are
/// `deviceMs / deviceSpeed`, `uplinkBytes · 8 / (Mbps · 1000) + latencyMs` (only when
/// `uplinkBytes > 0`) and `cloudMs / cloudSpeed`.
public struct CandidateCut: Sendable, Hashable {
    /// Per layer: `true` if the layer runs on the device.
    public var onDevice: [Bool]
    /// Sum of `deviceMs` over device layers.
    public var deviceMs: Double
    /// Bytes sent to the cloud: each device-produced tensor read by a cloud layer, once.
    public var uplinkBytes: Int
    /// Sum of `cloudMs` over cloud layers.
    public var cloudMs: Double
    /// The tensors sent, ascending by producing layer; `-1` is the raw input.
    public var sentTensors: [Int]

    /// Creates a cut from its parts; use ``CutGraph/profile(onDevice:)`` to compute them.
    public init(onDevice: [Bool], deviceMs: Double, uplinkBytes: Int, cloudMs: Double, sentTensors: [Int]) {
        self.onDevice = onDevice
        self.deviceMs = deviceMs
        self.uplinkBytes = uplinkBytes
        self.cloudMs = cloudMs
        self.sentTensors = sentTensors
    }

    /// Number of layers on the device.
    public var deviceLayerCount: Int { onDevice.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
