import Testing
@testable import OffloadDashboard

@Suite struct KnobTests {
    @Test func theFineLadderIsReadable() {
        var value = 0.01
        var stops: [Double] = [value]
        while value < 100 {
            value = Ladder.fine.above(value)
            stops.append(value)
        }
        #expect(Array(stops.prefix(11)) == [0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1])
        #expect(stops.contains(1.25) && stops.contains(12.5) && stops.last == 100)
        for (index, stop) in stops.enumerated().dropFirst() {
            #expect(Ladder.fine.below(stop) == stops[index - 1])
            let ratio = stop / stops[index - 1]
            #expect(ratio > 1.19 && ratio < 1.34)
        }
    }

    @Test func offLadderValuesStepToTheNextStop() {
        #expect(Ladder.fine.above(18.88) == 20)
        #expect(Ladder.fine.below(18.88) == 15)
        #expect(Ladder.fine.above(5.85) == 6)
        #expect(Ladder.fine.below(5.85) == 5)
        #expect(Ladder.fine.above(1.1) == 1.25)
        #expect(Ladder.fine.below(1.1) == 1)
        #expect(Ladder.fine.above(9.999999999999) == 12.5)
    }

    @Test func latencyLadder() {
        #expect(Ladder.oneTwoFive.above(0) == 1)
        #expect(Ladder.oneTwoFive.above(0.3) == 1)
        #expect(Ladder.oneTwoFive.below(1) == 0)
        #expect(Ladder.oneTwoFive.below(0.3) == 0)
        #expect(Ladder.oneTwoFive.above(1) == 2)
        #expect(Ladder.oneTwoFive.above(5) == 10)
        #expect(Ladder.oneTwoFive.below(7) == 5)
    }

    @Test func stepsClampToTheRange() {
        #expect(Knob.bandwidth.stepped(from: 100_000, up: true) == (100_000, true))
        #expect(Knob.bandwidth.stepped(from: 90_000, up: true) == (100_000, false))
        #expect(Knob.deviceSpeed.stepped(from: 0.011, up: false) == (0.01, false))
        #expect(Knob.latency.stepped(from: 0, up: false) == (0, true))
        // Beyond the range (from a scenario or a flag): a step towards it lands inside it.
        #expect(Knob.cloudSpeed.stepped(from: 250, up: false) == (100, false))
        #expect(Knob.cloudSpeed.stepped(from: 250, up: true) == (250, true))
        #expect(Knob.bandwidth.stepped(from: 0.000001, up: true) == (0.01, false))
        #expect(Knob.bandwidth.stepped(from: 0.000001, up: false) == (0.000001, true))
        #expect(Knob.latency.stepped(from: 50_000, up: false) == (10_000, false))
    }

    @Test func timeScaleUnitsStaySensible() {
        let short = TimeScale(startMs: 0, spanMs: 219.4, columns: 100)
        #expect(short.unit == "ms")
        #expect(short.ticks.map(\.label) == ["0", "20", "40", "60", "80", "100", "120", "140", "160", "180", "200"])
        let seconds = TimeScale(startMs: 0, spanMs: 45_000, columns: 100)
        #expect(seconds.unit == "s")
        #expect(seconds.ticks.first?.label == "0" && seconds.ticks.contains { $0.label == "10" })
        let minutes = TimeScale(startMs: 0, spanMs: 3_600_000, columns: 100)
        #expect(minutes.unit == "min")
        #expect(minutes.ticks.contains { $0.label == "30" })
        let hours = TimeScale(startMs: 0, spanMs: 2 * 86_400_000, columns: 100)
        #expect(hours.unit == "h")
        #expect(hours.ticks.map(\.label) == ["0", "5", "10", "15", "20", "25", "30", "35", "40", "45"])
        // 1,000 jobs at 0.01 Mbps: a makespan of about 335 days.
        let days = TimeScale(startMs: 0, spanMs: 2.892e10, columns: 100)
        #expect(days.unit == "d")
        #expect(days.ticks.map(\.label) == ["0", "50", "100", "150", "200", "250", "300"])
        let zoomedDays = TimeScale(startMs: 2.8e10, spanMs: 2.892e10 / 1024, columns: 100)
        #expect(zoomedDays.unit == "min" && !zoomedDays.ticks.isEmpty)
        // Plain numbers, thousands grouped (`466,670`), never an exponent.
        #expect(zoomedDays.ticks.allSatisfy { Double($0.label.filter { $0 != "," }) != nil && !$0.label.contains("e") })
        #expect(zoomedDays.ticks.allSatisfy { $0.label.filter { $0 != "," } .count <= 3 || $0.label.contains(",") })
        let zoomed = TimeScale(startMs: 100.25, spanMs: 0.5, columns: 60)
        #expect(zoomed.ticks.allSatisfy { Double($0.label) != nil })
        #expect(TimeScale(startMs: 0, spanMs: 0, columns: 0).ticks.isEmpty)
    }
}
