import Testing
@testable import OffloadScheduler

@Suite("The feasibility checker catches broken plans")
struct LayerFeasibilityTests {
    let jobs = [LayerExampleTests.skip]
    let speeds = LayerExampleTests.speeds
    /// The feasible 22 ms plan of ``ExampleTests/skipConnection()``.
    let good = [
        LayerSegment(lane: .device, job: 0, startMs: 0, endMs: 20, items: [0, 1]),
        LayerSegment(lane: .uplink, job: 0, startMs: 10, endMs: 20, items: [0]),
        LayerSegment(lane: .uplink, job: 0, startMs: 20, endMs: 21, items: [1]),
        LayerSegment(lane: .cloud, job: 0, startMs: 21, endMs: 22, items: [2]),
    ]

    func problems(_ edit: (inout [LayerSegment]) -> Void) -> [String] {
        var segments = good
        edit(&segments)
        return LayerFeasibility.violations(jobs: jobs, speeds: speeds, segments: segments)
    }

    @Test("the unedited plan is feasible")
    func feasible() {
        #expect(problems { _ in } == [])
    }

    @Test("each kind of break is reported", arguments: [
        "overlap", "duration", "missing", "twice", "early cloud", "early send", "wrong side", "not crossing",
        "unsent", "bad job", "transfer time", "device order", "makespan",
    ])
    func broken(kind: String) {
        let found: [String]
        switch kind {
        case "overlap":       // the second transfer starts while the first runs
            found = problems { $0[2].startMs = 15; $0[2].endMs = 16 }
        case "duration":      // a device segment shorter than its layers
            found = problems { $0[0].endMs = 19 }
        case "missing":       // layer 2 never runs
            found = problems { $0.removeLast() }
        case "twice":
            found = problems { $0.append(LayerSegment(lane: .cloud, job: 0, startMs: 30, endMs: 31, items: [2])) }
        case "early cloud":   // the cloud layer starts before tensor 1 arrives
            found = problems { $0[3].startMs = 20.5; $0[3].endMs = 21.5 }
        case "early send":    // tensor 0 leaves before layer 0 finishes
            found = problems { $0[1].startMs = 5; $0[1].endMs = 15 }
        case "wrong side":    // a device layer in the cloud
            found = problems { $0.append(LayerSegment(lane: .cloud, job: 0, startMs: 40, endMs: 50, items: [0])) }
        case "not crossing":  // the raw input is read by no cloud layer
            found = problems { $0.append(LayerSegment(lane: .uplink, job: 0, startMs: 30, endMs: 80, items: [-1])) }
        case "unsent":        // tensor 1 is never sent
            found = problems { $0.remove(at: 2) }
        case "bad job":
            found = problems { $0[0].job = 3 }
        case "transfer time":
            found = problems { $0[2].endMs = 22; $0[3].startMs = 22; $0[3].endMs = 23 }
        case "device order":  // layer 1 before layer 0
            found = problems {
                $0[0] = LayerSegment(lane: .device, job: 0, startMs: 0, endMs: 20, items: [1, 0])
            }
        default:              // a plan whose makespan is not its last end
            found = LayerFeasibility.violations(jobs: jobs, speeds: speeds,
                                                plan: LayerPlan(segments: good, makespan: 21, source: .jobLevel))
        }
        #expect(!found.isEmpty, "\(kind) went unnoticed")
    }
}
