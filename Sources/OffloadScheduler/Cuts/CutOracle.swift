/// Finds a closed device set minimising `α·deviceMs + β·uplinkBytes + γ·cloudMs` over a
/// whole ``CutGraph`` by splitting it into a series of blocks.
///
/// At a split point (see ``CutTopology/splitPoints()``) only the previous block's last
/// layer `x` feeds later layers, and all later layers descend from it. So a closed set is
/// determined by the first block `j` whose last layer is in the cloud: blocks before `j`
/// hold cuts containing their last layer, block `j` a cut without it, and every later
/// block is wholly in the cloud. Each block's tensors are read only inside it, except
/// `x`, whose bytes are charged to the next block as its entry; so the cost is a sum of
/// block costs, minimised by a linear scan over `j`.
///
/// A block's best cut of either kind (last layer on the device, or in the cloud) is,
/// for every non-negative weighting, attained at a vertex of that block's own cost hull.
/// Those hulls are enumerated once, with small minimum cuts, when the oracle is built;
/// afterwards each query costs only dot products. Deep networks are long series of small
/// blocks, so this keeps both the flow problems and the queries small.
///
/// Work budget: the hulls are enumerated in passes of decreasing margin (see
/// ``WeightSpaceEnumerator``) within a deterministic allowance of work, shared out over
/// the blocks in proportion to their layers (what a block leaves unused passes on to the
/// next). A block whose allowance runs out keeps the cuts found so far, which always
/// include its two extremes; ``margin`` says how close the block hulls are to complete.
final class CutOracle {
    /// The hull-vertex cuts of one block variant: entries `first ..< first + count` of the
    /// flat arrays below. An empty range means the variant does not exist.
    private struct Variant {
        var first: Int
        var count: Int
    }

    private struct Block {
        var layers: Range<Int>
        /// Cuts containing the last layer (for the final block: any cut).
        var withExit: Variant
        /// Cuts without the last layer; empty for the final block.
        var withoutExit: Variant
        var cloudMs: Double
    }

    private let layerCount: Int
    private let blocks: [Block]
    /// Per variant cut: its profile and where its device flags start in `cutFlags`.
    private let cutDevice: [Double]
    private let cutBytes: [Double]
    private let cutCloud: [Double]
    private let cutOffset: [Int]
    private let cutFlags: [Bool]

    /// The coarsest margin (see ``WeightSpaceEnumerator/passMargins``) any block hull was
    /// finished to, or `nil` if some block's first pass was cut short: for every positive
    /// weighting the best cut this oracle returns costs at most `1 / (1 − margin)` times
    /// the optimum.
    let margin: Double?
    /// Work spent building the block hulls (arcs scanned and points compared).
    let work: Int

    /// Work of one query (``optimalProfile(_:_:_:)`` or ``minimise(_:_:_:)``): the stored cuts it compares.
    var queryWork: Int { cutDevice.count + blocks.count }

    /// Builds the block hulls of `graph` within `workBudget` (see the type's documentation).
    init(graph: CutGraph, topology: CutTopology, workBudget: Int = .max) {
        let n = topology.layerCount
        let bounds = [0] + topology.splitPoints() + [n]
        var blocks: [Block] = []
        var store = Store()
        var spent = 0
        var margin: Double? = WeightSpaceEnumerator.passMargins.last
        for b in 0..<(bounds.count - 1) {
            let layers = bounds[b]..<bounds[b + 1]
            let entry = layers.lowerBound - 1
            var cloudMs = 0.0
            for v in layers { cloudMs += graph.cloudMs[v] }
            // This block's share of what is left, in proportion to its layers.
            let left = Double(max(0, workBudget - spent))
            let share = Int(min(left * Double(layers.count) / Double(n - layers.lowerBound), Double(Int.max / 2)))
            let spentBefore = spent
            func variant(_ placement: [MinCutOracle.Placement], allowance: Int) -> Variant {
                let first = store.device.count
                let result = Self.hull(graph, topology, layers: layers, entry: entry, placement: placement,
                                       allowance: allowance, into: &store)
                spent += result.work
                if let m = margin { margin = result.margin.map { max(m, $0) } }
                return Variant(first: first, count: store.device.count - first)
            }
            if b == bounds.count - 2 {
                let any = variant(Array(repeating: .free, count: layers.count), allowance: share)
                blocks.append(Block(layers: layers, withExit: any, withoutExit: Variant(first: 0, count: 0), cloudMs: cloudMs))
                continue
            }
            // The last layer on the device forces its ancestors within the block there too.
            var device = [MinCutOracle.Placement](repeating: .free, count: layers.count)
            device[layers.count - 1] = .device
            for v in layers.reversed() where device[v - layers.lowerBound] == .device {
                for u in topology.predecessors(of: v) where layers.contains(u) {
                    device[u - layers.lowerBound] = .device
                }
            }
            var cloud = [MinCutOracle.Placement](repeating: .free, count: layers.count)
            cloud[layers.count - 1] = .cloud
            // Half the share for each variant; the second also gets what the first left.
            let withExit = variant(device, allowance: share / 2)
            let withoutExit = variant(cloud, allowance: max(0, share - (spent - spentBefore)))
            blocks.append(Block(layers: layers, withExit: withExit, withoutExit: withoutExit, cloudMs: cloudMs))
        }
        layerCount = n
        self.blocks = blocks
        self.margin = margin
        work = spent
        cutDevice = store.device
        cutBytes = store.bytes
        cutCloud = store.cloud
        cutOffset = store.offset
        cutFlags = store.flags
    }

