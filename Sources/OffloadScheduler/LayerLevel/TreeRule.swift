import OffloadModel

/// The layer-level rule that is provably optimal for tree-shaped device parts
/// when the cloud lane takes no time (docs/layer-level.md).
///
/// The rule: cut each job's device layers into Sidney strings for the
/// two-machine flow shop (device time, transfer time of the layer's output),
/// merge all jobs' strings by Johnson's key, run the device layers in that
/// order, send every crossing tensor alone as soon as it exists (earliest
/// first), and run each cloud layer as soon as its inputs are in the cloud.
public enum TreeRule {
    /// What ``schedule(jobs:speeds:)`` promises for an instance.
    public enum Guarantee: Sendable, Hashable, CustomStringConvertible {
        /// The plan is optimal among all layer-level schedules.
        case optimal
        /// The latency is positive: the plan is optimal among schedules in
        /// which every transfer carries one tensor; a batched transfer that
        /// saves latency may do better.
        case optimalAmongSingleTensorTransfers
        /// No optimality claim; the reason says which condition fails.
        case heuristic(reason: String)

        public var description: String {
            switch self {
            case .optimal: "optimal"
            case .optimalAmongSingleTensorTransfers: "optimal among schedules with one tensor per transfer"
            case .heuristic(let reason): "heuristic: \(reason)"
            }
        }
    }

    /// The tree rule's plan. Valid (and checked by ``LayerFeasibility``) for
    /// every instance; optimal when ``guarantee(jobs:speeds:)`` says so. Ties are
    /// broken by job index.
    public static func schedule(jobs: [LayerJob], speeds: Environment) throws(LayerLevelError) -> LayerPlan {
        try LayerLevelScheduler.schedule(jobs: jobs, speeds: speeds, jobOrder: Array(jobs.indices), rule: .treeRule)
    }

    /// Whether the tree rule is optimal for this instance: every job's device
    /// part (its device layers and the edges between them) must be totally
    /// ordered (a chain, possibly with skip edges), an out-forest or an
    /// in-forest, and every cloud layer must take no time. With latency 0 the plan is optimal; with positive latency,
    /// optimal among schedules that send one tensor per transfer.
    public static func guarantee(jobs: [LayerJob], speeds: Environment) throws(LayerLevelError) -> Guarantee {
        let flat = try FlatInstance(jobs: jobs, speeds: speeds)
        let strings = DeviceStrings(flat)
        if let j = strings.shape.firstIndex(of: .dag) {
            return .heuristic(reason: "the device part of job \(j) is neither totally ordered, an out-forest nor an in-forest")
        }
        for g in 0..<flat.layerCount where !flat.onDevice[g] && flat.duration[g] > 0 {
            let j = Int(flat.jobOf[g])
            return .heuristic(reason: "cloud layer \(g - flat.firstLayer[j]) of job \(j) takes time")
        }
        return speeds.latencyMs == 0 ? .optimal : .optimalAmongSingleTensorTransfers
    }
}
