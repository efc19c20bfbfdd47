/// A cut of one model: the set of layers that run on the device, closed under
/// predecessors, with its cost at speed 1 (docs/FORMATS.md §1).
///
/// A constant (a layer with no inputs, docs/FORMATS.md §2) is not part of the cut: it runs
/// on the device when one of its consumers does and in the cloud when one does, so it may
/// run on both sides, or on neither when nothing reads it. `onDevice` marks it `true`
/// exactly when it runs on the device; `ModelGraph.runsInCloud(_:in:)` says whether it
/// runs in the cloud.
public struct Cut: Sendable, Hashable {
    /// For each layer (in the graph's topological order), whether it runs on the device.
    public let onDevice: [Bool]
    /// Σ deviceMs over the layers that run on the device (constants included).
    public let deviceMs: Double
    /// Σ cloudMs over the layers that run in the cloud (constants included).
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

    /// The lane times of this cut under `environment` (docs/FORMATS.md §1).
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
    ///
    /// Constants are not part of the cut: whatever `onDevice` says of one, it runs where
    /// its consumers run (docs/FORMATS.md §2), and the returned cut marks it on the device
    /// exactly when one of its consumers is there.
    public func cut(onDevice requested: [Bool]) -> Cut? {
        guard requested.count == layers.count else { return nil }
        var onDevice = requested
        if hasConstants {
            for index in layers.indices where isConstant[index] {
                onDevice[index] = consumers[index].contains { requested[$0] }
            }
        }
        var deviceMs = 0.0, cloudMs = 0.0
        var sent: [Int] = []
        var inputSent = false
        for (index, layer) in layers.enumerated() {
            if isConstant[index] {
                // Constants are never sent; they cost on each side where they run.
                if onDevice[index] { deviceMs += layer.deviceMs }
                if consumers[index].contains(where: { !onDevice[$0] }) { cloudMs += layer.cloudMs }
            } else if onDevice[index] {
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

    /// Whether `layer` runs in the cloud under `cut`: a layer not on the device, or a constant
    /// with a consumer in the cloud (a constant may run on both sides, or on neither).
    public func runsInCloud(_ layer: Int, in cut: Cut) -> Bool {
        guard isConstant[layer] else { return !cut.onDevice[layer] }
        return consumers[layer].contains { !cut.onDevice[$0] }
    }

    /// How many layers a cut places: every layer but the constants.
    public var cutLayerCount: Int { layers.count - constantCount }

    /// How many of the layers a cut places are on the device under `cut` (constants,
    /// which run where their consumers do, are not counted): "n of `cutLayerCount`".
    public func cutDeviceLayerCount(_ cut: Cut) -> Int {
        guard hasConstants else { return cut.deviceLayerCount }
        return layers.indices.reduce(0) { $0 + (cut.onDevice[$1] && !isConstant[$1] ? 1 : 0) }
    }

    /// The layers that run on the device under `cut`, ascending.
    public func deviceLayers(of cut: Cut) -> [Int] {
        layers.indices.filter { cut.onDevice[$0] }
    }

    /// The layers that run in the cloud under `cut`, ascending.
    public func cloudLayers(of cut: Cut) -> [Int] {
        layers.indices.filter { runsInCloud($0, in: cut) }
    }

    /// The name of a tensor index of `Cut.sentTensors`.
    public func tensorName(_ tensor: Int) -> String {
        tensor == Cut.rawInput ? Layer.rawInputName : layers[tensor].name
    }
}
