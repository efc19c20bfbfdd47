import OffloadModel
@testable import OffloadScheduler

/// Random layer graphs shaped like DNNs, for tests and benchmarks.
enum SyntheticGraphs {
    /// A random DAG: mostly a chain, with skips of up to 12 layers, branches and
    /// occasional 3-input layers reaching up to 30 layers back; per-layer costs are
    /// independent and vary by a factor of 2,000, so the cost hull is large.
    static func randomDAG(layers n: Int, seed: UInt64) -> CutGraph {
        var rng = SplitMix64(seed: seed)
        var inputs: [[Int]] = []
        var deviceMs: [Double] = []
        var cloudMs: [Double] = []
        var outputBytes: [Int] = []
        for i in 0..<n {
            var ins: [Int] = [i - 1]
            let r = Double.random(in: 0..<1, using: &rng)
            if i >= 2 && r < 0.12 {
                ins.append(Int.random(in: max(-1, i - 12)...(i - 2), using: &rng))
            } else if i >= 4 && r < 0.16 {
                ins = [i - 1, i - 2, Int.random(in: max(0, i - 30)...(i - 3), using: &rng)]
            } else if i >= 2 && r < 0.22 {
                // Branch: read further back instead of the previous layer.
                ins = [Int.random(in: max(-1, i - 6)...(i - 2), using: &rng)]
            }
            inputs.append(ins)
            let work = Double.random(in: 0.01...1, using: &rng) * (Double.random(in: 0..<1, using: &rng) < 0.2 ? 20 : 1)
            deviceMs.append(work)
            cloudMs.append(work * Double.random(in: 0.01...0.08, using: &rng) + 0.02)
            let shrink = Double(i) / Double(max(n, 1))
            let base = 3_000_000.0 * (1 - 0.95 * shrink)
            outputBytes.append(Int(base * Double.random(in: 0.05...1.5, using: &rng)))
        }
        return CutGraph(inputBytes: 602_112, deviceMs: deviceMs, cloudMs: cloudMs, outputBytes: outputBytes, inputs: inputs)
    }
}

