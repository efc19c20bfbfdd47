import OffloadModel

/// Deduplicated adjacency of a well-formed ``CutGraph`` in compressed rows.
///
/// Built once per computation; every list is ascending so all derived results are
/// deterministic.
struct CutTopology: Sendable {
    let layerCount: Int
    /// Distinct layer predecessors (raw input excluded) of layer `v`: `preds[predStart[v] ..< predStart[v + 1]]`.
    let predStart: [Int]
    let preds: [Int]
    /// Whether layer `v` reads the raw input.
    let readsInput: [Bool]
    /// Distinct consumers of layer `v`'s output: `consumers[consumerStart[v] ..< consumerStart[v + 1]]`.
    let consumerStart: [Int]
    let consumers: [Int]
    /// Layers that read the raw input, ascending.
    let inputConsumers: [Int]
    /// True when layer 0 reads only the raw input and every later layer reads only its predecessor.
    let isChain: Bool
    /// Per layer: whether it is a follower (`CutGraph.followsOnly`): its inputs constrain
    /// closure but are never sent to it.
    let follower: [Bool]

    /// Requires `graph.validationIssue == nil`.
    init(_ graph: CutGraph) {
        let n = graph.layerCount
        layerCount = n
        var predStart = [Int](repeating: 0, count: n + 1)
        var preds: [Int] = []
        var readsInput = [Bool](repeating: false, count: n)
        var inputConsumers: [Int] = []
        var isChain = n > 0
        preds.reserveCapacity(graph.inputs.reduce(0) { $0 + $1.count })
        for v in 0..<n {
            var distinct = graph.inputs[v].sorted()
            if distinct.count > 1 {
                var kept = 1
                for k in 1..<distinct.count where distinct[k] != distinct[kept - 1] {
                    distinct[kept] = distinct[k]
                    kept += 1
                }
                distinct.removeLast(distinct.count - kept)
            }
            for u in distinct {
                if u < 0 {
                    readsInput[v] = true
                } else {
                    preds.append(u)
                }
            }
            if readsInput[v] { inputConsumers.append(v) }
            predStart[v + 1] = preds.count
            if distinct != [v - 1] { isChain = false }
        }
        (consumerStart, consumers) = CompressedRows.reversed(start: predStart, items: preds, nodes: n)
        self.predStart = predStart
        self.preds = preds
        self.readsInput = readsInput
        self.inputConsumers = inputConsumers
        self.isChain = isChain
        follower = (0..<n).map(graph.isFollower)
    }

    /// The last consumer of `u`'s output (`-1`: the raw input) that needs its tensor (not a
    /// follower), or nil when none does.
    func lastSendingReader(of u: Int) -> Int? {
        let readers = u < 0 ? inputConsumers[...] : consumers(of: u)
        return readers.last { !follower[$0] }
    }

    /// The distinct layer predecessors of `v`.
    @inline(__always) func predecessors(of v: Int) -> ArraySlice<Int> { preds[predStart[v]..<predStart[v + 1]] }

    /// The distinct consumers of layer `v`'s output.
    @inline(__always) func consumers(of v: Int) -> ArraySlice<Int> { consumers[consumerStart[v]..<consumerStart[v + 1]] }

    /// Positions `k` (`0 < k < layerCount`) where the graph is a series composition: the
    /// only tensor produced before `k` and read at or after `k` is layer `k - 1`'s output,
    /// and every layer from `k` on has an input (so all of them descend from `k - 1`).
    /// Ascending.
    func splitPoints() -> [Int] {
        let n = layerCount
        guard n > 1 else { return [] }
        // crossing[k] = number of tensors t (raw input = -1) with t < k ≤ last reader of t.
        var delta = [Int](repeating: 0, count: n + 2)
        if let last = inputConsumers.last {
            delta[0] += 1
            delta[last + 1] -= 1
        }
        var lastReader = [Int](repeating: -1, count: n)
        for u in 0..<n {
            guard let last = consumers(of: u).last else { continue }
            lastReader[u] = last
            delta[u + 1] += 1
            delta[last + 1] -= 1
        }
        var allHaveInputs = [Bool](repeating: true, count: n + 1)
        for k in stride(from: n - 1, through: 0, by: -1) {
            allHaveInputs[k] = allHaveInputs[k + 1] && (readsInput[k] || predStart[k + 1] > predStart[k])
        }
        var points: [Int] = []
        var crossing = delta[0]
        for k in 1..<n {
            crossing += delta[k]
            if crossing == 1 && lastReader[k - 1] >= k && allHaveInputs[k] { points.append(k) }
        }
        return points
    }

