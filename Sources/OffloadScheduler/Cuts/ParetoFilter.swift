/// Removes duplicate and dominated cost profiles.
///
/// A profile is dominated when another is ≤ on device time, bytes and cloud time and
/// differs. Such a profile never matters: under any positive weighting the dominating
/// one is strictly cheaper, and since its bytes are ≤ it pays the latency only if the
/// dominated one does too.
enum ParetoFilter {
    struct Entry {
        var deviceMs: Double
        var uplinkBytes: Int
        var cloudMs: Double
        /// Tie-breaks among equal profiles: fewer device layers first, then lower order.
        var deviceLayers: Int
        var order: Int
    }

    /// Indices of the surviving entries, ascending by (device, bytes, cloud).
    static func survivors(_ entries: [Entry]) -> [Int] {
        let sorted = entries.indices.sorted { i, j in
            let a = entries[i]
            let b = entries[j]
            if a.deviceMs != b.deviceMs { return a.deviceMs < b.deviceMs }
            if a.uplinkBytes != b.uplinkBytes { return a.uplinkBytes < b.uplinkBytes }
            if a.cloudMs != b.cloudMs { return a.cloudMs < b.cloudMs }
            if a.deviceLayers != b.deviceLayers { return a.deviceLayers < b.deviceLayers }
            return a.order < b.order
        }
        // Staircase of kept (bytes, cloud): bytes strictly ascending, cloud strictly descending.
        // Every kept entry so far has device time ≤ the current one.
        var stairBytes: [Int] = []
        var stairCloud: [Double] = []
        var kept: [Int] = []
        var previous: Entry?
        for index in sorted {
            let e = entries[index]
            if let p = previous, p.deviceMs == e.deviceMs, p.uplinkBytes == e.uplinkBytes, p.cloudMs == e.cloudMs {
                continue
            }
            previous = e
            // Last stair step with bytes ≤ e.uplinkBytes.
            var lo = 0
            var hi = stairBytes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if stairBytes[mid] <= e.uplinkBytes { lo = mid + 1 } else { hi = mid }
            }
            let step = lo - 1
            if step >= 0 && stairCloud[step] <= e.cloudMs { continue }
            kept.append(index)
            var insertAt = lo
            if step >= 0 && stairBytes[step] == e.uplinkBytes { insertAt = step }
            var removeEnd = insertAt
            while removeEnd < stairBytes.count && stairCloud[removeEnd] >= e.cloudMs { removeEnd += 1 }
            // Replace stairs insertAt ..< removeEnd by this one (without allocating).
            if removeEnd > insertAt {
                stairBytes[insertAt] = e.uplinkBytes
                stairCloud[insertAt] = e.cloudMs
                if removeEnd > insertAt + 1 {
                    stairBytes.removeSubrange((insertAt + 1)..<removeEnd)
                    stairCloud.removeSubrange((insertAt + 1)..<removeEnd)
                }
            } else {
                stairBytes.insert(e.uplinkBytes, at: insertAt)
                stairCloud.insert(e.cloudMs, at: insertAt)
            }
        }
        return kept
    }
}
