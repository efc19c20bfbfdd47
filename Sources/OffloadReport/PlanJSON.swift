import OffloadModel
import OffloadScheduler

/// The plan document of docs/FORMATS.md §5 (docs/schema/plan.schema.json), written
/// straight into a ``JSONWriter``.
public enum PlanJSON {
    /// The plan as printed by `schedule --format json`.
    public static func plan(_ plan: Plan, scenario: Scenario) -> JSONDocument {
        JSONWriter.document(capacity: 4096 * (scenario.jobs.count + 16)) { write(plan, scenario: scenario, to: $0) }
    }

    /// Writes the plan document as the next value of `json`.
    public static func write(_ plan: Plan, scenario: Scenario, to json: JSONWriter) {
        let positions = positions(in: plan)
        json.object {
            json.string("scenario", scenario.name)
            json.string("algorithm", plan.algorithm.rawValue)
            json.key("environment")
            environment(plan.environment, to: json)
            json.measured("makespanMs", plan.makespanMs)
            json.measured("lowerBoundMs", plan.lowerBoundMs)
            json.key("optimality")
            optimality(plan.optimality, to: json)
            json.array("jobs") {
                for index in scenario.jobs.indices { job(at: index, plan: plan, scenario: scenario, positions: positions, to: json) }
            }
            json.array("segments") {
                for segment in plan.segments { self.segment(segment, cuts: plan.cuts, scenario: scenario, to: json) }
            }
        }
    }

    /// `{"scope": "all-cuts"|"candidates", "epsilonMs", "proven", "candidateCuts"}` (docs/FORMATS.md §6).
    public static func optimality(_ optimality: Optimality, to json: JSONWriter) {
        json.object {
            json.string("scope", optimality.scope.rawValue)
            json.measured("epsilonMs", optimality.epsilonMs)
            json.bool("proven", optimality.proven)
            json.int("candidateCuts", optimality.candidateCuts)
        }
    }

    /// The environment object: the four knobs as given (not rounded, so that a tiny speed
    /// never reads as 0), without the trace.
    public static func environment(_ environment: Environment, to json: JSONWriter) {
        json.object {
            json.exact("deviceSpeed", environment.deviceSpeed)
            json.exact("cloudSpeed", environment.cloudSpeed)
            json.exact("bandwidthMbps", environment.bandwidthMbps)
            json.exact("latencyMs", environment.latencyMs)
        }
    }

    /// `deviceLayers`: the names of the layers `cut` runs on the device, in layer order.
    static func deviceLayers(of model: ModelGraph, cut: Cut, to json: JSONWriter) {
        json.inlineArray("deviceLayers") {
            for index in model.layers.indices where cut.onDevice[index] { json.string(model.layers[index].name) }
        }
    }

    /// A segment: `{"lane", "job", "startMs", "endMs", "items"}`, played with these cuts.
    static func segment(_ segment: Segment, cuts: [Cut], scenario: Scenario, to json: JSONWriter) {
        json.object {
            json.string("lane", segment.lane.description)
            json.string("job", scenario.jobs[segment.job].id)
            json.measured("startMs", segment.startMs)
            json.measured("endMs", segment.endMs)
            json.inlineArray("items") { forEachItemName(of: segment, cuts: cuts, scenario: scenario) { json.string($0) } }
        }
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

    private static func job(at index: Int, plan: Plan, scenario: Scenario, positions: [Int], to json: JSONWriter) {
        let model = scenario.model(ofJob: index)
        let cut = plan.cuts[index]
        let times = plan.times[index]
        json.object {
            json.string("id", scenario.jobs[index].id)
            json.int("position", positions[index])
            json.string("model", model.name)
            deviceLayers(of: model, cut: cut, to: json)
            json.int("uplinkBytes", cut.uplinkBytes)
            json.measured("deviceMs", times.device)
            json.measured("uplinkMs", times.uplink)
            json.measured("cloudMs", times.cloud)
            json.measured("finishMs", plan.finishMs[index])
        }
    }

    /// The layers a segment runs or the tensors it sends, in execution order.
    public static func itemNames(of segment: Segment, plan: Plan, scenario: Scenario) -> [String] {
        itemNames(of: segment, cuts: plan.cuts, scenario: scenario)
    }

    /// The same, for a segment played with these cuts (one per job).
    public static func itemNames(of segment: Segment, cuts: [Cut], scenario: Scenario) -> [String] {
        var names: [String] = []
        forEachItemName(of: segment, cuts: cuts, scenario: scenario) { names.append($0) }
        return names
    }

    /// Calls `body` with each of ``itemNames(of:cuts:scenario:)`` in turn, without the array.
    static func forEachItemName(of segment: Segment, cuts: [Cut], scenario: Scenario, _ body: (String) -> Void) {
        let model = scenario.model(ofJob: segment.job)
        let cut = cuts[segment.job]
        switch segment.work {
        case let .items(items):
            if segment.lane == .uplink {
                for item in items { body(model.tensorName(item)) }
            } else {
                for item in items { body(model.layers[item].name) }
            }
        case .wholeStage:
            switch segment.lane {
            case .device: for index in model.layers.indices where cut.onDevice[index] { body(model.layers[index].name) }
            case .uplink: for tensor in cut.sentTensors { body(model.tensorName(tensor)) }
            case .cloud: for index in model.cloudLayers(of: cut) { body(model.layers[index].name) }
            }
        }
    }
}
