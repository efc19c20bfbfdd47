/// A binary min-heap of `Int` keys.
struct IntMinHeap: Sendable {
    private var items: [Int] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }
    /// The smallest key, or nil when empty.
    var min: Int? { items.first }

    mutating func push(_ x: Int) {
        items.append(x)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let p = (i - 1) >> 1
                if h[p] <= x { break }
                h[i] = h[p]
                i = p
            }
            h[i] = x
        }
    }

    /// Removes and returns the smallest key, or nil when empty.
    mutating func pop() -> Int? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            let n = h.count
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= n { break }
                if c + 1 < n, h[c + 1] < h[c] { c += 1 }
                if last <= h[c] { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
            return top
        }
    }
}

/// An entry of ``TimedMinHeap``.
struct TimedEntry: Sendable {
    var time: Double
    var id: Int

    @inline(__always) static func < (l: TimedEntry, r: TimedEntry) -> Bool {
        l.time != r.time ? l.time < r.time : l.id < r.id
    }
}

/// A binary min-heap of `(time, id)` pairs ordered by time, then id.
struct TimedMinHeap: Sendable {
    private var items: [TimedEntry] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }
    /// The smallest entry, or nil when empty.
    var min: TimedEntry? { items.first }

    mutating func push(_ x: TimedEntry) {
        items.append(x)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let p = (i - 1) >> 1
                if !(x < h[p]) { break }
                h[i] = h[p]
                i = p
            }
            h[i] = x
        }
    }

    /// Removes and returns the smallest entry, or nil when empty.
    mutating func pop() -> TimedEntry? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            let n = h.count
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= n { break }
                if c + 1 < n, h[c + 1] < h[c] { c += 1 }
                if !(h[c] < last) { break }
                h[i] = h[c]
                i = c
            }
            h[i] = last
            return top
        }
    }
}

/// An entry of ``KeyedMinHeap``.
struct KeyedEntry: Sendable {
    var key: JohnsonKey
    var id: Int

    @inline(__always) static func < (l: KeyedEntry, r: KeyedEntry) -> Bool {
        l.key != r.key ? l.key < r.key : l.id < r.id
    }
}

/// A binary min-heap of `(JohnsonKey, id)` pairs; ties broken by id.
struct KeyedMinHeap: Sendable {
    private var items: [KeyedEntry] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    /// A heap holding `entries`, built in linear time.
    init(entries: [KeyedEntry]) {
        items = entries
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count / 2 - 1
            while i >= 0 {
                Self.siftDown(h, from: i, value: h[i])
                i -= 1
            }
        }
    }

    var isEmpty: Bool { items.isEmpty }

    @inline(__always)
    private static func siftDown(_ h: UnsafeMutableBufferPointer<KeyedEntry>, from start: Int, value: KeyedEntry) {
        let n = h.count
        var i = start
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n, h[c + 1] < h[c] { c += 1 }
            if !(h[c] < value) { break }
            h[i] = h[c]
            i = c
        }
        h[i] = value
    }

    mutating func push(_ x: KeyedEntry) {
        items.append(x)
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count - 1
            while i > 0 {
                let p = (i - 1) >> 1
                if !(x < h[p]) { break }
                h[i] = h[p]
                i = p
            }
            h[i] = x
        }
    }

    /// Removes and returns the smallest entry, or nil when empty.
    mutating func pop() -> KeyedEntry? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            Self.siftDown(h, from: 0, value: last)
            return top
        }
    }
}
