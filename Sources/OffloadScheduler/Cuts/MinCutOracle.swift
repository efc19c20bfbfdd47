/// Finds a closed device set of a block of layers minimising
/// `α·deviceMs + β·uplinkBytes + γ·cloudMs` for given non-negative multipliers, as a
/// minimum s–t cut.
///
/// Network (source side = device): `s→v` costs `γ·cloud(v)` (paid when `v` is in the
/// cloud), `v→t` costs `α·device(v)` (paid when on the device), `v→u` is infinite for
/// every predecessor `u` (closure). A tensor with several consumers gets an auxiliary
/// node `v'` with `v→v'` costing `β·bytes(v)` and `v'→c` infinite for each consumer, so
/// it is paid once; a tensor with one consumer `c` uses the reverse capacity of the
/// closure arc `c→v` instead. The block's entry tensor (the raw input for the first
/// block) and layers fixed on the device are merged into the source, layers fixed in
/// the cloud into the sink.
///
/// The structure is built once; each ``minimise(_:_:_:)`` sets the capacities for its
/// weights and runs push–relabel (lowest label first, gap heuristic, periodic global
/// relabelling) to a maximum preflow. Residuals and excesses are compared with zero
/// exactly: every push either empties the excess (`e - e`) or saturates the arc
/// (`r - r`), so the usual termination argument holds in floating point and no epsilon
/// can hide cheap arcs.
///
/// Warm start: a call starts from the flow the previous call left on the arcs between
/// layer and auxiliary nodes, clipped to the new capacities, instead of from zero. What
/// no longer balances is settled at each node: surplus becomes excess (or goes to the
/// sink), and a layer's deficit `d` is met by adding `d` to both its source and its sink
/// arc, which adds `d` to the cost of every cut and so changes no minimum. Successive
/// probes of nearby weights then only move the difference. (On randomly wired graphs
/// the flow must still travel far, so a probe costs more than linear time; lowest label
/// first settles nearby surplus before relabelling upwards, about twice as fast there
/// as highest label first.)
///
/// ``work`` counts arcs scanned (pushes, relabels, breadth-first searches, setup): a
/// deterministic measure of time that ``minimise(_:_:_:workLimit:)`` can be bounded by.
///
/// A reference type over manually managed buffers, for speed; it is created and used
/// inside one synchronous computation and never shared.
final class MinCutOracle {
    private static let source = 0
    private static let sink = 1

    /// Number of free layers (nodes `2 ..< layerCount + 2`).
    private let layerCount: Int
    private let placement: [Placement]
    /// Per block layer: its node, or -1 if fixed.
    private let nodeOfLayer: [Int]
    private let nodeCount: Int
    private let arcCount: Int
    /// Arcs are grouped by tail: node `x` owns arcs `nodeStart[x] ..< nodeStart[x + 1]`.
    private let nodeStart: UnsafeMutablePointer<Int32>
    private let arcHead: UnsafeMutablePointer<Int32>
    private let arcReverse: UnsafeMutablePointer<Int32>
    /// Capacity is `∞` if `arcInfinite`, else `coefD·α + coefB·β + coefC·γ`.
    private let coefD: UnsafeMutablePointer<Double>
    private let coefB: UnsafeMutablePointer<Double>
    private let coefC: UnsafeMutablePointer<Double>
    private let arcInfinite: UnsafeMutablePointer<Bool>
    /// Per free layer: its arc from the source and its arc to the sink.
    private let sourceArc: UnsafeMutablePointer<Int32>
    private let sinkArc: UnsafeMutablePointer<Int32>

    private let residual: UnsafeMutablePointer<Double>
    private let excess: UnsafeMutablePointer<Double>
    private let height: UnsafeMutablePointer<Int32>
    private let current: UnsafeMutablePointer<Int32>
    private let queue: UnsafeMutablePointer<Int32>
    /// Active nodes (positive excess, live height) by height: singly linked stacks.
    private let activeHead: UnsafeMutablePointer<Int32>
    private let activeNext: UnsafeMutablePointer<Int32>
    /// Live nodes by height, for the gap heuristic: doubly linked lists.
    private let bucketHead: UnsafeMutablePointer<Int32>
    private let bucketNext: UnsafeMutablePointer<Int32>
    private let bucketPrev: UnsafeMutablePointer<Int32>
    private var maxActive = -1
    private var maxBucket = -1

