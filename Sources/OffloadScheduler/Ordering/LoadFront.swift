import OffloadModel

/// The Pareto front of the (device, uplink) loads a set of jobs can reach by
/// choosing one option each: points in increasing device load and strictly
/// decreasing uplink load, such that every reachable pair of loads is
/// no smaller, in both coordinates, than some point.
///
/// The front may be coarsened (adjacent points replaced by the point taking
/// the first one's device and the second one's uplink load, which lies below
/// both); it then still lies below every reachable pair, so bounds computed
/// from it stay valid, only weaker.
struct LoadFront: Sendable {
    struct Point: Sendable, Equatable {
        var device: Double
        var uplink: Double
    }

    private(set) var points: [Point]

    /// The loads of no jobs.
    static let empty = LoadFront(points: [Point(device: 0, uplink: 0)])

    private init(points: [Point]) { self.points = points }

    /// The front of one job with these options (at least one).
    init(options: [StageTimes]) {
        self.init(points: Self.pareto(options.map { Point(device: $0.device, uplink: $0.uplink) }))
    }

    /// The front of these jobs together with a job whose own front is `job`,
    /// coarsened to at most `limit` points.
    func adding(_ job: LoadFront, limit: Int) -> LoadFront {
        // Each shifted copy of this front is itself a front; merge them one
        // by one, dropping dominated points on the way.
        var result: [Point] = []
        var shifted: [Point] = []
        var merged: [Point] = []
        for b in job.points {
            shifted.removeAll(keepingCapacity: true)
            for a in points { shifted.append(Point(device: a.device + b.device, uplink: a.uplink + b.uplink)) }
            merged.removeAll(keepingCapacity: true)
            Self.mergeFronts(result, shifted, into: &merged)
            swap(&result, &merged)
        }
        var front = LoadFront(points: result)
        front.coarsen(to: limit)
        return front
    }

    /// `min` over points of `max(device + d, uplink + u)`: a lower bound on
    /// `max(device free + device load, uplink free + uplink load)` over all
    /// option choices.
    func bound(device: Double, uplink: Double) -> Double {
        // max(device + d, uplink + u) first falls, then rises, along the front:
        // find the first point where the device side is the larger.
        var low = 0, high = points.count
        while low < high {
            let middle = (low + high) / 2
            if device + points[middle].device >= uplink + points[middle].uplink { high = middle } else { low = middle + 1 }
        }
        var best = Double.infinity
        if low < points.count { best = device + points[low].device }
        if low > 0 { best = min(best, uplink + points[low - 1].uplink) }
        return best
    }

    /// Replaces adjacent pairs by their lower corner until at most `limit` points remain.
    private mutating func coarsen(to limit: Int) {
        let limit = max(limit, 1)
        while points.count > limit {
            var merged: [Point] = []
            merged.reserveCapacity(points.count / 2 + 1)
            var index = 0
            while index < points.count {
                if index + 1 < points.count {
                    merged.append(Point(device: points[index].device, uplink: points[index + 1].uplink))
                } else {
                    merged.append(points[index])
                }
                index += 2
            }
            points = merged
        }
    }

    /// The non-dominated points, in increasing device (then uplink) load.
    private static func pareto(_ points: [Point]) -> [Point] {
        let sorted = points.sorted(by: precedes)
        var front: [Point] = []
        for point in sorted where front.last.map({ point.uplink < $0.uplink }) ?? true {
            front.append(point)
        }
        return front
    }

    /// The front of the union of two fronts.
    private static func mergeFronts(_ a: [Point], _ b: [Point], into front: inout [Point]) {
        var i = 0, j = 0
        var lowest = Double.infinity
        while i < a.count || j < b.count {
            let point: Point
            if j == b.count || (i < a.count && precedes(a[i], b[j])) {
                point = a[i]; i += 1
            } else {
                point = b[j]; j += 1
            }
            if point.uplink < lowest {
                front.append(point)
                lowest = point.uplink
            }
        }
    }

    @inline(__always)
    private static func precedes(_ a: Point, _ b: Point) -> Bool {
        a.device < b.device || (a.device == b.device && a.uplink < b.uplink)
    }
}
