/// Why a layer-level instance cannot be scheduled.
public enum LayerLevelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A job's per-layer arrays do not all have the same length.
    case lengthMismatch(job: Int)
    /// A layer reads something that is neither `-1` nor an earlier layer.
    case badInput(job: Int, layer: Int, input: Int)
    /// A device layer reads a cloud layer: the cut is not closed under predecessors.
    case cutNotClosed(job: Int, layer: Int, input: Int)
    /// A time is negative, NaN or infinite (`field` is `deviceMs` or `cloudMs`).
    case badTime(job: Int, layer: Int, field: String)
    /// A byte count is negative (`layer` is -1 for the raw input).
    case badBytes(job: Int, layer: Int)
    /// A job's byte counts add up to more than `Int.max`.
    case tooManyBytes(job: Int)
    /// A speed or the bandwidth is not positive and finite (or so small that a
    /// layer's time overflows), or the latency is negative or not finite.
    case badEnvironment(field: String)
    /// The job order is not a permutation of the job indices.
    case badJobOrder
    /// More layers in total than the scheduler indexes (about a billion).
    case tooManyLayers

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .lengthMismatch(let job):
            "job \(job): deviceMs, cloudMs, outputBytes, inputs and onDevice must have one entry per layer"
        case .badInput(let job, let layer, let input):
            "job \(job), layer \(layer): input \(input) is neither -1 (the raw input) nor an earlier layer"
        case .cutNotClosed(let job, let layer, let input):
            "job \(job), layer \(layer): runs on the device but reads layer \(input), which runs in the cloud"
        case .badTime(let job, let layer, let field):
            "job \(job), layer \(layer): \(field) must be finite and at least 0"
        case .badBytes(let job, let layer):
            layer < 0 ? "job \(job): inputBytes must be at least 0"
                : "job \(job), layer \(layer): outputBytes must be at least 0"
        case .tooManyBytes(let job):
            "job \(job): inputBytes and outputBytes add up to more than \(Int.max)"
        case .badEnvironment(let field):
            field == "latencyMs" ? "latencyMs must be finite and at least 0"
                : "\(field) must be finite and greater than 0"
        case .badJobOrder:
            "the job order must list every job index exactly once"
        case .tooManyLayers:
            "too many layers in total to schedule"
        }
    }
}