    /// Capacities of the current call (layers' terminal arcs include their offsets).
    private let capacity: UnsafeMutablePointer<Double>
    /// One arc of each pair between layer and auxiliary nodes: the flows kept between calls.
    private let innerArcs: UnsafeMutablePointer<Int32>
    private let innerArcCount: Int
    /// Nodes from here on are auxiliary (one per tensor paid once for several readers).
    private let firstAuxiliary: Int
    /// Whether the arcs hold the flow of a previous call to start from.
    private var hasFlow = false

    /// Arcs scanned so far over all calls: pushes and relabels, searches, setup.
    private(set) var work = 0

    /// Where a layer of the block is placed before the cut is chosen.
    enum Placement: UInt8 {
        case free, device, cloud
    }

    /// Builds the network for the layers `block` of `graph`, whose only input from
    /// outside is `entry` (a layer before the block, or `-1` for the raw input), which is
    /// on the device. `placement[i]` fixes layer `block.lowerBound + i`; fixed device
    /// layers must be closed under predecessors within the block and fixed cloud layers
    /// closed under successors. Consumers outside the block are ignored.
    init(graph: CutGraph, topology: CutTopology, block: Range<Int>, entry: Int, placement: [Placement]) {
        var tails: [Int32] = []
        var heads: [Int32] = []
        var cD: [Double] = []
        var cB: [Double] = []
        var cC: [Double] = []
        var inf: [Bool] = []
        typealias Capacity = (d: Double, b: Double, c: Double, inf: Bool)
        func addPair(_ from: Int, _ to: Int, _ forward: Capacity, _ backward: Capacity) {
            tails.append(Int32(from)); heads.append(Int32(to))
            cD.append(forward.d); cB.append(forward.b); cC.append(forward.c); inf.append(forward.inf)
            tails.append(Int32(to)); heads.append(Int32(from))
            cD.append(backward.d); cB.append(backward.b); cC.append(backward.c); inf.append(backward.inf)
        }
        let zero: Capacity = (0, 0, 0, false)
        let infinite: Capacity = (0, 0, 0, true)
        // Free layers become nodes 2, 3, ...; fixed layers are merged into s or t.
        var node = [Int](repeating: -1, count: block.count)
        var freeLayers: [Int] = []
        for (i, p) in placement.enumerated() where p == .free {
            node[i] = freeLayers.count + 2
            freeLayers.append(block.lowerBound + i)
        }
        func state(_ tensor: Int) -> Placement {
            tensor == entry ? .device : placement[tensor - block.lowerBound]
        }
        var nodes = freeLayers.count + 2
        // Bytes of device-fixed tensors with one free reader, added to that reader's s-arc.
        var extraSourceBytes = [Double](repeating: 0, count: freeLayers.count)
        var otherArcs: [(Int, Int, Capacity, Capacity)] = []
        for tensor in [entry] + Array(block) {
            let all = tensor < 0 ? topology.inputConsumers[...] : topology.consumers(of: tensor)
            var freeReaders: [Int] = []
            var cloudReaders = 0
            // Followers need closure only: a free one may be on the device only with the tensor's producer.
            var freeFollowers: [Int] = []
            for c in all where block.contains(c) {
                if topology.follower[c] {
                    if placement[c - block.lowerBound] == .free { freeFollowers.append(node[c - block.lowerBound]) }
                    continue
                }
                switch placement[c - block.lowerBound] {
                case .free: freeReaders.append(node[c - block.lowerBound])
                case .cloud: cloudReaders += 1
                case .device: break
                }
            }
            let bytes = Double(tensor < 0 ? graph.inputBytes : graph.outputBytes[tensor])
            let paid: Capacity = (0, bytes, 0, false)
            switch state(tensor) {
            case .cloud: for c in freeFollowers { otherArcs.append((c, Self.sink, infinite, zero)) }
            case .device: break
            case .free: for c in freeFollowers { otherArcs.append((c, node[tensor - block.lowerBound], infinite, zero)) }
            }
            switch state(tensor) {
            case .cloud:
                // Its readers must be in the cloud too.
                for c in freeReaders { otherArcs.append((c, Self.sink, infinite, zero)) }
            case .device:
                if cloudReaders > 0 || freeReaders.isEmpty { break }  // Paid always, or never.
                if freeReaders.count == 1 {
                    extraSourceBytes[freeReaders[0] - 2] += bytes
                } else {
                    let aux = nodes
                    nodes += 1
                    otherArcs.append((Self.source, aux, paid, zero))
                    for c in freeReaders { otherArcs.append((aux, c, infinite, zero)) }
                }
            case .free:
                let u = node[tensor - block.lowerBound]
                if cloudReaders > 0 {
                    // Paid exactly when the producer is on the device.
                    otherArcs.append((u, Self.sink, paid, zero))
                    for c in freeReaders { otherArcs.append((c, u, infinite, zero)) }
                } else if freeReaders.count == 1 {
                    otherArcs.append((freeReaders[0], u, infinite, paid))
                } else if freeReaders.count > 1 {
                    let aux = nodes
                    nodes += 1
                    otherArcs.append((u, aux, paid, zero))
                    for c in freeReaders {
                        otherArcs.append((aux, c, infinite, zero))
                        otherArcs.append((c, u, infinite, zero))
                    }
                }
            }
        }
        let n = freeLayers.count
        var sourcePair = [Int](repeating: 0, count: n)
        var sinkPair = [Int](repeating: 0, count: n)
        for (k, v) in freeLayers.enumerated() {
            sourcePair[k] = tails.count
            addPair(Self.source, k + 2, (0, extraSourceBytes[k], graph.cloudMs[v], false), zero)
            sinkPair[k] = tails.count
            addPair(k + 2, Self.sink, (graph.deviceMs[v], 0, 0, false), zero)
        }
        for (from, to, forward, backward) in otherArcs { addPair(from, to, forward, backward) }
        // Group arcs by tail (stable), remembering where each arc went.
        let m = tails.count
        var start = [Int32](repeating: 0, count: nodes + 1)
        for t in tails { start[Int(t) + 1] += 1 }
        for x in 0..<nodes { start[x + 1] += start[x] }
        var fill = start
        var position = [Int32](repeating: 0, count: m)
        for e in 0..<m {
            let t = Int(tails[e])
            position[e] = fill[t]
            fill[t] += 1
        }
        layerCount = n
        self.placement = placement
        nodeOfLayer = node
        nodeCount = nodes
        arcCount = m
        nodeStart = .make(start)
        arcHead = .make(count: m, 0)
        arcReverse = .make(count: m, 0)
        coefD = .make(count: m, 0)
        coefB = .make(count: m, 0)
        coefC = .make(count: m, 0)
        arcInfinite = .make(count: m, false)
        for e in 0..<m {
            let p = Int(position[e])
            arcHead[p] = heads[e]
            arcReverse[p] = position[e ^ 1]
            coefD[p] = cD[e]
            coefB[p] = cB[e]
            coefC[p] = cC[e]
            arcInfinite[p] = inf[e]
        }
        sourceArc = .make(sourcePair.map { position[$0] })
        sinkArc = .make(sinkPair.map { position[$0] })
        residual = .make(count: m, 0)
        capacity = .make(count: m, 0)
        let inner = stride(from: 0, to: m, by: 2).filter { tails[$0] > 1 && heads[$0] > 1 }.map { position[$0] }
        innerArcs = .make(inner)
        innerArcCount = inner.count
        firstAuxiliary = n + 2
        excess = .make(count: nodes, 0)
        height = .make(count: nodes, 0)
        current = .make(count: nodes, 0)
        queue = .make(count: nodes, 0)
        activeHead = .make(count: nodes + 1, -1)
        activeNext = .make(count: nodes, -1)
        bucketHead = .make(count: nodes + 1, -1)
        bucketNext = .make(count: nodes, -1)
        bucketPrev = .make(count: nodes, -1)
    }

