import OffloadModel

/// The uplink's rate over time — piecewise constant, each piece holding from its start
/// until the next one, the last forever — and the fluid arithmetic of one transfer under it.
/// Consecutive trace points with the same rate form one piece.
///
/// A transfer first waits its latency (whatever the rate), then its bits flow at the rate
/// in force at each instant: a rate change mid-transfer changes its speed. A piece with
/// rate 0 is an outage: nothing moves until the next piece.
public struct BandwidthProfile: Sendable, Hashable {
    /// Where each piece starts, in ms, ascending; the first is 0.
    public let startsMs: [Double]
    /// Each piece's rate, in megabits per second.
    public let mbps: [Double]
    /// Each piece's rate in bits per ms (`mbps × 1000`), computed as the cost model does.
    let bitsPerMs: [Double]

    /// A link that keeps one rate forever.
    public init(constantMbps: Double) {
        startsMs = [0]
        mbps = [constantMbps]
        bitsPerMs = [constantMbps * 1000]
    }

    /// The environment's trace, or its constant `bandwidthMbps` when it has none.
    public init(environment: Environment) throws(SimulationError) {
        if let trace = environment.bandwidthTrace {
            try self.init(points: trace)
        } else {
            guard environment.bandwidthMbps.isFinite, environment.bandwidthMbps > 0 else {
                throw .invalidTrace("the bandwidth must be a finite number > 0, found \(environment.bandwidthMbps)")
            }
            self.init(constantMbps: environment.bandwidthMbps)
        }
    }

    /// The trace `points`: the first at 0 ms, `atMs` ascending, every rate finite and
    /// >= 0, the last > 0 (the same rules as the file format).
    public init(points: [TracePoint]) throws(SimulationError) {
        guard let first = points.first else { throw .invalidTrace("it has no points") }
        guard first.atMs == 0 else { throw .invalidTrace("the first point must be at 0 ms, found \(first.atMs)") }
        for (index, point) in points.enumerated() {
            guard point.mbps.isFinite, point.mbps >= 0 else {
                throw .invalidTrace("point \(index): the rate must be a finite number >= 0, found \(point.mbps)")
            }
            guard point.atMs.isFinite else { throw .invalidTrace("point \(index): atMs must be finite, found \(point.atMs)") }
            if index > 0, point.atMs <= points[index - 1].atMs {
                throw .invalidTrace("point \(index): atMs must ascend, found \(point.atMs) after \(points[index - 1].atMs)")
            }
        }
        guard let last = points.last, last.mbps > 0 else {
            throw .invalidTrace("the last point's rate must be > 0: it holds forever, so a transfer would never finish")
        }
        // Consecutive points with the same rate make one piece: a trace that never
        // changes its rate is a constant link, and plays exactly like one.
        var starts: [Double] = [], rates: [Double] = []
        for point in points where rates.last != point.mbps {
            starts.append(point.atMs)
            rates.append(point.mbps)
        }
        startsMs = starts
        mbps = rates
        bitsPerMs = rates.map { $0 * 1000 }
    }

    /// Whether the rate never changes.
    public var isConstant: Bool { mbps.count == 1 }

    /// The index of the piece in force at `timeMs`: the last that starts at or before it
    /// (binary search; 0 for negative times).
    public func piece(at timeMs: Double) -> Int {
        var low = 0, high = startsMs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if startsMs[middle] <= timeMs { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The rate in force at `timeMs`, in Mbps.
    public func mbps(at timeMs: Double) -> Double { mbps[piece(at: timeMs)] }

    /// The instants at which the rate changes, with the new rate: the start of every
    /// piece but the first.
    public var changes: [(atMs: Double, mbps: Double)] {
        mbps.indices.dropFirst().map { (startsMs[$0], mbps[$0]) }
    }

    /// When a transfer of `bytes` that starts at `startMs` ends (docs/FORMATS.md §3): nothing, and no
    /// latency, when no bytes cross.
    public func transferEnd(startMs: Double, bytes: Int, latencyMs: Double) -> Double {
        transferEnd(startMs: startMs, bits: Double(bytes) * 8, latencyMs: latencyMs)
    }

    /// When a transfer of `bits` that starts at `startMs` ends: it waits `latencyMs`, then
    /// its bits move at the rate in force at each instant.
    ///
    /// When the whole transfer lies in one piece the result is computed exactly as the
    /// cost model computes it, `start + (bits / rate + latency)`, so a constant link
    /// reproduces the scheduler's times bit for bit.
    public func transferEnd(startMs: Double, bits: Double, latencyMs: Double) -> Double {
        guard bits > 0 else { return startMs }
        let first = piece(at: startMs)
        let firstEnd = first + 1 < startsMs.count ? startsMs[first + 1] : .infinity
        if bitsPerMs[first] > 0 {
            let whole = startMs + (bits / bitsPerMs[first] + latencyMs)
            if whole <= firstEnd { return whole }
        }
        // Walk the breakpoints from the piece in force when the latency is over.
        var time = startMs + latencyMs
        var index = time < firstEnd ? first : piece(at: time)
        var remaining = bits
        while true {
            let rate = bitsPerMs[index]
            guard index + 1 < startsMs.count else { return time + remaining / rate }
            let next = startsMs[index + 1]
            let capacity = (next - time) * rate
            if rate > 0 && remaining <= capacity { return min(time + remaining / rate, next) }
            remaining -= capacity
            time = next
            index += 1
        }
    }

    /// The bits the link can move between `fromMs` and `toMs` (the integral of the rate).
    public func bits(fromMs: Double, toMs: Double) -> Double {
        guard toMs > fromMs else { return 0 }
        var index = piece(at: fromMs)
        var time = fromMs
        var total = 0.0
        while true {
            let next = index + 1 < startsMs.count ? min(startsMs[index + 1], toMs) : toMs
            total += (next - time) * bitsPerMs[index]
            if next >= toMs { return total }
            time = next
            index += 1
        }
    }
}