    /// Accumulates the variants' cuts while building.
    private struct Store {
        var device: [Double] = []
        var bytes: [Double] = []
        var cloud: [Double] = []
        var offset: [Int] = []
        var flags: [Bool] = []
    }

    /// Index of the cheapest cut of a variant and its cost (first on ties), or `nil` if empty.
    @inline(__always)
    private func best(_ variant: Variant, _ alpha: Double, _ beta: Double, _ gamma: Double) -> (index: Int, cost: Double)? {
        guard variant.count > 0 else { return nil }
        var index = variant.first
        var cost = Double.infinity
        for k in variant.first..<(variant.first + variant.count) {
            let c = alpha * cutDevice[k] + beta * cutBytes[k] + gamma * cutCloud[k]
            if c < cost {
                cost = c
                index = k
            }
        }
        return (index, cost)
    }

    /// The cost profile of an optimal cut for `alpha·device + beta·bytes + gamma·cloud`
    /// (all finite, ≥ 0), summed block by block. Deterministic: ``minimise(_:_:_:)`` with
    /// the same weights returns a cut with this profile.
    func optimalProfile(_ alpha: Double, _ beta: Double, _ gamma: Double) -> (device: Double, bytes: Double, cloud: Double) {
        let chosen = choose(alpha, beta, gamma)
        var device = 0.0
        var bytes = 0.0
        var cloud = 0.0
        for k in chosen {
            device += cutDevice[k]
            bytes += cutBytes[k]
            cloud += cutCloud[k]
        }
        for b in chosen.count..<blocks.count { cloud += blocks[b].cloudMs }
        return (device, bytes, cloud)
    }

    /// A closed device set minimising `alpha·device + beta·bytes + gamma·cloud` (all finite, ≥ 0).
    func minimise(_ alpha: Double, _ beta: Double, _ gamma: Double) -> [Bool] {
        let chosen = choose(alpha, beta, gamma)
        var onDevice = [Bool](repeating: false, count: layerCount)
        for (b, k) in chosen.enumerated() {
            let layers = blocks[b].layers
            let offset = cutOffset[k]
            for v in layers { onDevice[v] = cutFlags[offset + v - layers.lowerBound] }
        }
        return onDevice
    }

    /// The chosen variant cut (index into the flat arrays) of each block up to and
    /// including the first block whose last layer is in the cloud; every later block is
    /// wholly in the cloud.
    private func choose(_ alpha: Double, _ beta: Double, _ gamma: Double) -> [Int] {
        let m = blocks.count
        var suffixCloud = [Double](repeating: 0, count: m + 1)
        for b in stride(from: m - 1, through: 0, by: -1) {
            suffixCloud[b] = suffixCloud[b + 1] + gamma * blocks[b].cloudMs
        }
        // j = first block whose last layer is in the cloud; j = m: none is.
        var withIndex = [Int](repeating: 0, count: m)
        var bestTotal = Double.infinity
        var bestJ = m
        var bestWithoutIndex = 0
        var prefix = 0.0
        for j in 0..<m {
            if let (index, cost) = best(blocks[j].withoutExit, alpha, beta, gamma) {
                let total = prefix + cost + suffixCloud[j + 1]
                if total < bestTotal {
                    bestTotal = total
                    bestJ = j
                    bestWithoutIndex = index
                }
            }
            let (index, cost) = best(blocks[j].withExit, alpha, beta, gamma) ?? (0, .infinity)
            withIndex[j] = index
            prefix += cost
        }
        if prefix <= bestTotal { return withIndex }
        withIndex.removeLast(m - bestJ - 1)
        withIndex[bestJ] = bestWithoutIndex
        return withIndex
    }

