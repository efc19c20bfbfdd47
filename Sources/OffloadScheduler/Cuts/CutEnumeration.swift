import OffloadModel

/// Enumerates the device/cloud cuts worth considering for a ``CutGraph``.
///
/// For every positive weighting `(w_d, w_b, w_c)` and latency `L ≥ 0`, the cheapest
/// candidate under `w_d·deviceMs + (bytes > 0 ? w_b·bytes + L : 0) + w_c·cloudMs` costs
/// the same as the cheapest of all closed cuts (up to floating-point rounding) — when
/// the enumeration finishes within its work budget, as it does for every bundled model
/// (see ``Result/tolerance`` for what a budget that runs out leaves).
public enum CutEnumeration {
    /// Candidate cuts and how close they come to the best closed cut.
    public struct Result: Sendable {
        /// The candidates, sorted by `deviceMs`, then `uplinkBytes`, then `cloudMs`.
        public var cuts: [Cut]
        /// For every positive weighting and latency, the cheapest candidate costs at most
        /// `1 + tolerance` times the cheapest closed cut. About `1e-12` (exact up to
        /// rounding) when the hull was finished; `0.1`, `0.01`, … after a budget ran out in
        /// a finer pass; `.infinity` if it ran out in the first pass (the candidates are
        /// then the prefixes and the hull cuts found so far).
        public var tolerance: Double
        /// Whether the hull was finished (tolerance about `1e-12`).
        public var isComplete: Bool
        /// Work spent: arcs scanned by the minimum cuts and points compared.
        public var work: Int
    }

    /// Work allowed per layer and per edge by default. A 1,000-layer model whose layers
    /// each read one to three of the ten before them (about 2,000 edges) gets 27 million,
    /// about 0.1 s with a release build on the 2-core development machine, and finishes
    /// the 0.1 % pass; a 5,000-layer one about 0.7 s and the 1 % pass. Every bundled model
    /// finishes its hull with under a tenth of its budget (GoogLeNet, the most, uses 8 %).
    public static let defaultWorkPerElement = 9_000

    /// The most work any model gets by default, about 0.7 s: a 5,000-layer model with
    /// 100,000 edges (the limits) would otherwise get 900 million, over 4 s.
    public static let maximumDefaultWork = 150_000_000

    /// The default work budget of `graph`: ``defaultWorkPerElement`` per layer and per
    /// edge, so it grows with the model, up to ``maximumDefaultWork``.
    public static func defaultWorkBudget(_ graph: CutGraph) -> Int {
        let edges = graph.inputs.reduce(0) { $0 + $1.count }
        return min(defaultWorkPerElement * (1 + graph.layerCount + edges), maximumDefaultWork)
    }

    /// Work (states visited plus partial cuts stored) the closed-cut program may spend per
    /// attempt by default. The bundled models need at most 51,296 (GoogLeNet), the
    /// Inception-v3-like bench model 221,252; a model that needs more falls back to the
    /// hull after spending this much (a randomly wired 1,000-layer model does).
    public static let defaultClosedCutWork = 600_000

    /// Every Pareto-optimal closed cut of `graph` (``ClosedCutEnumerator``) when the
    /// program finishes within `closedCutWork` partial cuts (chains: their prefixes);
    /// otherwise the hull cuts and prefixes of ``enumerate(_:workBudget:)``, not complete.
    /// Returns no cuts if `graph.validationIssue` is not `nil`.
    public static func candidateSet(_ graph: CutGraph, closedCutWork: Int = defaultClosedCutWork,
                                    hullWork: Int? = nil) -> CandidateSet {
        candidateSet(graph, twins: ClosedCutEnumerator.Twins(), closedCutWork: closedCutWork, hullWork: hullWork)
    }

