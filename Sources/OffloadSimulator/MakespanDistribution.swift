/// The spread of makespans over repeated, differently seeded runs.
public struct MakespanDistribution: Sendable, Hashable {
    /// Every run's makespan, ascending.
    public let sortedMs: [Double]

    /// Sorts `makespans`; nil when there are none.
    public init?(_ makespans: [Double]) {
        guard !makespans.isEmpty else { return nil }
        sortedMs = makespans.sorted()
    }

    public var runs: Int { sortedMs.count }
    public var minMs: Double { sortedMs[0] }
    public var maxMs: Double { sortedMs[sortedMs.count - 1] }

    /// The middle value; the mean of the two middle values for an even count.
    public var medianMs: Double {
        let middle = sortedMs.count / 2
        return sortedMs.count % 2 == 1 ? sortedMs[middle] : (sortedMs[middle - 1] + sortedMs[middle]) / 2
    }

    /// The 95th percentile, nearest rank: the smallest value at least 95% of the runs do not exceed.
    public var p95Ms: Double { percentile(95) }

    /// The nearest-rank percentile `p` (0 < p <= 100).
    public func percentile(_ p: Double) -> Double {
        let rank = Int((p * Double(sortedMs.count) / 100).rounded(.up))
        return sortedMs[min(max(rank, 1), sortedMs.count) - 1]
    }
}
