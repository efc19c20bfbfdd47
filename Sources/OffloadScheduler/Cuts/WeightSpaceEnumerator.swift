/// Enumerates the extreme points of the lower hull of a 3-D point set that is only
/// accessible through a linear-minimisation oracle, by weight-space decomposition.
///
/// Weights live on the simplex `w = (x, y, 1 - x - y)`, `x, y ≥ 0`. For the known
/// points `S`, `g_S(w) = min_{p ∈ S} w·p` is concave and piecewise linear; the region
/// where `p` attains it is a convex polygon, and these polygons tile the simplex.
/// Every polygon vertex is probed: if the oracle finds a point below `g_S` there, it
/// joins `S` and all regions are clipped by it. When no vertex yields a better point,
/// the true envelope `g` (concave) is ≥ `g_S` at every vertex of every region while
/// `g_S` is linear on each region, so `g = g_S` everywhere: `S` holds every point that is
/// the unique minimiser for some weighting, i.e. every vertex of the hull.
///
/// Passes: a point counts only if it beats `g_S` by a relative margin, and the probing
/// runs in passes of decreasing margin (``passMargins``). When a pass ends, every vertex
/// has been probed and no probe beat `g_S` by the pass's margin `ε` there, so
/// `g ≥ (1 − ε)·g_S` at every vertex and hence (concave against linear) on every region:
/// the known points are within a factor `1 / (1 − ε)` of the optimum for every weighting.
/// The next pass first accepts what earlier probes found and the finer margin now
/// admits (each probe's answer is kept), then probes the vertices that creates; so the
/// passes together probe about as often as the last one alone would. The coarse passes
/// make the result useful when the caller stops early (its oracle returns `nil`), as a
/// budget does on graphs whose hull has thousands of vertices.
///
/// Floating point: the last pass's margin is `1e-12`, regions of negligible area are
/// dropped and probes within `1e-13` are merged, so after it the envelope is exact to
/// about `1e-12` relative. Each accepted point is new (never accepted before) and
/// strictly better somewhere, so every pass ends after finitely many probes.
struct WeightSpaceEnumerator {
    /// A point and the polygon (counter-clockwise, in `(x, y)`) where it attains `g_S`.
    private struct Region {
        var point: SIMD3<Double>
        var tag: Int
        var polygon: [SIMD2<Double>]
        /// Bounding box of `polygon`: lower and upper corners.
        var low: SIMD2<Double>
        var high: SIMD2<Double>
        /// All vertices are known to be probed.
        var settled: Bool

        init(point: SIMD3<Double>, tag: Int, polygon: [SIMD2<Double>]) {
            self.point = point
            self.tag = tag
            self.polygon = polygon
            low = SIMD2(1, 1)
            high = SIMD2(0, 0)
            settled = false
            reshape(polygon)
        }

        mutating func reshape(_ newPolygon: [SIMD2<Double>]) {
            polygon = newPolygon
            settled = false
            var lo = SIMD2<Double>(.infinity, .infinity)
            var hi = -lo
            for v in newPolygon {
                lo = pointwiseMin(lo, v)
                hi = pointwiseMax(hi, v)
            }
            low = lo
            high = hi
        }

        /// Whether `w·delta ≤ 0` holds on the whole bounding box (so clipping is a no-op).
        func surelyBelow(_ delta: SIMD3<Double>) -> Bool {
            let a = delta.x - delta.z
            let b = delta.y - delta.z
            return delta.z + max(a * low.x, a * high.x) + max(b * low.y, b * high.y) < 0
        }
    }

