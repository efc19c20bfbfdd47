@testable import OffloadScheduler
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Independent reference implementations for small graphs.
enum CutBruteForce {
    struct Profile: Hashable {
        var deviceMs: Double
        var uplinkBytes: Int
        var cloudMs: Double
        var sent: [Int]
    }

    /// Closedness straight from the definition.
    static func isClosed(_ graph: CutGraph, _ onDevice: [Bool]) -> Bool {
        for v in 0..<graph.layerCount where onDevice[v] {
            for u in graph.inputs[v] where u >= 0 && !onDevice[u] { return false }
        }
        return true
    }

    /// The profile straight from the definition.
    static func profile(_ graph: CutGraph, _ onDevice: [Bool]) -> Profile {
        var device = 0.0
        var cloud = 0.0
        var sent = Set<Int>()
        for v in 0..<graph.layerCount {
            if onDevice[v] {
                device += graph.deviceMs[v]
            } else {
                cloud += graph.cloudMs[v]
                // A follower reads no tensor.
                if graph.isFollower(v) { continue }
                for u in graph.inputs[v] where u < 0 || onDevice[u] { sent.insert(u) }
            }
        }
        let bytes = sent.reduce(0) { $0 + ($1 < 0 ? graph.inputBytes : graph.outputBytes[$1]) }
        return Profile(deviceMs: device, uplinkBytes: bytes, cloudMs: cloud, sent: sent.sorted())
    }

    /// Every closed device set (graphs of at most ~16 layers).
    static func closedSets(_ graph: CutGraph) -> [[Bool]] {
        let n = graph.layerCount
        var result: [[Bool]] = []
        for mask in 0..<(1 << n) {
            let set = (0..<n).map { mask & (1 << $0) != 0 }
            if isClosed(graph, set) { result.append(set) }
        }
        return result
    }

    /// Job cost under a weighting with latency paid iff bytes are sent.
    static func cost(deviceMs: Double, bytes: Int, cloudMs: Double, _ w: Weighting) -> Double {
        w.device * deviceMs + (bytes > 0 ? w.bytes * Double(bytes) + w.latency : 0) + w.cloud * cloudMs
    }
}

struct Weighting: CustomStringConvertible {
    var device: Double
    var bytes: Double
    var cloud: Double
    var latency: Double
    var description: String { "w_d=\(device) w_b=\(bytes) w_c=\(cloud) lat=\(latency)" }

    /// Log-uniform positive weights over `decades` orders of magnitude each, scaled so
    /// every axis matters for typical graphs; latency 0, moderate or huge.
    static func random(_ rng: inout SplitMix64, bytesScale: Double, decades: Double = 8) -> Weighting {
        func logUniform() -> Double { pow(10, Double.random(in: -decades / 2...decades / 2, using: &rng)) }
        let latencyChoice = Int.random(in: 0..<4, using: &rng)
        let latency: Double = switch latencyChoice {
        case 0: 0
        case 1: Double.random(in: 0...5, using: &rng)
        case 2: logUniform()
        default: 1e6
        }
        return Weighting(device: logUniform(), bytes: logUniform() / bytesScale, cloud: logUniform(), latency: latency)
    }
}

/// Small random DAGs that stress ties and degenerate cases.
enum SmallGraphs {
    static func random(_ rng: inout SplitMix64, maxLayers: Int = 12) -> CutGraph {
        let n = Int.random(in: 1...maxLayers, using: &rng)
        let style = Int.random(in: 0..<4, using: &rng)
        var inputs: [[Int]] = []
        var device: [Double] = []
        var cloud: [Double] = []
        var bytes: [Int] = []
        for i in 0..<n {
            var ins: [Int] = []
            let count = Int.random(in: 0...3, using: &rng)
            for _ in 0..<count { ins.append(Int.random(in: -1..<i, using: &rng)) }
            if ins.isEmpty && Int.random(in: 0..<6, using: &rng) != 0 { ins = [i - 1] }
            if Int.random(in: 0..<8, using: &rng) == 0, let first = ins.first { ins.append(first) }  // duplicate input
            inputs.append(ins)
            switch style {
            case 0:  // small integers: many exact ties
                device.append(Double(Int.random(in: 0...3, using: &rng)))
                cloud.append(Double(Int.random(in: 0...3, using: &rng)))
                bytes.append(Int.random(in: 0...3, using: &rng))
            case 1:  // continuous
                device.append(Double.random(in: 0...10, using: &rng))
                cloud.append(Double.random(in: 0...1, using: &rng))
                bytes.append(Int.random(in: 0...1_000_000, using: &rng))
            case 2:  // DNN-like magnitudes with some zeros
                device.append(Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Double.random(in: 0.01...8, using: &rng))
                cloud.append(Double.random(in: 0.01...0.1, using: &rng))
                bytes.append(Int.random(in: 0..<5, using: &rng) == 0 ? 0 : Int.random(in: 1_000...4_000_000, using: &rng))
            default:  // proportional axes: collinear profiles
                let work = Double(Int.random(in: 0...4, using: &rng))
                device.append(work)
                cloud.append(work / 4)
                bytes.append(Int.random(in: 0...2, using: &rng) * 100)
            }
        }
        let inputBytes = style == 0 ? Int.random(in: 0...3, using: &rng) : Int.random(in: 0...2_000_000, using: &rng)
        return CutGraph(inputBytes: inputBytes, deviceMs: device, cloudMs: cloud, outputBytes: bytes, inputs: inputs)
    }
}
