import OffloadModel
import OffloadScheduler
import OffloadSimulator

/// A played timeline, indexed for drawing: each lane's work sorted by time (for finding
/// the job at any instant by binary search), the critical path as intervals per lane,
/// and each job's row of the job table. Built when the plan changes, never while drawing.
struct TimelineView: Sendable {
    let timeline: Timeline
    /// The device, uplink and cloud lanes.
    let lanes: [LaneIndex]
    /// Per lane, the critical path's intervals, sorted and merged.
    let critical: [[Span]]
    /// Per job (by index), its row of the job table.
    let rows: [JobRow]
    /// Per job, its position when jobs are sorted by when their work starts (fill patterns
    /// follow it, so that neighbouring blocks differ).
    let rank: [Int]

    var makespanMs: Double { timeline.makespanMs }

    init(timeline: Timeline, jobCount: Int) {
        self.timeline = timeline
        let segments = timeline.segments
        lanes = Lane.allCases.map { lane in
            LaneIndex(segments.enumerated().filter { $0.element.lane == lane && $0.element.endMs > $0.element.startMs }
                .sorted { ($0.element.startMs, $0.offset) < ($1.element.startMs, $1.offset) }.map(\.element))
        }
        var critical = [[Span]](repeating: [], count: Lane.allCases.count)
        for step in timeline.criticalPath where segments.indices.contains(step.segment) {
            let segment = segments[step.segment]
            guard segment.endMs > segment.startMs else { continue }
            critical[segment.lane.rawValue].append(Span(startMs: segment.startMs, endMs: segment.endMs))
        }
        self.critical = critical.map(Span.merged)
        var laneMs = [[Double]](repeating: [0, 0, 0], count: jobCount)
        var firstStart = [Double](repeating: .infinity, count: jobCount)
        for segment in segments where laneMs.indices.contains(segment.job) {
            laneMs[segment.job][segment.lane.rawValue] += segment.durationMs
            firstStart[segment.job] = min(firstStart[segment.job], segment.startMs)
        }
        rows = (0..<jobCount).map { job in
            JobRow(cut: timeline.cuts.indices.contains(job) ? timeline.cuts[job] : nil, laneMs: laneMs[job],
                   finishMs: timeline.finishMs.indices.contains(job) ? timeline.finishMs[job] : 0)
        }
        var rank = [Int](repeating: 0, count: jobCount)
        for (position, job) in (0..<jobCount).sorted(by: { (firstStart[$0], $0) < (firstStart[$1], $1) }).enumerated() {
            rank[job] = position
        }
        self.rank = rank
    }
}

/// A time interval, in ms.
struct Span: Sendable, Hashable {
    var startMs: Double
    var endMs: Double

    /// The intervals sorted, with touching or overlapping ones joined.
    static func merged(_ spans: [Span]) -> [Span] {
        var result: [Span] = []
        for span in spans.sorted(by: { $0.startMs < $1.startMs }) {
            if let last = result.last, span.startMs <= last.endMs {
                result[result.count - 1].endMs = max(last.endMs, span.endMs)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// Whether one of `spans` (sorted, disjoint) overlaps the open interval (from, to).
    static func anyOverlap(_ spans: [Span], from: Double, to: Double) -> Bool {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].startMs < to { low = middle + 1 } else { high = middle }
        }
        return low > 0 && spans[low - 1].endMs > from
    }
}

/// One lane's work of positive length, sorted by start; lanes serve one piece at a time,
/// so the pieces do not overlap.
struct LaneIndex: Sendable {
    let starts: [Double]
    let ends: [Double]
    let jobs: [Int]

    init(_ segments: [Segment]) {
        starts = segments.map(\.startMs)
        ends = segments.map(\.endMs)
        jobs = segments.map(\.job)
    }

    var count: Int { starts.count }

    /// The number of pieces that start at or before `time`.
    func countStarting(atOrBefore time: Double) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of pieces that start before `time`.
    func countStarting(before time: Double) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The end of piece `position`, cut at the play cursor.
    func end(_ position: Int, cursor: Double?) -> Double {
        cursor.map { min(ends[position], $0) } ?? ends[position]
    }

    /// The piece running at `time` (up to the cursor), by position.
    func piece(at time: Double, cursor: Double?) -> Int? {
        let count = countStarting(atOrBefore: time)
        guard count > 0 else { return nil }
        return time < end(count - 1, cursor: cursor) ? count - 1 : nil
    }

    /// The piece running just before `time` and up to it: the owner of a column's right edge.
    func piece(endingAtOrAfter time: Double, cursor: Double?) -> Int? {
        let count = countStarting(before: time)
        guard count > 0 else { return nil }
        return end(count - 1, cursor: cursor) >= time ? count - 1 : nil
    }
}

/// One job's numbers in the job table.
struct JobRow: Sendable {
    /// Its cut as played (re-planning may change it); nil when the timeline lacks the job.
    var cut: Cut?
    /// Time on the device, uplink and cloud lanes.
    var laneMs: [Double]
    var finishMs: Double
}
