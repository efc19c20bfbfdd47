import OffloadModel
import OffloadScheduler

/// The plan document of docs/FORMATS.md §5 (docs/schema/plan.schema.json), written
/// straight into a ``JSONWriter``.
public enum PlanJSON {
    /// The plan as printed by `schedule --format json`.
    public static func plan(_ plan: Plan, scenario: Scenario) -> JSONDocument {
        // Generous: pages the document never reaches are never touched.
        JSONWriter.document(capacity: 8192 * (scenario.jobs.count + 16)) { write(plan, scenario: scenario, to: $0) }
    }

    /// Writes the plan document as the next value of `json`.
    public static func write(_ plan: Plan, scenario: Scenario, to json: JSONWriter) {
        let positions = positions(in: plan)
        let names = Names(scenario)
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
                for index in scenario.jobs.indices { job(at: index, plan: plan, scenario: scenario, positions: positions, names: names, to: json) }
            }
            json.array("segments") {
                for segment in plan.segments { self.segment(segment, cuts: plan.cuts, scenario: scenario, names: names, to: json) }
            }
        }
    }

    /// The names a plan document writes again and again, escaped once per document: each
    /// model's layer names (and, after them, the raw input's), the models', the jobs' ids and
    /// the lanes'.
    struct Names {
        /// Per model: its layers' names, then `Layer.rawInputName`.
        let layers: [JSONStrings]
        let models: JSONStrings
        let jobs: JSONStrings
        /// By `Lane.rawValue`.
        let lanes = JSONStrings(Lane.allCases.map(\.description))

        init(_ scenario: Scenario) {
            layers = scenario.models.map { JSONStrings($0.layers.map(\.name) + [Layer.rawInputName]) }
            models = JSONStrings(scenario.models.map(\.name))
            jobs = JSONStrings(scenario.jobs.map(\.id))
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
    static func deviceLayers(ofModel modelIndex: Int, cut: Cut, names: Names, to json: JSONWriter) {
        json.strings("deviceLayers", names.layers[modelIndex], where: cut.onDevice)
    }

    /// A segment: `{"lane", "job", "startMs", "endMs", "items"}`, played with these cuts.
    static func segment(_ segment: Segment, cuts: [Cut], scenario: Scenario, names: Names, to json: JSONWriter) {
        json.object {
            json.string("lane", names.lanes, at: segment.lane.rawValue)
            json.string("job", names.jobs, at: segment.job)
            json.measured("startMs", segment.startMs)
            json.measured("endMs", segment.endMs)
            let layers = names.layers[scenario.jobs[segment.job].modelIndex]
            let cut = cuts[segment.job]
            switch (segment.work, segment.lane) {
            case let (.items(items), lane) where lane != .uplink: json.strings("items", layers, at: items)
            case (.wholeStage, .device): json.strings("items", layers, where: cut.onDevice)
            default:
                var items: [Int] = []
                forEachItem(of: segment, cuts: cuts, scenario: scenario) { items.append($0) }
                json.strings("items", layers, at: items)
            }
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

    private static func job(at index: Int, plan: Plan, scenario: Scenario, positions: [Int], names: Names, to json: JSONWriter) {
        let modelIndex = scenario.jobs[index].modelIndex
        let cut = plan.cuts[index]
        let times = plan.times[index]
        json.object {
            json.string("id", names.jobs, at: index)
            json.int("position", positions[index])
            json.string("model", names.models, at: modelIndex)
            deviceLayers(ofModel: modelIndex, cut: cut, names: names, to: json)
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
        let model = scenario.model(ofJob: segment.job)
        var names: [String] = []
        forEachItem(of: segment, cuts: cuts, scenario: scenario) { names.append($0 < model.layers.count ? model.layers[$0].name : Layer.rawInputName) }
        return names
    }

    /// Calls `body` with each item of ``itemNames(of:cuts:scenario:)`` in turn, as an index
    /// into the model's layers (`layers.count` for the raw input), without the array.
    static func forEachItem(of segment: Segment, cuts: [Cut], scenario: Scenario, _ body: (Int) -> Void) {
        let model = scenario.model(ofJob: segment.job)
        let cut = cuts[segment.job]
        let rawInput = model.layers.count
        switch segment.work {
        case let .items(items):
            if segment.lane == .uplink {
                for item in items { body(item == Cut.rawInput ? rawInput : item) }
            } else {
                for item in items { body(item) }
            }
        case .wholeStage:
            switch segment.lane {
            case .device: for index in cut.onDevice.indices where cut.onDevice[index] { body(index) }
            case .uplink: for tensor in cut.sentTensors { body(tensor == Cut.rawInput ? rawInput : tensor) }
            case .cloud: for index in model.cloudLayers(of: cut) { body(index) }
            }
        }
    }
}