    /// The relative margin of each pass, coarse to fine; the last makes the envelope exact
    /// up to rounding.
    static let passMargins: [Double] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-6, 1e-12]
    /// Regions thinner than this (by area) are dropped as degenerate.
    static let minimumArea = 1e-26
    /// Probes closer than this (in weight coordinates) count as the same vertex.
    static let vertexMergeDistance = 1e-13

    private var regions: [Region] = []
    /// Every point ever added. A dropped region never grows back, so a point is added at
    /// most once, which bounds the number of insertions and hence of probes.
    private var added: Set<SIMD3<Double>> = []
    private var probes: [SIMD2<Double>] = []
    private var probeGrid: [SIMD2<Int64>: [Int]] = [:]
    /// What the oracle answered at each probe, by probe index.
    private var answers: [(point: SIMD3<Double>, tag: Int)] = []
    /// Probes whose answer was not accepted (yet) and is a point never added: a finer
    /// pass may accept it. (An added point is never added again.)
    private var rejected: [Int] = []

    /// Tags of the points that attain `g_S` on a region of positive area, in insertion order.
    var extremeTags: [Int] { regions.map(\.tag) }

    /// Adds `point` if it is below `g_S` somewhere; returns whether it was added.
    /// `first`, if given, is a region to clip against first (one the point beats), which
    /// shrinks the new region early and makes the remaining clips cheap.
    @discardableResult
    mutating func insert(_ point: SIMD3<Double>, tag: Int, first: Int? = nil) -> Bool {
        guard !added.contains(point) else { return false }
        var polygon: [SIMD2<Double>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1)]
        let order = first.map { [$0] + Array(regions.indices) } ?? Array(regions.indices)
        for r in order {
            // Keep where w·point ≤ w·region.point.
            switch Self.clip(polygon, keepingBelow: point - regions[r].point) {
            case .unchanged: continue
            case .empty: return false
            case .clipped(let smaller): polygon = smaller
            }
        }
        var dropped = false
        for r in regions.indices {
            let delta = regions[r].point - point
            if regions[r].surelyBelow(delta) { continue }
            switch Self.clip(regions[r].polygon, keepingBelow: delta) {
            case .unchanged: continue
            case .empty:
                regions[r].polygon = []
                dropped = true
            case .clipped(let smaller):
                regions[r].reshape(smaller)
            }
        }
        if dropped { regions.removeAll { $0.polygon.isEmpty } }
        regions.append(Region(point: point, tag: tag, polygon: polygon))
        added.insert(point)
        return true
    }

    /// Probes region vertices, pass by pass, until every one is settled in the last pass
    /// or the oracle gives up. `oracle` maps a weight vector (non-negative, summing to 1)
    /// to a minimising point and its tag, or to `nil` to stop; its second argument is the
    /// number of regions, a measure of the enumerator's own work per probe.
    ///
    /// Returns the margin of the finest pass that ended (see ``passMargins``), or `nil`
    /// if the oracle stopped the first one.
    mutating func run(oracle: (_ weights: SIMD3<Double>, _ regions: Int) -> (point: SIMD3<Double>, tag: Int)?) -> Double? {
        var finished: Double?
        for margin in Self.passMargins {
            // Every vertex probed and no answer left to accept: the finer passes have nothing
            // to do (small blocks, whose probes only confirm known points, end here).
            if finished != nil && rejected.isEmpty { return Self.passMargins.last }
            // What earlier probes found that this margin accepts. Accepting only lowers
            // g_S, so an answer refused here stays refused for the rest of the pass.
            let earlier = rejected
            rejected = []
            for k in earlier where !accept(answers[k], at: Self.weights(probes[k]), margin: margin) {
                rejected.append(k)
            }
            while let vertex = nextUnprobedVertex() {
                let w = Self.weights(vertex)
                guard let found = oracle(w, regions.count) else { return finished }
                recordProbe(vertex)
                answers.append(found)
                if !accept(found, at: w, margin: margin) && !added.contains(found.point) { rejected.append(probes.count - 1) }
            }
            finished = margin
        }
        return finished
    }

    /// The weight vector of a point of the triangle.
    private static func weights(_ vertex: SIMD2<Double>) -> SIMD3<Double> {
        SIMD3(max(vertex.x, 0), max(vertex.y, 0), max(1 - vertex.x - vertex.y, 0))
    }

    /// Inserts `found` if it beats `g_S(w)` by the relative `margin`; returns whether it did.
    private mutating func accept(_ found: (point: SIMD3<Double>, tag: Int), at w: SIMD3<Double>, margin: Double) -> Bool {
        var best = Double.infinity
        var bestRegion = 0
        for r in regions.indices {
            let value = Self.dot(w, regions[r].point)
            if value < best {
                best = value
                bestRegion = r
            }
        }
        guard Self.dot(w, found.point) < best - margin * best else { return false }
        return insert(found.point, tag: found.tag, first: bestRegion)
    }

    private mutating func nextUnprobedVertex() -> SIMD2<Double>? {
        for r in regions.indices where !regions[r].settled {
            for vertex in regions[r].polygon where !isProbed(vertex) { return vertex }
            regions[r].settled = true
        }
        return nil
    }

    /// The cell of a coordinate: probes are filed in squares twice the merge distance
    /// wide, so those within the merge distance of a point lie in at most 2 × 2 cells.
    private static func cell(_ x: Double) -> Int64 {
        // Vertices lie in the unit triangle; clamping keeps the conversion total.
        let scaled = (min(max(x, -1), 2) / (2 * vertexMergeDistance)).rounded(.down)
        return scaled.isNaN ? 0 : Int64(scaled)
    }

    private func isProbed(_ v: SIMD2<Double>) -> Bool {
        let d = Self.vertexMergeDistance
        for x in Self.cell(v.x - d)...Self.cell(v.x + d) {
            for y in Self.cell(v.y - d)...Self.cell(v.y + d) {
                guard let list = probeGrid[SIMD2(x, y)] else { continue }
                for k in list {
                    let delta = probes[k] - v
                    if abs(delta.x) <= d && abs(delta.y) <= d { return true }
                }
            }
        }
        return false
    }

    private mutating func recordProbe(_ v: SIMD2<Double>) {
        probeGrid[SIMD2(Self.cell(v.x), Self.cell(v.y)), default: []].append(probes.count)
        probes.append(v)
    }

    @inline(__always) private static func dot(_ w: SIMD3<Double>, _ p: SIMD3<Double>) -> Double {
        w.x * p.x + w.y * p.y + w.z * p.z
    }

    private enum Clipped {
        case unchanged
        case empty
        case clipped([SIMD2<Double>])
    }

    /// Clips a convex polygon to `{(x, y) : w·delta ≤ 0}` with `w = (x, y, 1 - x - y)`.
    /// `.empty` if what is left has no area (including a polygon wholly on the line).
    private static func clip(_ polygon: [SIMD2<Double>], keepingBelow delta: SIMD3<Double>) -> Clipped {
        let a = delta.x - delta.z
        let b = delta.y - delta.z
        let c = delta.z
        var anyInside = false
        var anyOutside = false
        for v in polygon {
            let f = a * v.x + b * v.y + c
            if f < 0 { anyInside = true } else if f > 0 { anyOutside = true }
        }
        if !anyInside { return .empty }
        if !anyOutside { return .unchanged }
        var result: [SIMD2<Double>] = []
        result.reserveCapacity(polygon.count + 1)
        for i in polygon.indices {
            let j = i + 1 == polygon.count ? 0 : i + 1
            let fi = a * polygon[i].x + b * polygon[i].y + c
            let fj = a * polygon[j].x + b * polygon[j].y + c
            if fi <= 0 { result.append(polygon[i]) }
            if (fi < 0 && fj > 0) || (fi > 0 && fj < 0) {
                let t = fi / (fi - fj)
                result.append(polygon[i] + t * (polygon[j] - polygon[i]))
            }
        }
        return area(result) > minimumArea ? .clipped(result) : .empty
    }

    private static func area(_ polygon: [SIMD2<Double>]) -> Double {
        guard polygon.count >= 3 else { return 0 }
        var twice = 0.0
        for i in polygon.indices {
            let p = polygon[i]
            let q = polygon[i + 1 == polygon.count ? 0 : i + 1]
            twice += p.x * q.y - p.y * q.x
        }
        return twice / 2
    }
}
