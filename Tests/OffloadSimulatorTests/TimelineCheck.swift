import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator

/// An independent check of a realised timeline against the plan it played (without
/// jitter or re-planning): segment `i` of the timeline is segment `i` of the plan.
enum TimelineCheck {
    /// Every way the timeline breaks the rules: lanes overlap or leave the plan's order,
    /// work starts before its inputs exist or later than it could (not work-conserving),
    /// a duration differs from the cost model, a transfer moves other than its bytes.
    static func violations(_ timeline: Timeline, plan: Plan, scenario: Scenario, environment: Environment) -> [String] {
        var problems: [String] = []
        guard timeline.segments.count == plan.segments.count else {
            return ["the timeline has \(timeline.segments.count) segments, the plan \(plan.segments.count)"]
        }
        guard let profile = try? BandwidthProfile(environment: environment) else { return ["invalid trace"] }
        let segments = timeline.segments
        for (played, planned) in zip(segments, plan.segments) where played.lane != planned.lane || played.job != planned.job || played.work != planned.work {
            problems.append("segment order changed: \(played) vs \(planned)")
        }
        let tolerance = 1e-9 * max(1, timeline.makespanMs)
        var duration = [Double](repeating: 0, count: segments.count)
        var bytes = [Int](repeating: 0, count: segments.count)
        for (index, segment) in segments.enumerated() {
            let model = scenario.model(ofJob: segment.job)
            let cut = plan.cuts[segment.job]
            switch (segment.work, segment.lane) {
            case (.wholeStage, .device): duration[index] = cut.deviceMs / environment.deviceSpeed
            case (.wholeStage, .uplink): bytes[index] = cut.uplinkBytes
            case (.wholeStage, .cloud): duration[index] = cut.cloudMs / environment.cloudSpeed
            case let (.items(items), .device): duration[index] = items.reduce(0) { $0 + model.layers[$1].deviceMs } / environment.deviceSpeed
            case let (.items(items), .cloud): duration[index] = items.reduce(0) { $0 + model.layers[$1].cloudMs } / environment.cloudSpeed
            case let (.items(items), .uplink):
                bytes[index] = items.reduce(0) { $0 + ($1 == Cut.rawInput ? model.inputBytes : model.layers[$1].outputBytes) }
            }
        }
        func isZero(_ index: Int) -> Bool { segments[index].lane == .uplink ? bytes[index] == 0 : duration[index] == 0 }

        // Durations and bytes.
        for (index, segment) in segments.enumerated() {
            if isZero(index) {
                if segment.endMs != segment.startMs { problems.append("segment \(index): zero work but length \(segment.durationMs)") }
            } else if segment.lane == .uplink {
                let moved = profile.bits(fromMs: segment.startMs + environment.latencyMs, toMs: segment.endMs)
                let expected = Double(bytes[index]) * 8
                if abs(moved - expected) > 1e-9 * expected + 1e-6 { problems.append("transfer \(index) moved \(moved) bits, not \(expected)") }
                if segment.endMs < segment.startMs + environment.latencyMs - tolerance { problems.append("transfer \(index) shorter than its latency") }
            } else if abs(segment.durationMs - duration[index]) > tolerance {
                problems.append("segment \(index): lasts \(segment.durationMs), expected \(duration[index])")
            }
        }

        // The inputs of each segment, worked out afresh.
        var inputs = [[Int]](repeating: [], count: segments.count)
        for (index, segment) in segments.enumerated() {
            let model = scenario.model(ofJob: segment.job)
            let mine = segments.indices.filter { segments[$0].job == segment.job }
            func holder(_ lane: Lane, _ item: Int) -> Int? {
                mine.first { other in
                    guard segments[other].lane == lane, case let .items(items) = segments[other].work else { return false }
                    return items.contains(item)
                }
            }
            switch segment.work {
            case .wholeStage:
                var earlier = segment.lane.rawValue - 1
                while earlier >= 0 {
                    let found = mine.filter { segments[$0].lane.rawValue == earlier }
                    if !found.isEmpty { inputs[index] = found; break }
                    earlier -= 1
                }
            case let .items(items):
                for item in items {
                    switch segment.lane {
                    case .uplink:
                        if item != Cut.rawInput, let producer = holder(.device, item) { inputs[index].append(producer) }
                    case .device:
                        for p in model.predecessors[item] { if let producer = holder(.device, p), producer != index { inputs[index].append(producer) } }
                    case .cloud:
                        if model.readsRawInput[item], model.inputBytes > 0, let carrier = holder(.uplink, Cut.rawInput) { inputs[index].append(carrier) }
                        for p in model.predecessors[item] {
                            if let producer = holder(.cloud, p) {
                                if producer != index { inputs[index].append(producer) }
                            } else if let carrier = holder(.uplink, p) {
                                inputs[index].append(carrier)
                            } else if model.layers[p].outputBytes == 0, let producer = holder(.device, p) {
                                inputs[index].append(producer) // no bytes: crosses without a transfer
                            } else {
                                problems.append("segment \(index): no producer for layer \(p)")
                            }
                        }
                    }
                }
            }
        }

        // Lanes: no overlap, the plan's order, and work-conserving starts.
        var previousOnLane = [Int?](repeating: nil, count: segments.count)
        for lane in Lane.allCases {
            let planned = plan.segments.indices.filter { plan.segments[$0].lane == lane && !isZero($0) }
                .sorted { (plan.segments[$0].startMs, $0) < (plan.segments[$1].startMs, $1) }
            let played = planned.sorted { (segments[$0].startMs, segments[$0].endMs) < (segments[$1].startMs, segments[$1].endMs) }
            if planned != played { problems.append("\(lane): not in the plan's order") }
            for (a, b) in zip(planned, planned.dropFirst()) {
                if segments[b].startMs < segments[a].endMs { problems.append("\(lane): segments \(a) and \(b) overlap") }
                previousOnLane[b] = a
            }
        }
        for index in segments.indices {
            let inputEnd = inputs[index].map { segments[$0].endMs }.max() ?? 0
            if segments[index].startMs < inputEnd { problems.append("segment \(index) starts before its input exists") }
            let laneEnd = isZero(index) ? 0 : previousOnLane[index].map { segments[$0].endMs } ?? 0
            if segments[index].startMs != max(inputEnd, laneEnd) {
                problems.append("segment \(index) starts at \(segments[index].startMs), not as soon as it could (\(max(inputEnd, laneEnd)))")
            }
        }

        // Metrics agree with the segments.
        let lastEnd = segments.map(\.endMs).max() ?? 0
        if timeline.makespanMs != lastEnd { problems.append("makespan \(timeline.makespanMs) is not the last end \(lastEnd)") }
        for metrics in timeline.lanes where abs(metrics.busyMs + metrics.idleMs - timeline.makespanMs) > tolerance {
            problems.append("\(metrics.lane): busy + idle != makespan")
        }
        problems += criticalPathViolations(timeline)
        return problems
    }

    /// The critical path runs from 0 to the makespan without holes: each step starts
    /// where the previous one ended, plus its wait.
    static func criticalPathViolations(_ timeline: Timeline) -> [String] {
        var problems: [String] = []
        let path = timeline.criticalPath
        guard let last = path.last else {
            return timeline.makespanMs == 0 ? [] : ["no critical path"]
        }
        if timeline.segments[last.segment].endMs != timeline.makespanMs { problems.append("the critical path does not end at the makespan") }
        var time = 0.0
        for step in path {
            let segment = timeline.segments[step.segment]
            if abs(segment.startMs - (time + step.waitMs)) > 1e-9 * max(1, timeline.makespanMs) {
                problems.append("critical step on \(segment.lane) starts at \(segment.startMs), not \(time) + \(step.waitMs)")
            }
            time = segment.endMs
        }
        return problems
    }
}
