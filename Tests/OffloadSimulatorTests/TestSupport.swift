import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator

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

/// Random models, scenarios, cuts, plans and traces.
enum Random {
    /// A chain or a small DAG of 1–6 layers with random times and sizes (some zero).
    static func model(_ rng: inout SplitMix64, name: String) -> ModelGraph {
        let count = Int.random(in: 1...6, using: &rng)
        let chain = Bool.random(using: &rng)
        var layers: [Layer] = []
        for index in 0..<count {
            var inputs: [String]
            if index == 0 {
                inputs = ["input"]
            } else if chain {
                inputs = ["l\(index - 1)"]
            } else {
                inputs = ["l\(Int.random(in: 0..<index, using: &rng))"]
                if Bool.random(using: &rng) { inputs.append(Int.random(in: 0..<3, using: &rng) == 0 ? "input" : "l\(Int.random(in: 0..<index, using: &rng))") }
                inputs = Array(Set(inputs)).sorted()
            }
            layers.append(Layer(name: "l\(index)", inputs: inputs, deviceMs: rng.maybeZero(8), cloudMs: rng.maybeZero(3),
                                outputBytes: Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Int.random(in: 100...20_000, using: &rng)))
        }
        // Valid by construction: unique names, earlier inputs only.
        return try! ModelGraph(name: name, inputBytes: Int.random(in: 0...30_000, using: &rng), layers: layers)
    }

    static func environment(_ rng: inout SplitMix64) -> Environment {
        Environment(deviceSpeed: [0.5, 1, 2].randomElement(using: &rng) ?? 1,
                    cloudSpeed: [0.5, 1, 4].randomElement(using: &rng) ?? 1,
                    bandwidthMbps: Double.random(in: 0.5...40, using: &rng),
                    latencyMs: [0, 0, 0.3, 5, 40].randomElement(using: &rng) ?? 0)
    }

    /// 1–8 jobs over 1–3 random models.
    static func scenario(_ rng: inout SplitMix64) -> Scenario {
        let models = (0..<Int.random(in: 1...3, using: &rng)).map { model(&rng, name: "m\($0)") }
        let jobs = (0..<Int.random(in: 1...8, using: &rng)).map { Job(id: "j\($0)", modelIndex: Int.random(in: 0..<models.count, using: &rng)) }
        return Scenario(name: "random", environment: environment(&rng), models: models, jobs: jobs)
    }

    /// A random cut closed under predecessors.
    static func cut(_ model: ModelGraph, _ rng: inout SplitMix64) -> Cut {
        var onDevice = [Bool](repeating: false, count: model.layers.count)
        for index in model.layers.indices where model.predecessors[index].allSatisfy({ onDevice[$0] }) {
            onDevice[index] = Int.random(in: 0..<3, using: &rng) > 0
        }
        return model.cut(onDevice: onDevice) ?? model.localCut
    }

    /// A trace of 1–8 points: a rate of 0 (an outage) now and then, never last.
    static func trace(_ rng: inout SplitMix64) -> [TracePoint] {
        var points = [TracePoint(atMs: 0, mbps: Double.random(in: 0.5...50, using: &rng))]
        for _ in 0..<Int.random(in: 0...7, using: &rng) {
            let at = (points.last?.atMs ?? 0) + Double.random(in: 0.5...30, using: &rng)
            points.append(TracePoint(atMs: at, mbps: Int.random(in: 0..<6, using: &rng) == 0 ? 0 : Double.random(in: 0.2...50, using: &rng)))
        }
        if points.last?.mbps == 0 { points.append(TracePoint(atMs: (points.last?.atMs ?? 0) + 3, mbps: 7)) }
        return points
    }

    /// A job-level plan: random cuts, random order.
    static func jobLevelPlan(_ scenario: Scenario, _ rng: inout SplitMix64) -> Plan {
        let cuts = scenario.jobs.indices.map { cut(scenario.model(ofJob: $0), &rng) }
        return Plan(algorithm: .partitionOnly, environment: scenario.environment, cuts: cuts,
                    order: Array(scenario.jobs.indices).shuffled(using: &rng), lowerBoundMs: 0)
    }

    /// A layer-level plan: random cuts; every device layer, tensor and cloud layer its own
    /// segment (device chunks sometimes merged); jobs interleaved at random on every
    /// lane, each job's work in topological order.
    static func layerLevelPlan(_ scenario: Scenario, _ rng: inout SplitMix64) -> Plan {
        let cuts = scenario.jobs.indices.map { cut(scenario.model(ofJob: $0), &rng) }
        var perJob: [[[Segment]]] = [[], [], []]  // lane -> job -> segments in order
        for laneIndex in 0..<3 { perJob[laneIndex] = Array(repeating: [], count: cuts.count) }
        for (job, cut) in cuts.enumerated() {
            let model = scenario.model(ofJob: job)
            var chunk: [Int] = []
            for layer in model.layers.indices where cut.onDevice[layer] {
                chunk.append(layer)
                if Bool.random(using: &rng) {
                    perJob[0][job].append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk)))
                    chunk = []
                }
            }
            if !chunk.isEmpty { perJob[0][job].append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk))) }
            for tensor in cut.sentTensors.shuffled(using: &rng) {
                perJob[1][job].append(Segment(lane: .uplink, job: job, startMs: 0, endMs: 0, work: .items([tensor])))
            }
            for layer in model.layers.indices where !cut.onDevice[layer] {
                perJob[2][job].append(Segment(lane: .cloud, job: job, startMs: 0, endMs: 0, work: .items([layer])))
            }
        }
        var segments: [Segment] = []
        for laneIndex in 0..<3 {
            var next = [Int](repeating: 0, count: cuts.count)
            var position = 0.0
            while true {
                let open = cuts.indices.filter { next[$0] < perJob[laneIndex][$0].count }
                guard let job = open.randomElement(using: &rng) else { break }
                var segment = perJob[laneIndex][job][next[job]]
                next[job] += 1
                segment.startMs = position  // encodes the lane order
                segment.endMs = position
                position += 1
                segments.append(segment)
            }
        }
        segments.shuffle(using: &rng)  // the plan's list order must not matter
        var plan = Plan(algorithm: .layerLevel, environment: scenario.environment, cuts: cuts,
                        order: Array(cuts.indices), lowerBoundMs: 0)
        plan.segments = segments
        return plan
    }
}

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
