/// The planning algorithms of docs/FORMATS.md §1, "Algorithms".
public enum Algorithm: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case local
    case cloud
    case partitionOnly = "partition-only"
    case scheduleOnly = "schedule-only"
    case joint
    case exact
    case layerLevel = "layer-level"

    /// The name used on the command line and in JSON.
    public var description: String { rawValue }

    /// One line on what the algorithm does, for help screens.
    public var summary: String {
        switch self {
        case .local: "every layer on the device, jobs as listed"
        case .cloud: "every layer in the cloud, jobs as listed"
        case .partitionOnly: "each job's own latency-optimal cut, jobs as listed (FIFO)"
        case .scheduleOnly: "partition-only's cuts, order optimised for the pipeline"
        case .joint: "cuts and order chosen together to minimise the makespan"
        case .exact: "proven optimal cuts and order (small scenarios only)"
        case .layerLevel: "layers of different jobs interleave on the lanes"
        }
    }
}
