import OffloadModel

/// Every Pareto-optimal closed cut of a ``CutGraph``, by a dynamic program over a
/// topological order (docs/FORMATS.md, "Candidate cuts").
///
/// The layers are placed one at a time in an order chosen to keep the *frontier* small:
/// the layers already placed whose output a later layer still reads (the raw input counts
/// as a layer placed first, on the device). A state is, for each frontier layer, whether it
/// runs on the device and whether its output is already sent; together with the partial
/// costs (device time, bytes, cloud time) of the layers placed so far, it determines every
/// cost still to come. So within one state a partial cut that is no better on all three
/// axes than another can be dropped: whatever completes it completes the other at least as
/// cheaply. At the end, what is left is the Pareto set of all closed cuts (up to the
/// rounding of the running sums, which are re-added canonically at the end).
///
/// **Zero-byte rule** (used only when the exact program exceeds its work budget, for
/// `torch.fx` graphs whose shape reads and `_assert`s multiply the cuts): a layer with
/// at least one input whose output is 0 bytes runs on the device exactly when all its
/// inputs do. Any closed cut `C` maps to the rule-respecting cut `C'` obtained by adding,
/// in topological order, every such layer whose inputs are all in `C'`: `C'` is closed;
/// it sends no tensor `C` does not (an added layer's output costs 0 bytes; a layer of `C`
/// whose reader is off `C'` has that reader off `C` too); its cloud time is no larger; its
/// device time is larger by at most the device time of the rule's layers. The enumeration
/// is then complete up to `epsilonMs`, that sum: every closed cut is matched by a kept cut
/// that is no worse on bytes and cloud time and at most `epsilonMs` worse on device time.
struct ClosedCutEnumerator {
    /// The outcome of a finished enumeration.
    struct Outcome {
        /// The kept cuts (device sets), in no particular order.
        var sets: [[Bool]]
        /// Closed cuts the program went through (saturating at `Int.max`): all closed cuts,
        /// or with the zero-byte rule those that respect it.
        var closedCuts: Int
        /// 0, or the zero-byte rule's device-time slack (ms at speed 1).
        var epsilonMs: Double
        /// Largest number of frontier layers at once.
        var frontier: Int
        /// States visited plus partial cuts stored.
        var work: Int
    }

    /// The widest frontier the program handles (one bit per frontier layer).
    static let maximumFrontier = 64

    let graph: CutGraph
    let topology: CutTopology
    /// The twins of shared constants (`CutGraphReduction`), by node: empty when there are
    /// none. With them the program goes through *normal* sets only (a device twin on the
    /// device only when one of its readers is, a cloud twin on the device exactly when all
    /// it follows is), so that `closedCuts` counts the model's partitions, not each
    /// placement of its twins. Every closed set is weakly dominated by its normal form,
    /// which stands for the same model cut, so the Pareto set is the same.
    var twins = Twins()

    /// Which nodes are twins (see ``twins``).
    struct Twins {
        var device: [Bool] = []
        var cloud: [Bool] = []

        func isDevice(_ v: Int) -> Bool { !device.isEmpty && device[v] }
        func isCloud(_ v: Int) -> Bool { !cloud.isEmpty && cloud[v] }
    }

    /// Enumerates within `workBudget` partial cuts per attempt: the exact program first,
    /// then, if it runs out and some layer qualifies, the program with the zero-byte rule.
    /// `nil` when the frontier is too wide or both attempts run out.
    /// With `forceRule` (for tests), only the attempt with the rule is made.
    static func run(_ graph: CutGraph, _ topology: CutTopology, twins: Twins = Twins(), workBudget: Int,
                    forceRule: Bool = false) -> Outcome? {
        let enumerator = ClosedCutEnumerator(graph: graph, topology: topology, twins: twins)
        let plan = enumerator.schedule()
        guard plan.width <= maximumFrontier else { return nil }
        if !forceRule, let exact = enumerator.program(plan, rule: nil, workBudget: workBudget) { return exact }
        let n = topology.layerCount
        var rule = [Bool](repeating: false, count: n)
        var epsilon = 0.0
        // Twins keep their own rule (normal placement), which the zero-byte rule's argument
        // respects: it only adds layers whose inputs are all on the device.
        for v in 0..<n where graph.outputBytes[v] == 0 && (topology.readsInput[v] || !topology.predecessors(of: v).isEmpty)
            && !twins.isDevice(v) && !twins.isCloud(v) {
            rule[v] = true
            epsilon += graph.deviceMs[v]
        }
        guard rule.contains(true), var result = enumerator.program(plan, rule: rule, workBudget: workBudget) else { return nil }
        result.epsilonMs = epsilon
        return result
    }

