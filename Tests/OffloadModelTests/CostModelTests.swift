import Testing
@testable import OffloadModel

/// Cost-model numbers worked out by hand (docs/FORMATS.md §1). At 8 Mbps a byte takes
/// 8 / (8 × 1000) = 0.001 ms, so 1000 bytes take 1 ms.
@Suite struct CostModelTests {
    static func layer(_ name: String, _ inputs: [String], device: Double, cloud: Double, bytes: Int) -> Layer {
        Layer(name: name, inputs: inputs, deviceMs: device, cloudMs: cloud, outputBytes: bytes)
    }

    /// input(2000 B) → a → b → c
    static let chain = try! ModelGraph(name: "chain", inputBytes: 2000, layers: [
        layer("a", ["input"], device: 2, cloud: 1, bytes: 1000),
        layer("b", ["a"], device: 4, cloud: 0.5, bytes: 250),
        layer("c", ["b"], device: 6, cloud: 0.25, bytes: 10),
    ])

    /// input → a; a → b, a → c; b, c → d
    static let diamond = try! ModelGraph(name: "diamond", inputBytes: 3000, layers: [
        layer("a", ["input"], device: 1, cloud: 0.1, bytes: 500),
        layer("b", ["a"], device: 2, cloud: 0.2, bytes: 300),
        layer("c", ["a"], device: 3, cloud: 0.3, bytes: 200),
        layer("d", ["b", "c"], device: 4, cloud: 0.4, bytes: 10),
    ])

    let eightMbps = Environment(deviceSpeed: 1, cloudSpeed: 1, bandwidthMbps: 8, latencyMs: 0)

    @Test func chainPrefixes() {
        let expected: [(device: Double, bytes: Int, cloud: Double)] = [
            (0, 2000, 1.75), (2, 1000, 0.75), (6, 250, 0.25), (12, 0, 0),
        ]
        for (count, want) in expected.enumerated() {
            let cut = Self.chain.prefixCut(count)
            #expect(cut.deviceMs == want.device)
            #expect(cut.uplinkBytes == want.bytes)
            #expect(cut.cloudMs == want.cloud)
        }
        let times = Self.chain.prefixCut(1).stageTimes(in: eightMbps)
        #expect(times == StageTimes(device: 2, uplink: 1, cloud: 0.75))
        #expect(Self.chain.isChain)
        #expect(!Self.diamond.isChain)
    }

    @Test func tensorReadByTwoCloudLayersIsSentOnce() throws {
        let cut = try #require(Self.diamond.cut(onDevice: [true, false, false, false]))
        #expect(cut.sentTensors == [0])
        #expect(cut.uplinkBytes == 500)
        #expect(cut.deviceMs == 1)
        #expect(abs(cut.cloudMs - 0.9) < 1e-12)
        #expect(cut.stageTimes(in: eightMbps).uplink == 0.5)
    }

    @Test func severalTensorsCrossInOneTransfer() throws {
        // a, b on the device: a's output still feeds c in the cloud, b's feeds d.
        let cut = try #require(Self.diamond.cut(onDevice: [true, true, false, false]))
        #expect(cut.sentTensors == [0, 1])
        #expect(cut.uplinkBytes == 800)
        let withLatency = Environment(bandwidthMbps: 8, latencyMs: 5)
        #expect(cut.stageTimes(in: withLatency).uplink == 0.8 + 5)
    }

    @Test func rawInputCrossesWhenACloudLayerReadsIt() throws {
        // a and b both read the raw input; a on the device, b in the cloud.
        let model = try ModelGraph(name: "fork", inputBytes: 4000, layers: [
            Self.layer("a", ["input"], device: 1, cloud: 1, bytes: 100),
            Self.layer("b", ["input"], device: 1, cloud: 1, bytes: 100),
            Self.layer("c", ["a", "b"], device: 1, cloud: 1, bytes: 1),
        ])
        let cut = try #require(model.cut(onDevice: [true, false, false]))
        #expect(cut.sentTensors == [Cut.rawInput, 0])
        #expect(cut.uplinkBytes == 4100)
        #expect(model.tensorName(Cut.rawInput) == "input")
    }

    @Test func deviceOnlySendsNothingAndPaysNoLatency() {
        let cut = Self.chain.localCut
        let times = cut.stageTimes(in: Environment(bandwidthMbps: 8, latencyMs: 50))
        #expect(times == StageTimes(device: 12, uplink: 0, cloud: 0))
        #expect(cut.sentTensors.isEmpty)
    }

    @Test func cloudOnlySendsTheRawInput() {
        let cut = Self.diamond.cloudCut
        #expect(cut.sentTensors == [Cut.rawInput])
        let times = cut.stageTimes(in: Environment(bandwidthMbps: 8, latencyMs: 2))
        #expect(times.device == 0)
        #expect(times.uplink == 3 + 2)
        #expect(abs(times.cloud - 1.0) < 1e-12)
    }

