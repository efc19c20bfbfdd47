import OffloadModel

/// A job-level plan: one option per job and one job order, shared by all lanes.
public struct JobLevelPlan: Sendable, Equatable {
    /// `choice[j]` is the index of the option chosen for job `j`.
    public var choice: [Int]
    /// The job indices in the order the pipeline serves them.
    public var order: [Int]
    /// `Pipeline.makespan` of `order` with the chosen options' stage times.
    public var makespan: Double

    public init(choice: [Int], order: [Int], makespan: Double) {
        self.choice = choice
        self.order = order
        self.makespan = makespan
    }

    /// The plan's makespan recomputed with `Pipeline.makespan`, or nil when the
    /// plan does not fit `options` (wrong lengths, an option index out of
    /// range, or an order that is not a permutation of the jobs).
    public func evaluated(options: [[StageTimes]]) -> Double? {
        guard choice.count == options.count, order.count == options.count else { return nil }
        var seen = Array(repeating: false, count: options.count)
        for job in order {
            guard options.indices.contains(job), !seen[job] else { return nil }
            seen[job] = true
        }
        var times: [StageTimes] = []
        times.reserveCapacity(options.count)
        for (job, option) in choice.enumerated() {
            guard options[job].indices.contains(option) else { return nil }
            times.append(options[job][option])
        }
        return Pipeline.makespan(order: order, times: times)
    }
}
