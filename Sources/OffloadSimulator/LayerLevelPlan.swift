import OffloadModel
import OffloadScheduler

/// Layer-level plans built without a layer-level planner.
public enum LayerLevelPlan {
    /// A layer-level plan of the given cuts, jobs in listed order on every lane.
    ///
    /// Each job's device layers run in topological order, split into one segment after
    /// every layer whose output is sent, so each tensor can leave as soon as it exists;
    /// each sent tensor is its own transfer (the raw input first); the cloud layers run
    /// as one segment. The planned times are those of playing it on a constant link.
    public static func handBuilt(scenario: Scenario, cuts: [Cut], environment: Environment, lowerBoundMs: Double = 0) -> Plan {
        var segments: [Segment] = []
        for (job, cut) in cuts.enumerated() {
            let model = scenario.model(ofJob: job)
            guard cut.onDevice.count == model.layers.count else { continue }
            let sent = Set(cut.sentTensors)
            var chunk: [Int] = []
            for layer in model.layers.indices where cut.onDevice[layer] {
                chunk.append(layer)
                if sent.contains(layer) {
                    segments.append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk)))
                    chunk = []
                }
            }
            if !chunk.isEmpty { segments.append(Segment(lane: .device, job: job, startMs: 0, endMs: 0, work: .items(chunk))) }
            for tensor in cut.sentTensors {
                segments.append(Segment(lane: .uplink, job: job, startMs: 0, endMs: 0, work: .items([tensor])))
            }
            let cloudLayers = model.cloudLayers(of: cut)
            if !cloudLayers.isEmpty {
                segments.append(Segment(lane: .cloud, job: job, startMs: 0, endMs: 0, work: .items(cloudLayers)))
            }
        }
        var constant = environment
        constant.bandwidthTrace = nil
        var plan = Plan(algorithm: .layerLevel, environment: constant, cuts: cuts, order: Array(cuts.indices),
                        lowerBoundMs: lowerBoundMs)
        plan.segments = segments
        // Every segment was built from the cuts, so the plan always fits; keep the job-level
        // times if it somehow does not.
        if let played = try? Simulator.play(plan: plan, scenario: scenario, environment: constant) {
            plan.segments = played.segments
            plan.finishMs = played.finishMs
            plan.makespanMs = played.makespanMs
            plan.lowerBoundMs = min(plan.lowerBoundMs, played.makespanMs)
        }
        return plan
    }
}
