import OffloadScheduler

/// How `Simulator.play` departs from replaying the plan as it is.
public struct SimulationOptions: Sendable, Hashable {
    /// Random, seeded variation of every duration; nil plays the cost model exactly.
    public var jitter: Jitter?
    /// Whether to re-plan the work that has not started whenever the bandwidth changes,
    /// with the rate then in force.
    public var replan: Bool
    /// The algorithm that re-plans; nil for the plan's own.
    public var replanAlgorithm: Algorithm?
    /// How hard a re-plan with `exact` searches (`Planner.Effort`): the dashboard re-plans
    /// on its tick, so it asks for `.interactive`.
    public var effort: Planner.Effort

    public init(jitter: Jitter? = nil, replan: Bool = false, replanAlgorithm: Algorithm? = nil,
                effort: Planner.Effort = .standard) {
        self.jitter = jitter
        self.replan = replan
        self.replanAlgorithm = replanAlgorithm
        self.effort = effort
    }
}

/// Seeded variation of durations: each piece of work's duration is multiplied by a
/// factor drawn uniformly from `[1 - percent/100, 1 + percent/100]`.
///
/// The factor depends only on the seed, the job, the lane and the piece's position
/// among that job's pieces on that lane — not on when it runs — so the same seed gives
/// the same timeline bit for bit, and a re-planned run meets the same luck as the static
/// one. A transfer's latency is stretched by its factor and its rate divided by it, so
/// under a constant rate its duration is multiplied by exactly the factor.
public struct Jitter: Sendable, Hashable {
    /// The half-width of the range, in percent: 10 draws factors from [0.9, 1.1].
    public var percent: Double
    public var seed: UInt64

    public init(percent: Double, seed: UInt64) {
        self.percent = percent
        self.seed = seed
    }

    /// Checks that the factors stay positive: 0 <= percent < 100.
    func validated() throws(SimulationError) -> Jitter {
        guard percent.isFinite, percent >= 0, percent < 100 else {
            throw .invalidOption("the jitter must be a percentage from 0 up to (not including) 100, found \(percent)")
        }
        return self
    }

    /// The factor of the `ordinal`-th piece of work of `job` on `lane` (0 for job-level plans).
    public func factor(job: Int, lane: Lane, ordinal: Int) -> Double {
        var state = Self.mix(seed)
        state = Self.mix(state ^ UInt64(truncatingIfNeeded: job))
        state = Self.mix(state ^ UInt64(lane.rawValue))
        state = Self.mix(state ^ UInt64(truncatingIfNeeded: ordinal))
        let unit = Double(state >> 11) * 0x1p-53  // uniform in [0, 1)
        let width = percent / 100
        return 1 - width + 2 * width * unit
    }

    /// One SplitMix64 step from `value`: a well-mixed 64-bit value of it.
    private static func mix(_ value: UInt64) -> UInt64 {
        SplitMix64.mix(value &+ 0x9E37_79B9_7F4A_7C15)
    }
}
