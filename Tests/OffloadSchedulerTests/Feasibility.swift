import OffloadModel
@testable import OffloadScheduler

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
