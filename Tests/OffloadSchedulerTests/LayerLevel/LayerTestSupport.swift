import OffloadModel

@testable import OffloadScheduler

enum TreeKind: CaseIterable {
    case outTree, inTree, chain, residual
}

enum Random {
    /// A job whose layer graph is an out-forest, an in-forest or a chain, with a
    /// random predecessor-closed cut; cloud layers take no time.
    static func treeJob(kind: TreeKind, layers m: Int, rng: inout SplitMix64, integerTimes: Bool) -> LayerJob {
        var inputs: [[Int]] = []
        var open: [Int] = []   // in-tree: layers nobody reads yet
        for i in 0..<m {
            switch kind {
            case .chain:
                inputs.append([i == 0 ? -1 : i - 1])
            case .residual:   // a chain with skip connections: still totally ordered
                inputs.append(i == 0 ? [-1] : i >= 2 && Bool.random(using: &rng) ? [Int.random(in: 0...(i - 2), using: &rng), i - 1] : [i - 1])
            case .outTree:
                inputs.append([i == 0 || Int.random(in: 0..<5, using: &rng) == 0 ? -1 : Int.random(in: 0..<i, using: &rng)])
            case .inTree:
                var ins: [Int] = []
                for k in open where Bool.random(using: &rng) { ins.append(k) }
                open.removeAll { ins.contains($0) }
                open.append(i)
                inputs.append(ins.isEmpty ? [-1] : ins)
            }
        }
        var onDevice = [Bool](repeating: false, count: m)
        for i in 0..<m {
            onDevice[i] = Int.random(in: 0..<10, using: &rng) < 7 && inputs[i].allSatisfy { $0 < 0 || onDevice[$0] }
        }
        func time() -> Double {
            integerTimes ? Double(Int.random(in: 0...4, using: &rng)) : Double.random(in: 0...4, using: &rng)
        }
        let bytesChoices = [0, 1000, 2000, 3000, 4000]
        return LayerJob(
            inputBytes: integerTimes ? bytesChoices.randomElement(using: &rng) ?? 0 : Int.random(in: 0...4000, using: &rng),
            deviceMs: (0..<m).map { _ in time() },
            cloudMs: (0..<m).map { _ in 0 },
            outputBytes: (0..<m).map { _ in integerTimes ? bytesChoices.randomElement(using: &rng) ?? 0 : Int.random(in: 0...4000, using: &rng) },
            inputs: inputs,
            onDevice: onDevice)
    }

    /// A job with a random DAG (1–3 inputs per layer), a random closed cut and
    /// random cloud times.
    static func dagJob(layers m: Int, rng: inout SplitMix64) -> LayerJob {
        var inputs: [[Int]] = []
        for i in 0..<m {
            if i == 0 || Int.random(in: 0..<6, using: &rng) == 0 {
                inputs.append(i == 0 ? [-1] : [-1, Int.random(in: 0..<i, using: &rng)])
                continue
            }
            let count = Int.random(in: 1...min(3, i), using: &rng)
            inputs.append((0..<count).map { _ in Int.random(in: 0..<i, using: &rng) })   // duplicates allowed
        }
        var onDevice = [Bool](repeating: false, count: m)
        let prefix = Int.random(in: 0...m, using: &rng)
        for i in 0..<m {
            let wants = i < prefix || Int.random(in: 0..<4, using: &rng) == 0
            onDevice[i] = wants && inputs[i].allSatisfy { $0 < 0 || onDevice[$0] }
        }
        return LayerJob(
            inputBytes: Int.random(in: 0...6000, using: &rng),
            deviceMs: (0..<m).map { _ in Int.random(in: 0..<8, using: &rng) == 0 ? 0 : Double.random(in: 0.1...5, using: &rng) },
            cloudMs: (0..<m).map { _ in Int.random(in: 0..<8, using: &rng) == 0 ? 0 : Double.random(in: 0.05...2, using: &rng) },
            outputBytes: (0..<m).map { _ in Int.random(in: 0..<6, using: &rng) == 0 ? 0 : Int.random(in: 1...6000, using: &rng) },
            inputs: inputs,
            onDevice: onDevice)
    }
}

/// Exhaustive search for the tree setting (cloud layers take no time, one tensor
/// per transfer): every topological order of all device layers, combined with
/// every order of the transfers, each operation as early as its lane and inputs
/// allow. Independent of the library's code.
enum LayerBruteForce {
    struct DeviceLayer {
        var job: Int
        var layer: Int
        var duration: Double
        var preds: [Int]   // indices into the device-layer list
    }

