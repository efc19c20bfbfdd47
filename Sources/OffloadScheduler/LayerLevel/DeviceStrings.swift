/// Each job's device layers cut into Sidney strings for the two-machine
/// (device, uplink) flow shop, in the job's own best order.
///
/// For a job whose device part is an out-forest or an in-forest the strings are
/// exact (docs/layer-level.md §5): every job's strings, merged across jobs by
/// Johnson key, give an optimal device order. For other DAGs they come from the
/// greedy on the forest of each layer's latest device input, repaired into a
/// topological order: a heuristic.
struct DeviceStrings: Sendable {
    /// Shape of a job's device part (its device layers and the edges between them).
    enum Shape: Sendable, Hashable {
        /// The device layers are totally ordered: each reads the one before it
        /// (directly; other edges, such as residual skips, are implied).
        case chain
        /// Every device layer reads at most one device layer.
        case outForest
        /// Every device layer is read by at most one device layer.
        case inForest
        /// None of the above.
        case dag
    }

    /// Device layers (global indices), job by job, each job's in its own order.
    var layers: [Int32] = []
    /// Boundaries of the strings in `layers` (`stringCount + 1` entries).
    var stringStart: [Int] = [0]
    /// Johnson key of each string.
    var stringKey: [JohnsonKey] = []
    /// Each job's strings are `jobString[j] ..< jobString[j + 1]`.
    var jobString: [Int] = [0]
    /// Each job's shape.
    var shape: [Shape] = []

    init(_ flat: FlatInstance) {
        layers.reserveCapacity(flat.layerCount)
        // Scratch reused from job to job.
        var local: [Int] = [], device: [Int] = [], a: [Double] = [], b: [Double] = []
        var parent: [Int] = [], child: [Int] = []
        for j in 0..<flat.jobCount {
            let base = flat.firstLayer[j]
            // Local device numbering of the job's layers (-1 for cloud layers).
            local.removeAll(keepingCapacity: true)
            device.removeAll(keepingCapacity: true)
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            parent.removeAll(keepingCapacity: true)
            for g in base..<flat.firstLayer[j + 1] {
                guard flat.onDevice[g] else {
                    local.append(-1)
                    continue
                }
                local.append(device.count)
                device.append(g)
            }
            let m = device.count
            var outForest = true, isChain = true
            for (i, g) in device.enumerated() {
                a.append(flat.duration[g])
                let t = Int(flat.tensorOfLayer[g])
                b.append(t >= 0 ? flat.sendTime(t) : 0)
                let from = Int(flat.predStart[g]), to = Int(flat.predStart[g + 1])
                if to - from > 1 { outForest = false }
                var maxPred = -1
                for e in from..<to { maxPred = Swift.max(maxPred, local[Int(flat.preds[e]) - base]) }
                parent.append(maxPred >= 0 ? maxPred : m)   // m = virtual root
                // The latest input is always the layer before: totally ordered.
                if maxPred != i - 1 { isChain = false }
            }
            var inForest = false
            if !isChain, !outForest {
                inForest = true
                child.removeAll(keepingCapacity: true)
                for g in device {
                    var deviceSuccs = 0, next = m
                    for e in Int(flat.succStart[g])..<Int(flat.succStart[g + 1]) {
                        let s = Int(flat.succs[e])
                        guard flat.onDevice[s] else { continue }
                        deviceSuccs += 1
                        next = local[s - base]
                    }
                    if deviceSuccs > 1 { inForest = false }
                    child.append(next)
                }
            }
            var order: [Int]
            var ends: [Int]
            let shape: Shape = isChain ? .chain : outForest ? .outForest : inForest ? .inForest : .dag
            if shape == .chain {
                order = Array(0..<m)
                ends = m > 0 ? Array(1...m) : []
            } else if shape == .dag {
                // Heuristic: the greedy on the forest of latest inputs, repaired
                // into a topological order, then pooled like a chain.
                let (relaxed, _) = Self.outForestStrings(a: a, b: b, parent: parent, parentFirst: 0..<m)
                order = Self.topologicalOrder(preferring: relaxed, device: device, local: local, base: base, flat: flat)
                ends = m > 0 ? Array(1...m) : []
            } else if shape == .outForest {
                (order, ends) = Self.outForestStrings(a: a, b: b, parent: parent, parentFirst: 0..<m)
            } else {
                let (mirror, mirrorEnds) = Self.outForestStrings(a: b, b: a, parent: child, parentFirst: (0..<m).reversed())
                order = mirror.reversed()
                ends = []
                ends.reserveCapacity(mirrorEnds.count)
                // Mirror strings end at mirrorEnds; reversed, boundaries become m - end.
                for e in mirrorEnds.dropLast().reversed() { ends.append(m - e) }
                ends.append(m)
            }
            // Merge adjacent strings that are out of Johnson order, so the job's
            // list is sorted and can be merged with the other jobs' lists.
            ends = Self.poolAdjacentStrings(order: order, ends: ends, a: a, b: b)
            self.shape.append(shape)
            var begin = 0
            for end in ends where end > begin {
                var block = JohnsonBlock.empty
                for position in begin..<end {
                    let i = order[position]
                    block = block.followed(by: JohnsonBlock(head: a[i], tail: b[i]))
                    layers.append(Int32(truncatingIfNeeded: device[i]))
                }
                stringKey.append(block.key)
                stringStart.append(layers.count)
                begin = end
            }
            jobString.append(stringKey.count)
        }
    }

