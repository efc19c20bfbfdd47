import OffloadModel

/// A generated model shaped like torchvision's Inception-v3 (314 layers), for benchmarks
/// and tests of the closed-cut enumeration: a stem, then three A blocks, a B block, four
/// C blocks, a D block and two E blocks of parallel branches joined by concatenations,
/// each convolution unit being conv, batch norm and ReLU. Costs are random (the same for
/// the same seed): device time proportional to a per-unit work of 0.05–3 ms, cloud time
/// about a twentieth of it, tensors shrinking with depth.
public enum InceptionLikeModel {
    public static func make(seed: UInt64) throws(InputError) -> ModelGraph {
        var random = SplitMix64(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { random.uniform(low...high) }
        var layers: [Layer] = []
        var bytesScale = 1_500_000.0
        func add(_ type: String, _ inputs: [String], work: Double, bytes: Int? = nil) -> String {
            let name = "\(type.lowercased())_\(layers.count)"
            let device = work * uniform(0.8, 1.2)
            let outputBytes = bytes ?? Int(bytesScale * uniform(0.5, 1.5))
            layers.append(Layer(name: name, type: type, inputs: inputs, deviceMs: device,
                                cloudMs: device / 20 + uniform(0.005, 0.02), outputBytes: outputBytes))
            return name
        }
        func unit(_ input: String) -> String {
            let conv = add("Conv2d", [input], work: uniform(0.05, 3))
            let norm = add("BatchNorm2d", [conv], work: uniform(0.01, 0.05))
            return add("ReLU", [norm], work: uniform(0.005, 0.02))
        }
        func units(_ input: String, _ count: Int) -> String {
            var last = input
            for _ in 0..<count { last = unit(last) }
            return last
        }
        func pool(_ input: String) -> String { add("AvgPool2d", [input], work: uniform(0.02, 0.1)) }
        func concat(_ inputs: [String]) -> String {
            let bytes = inputs.compactMap { name in layers.first { $0.name == name }?.outputBytes }.reduce(0, +)
            return add("Cat", inputs, work: uniform(0.01, 0.05), bytes: bytes / 2)
        }
        // Stem: five units and two max pools (17 layers).
        var x = units("input", 3)
        x = add("MaxPool2d", [x], work: uniform(0.05, 0.2))
        x = units(x, 2)
        x = add("MaxPool2d", [x], work: uniform(0.05, 0.2))
        bytesScale /= 2
        for _ in 0..<3 {  // A: 1x1; 1x1-5x5; 1x1-3x3-3x3; pool-1x1 (23 layers)
            x = concat([units(x, 1), units(x, 2), units(x, 3), unit(pool(x))])
        }
        bytesScale /= 2
        x = concat([units(x, 1), units(x, 3), add("MaxPool2d", [x], work: uniform(0.05, 0.2))])  // B (14 layers)
        for _ in 0..<4 {  // C: 1x1; three 7x7 factors; five; pool-1x1 (32 layers)
            x = concat([units(x, 1), units(x, 3), units(x, 5), unit(pool(x))])
        }
        bytesScale /= 2
        x = concat([units(x, 2), units(x, 4), add("MaxPool2d", [x], work: uniform(0.05, 0.2))])  // D (20 layers)
        for _ in 0..<2 {  // E: 1x1; 1x1 then two; 1x1-3x3 then two; pool-1x1 (31 layers)
            let a = unit(x)
            let b = unit(x)
            let bSplit = concat([unit(b), unit(b)])
            let c = units(x, 2)
            let cSplit = concat([unit(c), unit(c)])
            x = concat([a, bSplit, cSplit, unit(pool(x))])
        }
        x = add("AdaptiveAvgPool2d", [x], work: uniform(0.02, 0.1), bytes: 8_192)
        x = add("Dropout", [x], work: 0.001, bytes: 8_192)
        x = add("Flatten", [x], work: 0.001, bytes: 8_192)
        _ = add("Linear", [x], work: uniform(0.2, 0.6), bytes: 4_000)
        return try ModelGraph(name: "inception-like-\(seed)", inputBytes: 1_072_812, layers: layers)
    }
}