    // MARK: Order and frontier slots

    /// One step of the program: place `layer`.
    struct Step {
        var layer: Int
        /// Frontier slots of the layer's inputs (the raw input included).
        var inputSlots: UInt64
        /// The slot the layer's output occupies, or -1 when no layer reads it.
        var slot: Int
        /// Slots whose last reader this layer is (freed after the step).
        var freed: UInt64
        /// Of `inputSlots`, those holding a device twin (see ``twins``).
        var twinInputs: UInt64
        /// Of `freed`, those holding a device twin.
        var freedTwins: UInt64
    }

    struct Schedule {
        var steps: [Step]
        /// Bytes of the tensor in each slot at each step are looked up by the step's slot list.
        var slotBytes: [[Int]]
        var width: Int
    }

    /// A topological order that greedily keeps the frontier small (ties: lowest index),
    /// with frontier slots assigned like registers.
    func schedule() -> Schedule {
        let n = topology.layerCount
        var missing = [Int](repeating: 0, count: n)
        var unreadBy = [Int](repeating: 0, count: n)  // consumers of v not yet placed
        for v in 0..<n {
            missing[v] = topology.predecessors(of: v).count
            unreadBy[v] = topology.consumers(of: v).count
        }
        var inputUnread = topology.inputConsumers.count
        var ready: [Int] = (0..<n).filter { missing[$0] == 0 }
        var slotOf = [Int](repeating: -1, count: n)
        var freeSlots: [Int] = []
        var nextSlot = 0
        func allocate() -> Int {
            if let slot = freeSlots.popLast() { return slot }
            nextSlot += 1
            return nextSlot - 1
        }
        let inputSlot = inputUnread > 0 ? allocate() : -1
        var steps: [Step] = []
        var slotBytes: [[Int]] = []
        var currentBytes = [Int](repeating: 0, count: Self.maximumFrontier)
        if inputSlot >= 0 && inputSlot < Self.maximumFrontier { currentBytes[inputSlot] = graph.inputBytes }
        steps.reserveCapacity(n)
        while !ready.isEmpty {
            // The ready layer that closes most frontier entries net of the one it opens.
            var bestPosition = 0
            var bestGain = Int.min
            for (position, v) in ready.enumerated() {
                var gain = topology.consumers(of: v).isEmpty ? 0 : -1
                for u in topology.predecessors(of: v) where unreadBy[u] == 1 { gain += 1 }
                if topology.readsInput[v] && inputUnread == 1 { gain += 1 }
                if gain > bestGain || (gain == bestGain && v < ready[bestPosition]) {
                    bestGain = gain
                    bestPosition = position
                }
            }
            let v = ready.remove(at: bestPosition)
            var inputs: UInt64 = 0
            var freed: UInt64 = 0
            var twinInputs: UInt64 = 0
            var freedTwins: UInt64 = 0
            var toFree: [Int] = []
            if topology.readsInput[v] {
                inputs |= bit(inputSlot)
                inputUnread -= 1
                if inputUnread == 0 { freed |= bit(inputSlot); toFree.append(inputSlot) }
            }
            for u in topology.predecessors(of: v) {
                inputs |= bit(slotOf[u])
                if twins.isDevice(u) { twinInputs |= bit(slotOf[u]) }
                unreadBy[u] -= 1
                if unreadBy[u] == 0 {
                    freed |= bit(slotOf[u])
                    if twins.isDevice(u) { freedTwins |= bit(slotOf[u]) }
                    toFree.append(slotOf[u])
                }
            }
            var slot = -1
            if !topology.consumers(of: v).isEmpty {
                slot = allocate()
                slotOf[v] = slot
                if slot < Self.maximumFrontier { currentBytes[slot] = graph.outputBytes[v] }
            }
            steps.append(Step(layer: v, inputSlots: inputs, slot: slot, freed: freed, twinInputs: twinInputs,
                              freedTwins: freedTwins))
            slotBytes.append(currentBytes)
            freeSlots.append(contentsOf: toFree.reversed())
            for w in topology.consumers(of: v) {
                missing[w] -= 1
                if missing[w] == 0 { ready.append(w) }
            }
        }
        return Schedule(steps: steps, slotBytes: slotBytes, width: nextSlot)
    }

