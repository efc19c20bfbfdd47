import OffloadModel
import Testing
@testable import OffloadScheduler

/// The work budget of the candidate-cut enumeration: wherever it stops the probing, the
/// candidates are still closed cuts with exact profiles, still include every prefix (or
/// a cut at least as good on every axis), and are as close to optimal as their
/// `tolerance` says.
@Suite struct WorkBudgetTests {
    /// What every result must satisfy, whatever its budget.
    static func expectValid(_ graph: CutGraph, _ result: CutEnumeration.Result, _ label: String) {
        let cuts = result.cuts
        #expect(!cuts.isEmpty, "\(label)")
        for c in cuts {
            #expect(CutBruteForce.isClosed(graph, c.onDevice), "\(label)")
            #expect(graph.profile(onDevice: c.onDevice) == c, "\(label)")
        }
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            #expect(a.deviceMs < b.deviceMs || (a.deviceMs == b.deviceMs && a.uplinkBytes <= b.uplinkBytes), "\(label)")
        }
        for a in cuts {
            for b in cuts where a != b {
                #expect(!(a.deviceMs <= b.deviceMs && a.uplinkBytes <= b.uplinkBytes && a.cloudMs <= b.cloudMs),
                        "\(label): \(a) dominates \(b)")
            }
        }
        let n = graph.layerCount
        for k in 0...n {
            guard let prefix = graph.profile(onDevice: (0..<n).map { $0 < k }) else { continue }
            #expect(cuts.contains { $0.deviceMs <= prefix.deviceMs && $0.uplinkBytes <= prefix.uplinkBytes && $0.cloudMs <= prefix.cloudMs },
                    "\(label): prefix \(k) is neither a candidate nor dominated by one")
        }
    }

    /// With no budget at all the candidates are exactly the non-dominated prefixes, and
    /// the result promises nothing more.
    @Test func noBudgetLeavesTheNonDominatedPrefixes() {
        let graphs = [SyntheticGraphs.randomlyWired(layers: 200, seed: 1), SyntheticGraphs.randomDAG(layers: 200, seed: 2),
                      SyntheticGraphs.resNetLike(layers: 200, seed: 3)]
        for (index, graph) in graphs.enumerated() {
            let result = CutEnumeration.enumerate(graph, workBudget: 0)
            Self.expectValid(graph, result, "graph \(index)")
            #expect(result.tolerance == .infinity)
            #expect(!result.isComplete)
            let n = graph.layerCount
            let prefixes = (0...n).compactMap { k in graph.profile(onDevice: (0..<n).map { $0 < k }) }
            let nonDominated = prefixes.filter { p in
                !prefixes.contains { q in
                    q.deviceMs <= p.deviceMs && q.uplinkBytes <= p.uplinkBytes && q.cloudMs <= p.cloudMs
                        && (q.deviceMs, q.uplinkBytes, q.cloudMs) != (p.deviceMs, p.uplinkBytes, p.cloudMs)
                }
            }
            #expect(Set(result.cuts.map(\.deviceLayerCount)) == Set(nonDominated.map(\.deviceLayerCount)), "graph \(index)")
            for c in result.cuts {
                let k = c.deviceLayerCount
                #expect(c.onDevice == (0..<n).map { $0 < k }, "graph \(index): not a prefix")
            }
        }
    }

    /// Budgets from nothing to the default, on graphs whose hull is too large to finish
    /// cheaply: valid candidates every time, and at random weightings the best candidate
    /// is within the stated tolerance of a minimum cut of the whole network. The budgets
    /// stop the probing in the first pass, in a later one, and not at all.
    @Test func everyBudgetKeepsItsPromise() throws {
        var rng = SplitMix64(seed: 31)
        var stoppedInFirstPass = 0
        var stoppedLater = 0
        var completed = 0
        let graphs = [SyntheticGraphs.randomlyWired(layers: 250, seed: 5), SyntheticGraphs.randomDAG(layers: 250, seed: 6),
                      SyntheticGraphs.resNetLike(layers: 250, seed: 7), SyntheticGraphs.randomlyWired(layers: 40, seed: 8)]
        for (index, graph) in graphs.enumerated() {
            let n = graph.layerCount
            let whole = MinCutOracle(graph: graph, topology: CutTopology(graph), block: 0..<n, entry: -1,
                                     placement: Array(repeating: .free, count: n))
            let full = CutEnumeration.defaultWorkBudget(graph)
            for fraction in [0.0, 0.0003, 0.003, 0.01, 0.03, 0.1, 0.3, 1] {
                let budget = Int(Double(full) * fraction)
                let result = CutEnumeration.enumerate(graph, workBudget: budget)
                let label = "graph \(index), budget \(budget)"
                Self.expectValid(graph, result, label)
                if result.isComplete {
                    completed += 1
                    #expect(result.tolerance < 1e-11, "\(label)")
                } else if result.tolerance.isFinite {
                    stoppedLater += 1
                    #expect(result.tolerance > 1e-11 && result.tolerance < 0.2, "\(label)")
                } else {
                    stoppedInFirstPass += 1
                    continue
                }
                let bytesScale = Double(max(1, result.cuts.map(\.uplinkBytes).max() ?? 1))
                for _ in 0..<15 {
                    let w = Weighting.random(&rng, bytesScale: bytesScale, decades: 4)
                    func value(_ c: Cut) -> Double { w.device * c.deviceMs + w.bytes * Double(c.uplinkBytes) + w.cloud * c.cloudMs }
                    let optimum = try #require(graph.profile(onDevice: whole.minimise(w.device, w.bytes, w.cloud)))
                    let best = result.cuts.map(value).min() ?? .infinity
                    #expect(best <= value(optimum) * (1 + result.tolerance) * (1 + 1e-9), "\(label): \(best) vs \(value(optimum)) under \(w)")
                }
            }
        }
        #expect(stoppedInFirstPass > 0)
        #expect(stoppedLater > 0)
        #expect(completed > 0)
    }

    /// On small graphs, against brute force over every closed cut and with latency: the
    /// tolerance holds for the cost the planners use, whatever the budget.
    @Test func toleranceHoldsWithLatencyAgainstBruteForce() {
        var rng = SplitMix64(seed: 0xB0D6E7)
        for graphIndex in 0..<120 {
            let graph = SmallGraphs.random(&rng, maxLayers: 12)
            let all = CutBruteForce.closedSets(graph).map { CutBruteForce.profile(graph, $0) }
            let bytesScale = Double(max(1, all.map(\.uplinkBytes).max() ?? 1))
            for budget in [0, 30, 150, 600, 3_000, CutEnumeration.defaultWorkBudget(graph)] {
                let result = CutEnumeration.enumerate(graph, workBudget: budget)
                let label = "graph \(graphIndex), budget \(budget)"
                Self.expectValid(graph, result, label)
                guard result.tolerance.isFinite else { continue }
                for _ in 0..<10 {
                    let w = Weighting.random(&rng, bytesScale: bytesScale)
                    let truth = all.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }.min() ?? 0
                    let best = result.cuts.map { CutBruteForce.cost(deviceMs: $0.deviceMs, bytes: $0.uplinkBytes, cloudMs: $0.cloudMs, w) }
                        .min() ?? .infinity
                    #expect(best <= truth * (1 + result.tolerance) * (1 + 1e-9) + 1e-300, "\(label): \(best) vs \(truth) under \(w)\n\(graph)")
                }
            }
            // The default budget finishes every small graph.
            #expect(CutEnumeration.enumerate(graph).isComplete, "graph \(graphIndex)")
        }
    }

    /// The budget counts work, not time: the same budget gives the same candidates.
    @Test func budgetedResultsAreDeterministic() {
        let graph = SyntheticGraphs.randomlyWired(layers: 300, seed: 9)
        let budget = CutEnumeration.defaultWorkBudget(graph) / 20
        let first = CutEnumeration.enumerate(graph, workBudget: budget)
        let second = CutEnumeration.enumerate(graph, workBudget: budget)
        #expect(first.cuts == second.cuts)
        #expect(first.tolerance == second.tolerance)
        #expect(first.work == second.work)
    }

    /// The default budget bounds the work by the model's size, and the work done stays
    /// within it (up to the one probe that crosses it).
    @Test func workStaysWithinTheBudget() {
        for layers in [100, 400] {
            let graph = SyntheticGraphs.randomlyWired(layers: layers, seed: UInt64(layers))
            for fraction in [0.01, 0.1, 1] {
                let budget = Int(Double(CutEnumeration.defaultWorkBudget(graph)) * fraction)
                let result = CutEnumeration.enumerate(graph, workBudget: budget)
                // Block hulls and their combination get the budget each; one probe may overrun.
                #expect(result.work <= 2 * budget + 100 * (graph.layerCount + 1) * 10, "\(layers) layers, budget \(budget): \(result.work)")
            }
        }
    }
}
