import OffloadScheduler

/// How a model's candidate cuts cover its partitions, for `validate` and the dashboard
/// (docs/FORMATS.md, "Candidate cuts").
public enum CutSetSummary {
    /// `all 8,838 closed cuts, 1,280 Pareto-optimal` (with `within ε ms` when the zero-byte
    /// rule was used), or `12 candidate cuts (hull; not every partition)`.
    public static func text(_ set: CandidateSet) -> String {
        guard set.isComplete else {
            return "\(NumberFormat.grouped(set.cuts.count)) candidate cuts (hull; not every partition)"
        }
        let closed = set.closedCuts.map { $0 == Int.max ? "over \(NumberFormat.grouped(Int.max))" : NumberFormat.grouped($0) } ?? "?"
        let slack = set.epsilonMs > 0 ? " within \(NumberFormat.fixed(set.epsilonMs, decimals: 3)) ms" : ""
        return "all \(closed) closed cuts, \(NumberFormat.grouped(set.cuts.count)) Pareto-optimal\(slack)"
    }

    /// A short form for narrow places: `cuts: all 1,280` (every Pareto-optimal cut, with
    /// `±ε ms` when the zero-byte rule was used) or `cuts: 12, hull`.
    public static func short(_ set: CandidateSet) -> String {
        guard set.isComplete else { return "cuts: \(NumberFormat.grouped(set.cuts.count)), hull" }
        let slack = set.epsilonMs > 0 ? " ±\(NumberFormat.fixed(set.epsilonMs, decimals: 3)) ms" : ""
        return "cuts: all \(NumberFormat.grouped(set.cuts.count))\(slack)"
    }
}
