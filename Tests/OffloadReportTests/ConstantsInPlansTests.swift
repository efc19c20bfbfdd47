import OffloadModel
import OffloadReport
import OffloadScheduler
import Testing

/// Constants in the plan JSON (docs/FORMATS.md §2 and §5): listed in `deviceLayers` and in
/// the device and cloud items where they run, never sent.
@Suite struct ConstantsInPlansTests {
    /// input → a → b → c; pos feeds a and c, so a cut after b runs it on both sides; unused feeds nothing.
    static func model() throws -> ModelGraph {
        try ModelGraph(name: "k", inputBytes: 40_000, layers: [
            Layer(name: "pos", inputs: [], deviceMs: 0.5, cloudMs: 0.25, outputBytes: 30_000),
            Layer(name: "a", inputs: ["input", "pos"], deviceMs: 2, cloudMs: 1, outputBytes: 20_000),
            Layer(name: "b", inputs: ["a"], deviceMs: 4, cloudMs: 0.5, outputBytes: 250),
            Layer(name: "c", inputs: ["b", "pos"], deviceMs: 6, cloudMs: 0.25, outputBytes: 10),
            Layer(name: "unused", inputs: [], deviceMs: 9, cloudMs: 9, outputBytes: 1),
        ])
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case let .array(items)? = value else { return [] }
        return items.compactMap { if case let .string(text) = $0 { text } else { nil } }
    }

    @Test func aSplitConstantIsOnBothSidesAndNeverSent() throws {
        let model = try Self.model()
        let cut = try #require(model.cut(onDevice: [false, true, true, false, false]))
        let environment = Environment(bandwidthMbps: 8)
        let scenario = Scenario(name: "k", environment: environment, models: [model], jobs: [Job(id: "j", modelIndex: 0)])
        let plan = Plan(algorithm: .joint, environment: environment, cuts: [cut], order: [0], lowerBoundMs: 0)
        let json = try JSONParser.parse(PlanJSON.plan(plan, scenario: scenario).bytes)
        guard case let .array(jobs)? = json["jobs"], case let .array(segments)? = json["segments"] else {
            Issue.record("no jobs or segments")
            return
        }
        #expect(Self.strings(jobs.first?["deviceLayers"]) == ["pos", "a", "b"])
        var items: [String: [String]] = [:]
        for segment in segments {
            if case let .string(lane)? = segment["lane"] { items[lane] = Self.strings(segment["items"]) }
        }
        #expect(items["device"] == ["pos", "a", "b"])
        #expect(items["uplink"] == ["b"])
        #expect(items["cloud"] == ["pos", "c"])
        // 0.5 + 2 + 4 on the device, 250 bytes at 8 Mbps, 0.25 + 0.25 in the cloud.
        #expect(plan.times[0] == StageTimes(device: 6.5, uplink: 0.25, cloud: 0.5))
        let text = TextReport.plan(plan, scenario: scenario, width: 100)
        #expect(text.contains("2/3"), "\(text)")
    }
}