    @inline(__always) private func bit(_ slot: Int) -> UInt64 {
        slot >= 0 && slot < Self.maximumFrontier ? UInt64(1) << UInt64(slot) : 0
    }

    // MARK: The program

    /// Partial costs of one partial cut, and where it came from: partial `index` of the
    /// array named by source `source` of the array holding it (see `program`).
    struct Partial {
        var device: Double
        var bytes: Int
        var cloud: Double
        var source: Int32
        var index: Int32
    }

    struct State: Hashable {
        var device: UInt64
        /// Per slot: its tensor was sent (for a device twin: one of its readers is on the device).
        var sent: UInt64
    }

    static func precedes(_ a: State, _ b: State) -> Bool {
        a.device != b.device ? a.device < b.device : a.sent < b.sent
    }

    /// The partial cuts of one state, lazily: those of a stored array, each shifted by the
    /// same costs, with the decisions taken since the array was stored.
    struct Bundle {
        var array: Int
        var device: Double
        var bytes: Int
        var cloud: Double
        /// Head of the decision chain (-1: none).
        var chain: Int32
        var count: Int
    }

    /// A stored array's partial came from source `source`: partial `index` of `array`,
    /// with the decisions of chain `chain` taken since.
    struct Source {
        var array: Int
        var chain: Int32
    }

    /// One state reached in a step, and the position it was reached at (ties in the merge
    /// are broken by it, so the result does not depend on any hash order).
    struct Arrival {
        var state: State
        var position: Int32

        static func precedes(_ a: Arrival, _ b: Arrival) -> Bool {
            if a.state.device != b.state.device { return a.state.device < b.state.device }
            if a.state.sent != b.state.sent { return a.state.sent < b.state.sent }
            return a.position < b.position
        }
    }

