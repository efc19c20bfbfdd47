import OffloadModel

/// When each lane of the pipeline next becomes free, and the makespan so far,
/// after a prefix of a job order has been scheduled.
///
/// `after(_:)` performs exactly the floating-point operations of one iteration
/// of `Pipeline.makespan`, so folding it over an order reproduces that function
/// bit for bit. Every component is a max-plus linear, non-decreasing function
/// of the previous state.
struct LaneAvailability: Sendable, Equatable {
    var device: Double
    var uplink: Double
    var cloud: Double
    var makespan: Double

    /// The empty pipeline at time zero.
    static let start = LaneAvailability(device: 0, uplink: 0, cloud: 0, makespan: 0)

    /// The state once `times` has been appended to the order.
    @inline(__always)
    func after(_ times: StageTimes) -> LaneAvailability {
        var next = self
        var ready = 0.0
        if times.device > 0 { next.device += times.device; ready = next.device }
        if times.uplink > 0 { next.uplink = Self.later(next.uplink, ready) + times.uplink; ready = next.uplink }
        if times.cloud > 0 { next.cloud = Self.later(next.cloud, ready) + times.cloud; ready = next.cloud }
        next.makespan = Self.later(next.makespan, ready)
        return next
    }

    /// The makespan of the whole order when the rest of it has the tail `tail`.
    @inline(__always)
    func finished(with tail: SuffixTail) -> Double {
        Self.later(Self.later(makespan, device + tail.device),
                   Self.later(uplink + tail.uplink, cloud + tail.cloud))
    }

    /// Whether every component is at most the matching one of `other`.
    @inline(__always)
    func isNoLaterThan(_ other: LaneAvailability) -> Bool {
        device <= other.device && uplink <= other.uplink && cloud <= other.cloud && makespan <= other.makespan
    }

    /// `max(a, b)` for non-NaN values (bit for bit, including which of two
    /// equal values is returned), compiled to a single `maxsd`.
    @inline(__always)
    static func later(_ a: Double, _ b: Double) -> Double {
        a > b ? a : b
    }
}
