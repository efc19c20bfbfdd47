import OffloadModel

/// The cuts an algorithm chooses among, for one model (docs/FORMATS.md, "Candidate cuts").
///
/// When the model's closed cuts can be enumerated within the work budget (every bundled
/// model), the candidates are *all* Pareto-optimal closed cuts in (device time, bytes,
/// cloud time) — `ClosedCutEnumerator` — and ``CandidateSet/isComplete`` is true: an
/// algorithm that is optimal over the candidates is optimal over every partition (within
/// ``CandidateSet/epsilonMs`` of device time per job when the zero-byte rule was needed).
/// Otherwise they are the prefixes of the topological order plus the lower-hull cuts found
/// within the hull's work budget (`CutEnumeration.enumerate(_:workBudget:)`).
///
/// The enumeration works on the model's cut graph, where each constant is replaced by two
/// twins (`CutGraphReduction`); the candidates are mapped back to cuts of the model.
public enum CandidateCuts {
    /// The candidates of `model`, sorted by device time, then bytes, then cloud time.
    public static func compute(_ model: ModelGraph) -> [Cut] {
        analyze(model).cuts
    }

    /// The candidates of `model` and how far they cover its closed cuts.
    public static func analyze(_ model: ModelGraph) -> CandidateSet {
        let reduction = CutGraphReduction(model)
        var set = CutEnumeration.candidateSet(reduction.graph, twins: reduction.twins)
        set.cuts = modelCuts(set.cuts, reduction: reduction)
        // A validated model always yields candidates; the extremes keep every algorithm planning if not.
        if set.cuts.isEmpty {
            set = CandidateSet(cuts: [model.cloudCut, model.localCut], isComplete: false, closedCuts: nil,
                               epsilonMs: 0, tolerance: .infinity)
        }
        return set
    }

    /// Cuts of `reduction.graph` as cuts of the model, without duplicates and dominated
    /// ones, sorted by device time, then bytes, then cloud time (as `CutEnumeration` sorts).
    public static func modelCuts(_ graphCuts: [Cut], reduction: CutGraphReduction) -> [Cut] {
        guard reduction.hasConstants else { return graphCuts }
        // Normalising the twins can only lower a cut's costs, so filter again.
        let cuts = graphCuts.compactMap(reduction.modelCut)
        let entries = cuts.enumerated().map { order, cut in
            ParetoFilter.Entry(deviceMs: cut.deviceMs, uplinkBytes: cut.uplinkBytes, cloudMs: cut.cloudMs,
                               deviceLayers: cut.deviceLayerCount, order: order)
        }
        return ParetoFilter.survivors(entries).map { cuts[$0] }
    }

    /// The model reduced to what cut costs need: its layers in topological order, each
    /// constant replaced by its twins (see `CutGraphReduction`, which maps nodes back).
    public static func cutGraph(of model: ModelGraph) -> CutGraph {
        CutGraphReduction(model).graph
    }
}

/// One model's candidate cuts and what they cover.
public struct CandidateSet: Sendable {
    /// The candidates, sorted by `deviceMs`, then `uplinkBytes`, then `cloudMs`.
    public var cuts: [Cut]
    /// Whether the candidates are every Pareto-optimal closed cut (up to ``epsilonMs``):
    /// for every closed cut some candidate is no worse on bytes and cloud time and at most
    /// `epsilonMs` worse on device time (at speed 1).
    public var isComplete: Bool
    /// When complete, how many closed cuts the enumeration covered (saturating at `Int.max`;
    /// with the zero-byte rule, those that respect it); `nil` otherwise.
    public var closedCuts: Int?
    /// Device-time slack of the zero-byte rule, ms at speed 1; 0 when the set is exact.
    public var epsilonMs: Double
    /// When not complete, the hull's relative tolerance (see `CutEnumeration.Result.tolerance`);
    /// 0 when complete.
    public var tolerance: Double

    /// A fingerprint of the candidates, 16 hexadecimal digits: FNV-1a (64-bit) over every
    /// cut in order, its device layers and the bits of its three costs. Equal candidate sets
    /// give equal fingerprints in every process and on every machine; `offload validate
    /// --format json` reports it so that a change of the cuts (not only of their number)
    /// shows.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= (value >> UInt64(shift)) & 0xff
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        mix(UInt64(cuts.count))
        for cut in cuts {
            mix(UInt64(cut.onDevice.count))
            for (layer, here) in cut.onDevice.enumerated() where here { mix(UInt64(layer)) }
            mix(cut.deviceMs.bitPattern)
            mix(UInt64(bitPattern: Int64(cut.uplinkBytes)))
            mix(cut.cloudMs.bitPattern)
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public init(cuts: [Cut], isComplete: Bool, closedCuts: Int?, epsilonMs: Double, tolerance: Double) {
        self.cuts = cuts
        self.isComplete = isComplete
        self.closedCuts = closedCuts
        self.epsilonMs = epsilonMs
        self.tolerance = tolerance
    }
}
