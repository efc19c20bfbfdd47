import OffloadModel

/// Turns a layer-level plan's segments into the plan's `Segment`s, cut where a tensor
/// crosses lanes.
///
/// The layer-level scheduler runs consecutive layers of one job as one segment even when
/// a tensor leaves (or arrives) in the middle. A segment is the unit other parts replay
/// (the simulator starts a segment when all its inputs exist and releases its outputs
/// when it ends), so a device segment ends after every layer whose output a cloud layer
/// reads, and a cloud segment starts at every layer that reads a tensor from the device.
/// The times are unchanged: the pieces tile the original segment.
enum SegmentSplitter {
    static func segments(_ layerSegments: [LayerSegment], scenario: Scenario, cuts: [Cut], environment: Environment) -> [Segment] {
        var result: [Segment] = []
        result.reserveCapacity(layerSegments.count)
        for segment in layerSegments {
            let model = scenario.model(ofJob: segment.job)
            let onDevice = cuts[segment.job].onDevice
            let speed: Double
            let cutAfter: (Int) -> Bool
            let cutBefore: (Int) -> Bool
            switch segment.lane {
            case .uplink:
                result.append(Segment(lane: .uplink, job: segment.job, startMs: segment.startMs, endMs: segment.endMs,
                                      work: .items(segment.items)))
                continue
            case .device:
                speed = environment.deviceSpeed
                // A constant is never sent: its cloud consumers read the cloud's own copy.
                cutAfter = { layer in !model.isConstant[layer] && model.consumers[layer].contains { !onDevice[$0] } }
                cutBefore = { _ in false }
            case .cloud:
                speed = environment.cloudSpeed
                cutAfter = { _ in false }
                cutBefore = { layer in
                    model.readsRawInput[layer] || model.predecessors[layer].contains { onDevice[$0] && !model.isConstant[$0] }
                }
            }
            var pieceStart = segment.startMs
            var clock = segment.startMs
            var piece: [Int] = []
            for (position, layer) in segment.items.enumerated() {
                if !piece.isEmpty && cutBefore(layer) {
                    result.append(Segment(lane: segment.lane, job: segment.job, startMs: pieceStart, endMs: clock, work: .items(piece)))
                    piece = []
                    pieceStart = clock
                }
                piece.append(layer)
                let layerMs = segment.lane == .device ? model.layers[layer].deviceMs : model.layers[layer].cloudMs
                clock = position == segment.items.count - 1 ? segment.endMs : min(segment.endMs, clock + layerMs / speed)
                if position < segment.items.count - 1 && cutAfter(layer) {
                    result.append(Segment(lane: segment.lane, job: segment.job, startMs: pieceStart, endMs: clock, work: .items(piece)))
                    piece = []
                    pieceStart = clock
                }
            }
            if !piece.isEmpty {
                result.append(Segment(lane: segment.lane, job: segment.job, startMs: pieceStart, endMs: segment.endMs, work: .items(piece)))
            }
        }
        return result
    }
}
