import Testing
@testable import OffloadModel

@Suite struct ScenarioTests {
    static let model = try! ModelGraph(name: "tiny", inputBytes: 1000, layers: [
        Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 0.5, outputBytes: 10),
    ])

    /// A chain of 1,000 layers, for the limit on layers over all jobs.
    static let thousandLayers = try! ModelGraph(name: "deep", inputBytes: 1000, layers: (0..<1000).map { index in
        Layer(name: "l\(index)", inputs: [index == 0 ? "input" : "l\(index - 1)"], deviceMs: 1, cloudMs: 0.1, outputBytes: 100)
    })

    func decode(_ text: String) throws(InputError) -> Scenario {
        let json = try FileReader.json(Array(text.utf8), file: "s.json")
        return try ScenarioFile.decode(json, file: "s.json") { (path: String) throws(InputError) in
            switch path {
            case "tiny.json": return Self.model
            case "deep.json": return Self.thousandLayers
            default: throw InputError(file: path, message: "no such file")
            }
        }
    }

    /// A scenario named `s` of one job `a` running `tiny.json`, with `environment`.
    static func withEnvironment(_ environment: String) -> String {
        #"{"name": "s", "environment": \#(environment), "jobs": [{"id": "a", "model": "tiny.json"}]}"#
    }

    /// A scenario named `s` whose jobs are `jobs` (the inside of the array).
    static func withJobs(_ jobs: String) -> String {
        #"{"name": "s", "jobs": [\#(jobs)]}"#
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
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 0}]}"#, "count must be an integer from 1 to 10000, found 0"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 2.5}]}"#, "count must be an integer from 1 to 10000, found 2.5"),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 10001}]}"#, #"s.json: job "a": count is 10001; the limit is 10000"#),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": 6000}, {"id": "b", "model": "tiny.json", "count": 6000}]}"#,
         #"s.json: job "b": count 6000 brings the scenario to 12000 jobs; the limit is 10000"#),
        (#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "inputBytes": -5}]}"#, #"s.json: job "a": inputBytes must be an integer from 0 to 1000000000000, found -5"#),
        (#"{"name": "s", "environment": {"bandwidthMbps": 0}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "environment: bandwidthMbps must be a finite number > 0, found 0"),
        (#"{"name": "s", "environment": {"deviceSpeed": -1}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "deviceSpeed must be a finite number > 0, found -1"),
        (#"{"name": "s", "environment": {"cloudSpeed": 1e999}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "cloudSpeed must be a finite number > 0, found a number too large"),
        (#"{"name": "s", "environment": {"latencyMs": -0.5}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "latencyMs must be a finite number >= 0, found -0.5"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 5, "mbps": 2}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "the first point must be at atMs 0"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 0, "mbps": 2}, {"atMs": 0, "mbps": 3}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "atMs must ascend"),
        (#"{"name": "s", "environment": {"bandwidthTrace": [{"atMs": 0, "mbps": 0}]}, "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "bandwidthTrace[0]: mbps must be a finite number > 0, found 0"),
        (#"{"name": "s", "inputBytes": 3, "layers": []}"#, "this is a model profile"),
        // The whole file.
        ("", "s.json: line 1, column 1: not valid JSON: the file is empty"),
        ("[]", "s.json: a scenario must be an object, found an array"),
        (#""s""#, "s.json: a scenario must be an object, found a string"),
        ("null", "s.json: a scenario must be an object, found null"),
        (#"{"name": "t", "points": [{"atMs": 0, "mbps": 1}]}"#, #"s.json: this is a bandwidth trace (it has "points"), not a scenario; expected "jobs""#),
        (#"{"name": "", "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "s.json: name must not be empty"),
        (#"{"name": "\#(String(repeating: "n", count: 257))", "jobs": [{"id": "a", "model": "tiny.json"}]}"#,
         "s.json: name is 257 characters long; the limit is 256"),
        (#"{"name": "s", "description": ["a"], "jobs": [{"id": "a", "model": "tiny.json"}]}"#, "s.json: description must be a string, found an array"),
        (#"{"name": "s"}"#, #"s.json: missing required field "jobs" (an array of jobs)"#),
        (#"{"name": "s", "jobs": {"id": "a"}}"#, "s.json: jobs must be an array of jobs, found an object"),
        // Jobs: types, names, paths, counts.
        (withJobs("5"), "s.json: job 1: a job must be an object, found a number"),
        (withJobs(#"{"id": "a", "model": "tiny.json"}, null"#), "s.json: job 2: a job must be an object, found null"),
        (withJobs(#"{"id": 7, "model": "tiny.json"}"#), "s.json: job 1: id must be a string, found a number"),
        (withJobs(#"{"id": "", "model": "tiny.json"}"#), "s.json: job 1: id must not be empty"),
        (withJobs(#"{"id": "\#(String(repeating: "x", count: 10_000))", "model": "tiny.json"}"#),
         "s.json: job 1: id is 10000 characters long; the limit is 256"),
        (withJobs(#"{"id": "a", "model": ["tiny.json"]}"#), #"s.json: job "a": model must be the path of a file (a string), found an array"#),
        (withJobs(#"{"id": "a", "model": ""}"#), #"s.json: job "a": model must be the path of a file, found an empty string"#),
        (withJobs(#"{"id": "a", "model": "\#(String(repeating: "d/", count: 2100))m.json"}"#),
         #"s.json: job "a": model is 4206 characters long; the limit is 4096"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "count": "3"}"#), #"s.json: job "a": count must be an integer from 1 to 10000, found a string"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "count": -3}"#), #"s.json: job "a": count must be an integer from 1 to 10000, found -3"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "count": 1e400}"#),
         #"s.json: job "a": count must be an integer from 1 to 10000, found a number too large to represent"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "count": 99999999999999999999}"#), #"s.json: job "a": count is 1e+20; the limit is 10000"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "inputBytes": 0.5}"#),
         #"s.json: job "a": inputBytes must be an integer from 0 to 1000000000000, found 0.5"#),
        (withJobs(#"{"id": "a", "model": "tiny.json", "inputBytes": 1000000000001}"#),
         #"s.json: job "a": inputBytes is 1000000000001; the limit is 1000000000000"#),
        (withJobs(#"{"id": "a", "model": "deep.json", "count": 1500}, {"id": "b", "model": "deep.json", "count": 501}"#),
         #"s.json: job "b": 501 jobs of 1000 layers each bring the scenario to 2001000 layers over all its jobs; the limit is 2000000"#),
        // The environment: types, signs, non-finite numbers and the limits.
        (withEnvironment("[]"), "s.json: environment: environment must be an object, found an array"),
        (withEnvironment(#"{"bandwidthMbps": "fast"}"#), "s.json: environment: bandwidthMbps must be a finite number > 0, found a string"),
        (withEnvironment(#"{"bandwidthMbps": -20}"#), "s.json: environment: bandwidthMbps must be a finite number > 0, found -20"),
        (withEnvironment(#"{"bandwidthMbps": 1e400}"#), "bandwidthMbps must be a finite number > 0, found a number too large to represent"),
        (withEnvironment(#"{"bandwidthMbps": 1e-320}"#), "s.json: environment: bandwidthMbps must be a number from 0.000001 to 1000000, found 1e-320"),
        (withEnvironment(#"{"bandwidthMbps": 2000000}"#), "bandwidthMbps must be a number from 0.000001 to 1000000, found 2000000"),
        (withEnvironment(#"{"deviceSpeed": 0}"#), "s.json: environment: deviceSpeed must be a finite number > 0, found 0"),
        (withEnvironment(#"{"deviceSpeed": 1e-7}"#), "deviceSpeed must be a number from 0.000001 to 1000000, found 1e-07"),
        (withEnvironment(#"{"cloudSpeed": null}"#), "cloudSpeed must be a finite number > 0, found null"),
        (withEnvironment(#"{"cloudSpeed": 1e300}"#), "cloudSpeed must be a number from 0.000001 to 1000000, found 1e+300"),
        (withEnvironment(#"{"latencyMs": "5"}"#), "s.json: environment: latencyMs must be a finite number >= 0, found a string"),
        (withEnvironment(#"{"latencyMs": 1e308}"#), "latencyMs must be a number from 0 to 1000000000, found 1e+308"),
        // An inline bandwidth trace.
        (withEnvironment(#"{"bandwidthTrace": 5}"#),
         #"s.json: environment.bandwidthTrace: must be an array of {"atMs", "mbps"} points or the path of a trace file, found a number"#),
        (withEnvironment(#"{"bandwidthTrace": []}"#), "s.json: environment.bandwidthTrace: must have at least one point"),
        (withEnvironment(#"{"bandwidthTrace": [[0, 20]]}"#), "s.json: environment.bandwidthTrace[0]: a trace point must be an object, found an array"),
        (withEnvironment(#"{"bandwidthTrace": [{"mbps": 20}]}"#), #"s.json: environment.bandwidthTrace[0]: missing required field "atMs""#),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": -1, "mbps": 20}]}"#), "bandwidthTrace[0]: atMs must be a finite number >= 0, found -1"),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": 0, "mbps": 20}, {"atMs": 1e400, "mbps": 2}]}"#),
         "bandwidthTrace[1]: atMs must be a finite number >= 0, found a number too large to represent"),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": 0, "mbps": 20}, {"atMs": 9, "mbps": -2}]}"#),
         "bandwidthTrace[1]: mbps must be a finite number > 0, found -2"),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": 0, "mbps": 1e400}]}"#),
         "bandwidthTrace[0]: mbps must be a finite number > 0, found a number too large to represent"),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": 0, "mbps": 1e-9}]}"#),
         "bandwidthTrace[0]: mbps must be a number from 0.000001 to 1000000, found 1e-09"),
        (withEnvironment(#"{"bandwidthTrace": [{"atMs": 0, "mbps": 20}, {"atMs": 50, "mbps": 5}, {"atMs": 20, "mbps": 10}]}"#),
         "s.json: environment.bandwidthTrace[2]: atMs must ascend: 20 follows 50"),
        (withEnvironment(#"{"bandwidthTrace": "\#(String(repeating: "t", count: 5000))"}"#),
         "s.json: environment.bandwidthTrace: the path is 5000 characters long; the limit is 4096"),
    ])
    func refusesBadScenarios(text: String, expected: String) {
        let message = error(text)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test func loadsAsManyJobsAsTheLimit() throws {
        let scenario = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": \#(Limits.jobsPerScenario)}]}"#)
        #expect(scenario.jobs.count == Limits.jobsPerScenario)
        #expect(scenario.jobs.last?.id == "a-\(Limits.jobsPerScenario)")
        // 2,000 jobs of a 1,000-layer model: exactly the limit on layers over all jobs.
        let deep = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "deep.json", "count": 2000}]}"#)
        #expect(deep.totalLayers == Limits.layersPerScenario)
    }

    @Test func addingAJobKeepsBothScenarioLimits() throws {
        let atJobLimit = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "tiny.json", "count": \#(Limits.jobsPerScenario)}]}"#)
        #expect(atJobLimit.limitReached(addingJobOf: 0) == "a scenario holds at most \(Limits.jobsPerScenario) jobs")
        let atLayerLimit = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "deep.json", "count": 2000}]}"#)
        #expect(atLayerLimit.limitReached(addingJobOf: 0) == "a scenario holds at most \(Limits.layersPerScenario) layers over all its jobs")
        let belowBoth = try decode(#"{"name": "s", "jobs": [{"id": "a", "model": "deep.json", "count": 1999}]}"#)
        #expect(belowBoth.limitReached(addingJobOf: 0) == nil)
    }

    @Test func refusesAJobsListLongerThanTheLimitBeforeReadingItsJobs() {
        // The jobs are not even objects: the length alone is refused, before any is expanded.
        let jobs = Array(repeating: "0", count: Limits.jobsPerScenario + 1).joined(separator: ",")
        #expect(error(Self.withJobs(jobs)) == "s.json: jobs lists \(Limits.jobsPerScenario + 1) jobs; the limit is \(Limits.jobsPerScenario)")
    }

    @Test func refusesOneJobMoreThanTheLimitSpreadOverSeveralEntries() {
        let jobs = (1...Limits.jobsPerScenario + 1).map { #"{"id": "j\#($0)", "model": "tiny.json"}"# }.joined(separator: ", ")
        let half = Limits.jobsPerScenario / 2
        let counted = #"{"id": "a", "model": "tiny.json", "count": \#(half)}, {"id": "b", "model": "tiny.json", "count": \#(half + 1)}"#
        #expect(error(Self.withJobs(jobs)) == "s.json: jobs lists \(Limits.jobsPerScenario + 1) jobs; the limit is \(Limits.jobsPerScenario)")
        #expect(error(Self.withJobs(counted))
                == #"s.json: job "b": count \#(half + 1) brings the scenario to \#(Limits.jobsPerScenario + 1) jobs; the limit is \#(Limits.jobsPerScenario)"#)
    }

    @Test func refusesTracesLongerThanTheLimit() {
        let points = (0...Limits.tracePoints).map { #"{"atMs": \#($0), "mbps": 5}"# }.joined(separator: ",")
        #expect(error(Self.withEnvironment(#"{"bandwidthTrace": [\#(points)]}"#))
                == "s.json: environment.bandwidthTrace: \(Limits.tracePoints + 1) points; the limit is \(Limits.tracePoints)")
    }

    @Test func acceptsTheEnvironmentsLimits() throws {
        let slowest = try decode(Self.withEnvironment(#"{"deviceSpeed": 0.000001, "cloudSpeed": 0.000001, "bandwidthMbps": 0.000001, "latencyMs": 1000000000}"#))
        #expect(slowest.environment == Environment(deviceSpeed: 1e-6, cloudSpeed: 1e-6, bandwidthMbps: 1e-6, latencyMs: 1e9))
        let fastest = try decode(Self.withEnvironment(#"{"deviceSpeed": 1000000, "cloudSpeed": 1000000, "bandwidthMbps": 1000000, "latencyMs": 0}"#))
        #expect(fastest.environment == Environment(deviceSpeed: 1e6, cloudSpeed: 1e6, bandwidthMbps: 1e6, latencyMs: 0))
    }
}
