/// A binary min-heap of task completions, ordered by time and then by task index,
/// so events at the same instant are handled in a fixed order.
struct EventHeap: Sendable {
    private var times: [Double] = []
    private var tasks: [Int32] = []

    var isEmpty: Bool { times.isEmpty }

    /// The earliest event's time, if any.
    var nextTime: Double? { times.first }

    mutating func push(time: Double, task: Int32) {
        times.append(time)
        tasks.append(task)
        var child = times.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(times[child], tasks[child], times[parent], tasks[parent]) else { break }
            times.swapAt(child, parent)
            tasks.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event.
    mutating func pop() -> (time: Double, task: Int32)? {
        guard let time = times.first, let task = tasks.first else { return nil }
        let last = times.count - 1
        times.swapAt(0, last)
        tasks.swapAt(0, last)
        times.removeLast()
        tasks.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < times.count, Self.precedes(times[left], tasks[left], times[smallest], tasks[smallest]) { smallest = left }
            if right < times.count, Self.precedes(times[right], tasks[right], times[smallest], tasks[smallest]) { smallest = right }
            if smallest == parent { break }
            times.swapAt(parent, smallest)
            tasks.swapAt(parent, smallest)
            parent = smallest
        }
        return (time, task)
    }

    private static func precedes(_ time: Double, _ task: Int32, _ otherTime: Double, _ otherTask: Int32) -> Bool {
        time < otherTime || (time == otherTime && task < otherTask)
    }
}
