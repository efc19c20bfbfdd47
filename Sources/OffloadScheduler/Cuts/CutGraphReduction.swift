import OffloadModel

/// A model's cut graph, and how its nodes map back to the model's layers.
///
/// A constant (a layer with no inputs, docs/FORMATS.md §2) is not part of a cut: it runs
/// on the device when one of its consumers does and in the cloud when one does. The cut
/// graph keeps every other layer as one node. A constant with one consumer runs exactly
/// where that consumer runs, so its times are added to the consumer's node (it gets no
/// node: a node without inputs would cut the series decomposition `CutOracle` relies on,
/// and `torch.fx` and ONNX graphs carry many such constants). A constant `c` read by
/// `k ≥ 2` layers `u_1 < … < u_k` (topological order) becomes two chains of `k` nodes of
/// zero output bytes, its *twins*:
///
/// - the device chain `d_1 … d_k`: `d_1` has no inputs, `d_i` reads `d_(i-1)`, and `u_i`
///   reads `d_i`; `d_1` has `deviceMs = c.deviceMs`, every other time is 0. Closure puts
///   `d_1` on the device whenever some `u_i` is there.
/// - the cloud chain `f_1 … f_k`: *followers* (`CutGraph.followsOnly`), `f_i` of `u_i` and
///   `f_(i-1)`; `f_k` has `cloudMs = c.cloudMs`, every other time is 0. Closure keeps `f_k`
///   off the device whenever some `u_i` is not.
///
/// (Two single twins — one read by every consumer, one following every consumer — are
/// just as exact, but keep every consumer "awaited" until the last one: a constant shared
/// by every block of a network would then tie all the blocks together. The chains pass
/// one node from consumer to consumer instead.)
///
/// A closed node set is *normal* when `d_i` is on the device exactly when some `u_j`,
/// `j ≥ i`, is, and `f_i` exactly when all of `u_1 … u_i` are; the normal closed sets
/// correspond one to one to the model's cuts, with the same device time, bytes and cloud
/// time. Twins send nothing: a device twin's output has zero bytes (the mapping back drops
/// it from the sent tensors), and the cloud twins are followers, so a consumer on the
/// device sends nothing to them. (A cloud twin cannot be an ordinary reader of a consumer:
/// a consumer on the device whose own readers are all there would then be charged its
/// output bytes whenever another consumer is in the cloud.) Every other closed set only
/// adds a twin's time to one side of a normal one, so it is weakly dominated: minimum
/// cuts, hulls and Pareto sets of the cut graph map to those of the model. A constant no
/// layer reads runs nowhere and gets no node. (Folded constants make a node's times
/// differ from its layer's; `modelCut` recomputes every cost on the model.)
///
/// Nodes are in a topological order: `d_i` just before `u_i`, `f_i` just after it. A model
/// without constants maps to its own layers, in its own order, one to one.
public struct CutGraphReduction: Sendable {
    /// What a node of the cut graph stands for.
    public enum Node: Sendable, Hashable {
        /// A layer that is not a constant (its index in the model).
        case layer(Int)
        /// Device twin `d_(i+1)` of a shared constant (`constant`, its index in the model),
        /// read by its consumer number `i` (0-based, in topological order).
        case deviceTwin(constant: Int, consumer: Int)
        /// Cloud twin `f_(i+1)` of a shared constant, following its consumer number `i`.
        case cloudTwin(constant: Int, consumer: Int)
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
        // The last twin of each shared constant placed so far, on each side.
        var lastDeviceTwin = [Int](repeating: -1, count: n)
        var lastCloudTwin = [Int](repeating: -1, count: n)
        var consumerNumber = [Int](repeating: 0, count: n)
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
            let layer = model.layers[v]
            var device = layer.deviceMs, cloud = layer.cloudMs
            let shared = model.predecessors[v].filter { model.isConstant[$0] && model.consumers[$0].count > 1 }
            for p in model.predecessors[v] {
                if model.isConstant[p] && model.consumers[p].count == 1 {
                    // Runs exactly where v runs.
                    device += model.layers[p].deviceMs
                    cloud += model.layers[p].cloudMs
                } else if model.isConstant[p] {
                    let first = lastDeviceTwin[p] < 0
                    lastDeviceTwin[p] = append(.deviceTwin(constant: p, consumer: consumerNumber[p]),
                                               device: first ? model.layers[p].deviceMs : 0, cloud: 0, bytes: 0,
                                               reads: first ? [] : [lastDeviceTwin[p]])
                    reads.append(lastDeviceTwin[p])
                } else {
                    reads.append(nodeOfLayer[p])
                }
            }
            nodeOfLayer[v] = append(.layer(v), device: device, cloud: cloud, bytes: layer.outputBytes, reads: reads)
            for p in shared {
                let last = model.consumers[p].last == v
                lastCloudTwin[p] = append(.cloudTwin(constant: p, consumer: consumerNumber[p]),
                                          device: 0, cloud: last ? model.layers[p].cloudMs : 0, bytes: 0,
                                          reads: [nodeOfLayer[v]] + (lastCloudTwin[p] < 0 ? [] : [lastCloudTwin[p]]))
                consumerNumber[p] += 1
            }
        }
        self.nodes = nodes
        self.nodeOfLayer = nodeOfLayer
        graph = CutGraph(inputBytes: model.inputBytes, deviceMs: deviceMs, cloudMs: cloudMs, outputBytes: outputBytes,
                         inputs: inputs, followsOnly: followsOnly)
    }

    /// Which nodes are device and cloud twins (empty without shared constants), for the
    /// closed-cut program's normal sets.
    var twins: ClosedCutEnumerator.Twins {
        guard nodes.contains(where: { if case .layer = $0 { false } else { true } }) else { return ClosedCutEnumerator.Twins() }
        return ClosedCutEnumerator.Twins(
            device: nodes.map { if case .deviceTwin = $0 { true } else { false } },
            cloud: nodes.map { if case .cloudTwin = $0 { true } else { false } })
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
            case let .deviceTwin(c, i): return model.consumers[c][i...].contains { cut.onDevice[$0] }
            case let .cloudTwin(c, i): return model.consumers[c][...i].allSatisfy { cut.onDevice[$0] }
            }
        }
    }
}
