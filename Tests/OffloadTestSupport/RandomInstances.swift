import OffloadModel
import OffloadScheduler

extension SplitMix64 {
    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        uniform(0...1) < p
    }

    /// A time in [0.1, upper], or 0 one time in four.
    public mutating func maybeZero(_ upper: Double) -> Double {
        integer(0...3) == 0 ? 0 : uniform(0.1...upper)
    }
}

/// Random models, scenarios, cuts, plans and traces.
public enum RandomInstances {
    /// A chain or a small DAG of 1–6 layers with random times and sizes (some zero).
    public static func model(_ rng: inout SplitMix64, name: String) -> ModelGraph {
        let count = Int.random(in: 1...6, using: &rng)
        let chain = Bool.random(using: &rng)
        var layers: [Layer] = []
        for index in 0..<count {
            let inputs = Self.inputs(of: index, chain: chain) {
                var inputs = ["l\(Int.random(in: 0..<index, using: &rng))"]
                if Bool.random(using: &rng) { inputs.append(Int.random(in: 0..<3, using: &rng) == 0 ? "input" : "l\(Int.random(in: 0..<index, using: &rng))") }
                return Array(Set(inputs)).sorted()
            }
            layers.append(Layer(name: "l\(index)", inputs: inputs, deviceMs: rng.maybeZero(8), cloudMs: rng.maybeZero(3),
                                outputBytes: Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Int.random(in: 100...20_000, using: &rng)))
        }
        // Valid by construction: unique names, earlier inputs only.
        let inputBytes = Int.random(in: 0...30_000, using: &rng)
        do {
            return try ModelGraph(name: name, inputBytes: inputBytes, layers: layers)
        } catch {
            preconditionFailure("a generated model was refused: \(error)")
        }
    }

    public static func environment(_ rng: inout SplitMix64) -> Environment {
        Environment(deviceSpeed: [0.5, 1, 2].randomElement(using: &rng) ?? 1,
                    cloudSpeed: [0.5, 1, 4].randomElement(using: &rng) ?? 1,
                    bandwidthMbps: Double.random(in: 0.5...40, using: &rng),
                    latencyMs: [0, 0, 0.3, 5, 40].randomElement(using: &rng) ?? 0)
    }

    /// 1–8 jobs over 1–3 random models.
    public static func scenario(_ rng: inout SplitMix64) -> Scenario {
        let models = (0..<Int.random(in: 1...3, using: &rng)).map { model(&rng, name: "m\($0)") }
        let jobs = (0..<Int.random(in: 1...8, using: &rng)).map { Job(id: "j\($0)", modelIndex: Int.random(in: 0..<models.count, using: &rng)) }
        return Scenario(name: "random", environment: environment(&rng), models: models, jobs: jobs)
    }

    /// A random cut closed under predecessors.
    public static func cut(_ model: ModelGraph, _ rng: inout SplitMix64) -> Cut {
        var onDevice = [Bool](repeating: false, count: model.layers.count)
        for index in model.layers.indices where model.predecessors[index].allSatisfy({ onDevice[$0] }) {
            onDevice[index] = Int.random(in: 0..<3, using: &rng) > 0
        }
        return model.cut(onDevice: onDevice) ?? model.localCut
    }

    /// A trace of 1–8 points: a rate of 0 (an outage) now and then, never last.
    public static func trace(_ rng: inout SplitMix64) -> [TracePoint] {
        var points = [TracePoint(atMs: 0, mbps: Double.random(in: 0.5...50, using: &rng))]
        for _ in 0..<Int.random(in: 0...7, using: &rng) {
            let at = (points.last?.atMs ?? 0) + Double.random(in: 0.5...30, using: &rng)
            points.append(TracePoint(atMs: at, mbps: Int.random(in: 0..<6, using: &rng) == 0 ? 0 : Double.random(in: 0.2...50, using: &rng)))
        }
        if points.last?.mbps == 0 { points.append(TracePoint(atMs: (points.last?.atMs ?? 0) + 3, mbps: 7)) }
        return points
    }

    /// A job-level plan: random cuts, random order.
    public static func jobLevelPlan(_ scenario: Scenario, _ rng: inout SplitMix64) -> Plan {
        let cuts = scenario.jobs.indices.map { cut(scenario.model(ofJob: $0), &rng) }
        return Plan(algorithm: .partitionOnly, environment: scenario.environment, cuts: cuts,
                    order: Array(scenario.jobs.indices).shuffled(using: &rng), lowerBoundMs: 0)
    }

    /// A layer-level plan: random cuts; every device layer, tensor and cloud layer its own
    /// segment (device chunks sometimes merged); jobs interleaved at random on every
    /// lane, each job's work in topological order.
    public static func layerLevelPlan(_ scenario: Scenario, _ rng: inout SplitMix64) -> Plan {
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

extension RandomInstances {
    /// The inputs of layer `index` of a generated model whose layers are `l0`, `l1`, …:
    /// the raw input for the first, the layer before in a `chain`, else what `dag` picks.
    public static func inputs(of index: Int, chain: Bool, dag: () -> [String]) -> [String] {
        index == 0 ? ["input"] : chain ? ["l\(index - 1)"] : dag()
    }

    /// An environment for planning tests: speeds 0.3–3 (device) and 0.2–3 (cloud), 2–60
    /// Mbit/s, a latency of up to 5 ms three times in ten.
    public static func plannerEnvironment(_ random: inout SplitMix64) -> Environment {
        Environment(deviceSpeed: random.uniform(0.3...3), cloudSpeed: random.uniform(0.2...3),
                    bandwidthMbps: random.uniform(2...60), latencyMs: random.chance(0.3) ? random.uniform(0...5) : 0)
    }
}