    /// The program over `plan`; with `rule`, layers marked run on the device exactly when
    /// all their inputs do. `nil` when its work (states visited plus partial cuts stored)
    /// would exceed `workBudget`.
    ///
    /// Within a state every partial cut gets the same decision and the same added cost, so
    /// a state reached from one state only keeps its predecessor's array and adds the
    /// decision to a chain; partial cuts are copied (and filtered) only where states merge.
    /// States are kept in arrays sorted by ``precedes(_:_:)`` (never in a dictionary, whose
    /// order changes from process to process): ties between equal partial costs, and so the
    /// cuts kept, are the same in every run.
    func program(_ plan: Schedule, rule: [Bool]?, workBudget: Int) -> Outcome? {
        let n = topology.layerCount
        // Stored arrays, and per array the (array, decision chain) each of its partials came through.
        var arrays: [[Partial]] = [[Partial(device: 0, bytes: 0, cloud: 0, source: -1, index: 0)]]
        var arraySources: [[Source]] = [[]]
        // Decision chains: layer, placement and the previous decision.
        var chainLayer: [Int32] = []
        var chainDevice: [Bool] = []
        var chainPrevious: [Int32] = []
        // Free slots read as "device, unsent": the raw input's slot starts on the device.
        var states: [State] = [State(device: UInt64.max, sent: 0)]
        var bundles: [Bundle] = [Bundle(array: 0, device: 0, bytes: 0, cloud: 0, chain: -1, count: 1)]
        var arrivals: [Arrival] = []
        var moves: [Bundle] = []
        var merged: [Partial] = []
        var stairBytes: [Int] = [], stairCloud: [Double] = []
        var work = 0
        for (index, step) in plan.steps.enumerated() {
            let v = step.layer
            let follower = graph.isFollower(v)
            let forced = (rule?[v] ?? false) || twins.isCloud(v)
            let bytes = plan.slotBytes[index]
            let ownBit: UInt64 = step.slot >= 0 ? UInt64(1) << UInt64(step.slot) : 0
            let keep = ~step.freed
            arrivals.removeAll(keepingCapacity: true)
            moves.removeAll(keepingCapacity: true)
            for (state, bundle) in zip(states, bundles) {
                let inputsOnDevice = state.device & step.inputSlots == step.inputSlots
                for side in 0..<2 {
                    let toDevice = side == 1
                    if toDevice ? !inputsOnDevice : (forced && inputsOnDevice) { continue }
                    var next = state
                    var moved = bundle
                    if toDevice {
                        moved.device += graph.deviceMs[v]
                        next.device |= ownBit
                        // A device twin read on the device is justified.
                        next.sent |= step.twinInputs
                    } else {
                        moved.cloud += graph.cloudMs[v]
                        // A follower in the cloud is sent nothing (CutGraph.followsOnly); nor is
                        // a device twin's empty output sent.
                        var unsent = follower ? 0 : state.device & ~state.sent & step.inputSlots & ~step.twinInputs
                        next.sent |= unsent
                        while unsent != 0 {
                            moved.bytes += bytes[unsent.trailingZeroBitCount]
                            unsent &= unsent - 1
                        }
                        next.device &= ~ownBit
                    }
                    next.sent &= ~ownBit
                    // A device twin on the device none of whose readers is: not normal.
                    if step.freedTwins & next.device & ~next.sent != 0 { continue }
                    next.device = (next.device & keep) | step.freed
                    next.sent &= keep
                    chainLayer.append(Int32(truncatingIfNeeded: v))
                    chainDevice.append(toDevice)
                    chainPrevious.append(bundle.chain)
                    moved.chain = Int32(truncatingIfNeeded: chainLayer.count - 1)
                    arrivals.append(Arrival(state: next, position: Int32(truncatingIfNeeded: moves.count)))
                    moves.append(moved)
                    work += 1
                }
            }
            if work > workBudget || chainLayer.count >= Int(Int32.max) { return nil }
            arrivals.sort(by: Arrival.precedes)
            states.removeAll(keepingCapacity: true)
            bundles.removeAll(keepingCapacity: true)
            var first = 0
            while first < arrivals.count {
                let state = arrivals[first].state
                var last = first + 1
                while last < arrivals.count && arrivals[last].state == state { last += 1 }
                defer { first = last }
                guard last - first > 1 else {
                    states.append(state)
                    bundles.append(moves[Int(arrivals[first].position)])
                    continue
                }
                // States merge: store the shifted partials of every source, keep the Pareto-minimal.
                merged.removeAll(keepingCapacity: true)
                var sources: [Source] = []
                sources.reserveCapacity(last - first)
                var count = 0
                for arrival in arrivals[first..<last] {
                    let bundle = moves[Int(arrival.position)]
                    let source = Int32(truncatingIfNeeded: sources.count)
                    sources.append(Source(array: bundle.array, chain: bundle.chain))
                    let (sum, overflow) = count.addingReportingOverflow(bundle.count)
                    count = overflow ? Int.max : sum
                    let stored = arrays[bundle.array]
                    work += stored.count
                    if work > workBudget { return nil }
                    var position: Int32 = 0
                    for partial in stored {
                        let shifted = Partial(device: partial.device + bundle.device, bytes: partial.bytes + bundle.bytes,
                                              cloud: partial.cloud + bundle.cloud, source: source, index: position)
                        merged.append(shifted)
                        position += 1
                    }
                }
                // Timsort finds the sorted runs and merges them; it is stable, so equal partials
                // keep the order of their sources.
                merged.sort(by: Self.costPrecedes)
                arrays.append(Self.minimalOfSorted(merged, stairBytes: &stairBytes, stairCloud: &stairCloud))
                arraySources.append(sources)
                states.append(state)
                bundles.append(Bundle(array: arrays.count - 1, device: 0, bytes: 0, cloud: 0, chain: -1, count: count))
            }
        }
        // Every slot is freed at the end: one state remains (none when every set was
        // refused, which only an empty program can do). Its partials are stored shifted;
        // walk each one's decisions back to the start.
        var sets: [[Bool]] = []
        var total = 0
        for bundle in bundles {
            let (sum, overflow) = total.addingReportingOverflow(bundle.count)
            total = overflow ? Int.max : sum
            for position in arrays[bundle.array].indices {
                var onDevice = [Bool](repeating: false, count: n)
                onDevice.withUnsafeMutableBufferPointer { onDevice in
                    chainLayer.withUnsafeBufferPointer { chainLayer in
                        chainDevice.withUnsafeBufferPointer { chainDevice in
                            chainPrevious.withUnsafeBufferPointer { chainPrevious in
                                func walk(_ head: Int32) {
                                    var link = Int(head)
                                    while link >= 0 {
                                        onDevice[Int(chainLayer[link])] = chainDevice[link]
                                        link = Int(chainPrevious[link])
                                    }
                                }
                                walk(bundle.chain)
                                var array = bundle.array
                                var at = position
                                while array > 0 {
                                    let partial = arrays[array][at]
                                    let source = arraySources[array][Int(partial.source)]
                                    walk(source.chain)
                                    array = source.array
                                    at = Int(partial.index)
                                }
                            }
                        }
                    }
                }
                sets.append(onDevice)
            }
        }
        return Outcome(sets: sets, closedCuts: total, epsilonMs: 0, frontier: plan.width, work: work)
    }

