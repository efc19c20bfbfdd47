import OffloadModel
import OffloadScheduler

/// The plan document of docs/FORMATS.md §5 (docs/schema/plan.schema.json).
public enum PlanJSON {
    /// The plan as printed by `schedule --format json`.
    public static func plan(_ plan: Plan, scenario: Scenario) -> JSONValue {
        let positions = positions(in: plan)
        return .object([
            ("scenario", .string(scenario.name)),
            ("algorithm", .string(plan.algorithm.rawValue)),
            ("environment", environment(plan.environment)),
            ("makespanMs", .measured(plan.makespanMs)),
            ("lowerBoundMs", .measured(plan.lowerBoundMs)),
            ("optimality", optimality(plan.optimality)),
            ("jobs", .array(scenario.jobs.indices.map { job(at: $0, plan: plan, scenario: scenario, positions: positions) })),
            ("segments", .array(plan.segments.map { segment($0, plan: plan, scenario: scenario) })),
        ])
    }

    /// `{"scope": "all-cuts"|"candidates", "epsilonMs", "proven", "candidateCuts"}` (docs/FORMATS.md §6).
    public static func optimality(_ optimality: Optimality) -> JSONValue {
        .object([
            ("scope", .string(optimality.scope.rawValue)),
            ("epsilonMs", .measured(optimality.epsilonMs)),
            ("proven", .bool(optimality.proven)),
            ("candidateCuts", .int(optimality.candidateCuts)),
        ])
    }

    /// The environment object: the four knobs as given (not rounded, so that a tiny speed
    /// never reads as 0), without the trace.
    public static func environment(_ environment: Environment) -> JSONValue {
        .object([
            ("deviceSpeed", .exact(environment.deviceSpeed)),
            ("cloudSpeed", .exact(environment.cloudSpeed)),
            ("bandwidthMbps", .exact(environment.bandwidthMbps)),
            ("latencyMs", .exact(environment.latencyMs)),
        ])
    }

    /// Each job's position in the plan's order, from 0 (docs/FORMATS.md §5: `position`); a
    /// job the order does not list (none does) comes after those it does, in file order.
    public static func positions(in plan: Plan) -> [Int] {
        let count = plan.cuts.count
        var position = [Int](repeating: -1, count: count)
        var next = 0
        for job in plan.order where job >= 0 && job < count && position[job] < 0 {
            position[job] = next
            next += 1
        }
        for job in 0..<count where position[job] < 0 {
            position[job] = next
            next += 1
        }
        return position
    }

    private static func job(at index: Int, plan: Plan, scenario: Scenario, positions: [Int]) -> JSONValue {
        let model = scenario.model(ofJob: index)
        let cut = plan.cuts[index]
        let times = plan.times[index]
        return .object([
            ("id", .string(scenario.jobs[index].id)),
            ("position", .int(positions[index])),
            ("model", .string(model.name)),
            ("deviceLayers", .array(model.layers.indices.filter { cut.onDevice[$0] }.map { .string(model.layers[$0].name) })),
            ("uplinkBytes", .int(cut.uplinkBytes)),
            ("deviceMs", .measured(times.device)),
            ("uplinkMs", .measured(times.uplink)),
            ("cloudMs", .measured(times.cloud)),
            ("finishMs", .measured(plan.finishMs[index])),
        ])
    }

    private static func segment(_ segment: Segment, plan: Plan, scenario: Scenario) -> JSONValue {
        .object([
            ("lane", .string(segment.lane.description)),
            ("job", .string(scenario.jobs[segment.job].id)),
            ("startMs", .measured(segment.startMs)),
            ("endMs", .measured(segment.endMs)),
            ("items", .array(itemNames(of: segment, plan: plan, scenario: scenario).map(JSONValue.string))),
        ])
    }

    /// The layers a segment runs or the tensors it sends, in execution order.
    public static func itemNames(of segment: Segment, plan: Plan, scenario: Scenario) -> [String] {
        itemNames(of: segment, cuts: plan.cuts, scenario: scenario)
    }

    /// The same, for a segment played with these cuts (one per job).
    public static func itemNames(of segment: Segment, cuts: [Cut], scenario: Scenario) -> [String] {
        let model = scenario.model(ofJob: segment.job)
        let cut = cuts[segment.job]
        switch segment.work {
        case let .items(items):
            return segment.lane == .uplink ? items.map(model.tensorName) : items.map { model.layers[$0].name }
        case .wholeStage:
            switch segment.lane {
            case .device: return model.layers.indices.filter { cut.onDevice[$0] }.map { model.layers[$0].name }
            case .uplink: return cut.sentTensors.map(model.tensorName)
            case .cloud: return model.cloudLayers(of: cut).map { model.layers[$0].name }
            }
        }
    }
}