    /// Whether `onDevice` (of length `layerCount`) is closed under predecessors.
    func isClosed(_ onDevice: [Bool]) -> Bool {
        for v in 0..<layerCount where onDevice[v] {
            for u in predecessors(of: v) where !onDevice[u] { return false }
        }
        return true
    }

    /// The canonical profile of a device set (of length `layerCount`).
    ///
    /// Times are summed from `0.0` in ascending layer order (as `ModelGraph.cut(onDevice:)`
    /// does), so equal sets always get bit-identical numbers.
    func profile(_ graph: CutGraph, onDevice: [Bool]) -> Cut {
        var marks = SentMarks(layerCount: layerCount)
        return profile(graph, onDevice: onDevice, marks: &marks)
    }

    /// Which tensors the current set sends, reused from set to set: layer `u`'s output is
    /// sent when `round[u]` equals the current round.
    struct SentMarks {
        var round: [Int]
        var current = 0

        init(layerCount: Int) { round = [Int](repeating: -1, count: layerCount) }
    }

    /// ``profile(_:onDevice:)``, reusing `marks` instead of allocating them per set: the
    /// candidate enumeration profiles thousands of sets of the same graph.
    func profile(_ graph: CutGraph, onDevice: [Bool], marks: inout SentMarks) -> Cut {
        let costs = self.costs(graph, onDevice: onDevice, marks: &marks)
        return cut(onDevice: onDevice, costs: costs, marks: marks)
    }

    /// The cut of a device set whose ``costs(_:onDevice:marks:)`` were just computed with
    /// `marks` (nothing else marked since): its sent tensors are read off the marks.
    func cut(onDevice: [Bool], costs: (deviceMs: Double, cloudMs: Double, bytes: Int, deviceLayers: Int, inputSent: Bool),
             marks: SentMarks) -> Cut {
        var tensors: [Int] = []
        if costs.inputSent { tensors.append(Cut.rawInput) }
        let round = marks.current
        for u in 0..<layerCount where marks.round[u] == round { tensors.append(u) }
        return Cut(onDevice: onDevice, deviceMs: costs.deviceMs, cloudMs: costs.cloudMs, uplinkBytes: costs.bytes,
                   sentTensors: tensors)
    }

    /// A device set's canonical costs (bit-identical to ``profile(_:onDevice:)``'s) and how
    /// many layers it puts on the device; `marks` is left marking the tensors it sends.
    func costs(_ graph: CutGraph, onDevice: [Bool], marks: inout SentMarks)
        -> (deviceMs: Double, cloudMs: Double, bytes: Int, deviceLayers: Int, inputSent: Bool) {
        let n = layerCount
        marks.current += 1
        let round = marks.current
        // Each sum runs in ascending layer order, as two separate loops would.
        var device = 0.0, cloud = 0.0, layers = 0, inputSent = false, bytes = 0
        onDevice.withUnsafeBufferPointer { on in
            graph.deviceMs.withUnsafeBufferPointer { deviceMs in
                graph.cloudMs.withUnsafeBufferPointer { cloudMs in
                    graph.outputBytes.withUnsafeBufferPointer { outputBytes in
                        preds.withUnsafeBufferPointer { preds in
                            predStart.withUnsafeBufferPointer { predStart in
                                follower.withUnsafeBufferPointer { follower in
                                    readsInput.withUnsafeBufferPointer { readsInput in
                                        marks.round.withUnsafeMutableBufferPointer { sent in
                                            for v in 0..<n {
                                                if on[v] {
                                                    device += deviceMs[v]
                                                    layers += 1
                                                    continue
                                                }
                                                cloud += cloudMs[v]
                                                if follower[v] { continue }
                                                if readsInput[v] { inputSent = true }
                                                for k in predStart[v]..<predStart[v + 1] {
                                                    let u = preds[k]
                                                    if on[u] && sent[u] != round {
                                                        sent[u] = round
                                                        bytes += outputBytes[u]
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if inputSent { bytes += graph.inputBytes }
        return (device, cloud, bytes, layers, inputSent)
    }
}
