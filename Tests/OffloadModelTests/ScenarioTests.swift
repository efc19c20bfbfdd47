import Testing
@testable import OffloadModel

@Suite struct ScenarioTests {
    static let model = try! ModelGraph(name: "tiny", inputBytes: 1000, layers: [
        Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 0.5, outputBytes: 10),
    ])

    func decode(_ text: String) throws(InputError) -> Scenario {
        let json = try FileReader.json(Array(text.utf8), file: "s.json")
        return try ScenarioFile.decode(json, file: "s.json") { (path: String) throws(InputError) in
            guard path == "tiny.json" else { throw InputError(file: path, message: "no such file") }
            return Self.model
        }
    }

    func error(_ text: String) -> String? {
        do { _ = try decode(text); return nil } catch { return error.description }
    }

    @Test func expandsCountsAndAppliesDefaults() throws {
        let scenario = try decode(#"{"name": "s", "jobs": [{"id": "cam", "model": "tiny.json", "count": 3}, {"id": "one", "model": "tiny.json"}]}"#)
        #expect(scenario.jobs.map(\.id) == ["cam-1", "cam-2", "cam-3", "one"])
        #expect(scenario.models.count == 1)
        #expect(scenario.environment == Environment(deviceSpeed: 1, cloudSpeed: 1, bandwidthMbps: 20, latencyMs: 0))
    }

    @Test func inputBytesOverrideMakesItsOwnModelVariant() throws {
        let scenario = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json"}, {"id": "b", "model": "tiny.json", "inputBytes": 60}]}"#)
        #expect(scenario.models.count == 2)
        #expect(scenario.model(ofJob: 0).inputBytes == 1000)
        #expect(scenario.model(ofJob: 1).inputBytes == 60)
    }

    @Test func readsEnvironmentAndTrace() throws {
        let scenario = try decode(#"{"name": "s", "environment": {"deviceSpeed": 0.5, "cloudSpeed": 2, "bandwidthMbps": 5.85, "latencyMs": 3, "bandwidthTrace": [{"atMs": 0, "mbps": 20}, {"atMs": 150, "mbps": 4}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#)
        #expect(scenario.environment.deviceSpeed == 0.5)
        #expect(scenario.environment.latencyMs == 3)
        #expect(scenario.environment.bandwidthTrace == [TracePoint(atMs: 0, mbps: 20), TracePoint(atMs: 150, mbps: 4)])
    }

    @Test(arguments: [
        (#"{"jobs": [{"id": "a", "model": "tiny.json"}]}"#, #"missing required field "name""#),
        (#"{"name": "s", "jobs": []}"#, "jobs must list at least one job"),
        (#"{"name": "s", "jobs": [{"model": "tiny.json"}]}"#, #"s.json: job 1: missing required field "id""#),
        (#"{"name": "s", "jobs": [{"id": "a"}]}"#, #"s.json: job "a": missing required field "model""#),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "gone.json"}]}"#, #"job "a": model "gone.json": gone.json: no such file"#),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json"}, {"id": "a", "model": "tiny.json"}]}"#, #"job id "a" is already used"#),
        (#"{"name": "s", "jobs": [{"id": "a-2", "model": "tiny.json"}, {"id": "a", "model": "tiny.json", "count": 2}]}"#, #"job id "a-2" is already used by job "a-2""#),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 0}]}"#, "count must be an integer from 1 to 100000, found 0"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 2.5}]}"#, "count must be an integer from 1 to 100000, found 2.5"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 100001}]}"#, "count is 100001; the limit is 100000"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 60000}, {"id": "b", "model": "tiny.json", "count": 60000}]}"#, "over its limit of 100000 jobs"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "inputBytes": -5}]}"#, "inputBytes must be an integer >= 0, found -5"),
        (#"{"name": "s", "environment": {"bandwidthMbps": 0}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "environment: bandwidthMbps must be a finite number > 0, found 0"),
        (#"{"name": "s", "environment": {"deviceSpeed": -1}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "deviceSpeed must be a finite number > 0, found -1"),
        (#"{"name": "s", "environment": {"cloudSpeed": 1e999}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "cloudSpeed must be a finite number > 0, found a number too large"),
        (#"{"name": "s", "environment": {"latencyMs": -0.5}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "latencyMs must be a finite number >= 0, found -0.5"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 5, "mbps": 2}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "the first point must be at atMs 0"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 0, "mbps": 2}, {"atMs": 0, "mbps": 3}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "atMs must ascend"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 0, "mbps": 0}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "bandwidthTrace[0]: mbps must be a finite number > 0, found 0"),
        (#"{"name": "s", "inputBytes": 3, "layers": []}"#, "this is a model profile"),
    ])
    func refusesBadScenarios(text: String, expected: String) {
        let message = error(text)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func loadsAHundredThousandJobs() throws {
        let scenario = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 100000}]}"#)
        #expect(scenario.jobs.count == 100_000)
        #expect(scenario.jobs.last?.id == "a-100000")
    }
}
