/// A layer-level plan: the Gantt chart and its makespan.
public struct LayerPlan: Sendable, Hashable {
    /// Where the plan came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// The job-level plan of the given order (one segment per lane per job).
        case jobLevel
        /// A list schedule built with this rule.
        case listRule(ListRule)

        public var description: String {
            switch self {
            case .jobLevel: "job-level"
            case .listRule(let rule): rule.description
            }
        }
    }

    /// Every piece of work on every lane, sorted by lane, then start time.
    public var segments: [LayerSegment]
    /// The time the last piece of work ends, in milliseconds (0 for no work).
    public var makespan: Double
    /// The rule that produced the plan.
    public var source: Source

    /// Creates a plan.
    public init(segments: [LayerSegment], makespan: Double, source: Source) {
        self.segments = segments
        self.makespan = makespan
        self.source = source
    }
}