extension SyntheticGraphs {
    /// A deep ResNet-style network of exactly `n` layers (n ≥ 1): a stem, then bottleneck
    /// blocks (conv-bn-relu ×2, conv-bn, optional downsample branch, add, relu) over four
    /// stages of shrinking resolution. Costs follow the measured profiles: device time
    /// proportional to FLOPs, cloud time a small per-layer overhead, bytes = C·H·W·4,
    /// each with ±20 % noise.
    static func resNetLike(layers n: Int, seed: UInt64) -> CutGraph {
        var rng = SplitMix64(seed: seed)
        var inputs: [[Int]] = []
        var deviceMs: [Double] = []
        var cloudMs: [Double] = []
        var outputBytes: [Int] = []
        func noise() -> Double { Double.random(in: 0.8...1.2, using: &rng) }
        @discardableResult
        func layer(_ ins: [Int], flops: Double, cloud: Double, channels: Int, side: Int) -> Int {
            inputs.append(ins)
            deviceMs.append(flops / 1.4e8 * noise() + 0.01)
            cloudMs.append(cloud * noise())
            outputBytes.append(Int(Double(channels * side * side * 4) * noise()))
            return inputs.count - 1
        }
        // Stem.
        var last = layer([-1], flops: 2.4e8, cloud: 0.055, channels: 64, side: 112)
        last = layer([last], flops: 8e5, cloud: 0.045, channels: 64, side: 112)
        last = layer([last], flops: 8e5, cloud: 0.025, channels: 64, side: 112)
        last = layer([last], flops: 9e8, cloud: 0.035, channels: 64, side: 56)
        let blocksLeft = max(0, (n - inputs.count) / 11)
        let stages: [(channels: Int, side: Int)] = [(256, 56), (512, 28), (1024, 14), (2048, 7)]
        for b in 0..<blocksLeft {
            let stage = stages[min(3, b * 4 / max(blocksLeft, 1))]
            let first = b == 0 || stages[min(3, (b - 1) * 4 / max(blocksLeft, 1))].side != stage.side
            let mid = stage.channels / 4
            let s = stage.side
            let convFlops = Double(mid * mid * 9 * s * s) * 2
            var x = layer([last], flops: convFlops / 4, cloud: 0.037, channels: mid, side: s)
            x = layer([x], flops: Double(mid * s * s), cloud: 0.036, channels: mid, side: s)
            x = layer([x], flops: Double(mid * s * s), cloud: 0.024, channels: mid, side: s)
            x = layer([x], flops: convFlops, cloud: 0.05, channels: mid, side: s)
            x = layer([x], flops: Double(mid * s * s), cloud: 0.037, channels: mid, side: s)
            x = layer([x], flops: Double(mid * s * s), cloud: 0.025, channels: mid, side: s)
            x = layer([x], flops: convFlops / 2, cloud: 0.036, channels: stage.channels, side: s)
            x = layer([x], flops: Double(stage.channels * s * s), cloud: 0.036, channels: stage.channels, side: s)
            var shortcut = last
            if first {
                shortcut = layer([last], flops: convFlops / 2, cloud: 0.037, channels: stage.channels, side: s)
                shortcut = layer([shortcut], flops: Double(stage.channels * s * s), cloud: 0.037,
                                 channels: stage.channels, side: s)
            }
            x = layer([x, shortcut], flops: Double(stage.channels * s * s), cloud: 0.021, channels: stage.channels, side: s)
            last = layer([x], flops: Double(stage.channels * s * s), cloud: 0.024, channels: stage.channels, side: s)
            if inputs.count >= n - 12 { break }
        }
        // Head: pad with pooling / fc-like layers to exactly n.
        while inputs.count < n {
            last = layer([last], flops: 4e6, cloud: 0.03, channels: 1000, side: 1)
        }
        if inputs.count > n {
            inputs.removeLast(inputs.count - n)
            deviceMs.removeLast(deviceMs.count - n)
            cloudMs.removeLast(cloudMs.count - n)
            outputBytes.removeLast(outputBytes.count - n)
        }
        return CutGraph(inputBytes: 602_112, deviceMs: deviceMs, cloudMs: cloudMs, outputBytes: outputBytes, inputs: inputs)
    }
}

extension SyntheticGraphs {
    /// A randomly wired model of `n` layers: layer 0 reads the raw input, every later
    /// layer one to three distinct layers among the ten before it; device time 0.01–5 ms,
    /// cloud time 0.001–0.2 ms and output 1,000–4,000,000 bytes, each uniform. Few
    /// series split points and a large cost hull: the hard case for candidate cuts.
    static func randomlyWiredModel(layers n: Int, seed: UInt64) -> ModelGraph {
        var rng = SplitMix64(seed: seed)
        var layers: [Layer] = []
        for i in 0..<n {
            var inputs = ["input"]
            if i > 0 {
                var pool = Array(max(0, i - 10)..<i)
                pool.shuffle(using: &rng)
                inputs = pool.prefix(Int.random(in: 1...3, using: &rng)).sorted().map { "l\($0)" }
            }
            layers.append(Layer(name: "l\(i)", inputs: inputs, deviceMs: Double.random(in: 0.01...5, using: &rng),
                                cloudMs: Double.random(in: 0.001...0.2, using: &rng),
                                outputBytes: Int.random(in: 1_000...4_000_000, using: &rng)))
        }
        // Valid by construction: every input names an earlier layer.
        return try! ModelGraph(name: "randomly-wired-\(n)", inputBytes: 602_112, layers: layers)
    }

    /// ``randomlyWiredModel(layers:seed:)`` as a cut graph.
    static func randomlyWired(layers n: Int, seed: UInt64) -> CutGraph {
        CandidateCuts.cutGraph(of: randomlyWiredModel(layers: n, seed: seed))
    }
}