    /// ``candidateSet(_:closedCutWork:hullWork:)`` of a cut graph whose `twins` stand for
    /// shared constants (`CutGraphReduction`): the closed-cut count is then of the model's
    /// partitions, each placement of the twins not counted apart.
    static func candidateSet(_ graph: CutGraph, twins: ClosedCutEnumerator.Twins, closedCutWork: Int = defaultClosedCutWork,
                             hullWork: Int? = nil) -> CandidateSet {
        guard graph.validationIssue == nil else {
            return CandidateSet(cuts: [], isComplete: false, closedCuts: nil, epsilonMs: 0, tolerance: .infinity)
        }
        let topology = CutTopology(graph)
        if topology.isChain {
            let result = enumerate(graph, workBudget: hullWork)
            return CandidateSet(cuts: result.cuts, isComplete: true, closedCuts: graph.layerCount + 1, epsilonMs: 0, tolerance: 0)
        }
        if let outcome = ClosedCutEnumerator.run(graph, topology, twins: twins, workBudget: closedCutWork) {
            // Canonical costs of every kept set; cuts (with their tensors) only for the survivors.
            var marks = CutTopology.SentMarks(layerCount: topology.layerCount)
            let entries = outcome.sets.indices.map { index in
                let costs = topology.costs(graph, onDevice: outcome.sets[index], marks: &marks)
                return ParetoFilter.Entry(deviceMs: costs.deviceMs, uplinkBytes: costs.bytes, cloudMs: costs.cloudMs,
                                          deviceLayers: costs.deviceLayers, order: index)
            }
            let cuts = ParetoFilter.survivors(entries).map { topology.profile(graph, onDevice: outcome.sets[$0], marks: &marks) }
            return CandidateSet(cuts: cuts, isComplete: true, closedCuts: outcome.closedCuts,
                                epsilonMs: outcome.epsilonMs, tolerance: 0)
        }
        let result = enumerate(graph, workBudget: hullWork)
        return CandidateSet(cuts: result.cuts, isComplete: false, closedCuts: nil, epsilonMs: 0, tolerance: result.tolerance)
    }

    /// The candidate cuts of `graph` within the default work budget (see ``enumerate(_:workBudget:)``).
    public static func compute(_ graph: CutGraph) -> [Cut] {
        enumerate(graph).cuts
    }

    /// The candidate cuts of `graph`, sorted by `deviceMs`, then `uplinkBytes`, then `cloudMs`.
    ///
    /// - Chains: every prefix, minus dominated ones.
    /// - Other DAGs: every cut that is optimal for some positive weighting of device time,
    ///   bytes and cloud time (the vertices of the lower hull, found by probing a minimum
    ///   cut oracle with weight-space decomposition), plus every prefix of the given layer
    ///   order (which includes nothing and everything on the device), minus duplicates
    ///   and dominated cuts. Among cuts with equal profiles the one with fewest device
    ///   layers is kept.
    ///
    /// The hull is found in passes of decreasing margin (see ``WeightSpaceEnumerator``)
    /// within `workBudget` (default ``defaultWorkBudget(_:)``; the block hulls get this
    /// much, and combining them what the blocks leave of twice that). A budget that runs
    /// out stops the probing: the candidates are still closed cuts with exact profiles and
    /// still include every non-dominated prefix, and ``Result/tolerance`` says how far
    /// from optimal they can be. The work, and so the result, is deterministic.
    ///
    /// Returns no cuts if `graph.validationIssue` is not `nil`.
    public static func enumerate(_ graph: CutGraph, workBudget: Int? = nil) -> Result {
        guard graph.validationIssue == nil else { return Result(cuts: [], tolerance: .infinity, isComplete: false, work: 0) }
        let budget = max(0, workBudget ?? defaultWorkBudget(graph))
        let topology = CutTopology(graph)
        let n = topology.layerCount
        let prefixes = prefixProfiles(graph, topology)
        var entries = (0...n).map { k in
            ParetoFilter.Entry(deviceMs: prefixes.device[k], uplinkBytes: prefixes.bytes[k],
                               cloudMs: prefixes.cloud[k], deviceLayers: k, order: k)
        }
        var explicitSets: [[Bool]] = []
        // Chains have no hull to find: their prefixes are all their cuts.
        var margins: [Double?] = []
        var work = 0
        if !topology.isChain && n > 0 {
            let hull = hullCuts(graph, topology, prefixes: prefixes, workBudget: budget)
            margins = hull.margins
            work = hull.work
            for cut in hull.cuts {
                entries.append(ParetoFilter.Entry(deviceMs: cut.deviceMs, uplinkBytes: cut.uplinkBytes,
                                                  cloudMs: cut.cloudMs, deviceLayers: cut.deviceLayerCount,
                                                  order: entries.count))
                explicitSets.append(cut.onDevice)
            }
        }
        let survivors = ParetoFilter.survivors(entries)
        let sentByPrefix = sentTensorsOfPrefixes(survivors.filter { $0 <= n }, topology)
        // Each margin ε leaves a factor 1 / (1 − ε) (the top level works with the block level's answers).
        var factor = 1.0
        for margin in margins { factor = margin.map { factor / (1 - $0) } ?? .infinity }
        let cuts = survivors.map { index in
            guard index <= n else { return topology.profile(graph, onDevice: explicitSets[index - n - 1]) }
            var onDevice = [Bool](repeating: false, count: n)
            onDevice.withUnsafeMutableBufferPointer { buffer in
                for v in 0..<index { buffer[v] = true }
            }
            return Cut(onDevice: onDevice, deviceMs: prefixes.device[index], cloudMs: prefixes.cloud[index],
                       uplinkBytes: prefixes.bytes[index], sentTensors: sentByPrefix[index] ?? [])
        }
        let exact = WeightSpaceEnumerator.passMargins.last
        return Result(cuts: cuts, tolerance: factor - 1, isComplete: margins.allSatisfy { $0 == exact }, work: work)
    }

