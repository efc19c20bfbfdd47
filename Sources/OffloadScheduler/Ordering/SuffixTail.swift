import OffloadModel

/// The effect of a suffix of a job order on the final makespan.
///
/// Because one pipeline step is max-plus linear in the lane state, the makespan
/// of `prefix + suffix` equals
/// `max(m, device + tail.device, uplink + tail.uplink, cloud + tail.cloud)`
/// where `(device, uplink, cloud, m)` is the state after the prefix and `tail`
/// depends on the suffix alone. `-infinity` means the lane's free time cannot
/// influence the result. (The `ready = 0` of a job without device work is
/// dropped: lane times are never negative, so it never wins a `max`.)
struct SuffixTail: Sendable, Equatable {
    var device: Double
    var uplink: Double
    var cloud: Double

    /// The tail of the empty suffix: the makespan so far is the makespan.
    static let empty = SuffixTail(device: -.infinity, uplink: -.infinity, cloud: -.infinity)

    /// The tail of `times` followed by the suffix described by `self`.
    @inline(__always)
    func prepending(_ times: StageTimes) -> SuffixTail {
        // Coefficients of the linear forms (over device, uplink, cloud; the
        // makespan component always has coefficient 0) for the state after
        // the job, and for the job's completion `ready`.
        let none = -Double.infinity
        var readyD = none, readyU = none, readyC = none
        var deviceD = 0.0
        if times.device > 0 { deviceD = times.device; readyD = times.device }
        var uplinkD = none, uplinkU = 0.0
        if times.uplink > 0 {
            uplinkD = readyD + times.uplink
            uplinkU = LaneAvailability.later(0, readyU) + times.uplink
            readyD = uplinkD; readyU = uplinkU; readyC = none
        }
        var cloudD = none, cloudU = none, cloudC = 0.0
        if times.cloud > 0 {
            cloudD = readyD + times.cloud
            cloudU = readyU + times.cloud
            cloudC = LaneAvailability.later(0, readyC) + times.cloud
            readyD = cloudD; readyU = cloudU; readyC = cloudC
        }
        // The makespan afterwards is max(m, ready, state + tail).
        let d = LaneAvailability.later(readyD, LaneAvailability.later(deviceD + device, LaneAvailability.later(uplinkD + uplink, cloudD + cloud)))
        let u = LaneAvailability.later(readyU, LaneAvailability.later(uplinkU + uplink, cloudU + cloud))
        let c = LaneAvailability.later(readyC, cloudC + cloud)
        return SuffixTail(device: d, uplink: u, cloud: c)
    }
}
