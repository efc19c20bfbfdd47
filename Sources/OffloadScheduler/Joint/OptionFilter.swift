import OffloadModel

/// Narrows a job's options to those a good plan is likely to use, so the joint
/// heuristic searches tens of options instead of every prefix of a deep model.
///
/// Kept: the options on the (device, uplink) and (uplink, cloud) Pareto fronts,
/// and every option that minimises a positive weighting of the three lanes on a
/// fixed grid of weightings (a sample of the lower hull). The cut with the least
/// total (partition-only's) and the all-device and all-cloud extremes are always
/// on these fronts, so every baseline plan maps into the narrowed set.
/// Exactness is not claimed: `exact` searches the full candidate set.
enum OptionFilter {
    /// Divisions of each weighting axis on the grid.
    static let gridSteps = 12

    /// The indices of the options kept, ascending.
    static func essential(_ options: [StageTimes]) -> [Int] {
        guard options.count > 8 else { return Array(options.indices) }
        var keep = [Bool](repeating: false, count: options.count)
        for index in paretoFront(options.map { ($0.device, $0.uplink) }) { keep[index] = true }
        for index in paretoFront(options.map { ($0.uplink, $0.cloud) }) { keep[index] = true }
        for a in 0...gridSteps {
            for b in 0...(gridSteps - a) {
                let weights = (Double(a) + 0.5, Double(b) + 0.5, Double(gridSteps - a - b) + 0.5)
                var best = 0
                var bestValue = Double.infinity
                for (index, t) in options.enumerated() {
                    let value = weights.0 * t.device + weights.1 * t.uplink + weights.2 * t.cloud
                    if value < bestValue { best = index; bestValue = value }
                }
                keep[best] = true
            }
        }
        return options.indices.filter { keep[$0] }
    }

    /// The indices of the points not beaten on both coordinates (ties kept once).
    static func paretoFront(_ points: [(Double, Double)]) -> [Int] {
        let sorted = points.indices.sorted { (points[$0].0, points[$0].1, $0) < (points[$1].0, points[$1].1, $1) }
        var front: [Int] = []
        var lowest = Double.infinity
        for index in sorted where points[index].1 < lowest {
            front.append(index)
            lowest = points[index].1
        }
        return front
    }
}
