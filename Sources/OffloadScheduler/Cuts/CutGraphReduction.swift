import OffloadModel

/// A model's cut graph, and how its nodes map back to the model's layers.
///
/// A constant (a layer with no inputs, docs/FORMATS.md §2) is not part of a cut: it runs
/// on the device when one of its consumers does and in the cloud when one does. The cut
/// graph keeps every other layer as one node and replaces each constant `c` that has
/// consumers by two nodes of zero output bytes:
///
/// - its *device twin* `c_d`: no inputs, read by every consumer of `c`;
///   `deviceMs = c.deviceMs`, `cloudMs = 0`;
/// - its *cloud twin* `c_c`: a follower (`CutGraph.followsOnly`) of every consumer of `c`;
///   `deviceMs = 0`, `cloudMs = c.cloudMs`.
///
/// Closure under predecessors forces `c_d` onto the device whenever a consumer of `c` is
/// there, and `c_c` into the cloud whenever one is not. A closed node set is *normal* when
/// `c_d` is on the device exactly when a consumer is, and `c_c` exactly when all are; the
/// normal closed sets correspond one to one to the model's cuts, with the same device
/// time, bytes and cloud time. Twins send nothing: `c_d`'s output has zero bytes (a cloud
/// consumer "receives" it for free, and the mapping back drops it from the sent tensors),
/// and `c_c` is a follower, so a consumer on the device is not sent to it. (`c_c` cannot be
/// an ordinary reader of the consumers: a consumer on the device whose own readers are all
/// there would then be charged its output bytes whenever another consumer is in the
/// cloud.) Every other closed set only adds a twin's time to one side of a normal one, so
/// it is weakly dominated: minimum cuts, hulls and Pareto sets of the cut graph map to
/// those of the model. A constant no layer reads runs nowhere and gets no node.
///
/// Nodes are in a topological order: each device twin just before the first consumer, each
/// cloud twin just after the last one. A model without constants maps to its own layers,
/// in its own order, one to one.
public struct CutGraphReduction: Sendable {
    /// What a node of the cut graph stands for.
    public enum Node: Sendable, Hashable {
        /// A layer that is not a constant (its index in the model).
        case layer(Int)
        /// The device twin of a constant (its index in the model).
        case deviceTwin(Int)
        /// The cloud twin of a constant (its index in the model).
        case cloudTwin(Int)
    }

    /// The cut graph (`CandidateCuts.cutGraph(of:)`).
    public let graph: CutGraph
    /// What each node of `graph` stands for, by node index.
    public let nodes: [Node]
    /// The node of each non-constant model layer; `-1` for constants.
    public let nodeOfLayer: [Int]
    /// Whether the model has constants (otherwise nodes and layers coincide).
    public let hasConstants: Bool
    private let model: ModelGraph

    public init(_ model: ModelGraph) {
        self.model = model
        let n = model.layers.count
        hasConstants = model.hasConstants
        guard model.hasConstants else {
            nodes = (0..<n).map(Node.layer)
            nodeOfLayer = Array(0..<n)
            graph = CutGraph(
                inputBytes: model.inputBytes,
                deviceMs: model.layers.map(\.deviceMs),
                cloudMs: model.layers.map(\.cloudMs),
                outputBytes: model.layers.map(\.outputBytes),
                inputs: (0..<n).map { (model.readsRawInput[$0] ? [Cut.rawInput] : []) + model.predecessors[$0] }
            )
            return
        }
        var nodes: [Node] = []
        var deviceMs: [Double] = [], cloudMs: [Double] = [], outputBytes: [Int] = [], inputs: [[Int]] = []
        var followsOnly: [Bool] = []
        var nodeOfLayer = [Int](repeating: -1, count: n)
        var deviceTwin = [Int](repeating: -1, count: n)
        func append(_ node: Node, device: Double, cloud: Double, bytes: Int, reads: [Int]) -> Int {
            nodes.append(node)
            deviceMs.append(device)
            cloudMs.append(cloud)
            outputBytes.append(bytes)
            inputs.append(reads)
            if case .cloudTwin = node { followsOnly.append(true) } else { followsOnly.append(false) }
            return nodes.count - 1
        }
        for v in 0..<n where !model.isConstant[v] {
            var reads: [Int] = model.readsRawInput[v] ? [Cut.rawInput] : []
            for p in model.predecessors[v] {
                if model.isConstant[p] {
                    if deviceTwin[p] < 0 {
                        deviceTwin[p] = append(.deviceTwin(p), device: model.layers[p].deviceMs, cloud: 0, bytes: 0, reads: [])
                    }
                    reads.append(deviceTwin[p])
                } else {
                    reads.append(nodeOfLayer[p])
                }
            }
            let layer = model.layers[v]
            nodeOfLayer[v] = append(.layer(v), device: layer.deviceMs, cloud: layer.cloudMs, bytes: layer.outputBytes, reads: reads)
            // A constant whose last consumer this is gets its cloud twin now.
            for p in model.predecessors[v] where model.isConstant[p] && model.consumers[p].last == v {
                _ = append(.cloudTwin(p), device: 0, cloud: model.layers[p].cloudMs, bytes: 0,
                           reads: model.consumers[p].map { nodeOfLayer[$0] })
            }
        }
        self.nodes = nodes
        self.nodeOfLayer = nodeOfLayer
        graph = CutGraph(inputBytes: model.inputBytes, deviceMs: deviceMs, cloudMs: cloudMs, outputBytes: outputBytes,
                         inputs: inputs, followsOnly: followsOnly)
    }

    /// The model's cut for a closed node set of `graph` (normalised: twins follow the
    /// consumers), or nil when `graphOnDevice` has the wrong length or is not closed.
    public func modelCut(graphOnDevice: [Bool]) -> Cut? {
        guard graphOnDevice.count == nodes.count else { return nil }
        var onDevice = [Bool](repeating: false, count: nodeOfLayer.count)
        for (layer, node) in nodeOfLayer.enumerated() where node >= 0 { onDevice[layer] = graphOnDevice[node] }
        return model.cut(onDevice: onDevice)
    }

    /// The model's cut for a cut of `graph` (as `CutEnumeration` returns them). Without
    /// constants that is the cut itself; with them, its costs are recomputed on the model.
    public func modelCut(_ graphCut: Cut) -> Cut? {
        hasConstants ? modelCut(graphOnDevice: graphCut.onDevice) : graphCut
    }

    /// The normal node set of `graph` for a cut of the model: twins follow the consumers.
    public func graphOnDevice(_ cut: Cut) -> [Bool] {
        guard hasConstants else { return cut.onDevice }
        return nodes.map { node in
            switch node {
            case .layer(let v): return cut.onDevice[v]
            case .deviceTwin(let c): return model.consumers[c].contains { cut.onDevice[$0] }
            case .cloudTwin(let c): return model.consumers[c].allSatisfy { cut.onDevice[$0] }
            }
        }
    }
}
