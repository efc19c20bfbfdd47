/// Adjacency in compressed rows, built one way for the whole package: the cut graph's
/// topology (`CutTopology`) and the layer-level scheduler's flat instance
/// (`FlatInstance`) both read their consumer lists from here.
enum CompressedRows {
    /// The reversed rows of `rows` over `nodes` nodes: row `v` of `rows` is
    /// `items[start[v] ..< start[v + 1]]`, every item in `0 ..< nodes`; row `u` of the
    /// result lists the `v` whose rows hold `u`, ascending (each as often as it holds it).
    static func reversed<Index: FixedWidthInteger>(start: [Index], items: [Index], nodes: Int)
        -> (start: [Index], items: [Index]) {
        var reversedStart = [Index](repeating: 0, count: nodes + 1)
        for item in items { reversedStart[Int(item) + 1] += 1 }
        for u in 0..<nodes { reversedStart[u + 1] += reversedStart[u] }
        var fill = reversedStart
        var reversedItems = [Index](repeating: 0, count: items.count)
        for v in 0..<(start.count - 1) {
            for k in Int(start[v])..<Int(start[v + 1]) {
                let u = Int(items[k])
                reversedItems[Int(fill[u])] = Index(truncatingIfNeeded: v)
                fill[u] += 1
            }
        }
        return (reversedStart, reversedItems)
    }
}
