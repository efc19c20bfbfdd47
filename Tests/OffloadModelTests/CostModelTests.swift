import Testing
@testable import OffloadModel

/// Cost-model numbers worked out by hand (SPEC §1). At 8 Mbps a byte takes
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
