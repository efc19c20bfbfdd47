/// One layer of a DNN profile (docs/FORMATS.md §2): its inputs and its measured cost.
public struct Layer: Sendable, Hashable {
    /// The name every reference uses; unique within its model.
    public var name: String
    /// The operator, such as `Conv2d`; informative only.
    public var type: String?
    /// The layers it reads, or `input` for the raw input.
    public var inputs: [String]
    /// Time on the device at speed 1.0, in ms.
    public var deviceMs: Double
    /// Time in the cloud at speed 1.0, in ms.
    public var cloudMs: Double
    /// Size of its output tensor, in bytes.
    public var outputBytes: Int

    public init(name: String, type: String? = nil, inputs: [String], deviceMs: Double, cloudMs: Double, outputBytes: Int) {
        self.name = name
        self.type = type
        self.inputs = inputs
        self.deviceMs = deviceMs
        self.cloudMs = cloudMs
        self.outputBytes = outputBytes
    }

    /// The name `inputs` use for the raw input.
    public static let rawInputName = "input"
}
