import OffloadModel

/// The max-plus transfer matrix of a job or of a run of jobs on the three lanes.
///
/// Entry `(x, y)` with lanes `x <= y` (1 device, 2 uplink, 3 cloud) is the longest path
/// that enters the run on lane `x` and leaves it on lane `y`; `-infinity` if no such path
/// exists. The makespan of a sequence is the largest entry of the product of its jobs'
/// matrices, so this reproduces `Pipeline.makespan` exactly, zero-duration stages included.
struct LaneTransfer: Sendable, Equatable {
    var d11: Double, d12: Double, d13: Double
    var d22: Double, d23: Double
    var d33: Double

    /// The neutral element: an empty run of jobs.
    static let identity = LaneTransfer(
        d11: 0, d12: -.infinity, d13: -.infinity, d22: 0, d23: -.infinity, d33: 0)

    /// The matrix of one job.
    init(_ t: StageTimes) {
        self.init(t, repeated: 1)
    }

    /// The matrix of `count >= 1` consecutive copies of one job:
    /// a turn from lane `x` to lane `y` costs the stages `x...y` once plus
    /// `count - 1` times the longest of them.
    init(_ t: StageTimes, repeated count: Int) {
        let m = Double(max(count, 1) - 1)
        let n = Double(max(count, 1))
        let a = t.device, b = t.uplink, c = t.cloud
        d11 = n * a
        d22 = n * b
        d33 = n * c
        d12 = (a > 0 && b > 0) ? a + b + m * max(a, b) : -.infinity
        d23 = (b > 0 && c > 0) ? b + c + m * max(b, c) : -.infinity
        d13 = (a > 0 && c > 0) ? a + b + c + m * max(a, b, c) : -.infinity
    }

    init(d11: Double, d12: Double, d13: Double, d22: Double, d23: Double, d33: Double) {
        self.d11 = d11; self.d12 = d12; self.d13 = d13
        self.d22 = d22; self.d23 = d23; self.d33 = d33
    }

    /// The run `self` followed by the run `next`.
    func then(_ next: LaneTransfer) -> LaneTransfer {
        LaneTransfer(
            d11: d11 + next.d11,
            d12: max(d11 + next.d12, d12 + next.d22),
            d13: max(d11 + next.d13, d12 + next.d23, d13 + next.d33),
            d22: d22 + next.d22,
            d23: max(d22 + next.d23, d23 + next.d33),
            d33: d33 + next.d33)
    }

    /// The makespan of the run started on empty lanes.
    var makespan: Double {
        max(d11, d12, d13, d22, d23, d33, 0)
    }

    /// Longest paths that leave the run on each lane, started anywhere: the lanes'
    /// free times after the run (device, uplink, cloud).
    var exitTimes: LaneVector {
        LaneVector(max(d11, 0), max(d12, d22, 0), max(d13, d23, d33, 0))
    }

    /// Longest paths from entering the run on each lane to the end of the run.
    var entryTails: LaneVector {
        LaneVector(max(d11, d12, d13, 0), max(d22, d23, 0), max(d33, 0))
    }
}

/// Three per-lane values (device, uplink, cloud).
struct LaneVector: Sendable, Equatable {
    var device: Double, uplink: Double, cloud: Double

    init(_ device: Double, _ uplink: Double, _ cloud: Double) {
        self.device = device; self.uplink = uplink; self.cloud = cloud
    }

    static let zero = LaneVector(0, 0, 0)

    /// Lane free times after appending a job with matrix `m` (row vector times matrix).
    func through(_ m: LaneTransfer) -> LaneVector {
        LaneVector(
            device + m.d11,
            max(device + m.d12, uplink + m.d22),
            max(device + m.d13, uplink + m.d23, cloud + m.d33))
    }

    /// Tails after prepending a job with matrix `m` (matrix times column vector).
    func before(_ m: LaneTransfer) -> LaneVector {
        LaneVector(
            max(m.d11 + device, m.d12 + uplink, m.d13 + cloud),
            max(m.d22 + uplink, m.d23 + cloud),
            m.d33 + cloud)
    }

    /// The makespan when lane free times `self` meet the tails `tails`.
    func meeting(_ tails: LaneVector) -> Double {
        max(device + tails.device, uplink + tails.uplink, cloud + tails.cloud)
    }

    /// The makespan when lane free times `self` meet a job `m` followed by tails `tails`.
    func meeting(_ m: LaneTransfer, then tails: LaneVector) -> Double {
        let x1 = device + max(m.d11 + tails.device, m.d12 + tails.uplink, m.d13 + tails.cloud)
        let x2 = uplink + max(m.d22 + tails.uplink, m.d23 + tails.cloud)
        let x3 = cloud + m.d33 + tails.cloud
        return max(x1, x2, x3)
    }

    var largest: Double { max(device, uplink, cloud) }
}