    deinit {
        nodeStart.deallocate()
        arcHead.deallocate()
        arcReverse.deallocate()
        coefD.deallocate()
        coefB.deallocate()
        coefC.deallocate()
        arcInfinite.deallocate()
        sourceArc.deallocate()
        sinkArc.deallocate()
        residual.deallocate()
        capacity.deallocate()
        innerArcs.deallocate()
        excess.deallocate()
        height.deallocate()
        current.deallocate()
        queue.deallocate()
        activeHead.deallocate()
        activeNext.deallocate()
        bucketHead.deallocate()
        bucketNext.deallocate()
        bucketPrev.deallocate()
    }

    /// Per block layer, whether it is on the device in a cut of the block minimising
    /// `alpha·device + beta·bytes + gamma·cloud` (all finite and ≥ 0) subject to the fixed
    /// placements: the source side of the minimum cut that is largest by inclusion.
    func minimise(_ alpha: Double, _ beta: Double, _ gamma: Double) -> [Bool] {
        // Without a limit the computation always completes.
        minimise(alpha, beta, gamma, workLimit: .max) ?? placement.map { $0 == .device }
    }

    /// ``minimise(_:_:_:)``, or `nil` once ``work`` exceeds `workLimit` (checked between
    /// node discharges). The oracle stays usable after giving up.
    func minimise(_ alpha: Double, _ beta: Double, _ gamma: Double, workLimit: Int) -> [Bool]? {
        guard layerCount > 0 else { return placement.map { $0 == .device } }
        setCapacities(alpha, beta, gamma)
        guard maximisePreflow(workLimit: workLimit) else { return nil }
        // After a maximum preflow, the nodes that can still reach the sink form the
        // cloud side of the minimum cut with the largest source side.
        computeSinkDistances()
        let dead = Int32(nodeCount)
        return placement.indices.map { i in
            switch placement[i] {
            case .device: true
            case .cloud: false
            case .free: height[nodeOfLayer[i]] >= dead
            }
        }
    }

