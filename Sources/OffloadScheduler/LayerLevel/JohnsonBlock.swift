/// A block of consecutive operations of a two-machine permutation flow shop
/// (machine 1 = device, machine 2 = uplink), reduced to the single job that
/// behaves like it for ordering purposes.
///
/// A job `(a, b)` is a block of one. Concatenation follows
/// `ST = (a_S + max(0, a_T − b_S), b_T + max(0, b_S − a_T))`: the makespan of a
/// sequence of blocks equals the makespan of the sequence of their composite
/// jobs plus a constant that does not depend on the order (docs/layer-level.md §4).
struct JohnsonBlock: Sendable, Hashable {
    /// Composite machine-1 time `a'`.
    var head: Double
    /// Composite machine-2 time `b'`.
    var tail: Double

    static let empty = JohnsonBlock(head: 0, tail: 0)

    /// The block `self` followed by `next`.
    @inline(__always) func followed(by next: JohnsonBlock) -> JohnsonBlock {
        JohnsonBlock(head: head + max(0, next.head - tail), tail: next.tail + max(0, tail - next.head))
    }

    /// Johnson's sort key: blocks with `head < tail` first by increasing head,
    /// then the others by decreasing tail. Smaller key = earlier.
    @inline(__always) var key: JohnsonKey {
        // Both times are ≥ 0, and the bit patterns of non-negative doubles
        // (with -0 folded into +0 by adding 0) sort like the numbers.
        head < tail ? JohnsonKey(bits: (head + 0.0).bitPattern)
            : JohnsonKey(bits: (1 << 63) | (0x7FFF_FFFF_FFFF_FFFF &- (tail + 0.0).bitPattern))
    }
}

/// The Johnson priority of a block packed into one integer; `<` means "goes first".
struct JohnsonKey: Sendable, Hashable, Comparable {
    var bits: UInt64

    @inline(__always) static func < (l: JohnsonKey, r: JohnsonKey) -> Bool { l.bits < r.bits }
}
