/// A binary min-heap.
struct MinHeap<Element: Comparable & Sendable>: Sendable {
    private var items: [Element] = []

    init(capacity: Int = 0) { items.reserveCapacity(capacity) }

    /// A heap holding `elements`, built in linear time.
    init(_ elements: [Element]) {
        items = elements
        items.withUnsafeMutableBufferPointer { h in
            var i = h.count / 2 - 1
            while i >= 0 {
                Self.siftDown(h, from: i, value: h[i])
                i -= 1
            }
        }
    }

    var isEmpty: Bool { items.isEmpty }
    /// The smallest element, or nil when empty.
    var min: Element? { items.first }

    mutating func push(_ x: Element) {
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

    /// Removes and returns the smallest element, or nil when empty.
    mutating func pop() -> Element? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            Self.siftDown(h, from: 0, value: last)
            return top
        }
    }

    @inline(__always)
    private static func siftDown(_ h: UnsafeMutableBufferPointer<Element>, from start: Int, value: Element) {
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
}

/// A heap entry ordered by time, then id.
struct TimedEntry: Sendable, Comparable {
    var time: Double
    var id: Int

    @inline(__always) static func < (l: TimedEntry, r: TimedEntry) -> Bool {
        l.time != r.time ? l.time < r.time : l.id < r.id
    }
}

/// A heap entry ordered by Johnson key, then id.
struct KeyedEntry: Sendable, Comparable {
    var key: JohnsonKey
    var id: Int

    @inline(__always) static func < (l: KeyedEntry, r: KeyedEntry) -> Bool {
        l.key != r.key ? l.key < r.key : l.id < r.id
    }
}