    @inline(__always) private func weightedCapacity(_ e: Int, _ alpha: Double, _ beta: Double, _ gamma: Double) -> Double {
        arcInfinite[e] ? .infinity : coefD[e] * alpha + coefB[e] * beta + coefC[e] * gamma
    }

    /// Sets the capacities for the weights and a preflow that saturates every source arc,
    /// keeping the previous call's flow between layer and auxiliary nodes where it fits.
    private func setCapacities(_ alpha: Double, _ beta: Double, _ gamma: Double) {
        let residual = self.residual
        let capacity = self.capacity
        let excess = self.excess
        let arcHead = self.arcHead
        let arcReverse = self.arcReverse
        work += arcCount + nodeCount
        for x in 0..<nodeCount { excess[x] = 0 }
        // Every source arc is saturated.
        var sourceTotal = 0.0
        for e in Int(nodeStart[Self.source])..<Int(nodeStart[Self.source + 1]) {
            let c = weightedCapacity(e, alpha, beta, gamma)
            capacity[e] = c
            residual[e] = 0
            residual[Int(arcReverse[e])] = c
            excess[Int(arcHead[e])] += c
            sourceTotal += c
        }
        // Inner arcs keep their flow, clipped to the new capacities in both directions and
        // (on infinite arcs) to the most that can leave the source, which bounds the offsets.
        for k in 0..<innerArcCount {
            let a = Int(innerArcs[k])
            let b = Int(arcReverse[a])
            var flow = 0.0
            if hasFlow {
                flow = arcInfinite[a] ? residual[b] - capacity[b] : capacity[a] - residual[a]
            }
            let forward = weightedCapacity(a, alpha, beta, gamma)
            let backward = weightedCapacity(b, alpha, beta, gamma)
            flow = max(min(flow, forward, sourceTotal), -min(backward, sourceTotal))
            capacity[a] = forward
            capacity[b] = backward
            residual[a] = forward - flow
            residual[b] = backward + flow
            if flow != 0 {
                excess[Int(arcHead[b])] -= flow
                excess[Int(arcHead[a])] += flow
            }
        }
        // An auxiliary node sending more than it receives sends less to its readers
        // (its arcs out are infinite, with no reverse capacity, so their flow is ≥ 0).
        if firstAuxiliary < nodeCount {
            for x in firstAuxiliary..<nodeCount where excess[x] < 0 {
                for e in Int(nodeStart[x])..<Int(nodeStart[x + 1]) where arcInfinite[e] {
                    let b = Int(arcReverse[e])
                    let flow = residual[b] - capacity[b]
                    guard flow > 0 else { continue }
                    let cut = min(flow, -excess[x])
                    residual[b] -= cut
                    excess[x] += cut
                    excess[Int(arcHead[e])] -= cut
                    if excess[x] >= 0 { break }
                }
                excess[x] = max(excess[x], 0)  // Only rounding can leave a deficit here.
            }
        }
        // The arcs into the sink are the reverses of the sink's own arcs.
        let intoSink = Int(nodeStart[Self.sink])..<Int(nodeStart[Self.sink + 1])
        for e in intoSink {
            let a = Int(arcReverse[e])
            capacity[a] = weightedCapacity(a, alpha, beta, gamma)
        }
        // A layer's deficit is covered by an offset on its source and sink arcs.
        for k in 0..<layerCount where excess[k + 2] < 0 {
            let offset = -excess[k + 2]
            excess[k + 2] = 0
            let sourceArc = Int(sourceArc[k])
            capacity[sourceArc] += offset
            residual[Int(arcReverse[sourceArc])] += offset
            capacity[Int(sinkArc[k])] += offset
        }
        // Surplus goes to the sink arcs as far as they take it; the rest is excess.
        for e in intoSink {
            let a = Int(arcReverse[e])
            let x = Int(arcHead[e])
            let c = capacity[a]
            let sent = min(c, excess[x])
            residual[a] = c - sent
            residual[e] = sent
            excess[x] -= sent
        }
        hasFlow = true
    }

