import OffloadModel

/// One job of a model at layer granularity, its constants copied to each side where they
/// run.
///
/// A constant (docs/FORMATS.md §2) runs on the device when one of its consumers does and in
/// the cloud when one does, and is never sent. The layer-level job gives it one layer per
/// side it runs on, with no inputs, read only by its consumers on that side; a constant
/// nothing reads gets none. Every other layer keeps its place. Without constants the job
/// is the model's layers one to one.
public struct ConstantCopies: Sendable {
    /// The job at layer granularity.
    public let job: LayerJob
    /// The model layer each layer of `job` runs.
    public let layerOf: [Int]
    /// The layer of `job` that runs each model layer on the device, or `-1`.
    public let deviceCopy: [Int]
    /// The layer of `job` that runs each model layer in the cloud, or `-1`.
    public let cloudCopy: [Int]

    /// The job of `model` under `cut` (a cut of `model`, as `ModelGraph.cut(onDevice:)` makes).
    public init(model: ModelGraph, cut: Cut) {
        let n = model.layers.count
        var layerOf: [Int] = []
        var deviceMs: [Double] = [], cloudMs: [Double] = [], outputBytes: [Int] = []
        var inputs: [[Int]] = [], onDevice: [Bool] = []
        var deviceCopy = [Int](repeating: -1, count: n)
        var cloudCopy = [Int](repeating: -1, count: n)
        layerOf.reserveCapacity(n)
        for v in 0..<n {
            let layer = model.layers[v]
            func append(device: Bool, reads: [Int]) {
                layerOf.append(v)
                deviceMs.append(layer.deviceMs)
                cloudMs.append(layer.cloudMs)
                outputBytes.append(layer.outputBytes)
                inputs.append(reads)
                onDevice.append(device)
                if device { deviceCopy[v] = layerOf.count - 1 } else { cloudCopy[v] = layerOf.count - 1 }
            }
            if model.isConstant[v] {
                if cut.onDevice[v] { append(device: true, reads: []) }
                if model.runsInCloud(v, in: cut) { append(device: false, reads: []) }
                continue
            }
            let here = cut.onDevice[v]
            var reads: [Int] = model.readsRawInput[v] ? [Cut.rawInput] : []
            for p in model.predecessors[v] {
                // A constant is read from this side's copy; any other layer from its only one.
                reads.append(model.isConstant[p] ? (here ? deviceCopy[p] : cloudCopy[p]) : max(deviceCopy[p], cloudCopy[p]))
            }
            append(device: here, reads: reads)
        }
        job = LayerJob(inputBytes: model.inputBytes, deviceMs: deviceMs, cloudMs: cloudMs, outputBytes: outputBytes,
                       inputs: inputs, onDevice: onDevice)
        self.layerOf = layerOf
        self.deviceCopy = deviceCopy
        self.cloudCopy = cloudCopy
    }

    /// A segment's items as model layers (device, cloud) or tensors (uplink; `-1` is the raw input).
    public func modelItems(_ items: [Int]) -> [Int] {
        items.map { $0 < 0 ? $0 : layerOf[$0] }
    }

    /// Model layers (device, cloud) or tensors (uplink) as the job's items on `lane`.
    public func jobItems(_ items: [Int], lane: Lane) -> [Int] {
        items.map { item in
            guard item >= 0, item < deviceCopy.count else { return item }
            switch lane {
            case .device: return deviceCopy[item]
            case .cloud: return cloudCopy[item]
            // Only non-constant layers are sent: their one copy.
            case .uplink: return max(deviceCopy[item], cloudCopy[item])
            }
        }
    }
}
