#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OffloadScheduler

/// The axes of a makespan-versus-bandwidth chart: both logarithmic, with round ticks.
/// Shared by the text chart, the dashboard's sweep panel and the SVG curve.
public struct SweepScale: Sendable, Equatable {
    /// The bandwidth range shown, in Mbps.
    public var lowMbps: Double
    public var highMbps: Double
    /// The makespan range shown, in ms.
    public var lowMs: Double
    public var highMs: Double

    /// A scale over `sweep`'s bandwidths (all of them, computed or not) and the makespans
    /// computed so far, with a little room above and below the curves.
    public init(_ sweep: Sweep) {
        let bandwidths = sweep.bandwidths
        lowMbps = bandwidths.first ?? 1
        highMbps = bandwidths.last ?? 1
        if !(highMbps > lowMbps) { lowMbps /= 2; highMbps = max(highMbps, lowMbps) * 4 }
        let values = sweep.points.flatMap { $0.makespanMs.compactMap { $0 } }.filter { $0.isFinite && $0 > 0 }
        let low = values.min() ?? 1, high = values.max() ?? 10
        lowMs = low / 1.15
        highMs = high * 1.15
        if !(highMs > lowMs * 1.5) { lowMs = low / 1.5; highMs = high * 1.5 }
    }

    /// Where `mbps` lies across the axis, 0 at the low end and 1 at the high end.
    public func x(_ mbps: Double) -> Double { log(mbps / lowMbps) / log(highMbps / lowMbps) }
    /// Where `ms` lies up the axis, 0 at the bottom and 1 at the top.
    public func y(_ ms: Double) -> Double { log(ms / lowMs) / log(highMs / lowMs) }

    /// Round values in `low...high` (1, 2, 5 × 10^k, or only powers of ten when that gives
    /// too many), at most `maximum` of them.
    public static func logTicks(from low: Double, to high: Double, maximum: Int) -> [Double] {
        guard low > 0, high > low, low.isFinite, high.isFinite, maximum > 0 else { return [] }
        var decade = pow(10, floor(log10(low)))
        var dense: [Double] = [], sparse: [Double] = []
        while decade <= high {
            for factor in [1.0, 2.0, 5.0] {
                let value = decade * factor
                if value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9) {
                    dense.append(value)
                    if factor == 1 { sparse.append(value) }
                }
            }
            decade *= 10
        }
        if dense.count <= maximum && dense.count >= 2 { return dense }
        if sparse.count <= maximum && sparse.count >= 2 { return sparse }
        if sparse.count > maximum {
            let stride = (sparse.count + maximum - 1) / maximum
            return sparse.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        }
        return dense.count <= maximum ? dense : [dense[0], dense[dense.count - 1]]
    }

    /// `0.5`, `20`, `1,000`: a tick value with as few decimals as it needs.
    public static func label(_ value: Double) -> String {
        value >= 1 ? NumberFormat.fixed(value, decimals: 0) : NumberFormat.compact(value)
    }
}

/// What a sweep says in words: where curves cross and where the gain over partition-only peaks.
public struct SweepFindings: Sendable, Equatable {
    /// Two algorithms exchange places between two neighbouring bandwidths.
    public struct Crossover: Sendable, Equatable {
        /// The algorithm that is faster above the crossing.
        public var fasterAbove: Algorithm
        public var fasterBelow: Algorithm
        /// Where the straight lines between the two points cross (on the log scales).
        public var bandwidthMbps: Double
        public var makespanMs: Double
    }

    /// The largest gain of an algorithm over partition-only.
    public struct Peak: Sendable, Equatable {
        public var algorithm: Algorithm
        public var bandwidthMbps: Double
        public var gainPercent: Double
        public var makespanMs: Double
        public var baselineMs: Double
    }

    public var crossovers: [Crossover]
    public var peak: Peak?

