import OffloadModel

/// The cuts an algorithm chooses among, for one model (docs/FORMATS.md §1).
///
/// Every prefix of the model's topological order (for a chain, these are all its cuts),
/// plus, for other DAGs, every cut that is optimal for some positive weighting of device
/// time, bytes sent and cloud time (the lower hull, found with a parametric minimum cut:
/// `CutEnumeration`), without duplicates and dominated cuts. Under any environment, the
/// candidate with the least latency is as good as the best of all cuts — or, for a model
/// whose hull is too large to finish within the work budget (thousands of hull cuts, as
/// in randomly wired DAGs of 1,000 layers), within the tolerance
/// `CutEnumeration.enumerate(_:workBudget:)` reports (0.1 % at 1,000 such layers).
///
/// The enumeration works on the model's cut graph, where each constant is replaced by two
/// twins (`CutGraphReduction`); the candidates are mapped back to cuts of the model.
public enum CandidateCuts {
    /// The candidates of `model`, sorted by device time, then bytes, then cloud time.
    public static func compute(_ model: ModelGraph) -> [Cut] {
        let reduction = CutGraphReduction(model)
        let candidates = modelCuts(CutEnumeration.compute(reduction.graph), reduction: reduction)
        // A validated model always yields candidates; the extremes keep every algorithm planning if not.
        return candidates.isEmpty ? [model.cloudCut, model.localCut] : candidates
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
