import Testing
@testable import OffloadScheduler

@Suite struct ProfileTests {
    // input → 0 → {1, 2} → 3 (reads 1, 2 and the raw input)
    let diamond = CutGraph(inputBytes: 1_000, deviceMs: [1, 2, 3, 4], cloudMs: [0.1, 0.2, 0.3, 0.4],
                           outputBytes: [10, 20, 30, 40], inputs: [[-1], [0], [0], [1, 2, -1]])

    @Test func tensorFeedingTwoCloudLayersIsCountedOnce() throws {
        let cut = try #require(diamond.profile(onDevice: [true, false, false, false]))
        // Tensor 0 feeds cloud layers 1 and 2 but is paid once; cloud layer 3 reads the raw input.
        #expect(cut.sentTensors == [-1, 0])
        #expect(cut.uplinkBytes == 1_000 + 10)
    }

    @Test func rawInputCountedWhenACloudLayerReadsIt() throws {
        // Layer 3 reads the raw input; everything but 3 on the device.
        let cut = try #require(diamond.profile(onDevice: [true, true, true, false]))
        #expect(cut.sentTensors == [-1, 1, 2])
        #expect(cut.uplinkBytes == 1_000 + 20 + 30)
        #expect(cut.deviceMs == 6)
        #expect(cut.cloudMs == 0.4)
        let none = try #require(diamond.profile(onDevice: [false, false, false, false]))
        #expect(none.sentTensors == [-1])
        #expect(none.uplinkBytes == 1_000)
        let all = try #require(diamond.profile(onDevice: [true, true, true, true]))
        #expect(all.sentTensors == [])
        #expect(all.uplinkBytes == 0)
        #expect(all.cloudMs == 0)
    }

    @Test func sharedTensorOnce() throws {
        // input → 0 → {1, 2}; 0 on the device, 1 and 2 in the cloud.
        let graph = CutGraph(inputBytes: 500, deviceMs: [1, 1, 1], cloudMs: [1, 1, 1], outputBytes: [7, 8, 9],
                             inputs: [[-1], [0], [0, 0]])
        let cut = try #require(graph.profile(onDevice: [true, false, false]))
        #expect(cut.uplinkBytes == 7)
        #expect(cut.sentTensors == [0])
        let candidates = CutEnumeration.compute(graph)
        #expect(candidates.contains { $0.onDevice == [true, false, false] && $0.uplinkBytes == 7 })
    }

    @Test func closedness() {
        #expect(diamond.isClosed(onDevice: [true, true, false, false]))
        #expect(!diamond.isClosed(onDevice: [false, true, false, false]))
        #expect(!diamond.isClosed(onDevice: [true, true, false, true]))
        #expect(diamond.isClosed(onDevice: [false, false, false, false]))
        #expect(!diamond.isClosed(onDevice: [true]))
    }

    @Test func malformedGraphsAreRejectedWithoutTrapping() {
        let cases: [(CutGraph, CutGraph.Issue)] = [
            (CutGraph(inputBytes: 1, deviceMs: [1], cloudMs: [], outputBytes: [1], inputs: [[-1]]), .mismatchedLengths),
            (CutGraph(inputBytes: 1, deviceMs: [1], cloudMs: [1], outputBytes: [1], inputs: [[0]]), .invalidInput(layer: 0, input: 0)),
            (CutGraph(inputBytes: 1, deviceMs: [1], cloudMs: [1], outputBytes: [1], inputs: [[-2]]), .invalidInput(layer: 0, input: -2)),
            (CutGraph(inputBytes: 1, deviceMs: [-1], cloudMs: [1], outputBytes: [1], inputs: [[-1]]), .invalidTime(layer: 0)),
            (CutGraph(inputBytes: 1, deviceMs: [.nan], cloudMs: [1], outputBytes: [1], inputs: [[-1]]), .invalidTime(layer: 0)),
            (CutGraph(inputBytes: 1, deviceMs: [1], cloudMs: [.infinity], outputBytes: [1], inputs: [[-1]]), .invalidTime(layer: 0)),
            (CutGraph(inputBytes: 1, deviceMs: [.greatestFiniteMagnitude, .greatestFiniteMagnitude], cloudMs: [1, 1],
                      outputBytes: [1, 1], inputs: [[-1], [0]]), .invalidTime(layer: -1)),
            (CutGraph(inputBytes: -1, deviceMs: [1], cloudMs: [1], outputBytes: [1], inputs: [[-1]]), .invalidBytes(layer: -1)),
            (CutGraph(inputBytes: 1, deviceMs: [1], cloudMs: [1], outputBytes: [-5], inputs: [[-1]]), .invalidBytes(layer: 0)),
            (CutGraph(inputBytes: Int.max, deviceMs: [1], cloudMs: [1], outputBytes: [1], inputs: [[-1]]), .bytesOverflow),
        ]
        for (graph, issue) in cases {
            #expect(graph.validationIssue == issue)
            #expect(CutEnumeration.compute(graph).isEmpty)
            #expect(graph.profile(onDevice: Array(repeating: false, count: graph.layerCount)) == nil)
            #expect(!graph.isClosed(onDevice: Array(repeating: false, count: graph.layerCount)))
        }
        #expect(diamond.validationIssue == nil)
        #expect(diamond.profile(onDevice: [true]) == nil)
    }
}