    /// The tensors sent by each requested prefix `0 ..< k`, by one sweep over `k`.
    private static func sentTensorsOfPrefixes(_ wanted: [Int], _ topology: CutTopology) -> [Int: [Int]] {
        let n = topology.layerCount
        var want = [Bool](repeating: false, count: n + 1)
        for k in wanted { want[k] = true }
        var lastReader = [Int](repeating: -1, count: n)
        for u in 0..<n { lastReader[u] = topology.lastSendingReader(of: u) ?? -1 }
        let lastInputReader = topology.lastSendingReader(of: -1) ?? -1
        var result: [Int: [Int]] = [:]
        var active: [Int] = []  // Layers u < k with a reader at or after k, ascending.
        for k in 0...n {
            if k > 0 {
                if lastReader[k - 1] >= k { active.append(k - 1) }
                active.removeAll { lastReader[$0] < k }
            }
            if want[k] { result[k] = (lastInputReader >= k ? [-1] : []) + active }
        }
        return result
    }

    /// Profiles of the prefixes `0 ..< k` for `k = 0 ... n`, bit-identical to
    /// ``CutTopology/profile(_:onDevice:)``.
    private static func prefixProfiles(_ graph: CutGraph, _ topology: CutTopology)
        -> (device: [Double], bytes: [Int], cloud: [Double]) {
        let n = topology.layerCount
        var device = [Double](repeating: 0, count: n + 1)
        for k in 0..<n { device[k + 1] = device[k] + graph.deviceMs[k] }
        let cloud = ascendingSuffixSums(graph.cloudMs)
        // Tensor u (or the raw input, u = -1) is sent by prefix k iff u < k ≤ its last consumer.
        var delta = [Int](repeating: 0, count: n + 2)
        if let last = topology.lastSendingReader(of: -1) {
            delta[0] += graph.inputBytes
            delta[last + 1] -= graph.inputBytes
        }
        for u in 0..<n {
            guard let last = topology.lastSendingReader(of: u) else { continue }
            delta[u + 1] += graph.outputBytes[u]
            delta[last + 1] -= graph.outputBytes[u]
        }
        var bytes = [Int](repeating: 0, count: n + 1)
        var running = 0
        for k in 0...n {
            running += delta[k]
            bytes[k] = running
        }
        return (device, bytes, cloud)
    }

