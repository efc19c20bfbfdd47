import OffloadModel

/// Plans one scenario under any environment.
///
/// Candidate cuts depend on the models alone, so they are computed once here;
/// each call to `plan` only rescales them to the environment and reschedules.
public struct Planner: Sendable {
    public let scenario: Scenario
    /// The candidate cuts of each model (by model index), from `CandidateCuts`.
    public let candidates: [[Cut]]

    public init(scenario: Scenario) {
        self.scenario = scenario
        self.candidates = scenario.models.map(CandidateCuts.compute)
    }

    /// Plans with `algorithm` under `environment`.
    public func plan(_ algorithm: Algorithm, in environment: Environment) throws(PlanError) -> Plan {
        let jobs = scenario.jobs
        let inListedOrder = Array(jobs.indices)
        let bound = lowerBound(in: environment)
        switch algorithm {
        case .local:
            let cuts = scenario.models.map(\.localCut)
            return Plan(algorithm: algorithm, environment: environment, cuts: jobs.map { cuts[$0.modelIndex] },
                        order: inListedOrder, lowerBoundMs: bound)
        case .cloud:
            let cuts = scenario.models.map(\.cloudCut)
            return Plan(algorithm: algorithm, environment: environment, cuts: jobs.map { cuts[$0.modelIndex] },
                        order: inListedOrder, lowerBoundMs: bound)
        case .partitionOnly:
            let cuts = latencyOptimalCuts(in: environment)
            return Plan(algorithm: algorithm, environment: environment, cuts: jobs.map { cuts[$0.modelIndex] },
                        order: inListedOrder, lowerBoundMs: bound)
        case .scheduleOnly, .joint, .exact, .layerLevel:
            throw PlanError(algorithm: algorithm, reason: "not available in this version; use local, cloud or partition-only")
        }
    }

    /// Each model's cut with the least latency when its job runs alone (the first such candidate).
    public func latencyOptimalCuts(in environment: Environment) -> [Cut] {
        candidates.map { cuts in
            var best = cuts[0]
            var bestTotal = best.stageTimes(in: environment).total
            for cut in cuts.dropFirst() {
                let total = cut.stageTimes(in: environment).total
                if total < bestTotal { best = cut; bestTotal = total }
            }
            return best
        }
    }

    /// Each model's candidates as lane times under `environment`.
    public func candidateTimes(in environment: Environment) -> [[StageTimes]] {
        candidates.map { $0.map { $0.stageTimes(in: environment) } }
    }

    /// A lower bound on the makespan of every job-level plan over the candidate cuts.
    public func lowerBound(in environment: Environment) -> Double {
        let times = candidateTimes(in: environment)
        return LowerBound.makespan(options: scenario.jobs.map { times[$0.modelIndex] })
    }
}
