/// A cut of one model: the set of layers that run on the device, closed under
/// predecessors, with its cost at speed 1 (SPEC §1).
public struct Cut: Sendable, Hashable {
    /// For each layer (in the graph's topological order), whether it runs on the device.
    public let onDevice: [Bool]
    /// Σ deviceMs over the device layers.
    public let deviceMs: Double
    /// Σ cloudMs over the cloud layers.
    public let cloudMs: Double
    /// Bytes of every tensor made on the device and read in the cloud, each once.
    public let uplinkBytes: Int
    /// The tensors sent, as layer indices in ascending order; `Cut.rawInput` for the raw input.
    public let sentTensors: [Int]

    /// A cut whose costs were computed elsewhere in this package (the candidate enumeration
    /// derives them in bulk); they must equal what `ModelGraph.cut(onDevice:)` would compute.
    package init(onDevice: [Bool], deviceMs: Double, cloudMs: Double, uplinkBytes: Int, sentTensors: [Int]) {
        self.onDevice = onDevice
        self.deviceMs = deviceMs
        self.cloudMs = cloudMs
        self.uplinkBytes = uplinkBytes
        self.sentTensors = sentTensors
    }

    /// The index `sentTensors` uses for the raw input.
    public static let rawInput = -1

    /// How many layers run on the device.
    public var deviceLayerCount: Int { onDevice.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The lane times of this cut under `environment` (SPEC §1).
    public func stageTimes(in environment: Environment) -> StageTimes {
        StageTimes(
            device: deviceMs / environment.deviceSpeed,
            uplink: environment.uplinkMs(bytes: uplinkBytes),
            cloud: cloudMs / environment.cloudSpeed
        )
    }
}

extension ModelGraph {
    /// The cut running exactly the layers marked in `onDevice`, or nil when that set
    /// is not closed under predecessors (or has the wrong length).
    public func cut(onDevice: [Bool]) -> Cut? {
        guard onDevice.count == layers.count else { return nil }
        var deviceMs = 0.0, cloudMs = 0.0
        var sent: [Int] = []
        var inputSent = false
        for (index, layer) in layers.enumerated() {
            if onDevice[index] {
                guard predecessors[index].allSatisfy({ onDevice[$0] }) else { return nil }
                deviceMs += layer.deviceMs
                if consumers[index].contains(where: { !onDevice[$0] }) { sent.append(index) }
            } else {
                cloudMs += layer.cloudMs
                if readsRawInput[index] { inputSent = true }
            }
        }
        let bytes = sent.reduce(inputSent ? inputBytes : 0) { $0 + layers[$1].outputBytes }
        return Cut(onDevice: onDevice, deviceMs: deviceMs, cloudMs: cloudMs, uplinkBytes: bytes,
                   sentTensors: (inputSent ? [Cut.rawInput] : []) + sent)
    }

    /// The cut running the first `count` layers of the topological order on the device
    /// (for a chain, every cut is one of these).
    public func prefixCut(_ count: Int) -> Cut {
        let bounded = max(0, min(count, layers.count))
        // A topological prefix is always closed under predecessors.
        return cut(onDevice: (0..<layers.count).map { $0 < bounded }) ?? Cut(
            onDevice: [], deviceMs: 0, cloudMs: 0, uplinkBytes: 0, sentTensors: [])
    }

    /// Every layer on the device: nothing sent, no cloud time.
    public var localCut: Cut { prefixCut(layers.count) }
    /// No layer on the device: the raw input is sent.
    public var cloudCut: Cut { prefixCut(0) }

    /// The name of a tensor index of `Cut.sentTensors`.
    public func tensorName(_ tensor: Int) -> String {
        tensor == Cut.rawInput ? Layer.rawInputName : layers[tensor].name
    }
}