    /// Ascending by device time, then bytes, then cloud time.
    @inline(__always) static func costPrecedes(_ a: Partial, _ b: Partial) -> Bool {
        if a.device != b.device { return a.device < b.device }
        if a.bytes != b.bytes { return a.bytes < b.bytes }
        return a.cloud < b.cloud
    }

    /// The partials of `order` (sorted by ``costPrecedes(_:_:)``) no other is below on all
    /// three axes (of equal ones, the first), in that order.
    static func minimalOfSorted(_ order: [Partial]) -> [Partial] {
        var stairBytes: [Int] = [], stairCloud: [Double] = []
        return minimalOfSorted(order, stairBytes: &stairBytes, stairCloud: &stairCloud)
    }

    /// ``minimalOfSorted(_:)`` with the staircase's storage reused from call to call.
    static func minimalOfSorted(_ order: [Partial], stairBytes: inout [Int], stairCloud: inout [Double]) -> [Partial] {
        // Staircase of kept (bytes, cloud): bytes ascending, cloud strictly descending. It
        // stays short (about ten steps on Inception-v3), so steps are shifted by hand.
        if stairBytes.count < order.count {
            stairBytes = [Int](repeating: 0, count: order.count)
            stairCloud = [Double](repeating: 0, count: order.count)
        }
        var stairs = 0
        var kept: [Partial] = []
        kept.reserveCapacity(order.count)
        stairBytes.withUnsafeMutableBufferPointer { bytes in
            stairCloud.withUnsafeMutableBufferPointer { cloud in
                for e in order {
                    // The last step with bytes ≤ e.bytes.
                    var lo = 0
                    var hi = stairs
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if bytes[mid] <= e.bytes { lo = mid + 1 } else { hi = mid }
                    }
                    let step = lo - 1
                    if step >= 0 && cloud[step] <= e.cloud { continue }
                    kept.append(e)
                    let insertAt = step >= 0 && bytes[step] == e.bytes ? step : lo
                    var removeEnd = insertAt
                    while removeEnd < stairs && cloud[removeEnd] >= e.cloud { removeEnd += 1 }
                    // Steps insertAt ..< removeEnd give way to e.
                    let shift = 1 - (removeEnd - insertAt)
                    if shift > 0 {
                        var k = stairs
                        while k > removeEnd { bytes[k] = bytes[k - 1]; cloud[k] = cloud[k - 1]; k -= 1 }
                    } else if shift < 0 {
                        for k in removeEnd..<stairs { bytes[k + shift] = bytes[k]; cloud[k + shift] = cloud[k] }
                    }
                    bytes[insertAt] = e.bytes
                    cloud[insertAt] = e.cloud
                    stairs += shift
                }
            }
        }
        return kept
    }
}
