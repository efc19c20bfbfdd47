extension Plan {
    /// How far a makespan lies above a lower bound, in percent: the one definition behind
    /// `compare`'s `gapPercent`, the plan header of `schedule` and the dashboard's header.
    ///
    /// `(makespan / bound - 1) · 100`, never below 0, and 0 when the bound is not positive.
    /// The planner's bound covers job-level plans over the candidate cuts; a layer-level plan
    /// can finish sooner (it overlaps a job's own stages), and then its gap is 0, as a plan
    /// reports its bound no higher than its makespan (``lowerBoundMs``). Clamping also keeps
    /// a makespan equal to the bound up to rounding from reading as `-0.0%`.
    public static func gapPercent(makespanMs: Double, lowerBoundMs: Double) -> Double {
        lowerBoundMs > 0 ? max(0, makespanMs / lowerBoundMs - 1) * 100 : 0
    }

    /// How far the makespan lies above the plan's own lower bound, in percent.
    public var gapPercent: Double {
        Self.gapPercent(makespanMs: makespanMs, lowerBoundMs: lowerBoundMs)
    }
}
