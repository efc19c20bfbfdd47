import OffloadModel
import OffloadScheduler

/// Random option lists for tests and benchmarks.
public enum InstanceGenerator {
    /// Options like the prefixes of a chain DNN: device time increasing, cloud time decreasing,
    /// uplink arbitrary. With `endpoints`, the first option is cloud-only (no device time) and the
    /// last one device-only (no uplink, no cloud).
    public static func chain(
        options k: Int, device: ClosedRange<Double> = 1...300, uplink: ClosedRange<Double> = 0...400,
        cloud: ClosedRange<Double> = 0.5...15, endpoints: Bool = false, rng: inout SplitMix64
    ) -> [StageTimes] {
        var d = (0..<k).map { _ in rng.uniform(device) }.sorted()
        var c = (0..<k).map { _ in rng.uniform(cloud) }.sorted(by: >)
        var u = (0..<k).map { _ in rng.uniform(uplink) }
        if endpoints && k >= 2 {
            d[0] = 0
            u[k - 1] = 0
            c[k - 1] = 0
        }
        if endpoints && k == 1 { d[0] = 0 }
        return (0..<k).map { StageTimes(device: d[$0], uplink: u[$0], cloud: c[$0]) }
    }

    /// Arbitrary small integer times, each zero with probability 1/4.
    public static func adversarial(options k: Int, rng: inout SplitMix64) -> [StageTimes] {
        func value(_ rng: inout SplitMix64) -> Double {
            rng.integer(0...3) == 0 ? 0 : Double(rng.integer(1...10))
        }
        return (0..<k).map { _ in
            StageTimes(device: value(&rng), uplink: value(&rng), cloud: value(&rng))
        }
    }

    /// Arbitrary real times in `0...10` (no structure).
    public static func uniform(options k: Int, rng: inout SplitMix64) -> [StageTimes] {
        (0..<k).map { _ in
            StageTimes(device: rng.uniform(0...10), uplink: rng.uniform(0...10), cloud: rng.uniform(0...10))
        }
    }
}
