/// Johnson's rule for the two-machine permutation flow shop.
enum JohnsonRule {
    /// The order of Johnson's rule for jobs with `first[j]` on the first
    /// machine and `second[j]` on the second: jobs with `first < second` in
    /// increasing `first`, then the others in decreasing `second`; ties keep
    /// increasing job index. Optimal for the classic two-machine flow shop.
    static func order(first: [Double], second: [Double]) -> [Int] {
        var early: [Int] = []
        var late: [Int] = []
        for job in first.indices {
            if first[job] < second[job] { early.append(job) } else { late.append(job) }
        }
        early.sort { ascending(first[$0], $0, first[$1], $1) }
        late.sort { ascending(-second[$0], $0, -second[$1], $1) }
        return early + late
    }

    /// A strict total order on (key, index): increasing key, then increasing
    /// index. NaN keys sort last, so the predicate stays valid for any input.
    @inline(__always)
    static func ascending(_ key: Double, _ index: Int, _ otherKey: Double, _ otherIndex: Int) -> Bool {
        let k = key.isNaN ? Double.infinity : key
        let o = otherKey.isNaN ? Double.infinity : otherKey
        return k < o || (k == o && index < otherIndex)
    }
}
