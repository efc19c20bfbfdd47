/// A layer graph in topological order, reduced to what cut costs need.
///
/// Layer `i` is described by `deviceMs[i]`, `cloudMs[i]`, `outputBytes[i]` and
/// `inputs[i]`. The raw input starts on the device and is addressed as `-1`.
/// A graph is usable only when ``validationIssue`` is `nil`; the cut functions
/// return `nil` or an empty result for a malformed graph instead of trapping.
///
/// A *follower* (``followsOnly``) is a layer that may run on the device only when all its
/// inputs do, but reads none of their tensors: placing it in the cloud sends nothing.
/// Closure treats its inputs like any others; bytes never count them. The cloud twins of
/// constants are followers (see `CutGraphReduction`); graphs without constants have none.
public struct CutGraph: Sendable {
    /// Size of the raw input tensor in bytes.
    public var inputBytes: Int
    /// Per-layer time on the device at speed 1, in milliseconds.
    public var deviceMs: [Double]
    /// Per-layer time in the cloud at speed 1, in milliseconds.
    public var cloudMs: [Double]
    /// Per-layer output tensor size in bytes.
    public var outputBytes: [Int]
    /// Predecessors of each layer by index (each `< own index`); `-1` is the raw input.
    public var inputs: [[Int]]
    /// Which layers are followers (see the type's documentation), one entry per layer;
    /// empty when none is.
    public var followsOnly: [Bool]

    /// Creates a graph from per-layer arrays that must all have the same length
    /// (`followsOnly` may also be empty: no followers).
    public init(inputBytes: Int, deviceMs: [Double], cloudMs: [Double], outputBytes: [Int], inputs: [[Int]],
                followsOnly: [Bool] = []) {
        self.inputBytes = inputBytes
        self.deviceMs = deviceMs
        self.cloudMs = cloudMs
        self.outputBytes = outputBytes
        self.inputs = inputs
        self.followsOnly = followsOnly
    }

    /// Whether layer `v` is a follower.
    public func isFollower(_ v: Int) -> Bool { !followsOnly.isEmpty && followsOnly[v] }

    /// Number of layers.
    public var layerCount: Int { deviceMs.count }

    /// Why a graph cannot be used for cut computations.
    public enum Issue: Sendable, Hashable {
        /// `deviceMs`, `cloudMs`, `outputBytes` and `inputs` (and a non-empty `followsOnly`) differ in length.
        case mismatchedLengths
        /// A layer names an input that is not `-1` and not an earlier layer.
        case invalidInput(layer: Int, input: Int)
        /// A time is negative, NaN or infinite (`layer` is `-1` when only the total overflows).
        case invalidTime(layer: Int)
        /// A byte count is negative (`layer` is `-1` for the raw input).
        case invalidBytes(layer: Int)
        /// The bytes of all tensors together overflow `Int`.
        case bytesOverflow
    }

    /// The first problem that makes this graph unusable, or `nil` if it is well formed:
    /// equal array lengths, inputs in `-1 ..< layer`, finite non-negative times with
    /// finite totals, non-negative byte counts whose total fits in `Int`.
    public var validationIssue: Issue? {
        let n = deviceMs.count
        guard cloudMs.count == n, outputBytes.count == n, inputs.count == n,
              followsOnly.isEmpty || followsOnly.count == n else { return .mismatchedLengths }
        guard inputBytes >= 0 else { return .invalidBytes(layer: -1) }
        var totalBytes = inputBytes
        var totalDevice = 0.0
        var totalCloud = 0.0
        for layer in 0..<n {
            for input in inputs[layer] where input < -1 || input >= layer {
                return .invalidInput(layer: layer, input: input)
            }
            let d = deviceMs[layer]
            let c = cloudMs[layer]
            guard d.isFinite, c.isFinite, d >= 0, c >= 0 else { return .invalidTime(layer: layer) }
            totalDevice += d
            totalCloud += c
            let b = outputBytes[layer]
            guard b >= 0 else { return .invalidBytes(layer: layer) }
            let (sum, overflow) = totalBytes.addingReportingOverflow(b)
            guard !overflow else { return .bytesOverflow }
            totalBytes = sum
        }
        guard totalDevice.isFinite, totalCloud.isFinite else { return .invalidTime(layer: -1) }
        return nil
    }
}