    /// The cuts of a block variant at the vertices of its cost hull, by weight-space
    /// enumeration over the block's own minimum cut network.
    /// Spends at most about `allowance` work (one probe may overrun it by the work of a
    /// node's discharge); returns the work spent and the finest pass margin finished.
    private static func hull(_ graph: CutGraph, _ topology: CutTopology, layers: Range<Int>, entry: Int,
                             placement: [MinCutOracle.Placement], allowance: Int,
                             into store: inout Store) -> (work: Int, margin: Double?) {
        func profile(_ cut: [Bool]) -> (device: Double, bytes: Int, cloud: Double) {
            blockProfile(graph, topology, layers: layers, entry: entry, cut: cut)
        }
        var found = Store()
        func add(_ cut: [Bool]) {
            let p = profile(cut)
            found.offset.append(found.flags.count)
            found.flags.append(contentsOf: cut)
            found.device.append(p.device)
            found.bytes.append(Double(p.bytes))
            found.cloud.append(p.cloud)
        }
        func keep(_ tags: [Int]) {
            for k in tags {
                store.offset.append(store.flags.count)
                store.flags.append(contentsOf: found.flags[found.offset[k]..<(found.offset[k] + layers.count)])
                store.device.append(found.device[k])
                store.bytes.append(found.bytes[k])
                store.cloud.append(found.cloud[k])
            }
        }
        // Seeds: every free layer on the device, or every free layer in the cloud; both closed.
        let allDevice = placement.map { $0 != .cloud }
        let allCloud = placement.map { $0 == .device }
        add(allDevice)
        guard placement.contains(.free) else {
            keep([0])
            return (layers.count, WeightSpaceEnumerator.passMargins.last)
        }
        add(allCloud)
        var deviceScale = 0.0
        var cloudScale = 0.0
        for v in layers {
            deviceScale += graph.deviceMs[v]
            cloudScale += graph.cloudMs[v]
        }
        let entryBytes = entry < 0 ? graph.inputBytes : graph.outputBytes[entry]
        var bytesScale = Double(entryBytes)
        for v in layers { bytesScale = max(bytesScale, Double(graph.outputBytes[v])) }
        // Any positive scale is exact; these keep the weights finite and well conditioned.
        if deviceScale < .leastNormalMagnitude { deviceScale = 1 }
        if cloudScale < .leastNormalMagnitude { cloudScale = 1 }
        if bytesScale < 1 { bytesScale = 1 }
        func normalised(_ k: Int) -> SIMD3<Double> {
            SIMD3(found.device[k] / deviceScale, found.bytes[k] / bytesScale, found.cloud[k] / cloudScale)
        }
        let oracle = MinCutOracle(graph: graph, topology: topology, block: layers, entry: entry, placement: placement)
        var enumerator = WeightSpaceEnumerator()
        enumerator.insert(normalised(0), tag: 0)
        enumerator.insert(normalised(1), tag: 1)
        var spent = 2 * layers.count
        let margin = enumerator.run { w, regions in
            guard spent < allowance else { return nil }
            let before = oracle.work
            let limit = before > Int.max - (allowance - spent) ? Int.max : before + (allowance - spent)
            let cut = oracle.minimise(w.x / deviceScale, w.y / bytesScale, w.z / cloudScale, workLimit: limit)
            // The flow, the enumerator's scan of its regions, and the cut's profile.
            spent += oracle.work - before + regions + layers.count
            guard let cut else { return nil }
            add(cut)
            return (normalised(found.device.count - 1), found.device.count - 1)
        }
        keep(enumerator.extremeTags)
        return (spent, margin)
    }

    /// Device time, bytes and cloud time of a block cut whose entry tensor is on the device.
    private static func blockProfile(_ graph: CutGraph, _ topology: CutTopology, layers: Range<Int>, entry: Int,
                                     cut: [Bool]) -> (device: Double, bytes: Int, cloud: Double) {
        var device = 0.0
        var cloud = 0.0
        var bytes = 0
        var entrySent = false
        let lo = layers.lowerBound
        for v in layers {
            if cut[v - lo] {
                device += graph.deviceMs[v]
                for c in topology.consumers(of: v) where layers.contains(c) && !cut[c - lo] && !topology.follower[c] {
                    bytes += graph.outputBytes[v]
                    break
                }
            } else {
                cloud += graph.cloudMs[v]
                if !entrySent && !topology.follower[v] && (entry < 0 ? topology.readsInput[v] : topology.predecessors(of: v).contains(entry)) {
                    entrySent = true
                }
            }
        }
        if entrySent { bytes += entry < 0 ? graph.inputBytes : graph.outputBytes[entry] }
        return (device, bytes, cloud)
    }
}