    /// `sums[k] = ((0 + x[k]) + x[k + 1]) + … + x[n - 1]`, summed in exactly that order
    /// for every `k` (so each equals the canonical cloud time of prefix `k`); `sums[n] = 0`.
    /// Quadratic, but eight suffixes run in parallel SIMD lanes, and lane-wise addition
    /// rounds exactly like scalar addition.
    static func ascendingSuffixSums(_ x: [Double]) -> [Double] {
        let n = x.count
        var sums = [Double](repeating: 0, count: n + 1)
        var base = 0
        while base < n {
            let lanes = min(8, n - base)
            var acc = SIMD8<Double>(repeating: 0)
            // Lane i starts at x[base + i]: add the head element-by-element first.
            for v in base..<min(base + 8, n) {
                for lane in 0..<(v - base + 1) { acc[lane] += x[v] }
            }
            var v = base + 8
            while v < n {
                acc += SIMD8(repeating: x[v])
                v += 1
            }
            for lane in 0..<lanes { sums[base + lane] = acc[lane] }
            base += 8
        }
        return sums
    }

    /// The cuts that are the unique optimum for some positive weighting (hull vertices),
    /// the margins the block and top-level enumerations finished (see
    /// ``WeightSpaceEnumerator/run(oracle:)``) and the work spent.
    private static func hullCuts(_ graph: CutGraph, _ topology: CutTopology,
                                 prefixes: (device: [Double], bytes: [Int], cloud: [Double]),
                                 workBudget: Int) -> (cuts: [Cut], margins: [Double?], work: Int) {
        let n = topology.layerCount
        // Normalise each axis so the weight simplex is well conditioned (any positive
        // scale gives the same hull vertices).
        let deviceScale = prefixes.device[n] >= .leastNormalMagnitude ? prefixes.device[n] : 1
        let cloudScale = prefixes.cloud[0] >= .leastNormalMagnitude ? prefixes.cloud[0] : 1
        let maxBytes = prefixes.bytes.max() ?? 0
        let bytesScale = maxBytes > 0 ? Double(maxBytes) : 1
        func normalised(_ device: Double, _ bytes: Int, _ cloud: Double) -> SIMD3<Double> {
            SIMD3(device / deviceScale, Double(bytes) / bytesScale, cloud / cloudScale)
        }

        var enumerator = WeightSpaceEnumerator()
        // Seed with nothing, everything, then the other prefixes.
        for k in [0, n] + Array(1..<n) {
            enumerator.insert(normalised(prefixes.device[k], prefixes.bytes[k], prefixes.cloud[k]), tag: k)
        }
        let oracle = CutOracle(graph: graph, topology: topology, workBudget: workBudget)
        // Probe weights by tag (tag n + 1 + k); cuts are rebuilt only for hull vertices.
        var probeWeights: [SIMD3<Double>] = []
        // Combining gets its own budget plus what the blocks left of theirs.
        let left = workBudget - min(oracle.work, workBudget)
        let allowance = left > Int.max - workBudget ? Int.max : left + workBudget
        var spent = 0
        let margin = enumerator.run { w, regions in
            guard spent < allowance else { return nil }
            spent += oracle.queryWork + regions
            let scaled = SIMD3(w.x / deviceScale, w.y / bytesScale, w.z / cloudScale)
            let p = oracle.optimalProfile(scaled.x, scaled.y, scaled.z)
            probeWeights.append(scaled)
            return (SIMD3(p.device / deviceScale, p.bytes / bytesScale, p.cloud / cloudScale), n + probeWeights.count)
        }
        let cuts = enumerator.extremeTags.filter { $0 > n }.map { tag in
            let w = probeWeights[tag - n - 1]
            return topology.profile(graph, onDevice: oracle.minimise(w.x, w.y, w.z))
        }
        return (cuts, [oracle.margin, margin], oracle.work + spent)
    }
}
