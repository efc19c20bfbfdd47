/// One inference job at layer granularity, with its cut already fixed.
///
/// Layers are listed in a topological order: every entry of `inputs[i]` is
/// either `-1` (the raw input, which starts on the device) or the index of an
/// earlier layer. All per-layer arrays have one entry per layer.
public struct LayerJob: Sendable, Hashable {
    /// Size of the raw input in bytes; sent when a cloud layer reads it.
    public var inputBytes: Int
    /// Time of each layer on the device at speed 1, in milliseconds.
    public var deviceMs: [Double]
    /// Time of each layer in the cloud at speed 1, in milliseconds.
    public var cloudMs: [Double]
    /// Size of each layer's output tensor in bytes.
    public var outputBytes: [Int]
    /// The layers each layer reads: earlier layer indices, or `-1` for the raw input.
    public var inputs: [[Int]]
    /// The cut: `true` for a layer that runs on the device. Must be closed under
    /// predecessors (a device layer reads only device layers or the raw input).
    public var onDevice: [Bool]

    /// Creates a job from its per-layer arrays.
    public init(inputBytes: Int, deviceMs: [Double], cloudMs: [Double], outputBytes: [Int],
                inputs: [[Int]], onDevice: [Bool]) {
        self.inputBytes = inputBytes
        self.deviceMs = deviceMs
        self.cloudMs = cloudMs
        self.outputBytes = outputBytes
        self.inputs = inputs
        self.onDevice = onDevice
    }

    /// The number of layers.
    public var layerCount: Int { deviceMs.count }
}
