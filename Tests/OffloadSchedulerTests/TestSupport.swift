import OffloadModel
@testable import OffloadScheduler

/// A small seeded generator, so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A time in (0, upper], or 0 one time in four.
    mutating func maybeZero(_ upper: Double) -> Double {
        Int.random(in: 0..<4, using: &self) == 0 ? 0 : Double.random(in: 0.1...upper, using: &self)
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