    struct Tensor {
        var producer: Int?   // device-layer index; nil for a raw input
        var send: Double
    }

    static func treeSettingOptimum(jobs: [LayerJob], speeds: Environment) -> Double {
        var device: [DeviceLayer] = []
        var index: [[Int]] = jobs.map { [Int](repeating: -1, count: $0.layerCount) }
        for (j, job) in jobs.enumerated() {
            for i in 0..<job.layerCount where job.onDevice[i] {
                index[j][i] = device.count
                device.append(DeviceLayer(job: j, layer: i, duration: job.deviceMs[i] / speeds.deviceSpeed,
                                          preds: job.inputs[i].filter { $0 >= 0 }.map { index[j][$0] }))
            }
        }
        var tensors: [Tensor] = []
        for (j, job) in jobs.enumerated() {
            var read = Set<Int>()
            for i in 0..<job.layerCount where !job.onDevice[i] {
                for k in job.inputs[i] where k < 0 || job.onDevice[k] { read.insert(k) }
            }
            for k in read.sorted() {
                let bytes = k < 0 ? job.inputBytes : job.outputBytes[k]
                guard bytes > 0 else { continue }
                tensors.append(Tensor(producer: k < 0 ? nil : index[j][k],
                                      send: Double(bytes) * 8 / (speeds.bandwidthMbps * 1000) + speeds.latencyMs))
            }
        }
        var best = Double.infinity
        var finish = [Double](repeating: 0, count: device.count)
        var done = [Bool](repeating: false, count: device.count)

        func uplink(_ sent: inout [Bool], free: Double, left: Double, deviceEnd: Double) {
            if max(deviceEnd, free + left) >= best { return }
            var any = false
            for t in tensors.indices where !sent[t] {
                any = true
                let release = tensors[t].producer.map { finish[$0] } ?? 0
                sent[t] = true
                uplink(&sent, free: max(free, release) + tensors[t].send, left: left - tensors[t].send, deviceEnd: deviceEnd)
                sent[t] = false
            }
            if !any { best = min(best, max(deviceEnd, free)) }
        }

        func deviceOrders(count: Int, time: Double) {
            if count == device.count {
                var sent = [Bool](repeating: false, count: tensors.count)
                uplink(&sent, free: 0, left: tensors.reduce(0) { $0 + $1.send }, deviceEnd: time)
                return
            }
            for d in device.indices where !done[d] && device[d].preds.allSatisfy({ done[$0] }) {
                done[d] = true
                finish[d] = time + device[d].duration
                deviceOrders(count: count + 1, time: finish[d])
                done[d] = false
            }
        }
        deviceOrders(count: 0, time: 0)
        return best
    }
}

extension LayerPlan {
    /// The latest end of any segment.
    var lastEnd: Double { segments.reduce(0) { max($0, $1.endMs) } }
}

/// The job-level makespan of docs/FORMATS.md §1 computed from stage sums (independent of the library).
func pipelineMakespan(jobs: [LayerJob], speeds: Environment, order: [Int]) -> Double {
    var deviceFree = 0.0, uplinkFree = 0.0, cloudFree = 0.0, makespan = 0.0
    for j in order {
        let job = jobs[j]
        var device = 0.0, cloud = 0.0
        var read = Set<Int>()
        for i in 0..<job.layerCount {
            if job.onDevice[i] { device += job.deviceMs[i] / speeds.deviceSpeed; continue }
            cloud += job.cloudMs[i] / speeds.cloudSpeed
            for k in job.inputs[i] where k < 0 || job.onDevice[k] { read.insert(k) }
        }
        let bytes = read.reduce(0) { $0 + ($1 < 0 ? job.inputBytes : job.outputBytes[$1]) }
        let uplink = bytes > 0 ? Double(bytes) * 8 / (speeds.bandwidthMbps * 1000) + speeds.latencyMs : 0
        var ready = 0.0
        if device > 0 { deviceFree += device; ready = deviceFree }
        if uplink > 0 { uplinkFree = max(uplinkFree, ready) + uplink; ready = uplinkFree }
        if cloud > 0 { cloudFree = max(cloudFree, ready) + cloud; ready = cloudFree }
        makespan = max(makespan, ready)
    }
    return makespan
}

/// Equal up to floating-point noise.
func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
