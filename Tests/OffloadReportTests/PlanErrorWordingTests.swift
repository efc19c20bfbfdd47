import OffloadModel
import OffloadReport
import OffloadScheduler
import Testing

/// A planning failure says what happened in the core and how to get a plan in each front
/// end: the command line names its flag, and no core sentence does.
@Suite struct PlanErrorWordingTests {
    static let causes: [PlanError.Cause] = [
        .tooManyJobs(jobs: 13, maximum: 12),
        .budgetExhausted(nodes: 1_234, jobs: 12),
        .timeLimitReached(nodes: 1, jobs: 4),
        .overflow,
        .invalidOptions(.noOptions(job: 2)),
        .layerLevel(.badJobOrder),
    ]

    @Test func coreSentencesNameNoFlag() {
        for cause in Self.causes {
            let error = PlanError(algorithm: .exact, cause: cause)
            #expect(!error.reason.isEmpty)
            #expect(!error.reason.contains("--"), "\(cause)")
            #expect(!error.description.contains("--"), "\(cause)")
        }
    }

    @Test func theCommandLineAddsItsRemedyWhereJointPlans() {
        for cause in Self.causes {
            let error = PlanError(algorithm: .exact, cause: cause)
            if cause.jointCanPlan {
                #expect(error.commandLineReason == error.reason + "; use --algorithm joint")
            } else {
                #expect(error.commandLineReason == error.reason)
            }
            #expect(error.commandLineDescription.hasPrefix("algorithm exact: "))
        }
        #expect(PlanError(algorithm: .exact, cause: .tooManyJobs(jobs: 13, maximum: 12)).commandLineDescription
            == "algorithm exact: exact search refused 13 jobs: it handles at most 12; use --algorithm joint")
    }

    /// The planner's refusal carries the typed cause, and the comparison keeps it.
    @Test func thePlannerReportsTheCause() throws {
        let model = try ModelGraph(name: "m", inputBytes: 100, layers: [
            Layer(name: "a", inputs: ["input"], deviceMs: 1, cloudMs: 0.1, outputBytes: 50),
        ])
        let scenario = Scenario(name: "s", environment: Environment(bandwidthMbps: 10), models: [model],
                                jobs: (0..<13).map { Job(id: "j\($0)", modelIndex: 0) })
        let planner = Planner(scenario: scenario)
        #expect(throws: PlanError(algorithm: .exact, cause: .tooManyJobs(jobs: 13, maximum: 12))) {
            try planner.plan(.exact, in: scenario.environment)
        }
        let comparison = Comparison(planner: planner, environment: scenario.environment)
        let entry = comparison.entries.first { $0.algorithm == .exact }
        #expect(entry?.error?.cause == .tooManyJobs(jobs: 13, maximum: 12))
        #expect(entry?.failure == "exact search refused 13 jobs: it handles at most 12")
    }
}
