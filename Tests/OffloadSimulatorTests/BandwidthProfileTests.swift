import Testing
import OffloadModel
import OffloadScheduler
@testable import OffloadSimulator
import OffloadTestSupport

/// The fluid transfer arithmetic, against numbers worked out by hand. The rates are
/// chosen so every product is exact in binary floating point.
@Suite struct BandwidthProfileTests {
    /// 8 Mbps (8,000 bits/ms) from 0, 2 Mbps from 10 ms, an outage from 15 ms, 16 Mbps from 20 ms.
    static let steps = try! BandwidthProfile(points: [
        TracePoint(atMs: 0, mbps: 8), TracePoint(atMs: 10, mbps: 2),
        TracePoint(atMs: 15, mbps: 0), TracePoint(atMs: 20, mbps: 16),
    ])

    @Test func transferAcrossSeveralRateChanges() {
        // Starts at 4 ms, waits 1 ms of latency, then 100,000 bits (12,500 bytes):
        // 5–10 ms at 8,000 bits/ms moves 40,000; 10–15 ms at 2,000 moves 10,000;
        // 15–20 ms moves nothing; the last 50,000 take 50,000 / 16,000 = 3.125 ms.
        #expect(Self.steps.transferEnd(startMs: 4, bytes: 12_500, latencyMs: 1) == 23.125)
        #expect(Self.steps.bits(fromMs: 5, toMs: 23.125) == 100_000)
    }

    @Test func transferWithinOnePieceIsTheCostModel() {
        // 20,000 bits at 8,000 bits/ms: 2.5 ms plus 1 ms latency, from 2 ms.
        #expect(Self.steps.transferEnd(startMs: 2, bytes: 2_500, latencyMs: 1) == 5.5)
        // Ending exactly on a breakpoint: 40,000 bits from 5 ms end at 10 ms.
        #expect(Self.steps.transferEnd(startMs: 5, bytes: 5_000, latencyMs: 0) == 10)
    }

    @Test func transferStartingExactlyAtABreakpoint() {
        // At 10 ms the 2 Mbps piece is in force: 10,000 bits take 5 ms.
        #expect(Self.steps.piece(at: 10) == 1)
        #expect(Self.steps.transferEnd(startMs: 10, bytes: 1_250, latencyMs: 0) == 15)
        // Latency that ends exactly at a breakpoint: the bits start at the new rate.
        // From 8 ms, 2 ms of latency, then 4,000 bits at 2,000 bits/ms.
        #expect(Self.steps.transferEnd(startMs: 8, bytes: 500, latencyMs: 2) == 12)
        // Starting inside the outage: nothing moves until 20 ms, then 16,000 bits/ms.
        #expect(Self.steps.transferEnd(startMs: 15, bytes: 2_000, latencyMs: 0) == 21)
    }

    @Test func latencyLongerThanATraceStep() throws {
        // One step per ms: 8, 4, 2, 1 Mbps, then 16 Mbps from 4 ms.
        let profile = try BandwidthProfile(points: [
            TracePoint(atMs: 0, mbps: 8), TracePoint(atMs: 1, mbps: 4), TracePoint(atMs: 2, mbps: 2),
            TracePoint(atMs: 3, mbps: 1), TracePoint(atMs: 4, mbps: 16),
        ])
        // From 0.5 ms, 3 ms of latency skip three steps; the bits start at 3.5 ms:
        // 500 bits at 1,000 bits/ms by 4 ms, then 8,000 at 16,000 bits/ms: 0.5 ms more.
        #expect(profile.transferEnd(startMs: 0.5, bytes: 1_062, latencyMs: 3) == 4 + 7_996.0 / 16_000)
        #expect(profile.transferEnd(startMs: 0.5, bits: 8_500, latencyMs: 3) == 4.5)
        // Latency past the last breakpoint: only the last rate matters.
        #expect(profile.transferEnd(startMs: 0.5, bits: 16_000, latencyMs: 10) == 11.5)
    }

    @Test func noBytesMeansNoLatency() {
        #expect(Self.steps.transferEnd(startMs: 3, bytes: 0, latencyMs: 7) == 3)
    }

    @Test func constantLinkMatchesTheCostModelBitForBit() throws {
        let environment = Environment(bandwidthMbps: 18.88, latencyMs: 0.7)
        let profile = try BandwidthProfile(environment: environment)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<1000 {
            let start = Double.random(in: 0...5000, using: &rng)
            let bytes = Int.random(in: 1...2_000_000, using: &rng)
            #expect(profile.transferEnd(startMs: start, bytes: bytes, latencyMs: 0.7) == start + environment.uplinkMs(bytes: bytes))
        }
        // A trace whose points all keep one rate is the same constant link.
        let flat = try BandwidthProfile(points: [TracePoint(atMs: 0, mbps: 18.88), TracePoint(atMs: 5, mbps: 18.88)])
        #expect(flat.isConstant && flat.changes.isEmpty)
        #expect(flat.transferEnd(startMs: 3, bytes: 602_112, latencyMs: 0.7) == 3 + environment.uplinkMs(bytes: 602_112))
    }

    @Test func pieceLookupAndChanges() {
        #expect([0.0, 9.999, 10, 14, 15, 19, 20, 1e9].map(Self.steps.piece(at:)) == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(Self.steps.changes.map(\.atMs) == [10, 15, 20])
        #expect(Self.steps.mbps(at: 16) == 0)
    }

    @Test(arguments: [
        ([TracePoint](), "no points"),
        ([TracePoint(atMs: 1, mbps: 2)], "first point must be at 0"),
        ([TracePoint(atMs: 0, mbps: 2), TracePoint(atMs: 0, mbps: 3)], "atMs must ascend"),
        ([TracePoint(atMs: 0, mbps: -1)], "finite number >= 0"),
        ([TracePoint(atMs: 0, mbps: 2), TracePoint(atMs: 4, mbps: 0)], "last point's rate must be > 0"),
    ])
    func refusesInvalidTraces(points: [TracePoint], expected: String) {
        do {
            _ = try BandwidthProfile(points: points)
            Issue.record("accepted \(points)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func randomTransfersMoveExactlyTheirBytes() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let profile = try BandwidthProfile(points: RandomInstances.trace(&rng))
            let start = Double.random(in: 0...120, using: &rng)
            let latency = ([0, 0.5, 12, 45] as [Double]).randomElement(using: &rng) ?? 0
            let bits = Double.random(in: 1...2_000_000, using: &rng)
            let end = profile.transferEnd(startMs: start, bits: bits, latencyMs: latency)
            #expect(end >= start + latency)
            #expect(abs(profile.bits(fromMs: start + latency, toMs: end) - bits) <= 1e-9 * bits)
        }
    }
}
