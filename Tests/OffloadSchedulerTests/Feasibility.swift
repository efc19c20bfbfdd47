import OffloadModel
@testable import OffloadScheduler

/// A small seeded generator (SplitMix64), so random tests are reproducible on every platform.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        let unit = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }

    /// A uniform integer in `range`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        uniform(0...1) < p
    }

    /// A time in [0.1, upper], or 0 one time in four.
    mutating func maybeZero(_ upper: Double) -> Double {
        integer(0...3) == 0 ? 0 : uniform(0.1...upper)
    }
}

/// An independent check of a job-level Gantt chart.
enum Feasibility {
    /// Every way the segments break the rules: lanes overlap, a stage starts before
    /// the job's previous stage ends, a duration differs from the cost model, or the
    /// order differs between lanes.
    static func violations(segments: [Segment], times: [StageTimes], order: [Int]) -> [String] {
        var problems: [String] = []
        for lane in Lane.allCases {
            let onLane = segments.filter { $0.lane == lane && $0.durationMs > 0 }.sorted { $0.startMs < $1.startMs }
            for (a, b) in zip(onLane, onLane.dropFirst()) where b.startMs < a.endMs - 1e-9 {
                problems.append("\(lane): jobs \(a.job) and \(b.job) overlap")
            }
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let laneOrder = onLane.map { position[$0.job] ?? -1 }
            if laneOrder != laneOrder.sorted() { problems.append("\(lane): jobs out of the plan's order") }
        }
        for job in times.indices {
            var ready = 0.0
            for lane in Lane.allCases {
                guard let segment = segments.first(where: { $0.job == job && $0.lane == lane }) else {
                    if times[job][lane] > 0 { problems.append("job \(job) has no \(lane) segment") }
                    continue
                }
                if abs(segment.durationMs - times[job][lane]) > 1e-9 { problems.append("job \(job) \(lane): wrong duration") }
                if segment.startMs < ready - 1e-9 { problems.append("job \(job) \(lane): starts before its input exists") }
                ready = segment.endMs
            }
        }
        return problems
    }
}
