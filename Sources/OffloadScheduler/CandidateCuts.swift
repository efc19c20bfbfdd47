import OffloadModel

/// The cuts an algorithm chooses among, for one model (SPEC §1, issue: candidate cuts).
///
/// Every prefix of the model's topological order (for a chain, these are all its cuts),
/// plus, for other DAGs, every cut that is optimal for some positive weighting of device
/// time, bytes sent and cloud time (the lower hull, found with a parametric minimum cut:
/// `CutEnumeration`), without duplicates and dominated cuts. Under any environment, the
/// candidate with the least latency is as good as the best of all cuts — or, for a model
/// whose hull is too large to finish within the work budget (thousands of hull cuts, as
/// in randomly wired DAGs of 1,000 layers), within the tolerance
/// `CutEnumeration.enumerate(_:workBudget:)` reports (0.1 % at 1,000 such layers).
public enum CandidateCuts {
    /// The candidates of `model`, sorted by device time, then bytes, then cloud time.
    public static func compute(_ model: ModelGraph) -> [Cut] {
        let candidates = CutEnumeration.compute(cutGraph(of: model))
        // A validated model always yields candidates; the extremes keep every algorithm planning if not.
        return candidates.isEmpty ? [model.cloudCut, model.localCut] : candidates
    }

    /// The model reduced to what cut costs need, in its topological order.
    public static func cutGraph(of model: ModelGraph) -> CutGraph {
        CutGraph(
            inputBytes: model.inputBytes,
            deviceMs: model.layers.map(\.deviceMs),
            cloudMs: model.layers.map(\.cloudMs),
            outputBytes: model.layers.map(\.outputBytes),
            inputs: model.layers.indices.map { (model.readsRawInput[$0] ? [Cut.rawInput] : []) + model.predecessors[$0] }
        )
    }
}