    /// The greedy of docs/layer-level.md §5.2 on an out-forest over `0..<m` with
    /// virtual root `m`: repeatedly take the composite with the smallest Johnson
    /// key and append it to the composite holding its head's parent. Returns the
    /// final sequence and the ends of the strings appended to the virtual root.
    ///
    /// A pre-pass pools along single-child chains first (a layer whose parent has
    /// no other child joins the parent's composite while its key is not larger),
    /// which keeps the result optimal (same section) and the heap small.
    /// `parentFirst` must list `0..<m` with every parent before its children.
    static func outForestStrings(a: [Double], b: [Double], parent: [Int], parentFirst: some Sequence<Int>) -> (order: [Int], ends: [Int]) {
        let m = a.count
        var owner = Array(0...m)
        var next = [Int](repeating: -1, count: m + 1)
        var last = Array(0...m)
        var block = [JohnsonBlock](repeating: .empty, count: m + 1)
        var children = [Int](repeating: 0, count: m + 1)
        for i in 0..<m { children[parent[i]] += 1 }
        for i in parentFirst {
            block[i] = JohnsonBlock(head: a[i], tail: b[i])
            // Pool `i`'s composite into its parent's while the link is a
            // single-child link and the later composite has the smaller key.
            var current = i
            while true {
                let p = parent[current]
                guard p != m, children[p] == 1 else { break }
                let previous = Self.find(p, &owner)   // its composite ends with p
                guard block[current].key <= block[previous].key else { break }
                block[previous] = block[previous].followed(by: block[current])
                next[last[previous]] = current
                last[previous] = last[current]
                owner[current] = previous
                current = previous
            }
        }
        var entries: [KeyedEntry] = []
        entries.reserveCapacity(m)
        for i in 0..<m where owner[i] == i { entries.append(KeyedEntry(key: block[i].key, id: i)) }
        // Point every layer at its composite's head directly.
        for i in 0..<m { owner[i] = Self.find(i, &owner) }
        var heap = MinHeap<KeyedEntry>(entries)
        var order: [Int] = []
        order.reserveCapacity(m)
        var ends: [Int] = []
        while let entry = heap.pop() {
            let s = entry.id
            guard owner[s] == s, block[s].key == entry.key else { continue }   // stale entry
            let p = Self.find(parent[s], &owner)
            owner[s] = p
            if p == m {
                var x = s
                while x >= 0 {
                    order.append(x)
                    x = next[x]
                }
                ends.append(order.count)
            } else {
                block[p] = block[p].followed(by: block[s])
                next[last[p]] = s
                last[p] = last[s]
                heap.push(KeyedEntry(key: block[p].key, id: p))
            }
        }
        return (order, ends)
    }

    /// Union–find root with path compression.
    @inline(__always)
    static func find(_ x: Int, _ owner: inout [Int]) -> Int {
        var root = x
        while owner[root] != root { root = owner[root] }
        var y = x
        while owner[y] != root {
            let up = owner[y]
            owner[y] = root
            y = up
        }
        return root
    }

    /// A topological order of a job's device layers (local indices) that follows
    /// `preferred` wherever precedence allows.
    static func topologicalOrder(preferring preferred: [Int], device: [Int], local: [Int], base: Int, flat: FlatInstance) -> [Int] {
        let m = device.count
        var rank = [Int](repeating: 0, count: m)
        for (position, i) in preferred.enumerated() { rank[i] = position }
        var missing = [Int](repeating: 0, count: m)
        var heap = MinHeap<Int>(capacity: m)
        for (i, g) in device.enumerated() {
            missing[i] = Int(flat.predStart[g + 1] - flat.predStart[g])
            if missing[i] == 0 { heap.push(rank[i]) }
        }
        var order: [Int] = []
        order.reserveCapacity(m)
        while let r = heap.pop() {
            let i = preferred[r]
            order.append(i)
            let g = device[i]
            for e in Int(flat.succStart[g])..<Int(flat.succStart[g + 1]) {
                let s = Int(flat.succs[e])
                guard flat.onDevice[s] else { continue }
                let k = local[s - base]
                missing[k] -= 1
                if missing[k] == 0 { heap.push(rank[k]) }
            }
        }
        return order
    }

    /// Pools adjacent strings of a fixed sequence (strings end at `ends`) while a
    /// later one has a Johnson key no larger than the one before it; returns the
    /// new ends. Keeps an optimal order optimal (docs/layer-level.md §5.3).
    static func poolAdjacentStrings(order: [Int], ends: [Int], a: [Double], b: [Double]) -> [Int] {
        var blocks: [JohnsonBlock] = []
        var pooled: [Int] = []
        var begin = 0
        for end in ends where end > begin {
            var block = JohnsonBlock.empty
            for position in begin..<end { block = block.followed(by: JohnsonBlock(head: a[order[position]], tail: b[order[position]])) }
            begin = end
            blocks.append(block)
            pooled.append(end)
            while blocks.count >= 2, blocks[blocks.count - 1].key <= blocks[blocks.count - 2].key {
                let top = blocks.removeLast()
                pooled.removeLast()
                blocks[blocks.count - 1] = blocks[blocks.count - 1].followed(by: top)
                pooled[pooled.count - 1] = end
            }
        }
        return pooled
    }
}