    public init(_ sweep: Sweep) {
        var crossovers: [Crossover] = []
        let points = sweep.points
        for a in sweep.algorithms.indices {
            for b in sweep.algorithms.indices where b > a {
                for index in points.indices.dropFirst() {
                    guard let a0 = points[index - 1].makespanMs[a], let b0 = points[index - 1].makespanMs[b],
                          let a1 = points[index].makespanMs[a], let b1 = points[index].makespanMs[b] else { continue }
                    let before = Self.sign(a0, b0), after = Self.sign(a1, b1)
                    guard before != 0, after != 0, before != after else { continue }
                    // Straight lines in log-log: d(t) = log(a/b) goes from d0 to d1.
                    let d0 = log(a0 / b0), d1 = log(a1 / b1)
                    let t = d0 / (d0 - d1)
                    let x0 = points[index - 1].bandwidthMbps, x1 = points[index].bandwidthMbps
                    let x = x0 * pow(x1 / x0, t)
                    let y = a0 * pow(a1 / a0, t)
                    let aFasterAbove = after < 0
                    crossovers.append(Crossover(fasterAbove: sweep.algorithms[aFasterAbove ? a : b],
                                                fasterBelow: sweep.algorithms[aFasterAbove ? b : a], bandwidthMbps: x, makespanMs: y))
                }
            }
        }
        self.crossovers = crossovers.sorted { $0.bandwidthMbps < $1.bandwidthMbps }
        var peak: Peak?
        if let baseline = sweep.algorithms.firstIndex(of: .partitionOnly) {
            for point in points {
                guard let base = point.makespanMs[baseline], base > 0 else { continue }
                for (index, algorithm) in sweep.algorithms.enumerated() where algorithm != .partitionOnly {
                    guard let value = point.makespanMs[index] else { continue }
                    let gain = (1 - value / base) * 100
                    if gain > (peak?.gainPercent ?? 0) + 1e-9 {
                        peak = Peak(algorithm: algorithm, bandwidthMbps: point.bandwidthMbps, gainPercent: gain,
                                    makespanMs: value, baselineMs: base)
                    }
                }
            }
        }
        self.peak = peak
    }

    /// -1 when a is shorter by more than rounding, 1 when longer, 0 when level.
    private static func sign(_ a: Double, _ b: Double) -> Int {
        let tolerance = 1e-9 * max(abs(a), abs(b))
        return a < b - tolerance ? -1 : a > b + tolerance ? 1 : 0
    }
}

/// A grid of Braille cells (2 × 4 dots each) to draw curves in, remembering which curve
/// drew last in each cell (for colours).
public struct BrailleGrid: Sendable {
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    private var owners: [Int]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        owners = [Int](repeating: -1, count: self.columns * self.rows)
    }

    /// Sets the dot at (`x`, `y`), in dots from the top left; outside the grid, nothing.
    public mutating func set(x: Int, y: Int, owner: Int) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let cell = (y / 4) * columns + x / 2
        let masks: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        bits[cell] |= masks[x % 2][y % 4]
        owners[cell] = owner
    }

    /// A polyline through `points` (fractions across and up, 0...1), joined dot by dot.
    public mutating func plot(_ points: [(x: Double, y: Double)?], owner: Int) {
        let width = Double(columns * 2 - 1), height = Double(rows * 4 - 1)
        func dot(_ point: (x: Double, y: Double)) -> (Int, Int) {
            (Int(clamping: (point.x * width).rounded(), to: -1...(columns * 2)),
             Int(clamping: ((1 - point.y) * height).rounded(), to: -1...(rows * 4)))
        }
        var last: (Int, Int)?
        for point in points {
            guard let point else { last = nil; continue }
            let (x1, y1) = dot(point)
            if let (x0, y0) = last, x1 > x0 {
                var previousY = y0
                for x in x0...x1 {
                    let y = Int((Double(y0) + Double(y1 - y0) * Double(x - x0) / Double(x1 - x0)).rounded())
                    for fill in min(previousY, y)...max(previousY, y) { set(x: x, y: fill, owner: owner) }
                    previousY = y
                }
            } else {
                set(x: x1, y: y1, owner: owner)
            }
            last = (x1, y1)
        }
    }

    /// The character of cell (`column`, `row`): a Braille pattern, or nil when empty.
    public func character(column: Int, row: Int) -> Character? {
        let value = bits[row * columns + column]
        guard value != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(value)) else { return nil }
        return Character(scalar)
    }

    /// The curve that drew last in cell (`column`, `row`), or -1.
    public func owner(column: Int, row: Int) -> Int { owners[row * columns + column] }

    /// The curves of `sweep` on `scale`, curve `i` owned by `i`.
    public mutating func plot(_ sweep: Sweep, scale: SweepScale) {
        for index in sweep.algorithms.indices.reversed() {
            let points = sweep.points.map { point in
                point.makespanMs[index].flatMap { $0 > 0 && $0.isFinite ? (x: scale.x(point.bandwidthMbps), y: scale.y($0)) : nil }
            }
            plot(points, owner: index)
        }
    }
}