    @Test func latencyIsPaidPerTransfer() {
        let environment = Environment(bandwidthMbps: 8, latencyMs: 7)
        #expect(environment.uplinkMs(bytes: 1000) == 8)
        #expect(environment.uplinkMs(bytes: 1) == 7.001)
        #expect(environment.uplinkMs(bytes: 0) == 0)
    }

    @Test func speedsAndBandwidthRescaleTheAxes() {
        let cut = Self.chain.prefixCut(2)
        let times = cut.stageTimes(in: Environment(deviceSpeed: 2, cloudSpeed: 4, bandwidthMbps: 16, latencyMs: 0))
        #expect(times == StageTimes(device: 3, uplink: 0.125, cloud: 0.0625))
    }

    @Test func openSetsAreNotCuts() {
        // b on the device without its input a.
        #expect(Self.chain.cut(onDevice: [false, true, false]) == nil)
        #expect(Self.chain.cut(onDevice: [true]) == nil)
    }

    @Test func graphIsOrderedTopologically() throws {
        let model = try ModelGraph(name: "unordered", inputBytes: 1, layers: [
            Self.layer("late", ["early"], device: 1, cloud: 1, bytes: 1),
            Self.layer("early", ["input"], device: 1, cloud: 1, bytes: 1),
        ])
        #expect(model.layers.map(\.name) == ["early", "late"])
        #expect(model.predecessors == [[], [0]])
        #expect(model.consumers == [[1], []])
        #expect(model.readsRawInput == [true, false])
    }
}

/// Constants (docs/FORMATS.md §1–§2), worked out by hand. At 8 Mbps 1000 bytes take 1 ms.
@Suite struct ConstantCostTests {
    static func layer(_ name: String, _ inputs: [String], device: Double, cloud: Double, bytes: Int) -> Layer {
        Layer(name: name, inputs: inputs, deviceMs: device, cloudMs: cloud, outputBytes: bytes)
    }

    /// input(2000 B) → a → b → c; pos (a constant) feeds a and c; scale feeds b; dead feeds nothing.
    static let model = try! ModelGraph(name: "k", inputBytes: 2000, layers: [
        layer("pos", [], device: 0.5, cloud: 0.125, bytes: 3000),
        layer("a", ["input", "pos"], device: 2, cloud: 1, bytes: 1000),
        layer("scale", [], device: 0.25, cloud: 0.0625, bytes: 500),
        layer("b", ["a", "scale"], device: 4, cloud: 0.5, bytes: 250),
        layer("c", ["b", "pos"], device: 6, cloud: 0.25, bytes: 10),
        layer("dead", [], device: 100, cloud: 100, bytes: 7),
    ])

    @Test func everyPrefixByHand() throws {
        let m = Self.model
        #expect(m.layers.map(\.name) == ["pos", "a", "scale", "b", "c", "dead"])
        // (a, b, c on the device) → device ms, bytes, cloud ms, sent.
        let expected: [([Bool], Double, Int, Double, [Int])] = [
            // Nothing: the raw input is sent; pos and scale run in the cloud only.
            ([false, false, false], 0, 2000, 1 + 0.5 + 0.25 + 0.125 + 0.0625, [Cut.rawInput]),
            // a: pos runs on both sides (a on the device, c in the cloud); a's output is sent.
            ([true, false, false], 2 + 0.5, 1000, 0.5 + 0.25 + 0.125 + 0.0625, [1]),
            // a, b: pos on both sides, scale on the device only; b's output is sent.
            ([true, true, false], 2 + 4 + 0.5 + 0.25, 250, 0.25 + 0.125, [3]),
            // Everything: nothing sent, no cloud time; dead runs nowhere.
            ([true, true, true], 12 + 0.5 + 0.25, 0, 0, []),
        ]
        for (ordinary, device, bytes, cloud, sent) in expected {
            // Constants' own flags are ignored: try both.
            for flag in [false, true] {
                let onDevice = [flag, ordinary[0], flag, ordinary[1], ordinary[2], flag]
                let cut = try #require(m.cut(onDevice: onDevice))
                #expect(cut.deviceMs == device && cut.uplinkBytes == bytes && cut.cloudMs == cloud && cut.sentTensors == sent,
                        "\(ordinary)")
                #expect(cut.onDevice[0] == ordinary[0] && cut.onDevice[2] == ordinary[1] && !cut.onDevice[5])
            }
        }
        let cut = try #require(m.cut(onDevice: [true, true, false, false, false, false]))
        #expect(m.runsInCloud(0, in: cut) && cut.onDevice[0])
        #expect(m.runsInCloud(2, in: cut) && !cut.onDevice[2])
        #expect(!m.runsInCloud(5, in: cut))
        #expect(m.cloudLayers(of: cut) == [0, 2, 3, 4])
        #expect(m.deviceLayers(of: cut) == [0, 1])
        #expect(cut.stageTimes(in: Environment(bandwidthMbps: 8)) == StageTimes(device: 2.5, uplink: 1, cloud: 0.9375))
        #expect(m.localCut.deviceMs == 12.75 && m.cloudCut.cloudMs == 1.9375)
        // Open sets stay refused: b without a.
        #expect(m.cut(onDevice: [true, false, true, true, false, false]) == nil)
    }
}