    /// Exact distances to the sink over positive residual arcs; `nodeCount` if none.
    private func computeSinkDistances() {
        // Locals: the compiler cannot tell that writes through one buffer leave the others alone.
        let height = self.height
        let queue = self.queue
        let nodeStart = self.nodeStart
        let arcHead = self.arcHead
        let arcReverse = self.arcReverse
        let residual = self.residual
        let dead = Int32(nodeCount)
        for x in 0..<nodeCount { height[x] = dead }
        height[Self.sink] = 0
        height[Self.source] = 0  // Never entered; reset below.
        queue[0] = Int32(Self.sink)
        var head = 0
        var tail = 1
        while head < tail {
            let y = Int(queue[head])
            head += 1
            let next = height[y] + 1
            for e in Int(nodeStart[y])..<Int(nodeStart[y + 1]) {
                let x = Int(arcHead[e])
                if height[x] == dead && residual[Int(arcReverse[e])] > 0 {
                    height[x] = next
                    queue[tail] = Int32(x)
                    tail += 1
                }
            }
        }
        height[Self.source] = dead
        work += Int(nodeStart[nodeCount]) + nodeCount
    }

    /// Recomputes exact heights and rebuilds the buckets.
    private func globalRelabel() {
        computeSinkDistances()
        for h in 0...nodeCount {
            activeHead[h] = -1
            bucketHead[h] = -1
        }
        maxActive = -1
        maxBucket = -1
        let dead = Int32(nodeCount)
        for x in 2..<nodeCount {
            current[x] = nodeStart[x]
            let h = height[x]
            guard h < dead else { continue }
            bucketInsert(x, Int(h))
            if excess[x] > 0 { activate(x, Int(h)) }
        }
    }

    @inline(__always) private func activate(_ x: Int, _ h: Int) {
        activeNext[x] = activeHead[h]
        activeHead[h] = Int32(x)
        if h > maxActive { maxActive = h }
    }

    @inline(__always) private func bucketInsert(_ x: Int, _ h: Int) {
        let first = bucketHead[h]
        bucketNext[x] = first
        bucketPrev[x] = -1
        if first >= 0 { bucketPrev[Int(first)] = Int32(x) }
        bucketHead[h] = Int32(x)
        if h > maxBucket { maxBucket = h }
    }

    @inline(__always) private func bucketRemove(_ x: Int, _ h: Int) {
        let next = bucketNext[x]
        let prev = bucketPrev[x]
        if prev >= 0 { bucketNext[Int(prev)] = next } else { bucketHead[h] = next }
        if next >= 0 { bucketPrev[Int(next)] = prev }
    }

