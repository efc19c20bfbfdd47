/// One list-scheduling rule of ``LayerLevelScheduler``: how each lane picks its
/// next piece of work.
public struct ListRule: Sendable, Hashable, CustomStringConvertible {
    /// The order of the device layers.
    public enum DeviceOrder: Sendable, Hashable {
        /// Jobs one after another in the given job order; each job's layers in
        /// its own Johnson (device, uplink) string order.
        case jobOrder
        /// Every job's Johnson strings merged by Johnson key: layers of different
        /// jobs interleave. This is the tree rule (docs/layer-level.md §3).
        case johnson
    }

    /// Which waiting tensor the uplink sends next.
    public enum UplinkOrder: Sendable, Hashable {
        /// The one that came into existence first (ties: device order).
        case earliestRelease
        /// Jobs strictly in the given job order, waiting for the next job's
        /// tensors if need be; within a job, earliest release first.
        case jobOrder
    }

    /// How many tensors one transfer carries.
    public enum Batching: Sendable, Hashable {
        /// One tensor per transfer, each paying the latency.
        case perTensor
        /// The chosen tensor and every other tensor of its job already waiting.
        case waitingTensors
        /// All of a job's crossing tensors in one transfer, once the last exists.
        case wholeJob
    }

    /// Which ready cloud layer runs next.
    public enum CloudOrder: Sendable, Hashable {
        /// The ready layer whose job comes first in the job order (then layer order).
        case jobOrder
        /// The layer that became ready first.
        case earliestReady
    }

    /// The device lane's order.
    public var device: DeviceOrder
    /// The uplink's choice of the next tensor.
    public var uplinkOrder: UplinkOrder
    /// How many tensors one transfer carries.
    public var batching: Batching
    /// The cloud lane's choice of the next ready layer.
    public var cloud: CloudOrder

    /// Creates a rule.
    public init(device: DeviceOrder, uplinkOrder: UplinkOrder, batching: Batching, cloud: CloudOrder) {
        self.device = device
        self.uplinkOrder = uplinkOrder
        self.batching = batching
        self.cloud = cloud
    }

    /// The tree rule: Johnson strings on the device, one tensor per transfer in
    /// the order they come into existence, cloud layers as they become ready.
    public static let treeRule = ListRule(device: .johnson, uplinkOrder: .earliestRelease,
                                          batching: .perTensor, cloud: .earliestReady)

    /// The rules ``LayerLevelScheduler/schedule(jobs:speeds:jobOrder:)`` tries, in order.
    public static let portfolio: [ListRule] = [
        ListRule(device: .jobOrder, uplinkOrder: .jobOrder, batching: .wholeJob, cloud: .jobOrder),
        ListRule(device: .jobOrder, uplinkOrder: .jobOrder, batching: .perTensor, cloud: .jobOrder),
        ListRule(device: .jobOrder, uplinkOrder: .earliestRelease, batching: .waitingTensors, cloud: .jobOrder),
        ListRule(device: .jobOrder, uplinkOrder: .earliestRelease, batching: .perTensor, cloud: .jobOrder),
        treeRule,
        ListRule(device: .johnson, uplinkOrder: .earliestRelease, batching: .waitingTensors, cloud: .earliestReady),
    ]

    /// For example `device johnson, uplink earliest-release/per-tensor, cloud earliest-ready`.
    public var description: String {
        let d = device == .jobOrder ? "job-order" : "johnson"
        let u = uplinkOrder == .jobOrder ? "job-order" : "earliest-release"
        let b = switch batching {
        case .perTensor: "per-tensor"
        case .waitingTensors: "waiting-tensors"
        case .wholeJob: "whole-job"
        }
        let c = cloud == .jobOrder ? "job-order" : "earliest-ready"
        return "device \(d), uplink \(u)/\(b), cloud \(c)"
    }
}
