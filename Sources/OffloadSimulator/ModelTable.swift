import OffloadModel

/// The layer data of a scenario's models in flat arrays, so the engine reads times,
/// sizes and predecessors without copying `ModelGraph` values in its loops.
struct ModelTable: Sendable {
    /// Where each model's layers start in the flat arrays, by model index.
    let layerBase: [Int]
    let layerCount: [Int]
    let inputBytes: [Int]
    let deviceMs: [Double]
    let cloudMs: [Double]
    let outputBytes: [Int]
    let readsRawInput: [Bool]
    /// Predecessors in compressed rows: layer `base + l` reads model-local layers
    /// `predecessors[predecessorStart[base + l] ..< predecessorStart[base + l + 1]]`.
    let predecessorStart: [Int]
    let predecessors: [Int32]

    init(models: [ModelGraph]) {
        var layerBase: [Int] = [], layerCount: [Int] = [], inputBytes: [Int] = []
        var deviceMs: [Double] = [], cloudMs: [Double] = [], outputBytes: [Int] = [], readsRawInput: [Bool] = []
        var predecessorStart: [Int] = [0], predecessors: [Int32] = []
        for model in models {
            layerBase.append(deviceMs.count)
            layerCount.append(model.layers.count)
            inputBytes.append(model.inputBytes)
            for (index, layer) in model.layers.enumerated() {
                deviceMs.append(layer.deviceMs)
                cloudMs.append(layer.cloudMs)
                outputBytes.append(layer.outputBytes)
                readsRawInput.append(model.readsRawInput[index])
                predecessors.append(contentsOf: model.predecessors[index].map { Int32(truncatingIfNeeded: $0) })
                predecessorStart.append(predecessors.count)
            }
        }
        self.layerBase = layerBase
        self.layerCount = layerCount
        self.inputBytes = inputBytes
        self.deviceMs = deviceMs
        self.cloudMs = cloudMs
        self.outputBytes = outputBytes
        self.readsRawInput = readsRawInput
        self.predecessorStart = predecessorStart
        self.predecessors = predecessors
    }
}