    /// Discharges active nodes, lowest first, until none is left (`true`), or until
    /// ``work`` exceeds `workLimit` (`false`).
    private func maximisePreflow(workLimit: Int) -> Bool {
        // Relabelling work between global relabels: more often than the textbook pace pays
        // on graphs where flow travels far (a quarter of it saves about a fifth of the work).
        let relabelBudget = (6 * nodeCount + arcCount / 2) / 4
        globalRelabel()
        var sinceRelabel = 0
        var h = 0
        while h <= maxActive {
            let top = activeHead[h]
            guard top >= 0 else {
                h += 1
                continue
            }
            let x = Int(top)
            activeHead[h] = activeNext[x]
            // Entries left behind by a gap or relabel are skipped.
            guard Int(height[x]) == h, excess[x] > 0 else { continue }
            sinceRelabel += discharge(x)
            guard work <= workLimit else { return false }
            if sinceRelabel > relabelBudget {
                sinceRelabel = 0
                globalRelabel()
                h = 0
            } else if h > 0 {
                // The discharge may have activated nodes one level down.
                h -= 1
            }
        }
        return true
    }

    /// Pushes `x`'s excess downhill, relabelling as needed. Adds the arcs scanned to
    /// ``work``; returns the relabelling work, which paces global relabelling.
    private func discharge(_ x: Int) -> Int {
        let residual = self.residual
        let excess = self.excess
        let height = self.height
        let arcHead = self.arcHead
        let arcReverse = self.arcReverse
        let dead = Int32(nodeCount)
        let first = nodeStart[x]
        let end = nodeStart[x + 1]
        var work = 0
        while excess[x] > 0 {
            let hx = height[x]
            var e = current[x]
            while e < end {
                let arc = Int(e)
                let r = residual[arc]
                if r > 0 {
                    let y = Int(arcHead[arc])
                    if height[y] + 1 == hx {
                        let d = min(excess[x], r)
                        residual[arc] = r - d
                        residual[Int(arcReverse[arc])] += d
                        excess[x] -= d
                        if y != Self.sink && excess[y] == 0 { activate(y, Int(height[y])) }
                        excess[y] += d
                        if excess[x] == 0 { break }
                    }
                }
                e += 1
            }
            self.work += Int(e - current[x]) + 1
            current[x] = e
            if excess[x] == 0 { return work }
            // Relabel to one above the lowest residual neighbour.
            let old = Int(hx)
            var lowest = dead
            for arc in Int(first)..<Int(end) where residual[arc] > 0 {
                let hy = height[Int(arcHead[arc])] + 1
                if hy < lowest { lowest = hy }
            }
            work += Int(end - first) + 12
            self.work += Int(end - first) + 12
            current[x] = first
            bucketRemove(x, old)
            if bucketHead[old] < 0 {
                // Gap: nothing at or above `old` can reach the sink any more.
                for h in old...max(old, maxBucket) {
                    var node = bucketHead[h]
                    while node >= 0 {
                        height[Int(node)] = dead
                        node = bucketNext[Int(node)]
                    }
                    bucketHead[h] = -1
                    activeHead[h] = -1
                }
                height[x] = dead
                maxBucket = old - 1
                if maxActive >= old { maxActive = old - 1 }
                return work
            }
            height[x] = lowest
            if lowest >= dead { return work }
            bucketInsert(x, Int(lowest))
        }
        return work
    }
}

extension UnsafeMutablePointer {
    /// A new buffer holding `array`'s elements.
    fileprivate static func make(_ array: [Pointee]) -> UnsafeMutablePointer<Pointee> {
        let p = UnsafeMutablePointer<Pointee>.allocate(capacity: Swift.max(array.count, 1))
        _ = UnsafeMutableBufferPointer(start: p, count: array.count).initialize(from: array)
        return p
    }

    /// A new buffer of `count` copies of `value`.
    fileprivate static func make(count: Int, _ value: Pointee) -> UnsafeMutablePointer<Pointee> {
        let p = UnsafeMutablePointer<Pointee>.allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: value, count: count)
        return p
    }
}
