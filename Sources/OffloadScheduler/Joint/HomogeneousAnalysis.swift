/// The outcome of `HomogeneousSolver.analyze`: a plan, a lower bound on every plan's
/// makespan, and whether the plan is proven optimal.
public struct HomogeneousAnalysis: Sendable, Equatable {
    /// The best plan found; `choice[j]` is the option of the `j`-th job in `order`.
    public var plan: JobLevelPlan
    /// A lower bound on the makespan of every plan for these jobs.
    public var lowerBound: Double
    /// True when `plan` is optimal: it meets `lowerBound`, or the exact search finished.
    public var isProvenOptimal: Bool

    public init(plan: JobLevelPlan, lowerBound: Double, isProvenOptimal: Bool) {
        self.plan = plan
        self.lowerBound = lowerBound
        self.isProvenOptimal = isProvenOptimal
    }
}
