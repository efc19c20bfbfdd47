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
        /// Partial cuts generated.
        var work: Int
    }

    /// The widest frontier the program handles (one bit per frontier layer).
    static let maximumFrontier = 64

    let graph: CutGraph
    let topology: CutTopology

    /// Enumerates within `workBudget` partial cuts per attempt: the exact program first,
    /// then, if it runs out and some layer qualifies, the program with the zero-byte rule.
    /// `nil` when the frontier is too wide or both attempts run out.
    /// With `forceRule` (for tests), only the attempt with the rule is made.
    static func run(_ graph: CutGraph, _ topology: CutTopology, workBudget: Int, forceRule: Bool = false) -> Outcome? {
        let enumerator = ClosedCutEnumerator(graph: graph, topology: topology)
        let plan = enumerator.schedule()
        guard plan.width <= maximumFrontier else { return nil }
        if !forceRule, let exact = enumerator.program(plan, rule: nil, workBudget: workBudget) { return exact }
        let n = topology.layerCount
        var rule = [Bool](repeating: false, count: n)
        var epsilon = 0.0
        for v in 0..<n where graph.outputBytes[v] == 0 && (topology.readsInput[v] || !topology.predecessors(of: v).isEmpty) {
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
            var toFree: [Int] = []
            if topology.readsInput[v] {
                inputs |= bit(inputSlot)
                inputUnread -= 1
                if inputUnread == 0 { freed |= bit(inputSlot); toFree.append(inputSlot) }
            }
            for u in topology.predecessors(of: v) {
                inputs |= bit(slotOf[u])
                unreadBy[u] -= 1
                if unreadBy[u] == 0 { freed |= bit(slotOf[u]); toFree.append(slotOf[u]) }
            }
            var slot = -1
            if !topology.consumers(of: v).isEmpty {
                slot = allocate()
                slotOf[v] = slot
                if slot < Self.maximumFrontier { currentBytes[slot] = graph.outputBytes[v] }
            }
            steps.append(Step(layer: v, inputSlots: inputs, slot: slot, freed: freed))
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

    /// Partial costs of one partial cut and the arena node recording its last decision.
    struct Partial {
        var device: Double
        var bytes: Int
        var cloud: Double
        var node: Int32
    }

    struct State: Hashable {
        var device: UInt64
        var sent: UInt64
    }

    /// The program over `plan`; with `rule`, layers marked run on the device exactly when
    /// all their inputs do. `nil` when it would generate more than `workBudget` partials.
    func program(_ plan: Schedule, rule: [Bool]?, workBudget: Int) -> Outcome? {
        let n = topology.layerCount
        // Arena: each node is (parent, on device) for the step that created it.
        var parents: [Int32] = []
        var onDeviceFlags: [Bool] = []
        var states: [State: Int] = [State(device: plan.steps.isEmpty ? 0 : UInt64.max, sent: 0): 0]
        // The raw input is on the device: give its slot a device bit by starting all bits set
        // and letting the program clear a slot whenever a cloud layer takes it.
        var lists: [[Partial]] = [[Partial(device: 0, bytes: 0, cloud: 0, node: -1)]]
        var counts: [Int] = [1]
        var work = 0
        for (index, step) in plan.steps.enumerated() {
            let v = step.layer
            let follower = graph.isFollower(v)
            let bytes = plan.slotBytes[index]
            var nextStates: [State: Int] = [:]
            var sources: [[(list: Int, shift: Partial, device: Bool)]] = []
            var nextCounts: [Int] = []
            let ownBit: UInt64 = step.slot >= 0 ? UInt64(1) << UInt64(step.slot) : 0
            let keep = ~step.freed
            for (state, listIndex) in states {
                let inputsOnDevice = state.device & step.inputSlots == step.inputSlots
                var choices: [Bool] = []
                if let rule, rule[v] {
                    choices = [inputsOnDevice]
                } else {
                    choices = inputsOnDevice ? [false, true] : [false]
                }
                for toDevice in choices {
                    var next = state
                    var shift = Partial(device: 0, bytes: 0, cloud: 0, node: 0)
                    if toDevice {
                        shift.device = graph.deviceMs[v]
                        next.device |= ownBit
                    } else {
                        shift.cloud = graph.cloudMs[v]
                        // A follower in the cloud is sent nothing (CutGraph.followsOnly).
                        var unsent = follower ? 0 : state.device & ~state.sent & step.inputSlots
                        next.sent |= unsent
                        while unsent != 0 {
                            let slot = unsent.trailingZeroBitCount
                            shift.bytes += bytes[slot]
                            unsent &= unsent - 1
                        }
                        next.device &= ~ownBit
                    }
                    next.sent &= ~ownBit
                    // Freed slots read as "device, unsent" so the raw input's convention holds for new slots.
                    next.device = (next.device & keep) | step.freed
                    next.sent &= keep
                    let target: Int
                    if let known = nextStates[next] {
                        target = known
                    } else {
                        target = sources.count
                        nextStates[next] = target
                        sources.append([])
                        nextCounts.append(0)
                    }
                    sources[target].append((listIndex, shift, toDevice))
                    let (sum, overflow) = nextCounts[target].addingReportingOverflow(counts[listIndex])
                    nextCounts[target] = overflow ? Int.max : sum
                }
            }
            var nextLists: [[Partial]] = []
            nextLists.reserveCapacity(sources.count)
            for group in sources {
                var merged: [Partial] = []
                for source in group {
                    work += lists[source.list].count
                    if work > workBudget || parents.count + lists[source.list].count > Int(Int32.max) { return nil }
                    for partial in lists[source.list] {
                        merged.append(Partial(device: partial.device + source.shift.device,
                                              bytes: partial.bytes + source.shift.bytes,
                                              cloud: partial.cloud + source.shift.cloud,
                                              node: Int32(truncatingIfNeeded: parents.count)))
                        parents.append(partial.node)
                        onDeviceFlags.append(source.device)
                    }
                }
                if group.count > 1 { merged = Self.paretoMinimal(merged) }
                nextLists.append(merged)
            }
            states = nextStates
            lists = nextLists
            counts = nextCounts
        }
        // One state remains (every slot freed).
        var sets: [[Bool]] = []
        var total = 0
        for (_, listIndex) in states {
            let (sum, overflow) = total.addingReportingOverflow(counts[listIndex])
            total = overflow ? Int.max : sum
            for partial in lists[listIndex] {
                var onDevice = [Bool](repeating: false, count: n)
                var node = Int(partial.node)
                var position = plan.steps.count - 1
                while node >= 0 && position >= 0 {
                    onDevice[plan.steps[position].layer] = onDeviceFlags[node]
                    node = Int(parents[node])
                    position -= 1
                }
                sets.append(onDevice)
            }
        }
        return Outcome(sets: sets, closedCuts: total, epsilonMs: 0, frontier: plan.width, work: work)
    }

    /// The partials no other is below on all three axes (of equal ones, the first).
    static func paretoMinimal(_ partials: [Partial]) -> [Partial] {
        let order = partials.indices.sorted { i, j in
            let a = partials[i]
            let b = partials[j]
            if a.device != b.device { return a.device < b.device }
            if a.bytes != b.bytes { return a.bytes < b.bytes }
            if a.cloud != b.cloud { return a.cloud < b.cloud }
            return i < j
        }
        // Staircase of kept (bytes, cloud): bytes ascending, cloud strictly descending.
        var stairBytes: [Int] = []
        var stairCloud: [Double] = []
        var kept: [Partial] = []
        for index in order {
            let e = partials[index]
            var lo = 0
            var hi = stairBytes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if stairBytes[mid] <= e.bytes { lo = mid + 1 } else { hi = mid }
            }
            let step = lo - 1
            if step >= 0 && stairCloud[step] <= e.cloud { continue }
            kept.append(e)
            var insertAt = lo
            if step >= 0 && stairBytes[step] == e.bytes { insertAt = step }
            var removeEnd = insertAt
            while removeEnd < stairBytes.count && stairCloud[removeEnd] >= e.cloud { removeEnd += 1 }
            stairBytes.replaceSubrange(insertAt..<removeEnd, with: [e.bytes])
            stairCloud.replaceSubrange(insertAt..<removeEnd, with: [e.cloud])
        }
        return kept
    }
}
