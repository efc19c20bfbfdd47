import OffloadModel

/// The cuts an algorithm chooses among, for one model.
public enum CandidateCuts {
    /// Every prefix of the topological order, without dominated cuts
    /// (for a chain these are all its cuts).
    public static func compute(_ model: ModelGraph) -> [Cut] {
        let all = (0...model.layers.count).map(model.prefixCut)
        return removingDominated(all)
    }

    /// Drops every cut that another beats or equals on device time, bytes and cloud time
    /// (keeping the first of equals). Under any environment a dominated cut is never better.
    public static func removingDominated(_ cuts: [Cut]) -> [Cut] {
        let sorted = cuts.enumerated().sorted { a, b in
            (a.element.deviceMs, a.element.uplinkBytes, a.element.cloudMs, a.offset)
                < (b.element.deviceMs, b.element.uplinkBytes, b.element.cloudMs, b.offset)
        }.map(\.element)
        var kept: [Cut] = []
        for cut in sorted where !kept.contains(where: {
            $0.deviceMs <= cut.deviceMs && $0.uplinkBytes <= cut.uplinkBytes && $0.cloudMs <= cut.cloudMs
        }) {
            kept.append(cut)
        }
        return kept
    }
}
