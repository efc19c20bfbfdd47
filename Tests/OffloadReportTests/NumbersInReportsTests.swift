import OffloadModel
import OffloadReport
import OffloadScheduler
import Testing

/// Issue 6, item 4: whatever the magnitude, a number becomes text or JSON without
/// trapping, without NaN or infinity, and a long time axis counts in a unit that fits.
@Suite struct NumbersInReportsTests {
    // MARK: - Axis units

    @Test func theAxisUnitGrowsWithTheSpan() {
        let cases: [(Double, String)] = [
            (0, "ms"), (.nan, "ms"), (.infinity, "ms"), (-5, "ms"), (219.4, "ms"), (9_999, "ms"),
            (10_000, "s"), (45_000, "s"), (599_999, "s"),
            (600_000, "min"), (3_600_000, "min"), (35_999_999, "min"),
            (36_000_000, "h"), (2 * 86_400_000, "h"), (863_999_999, "h"),
            (864_000_000, "d"), (2.892e10, "d"), (1e15, "d"),
        ]
        for (span, unit) in cases { #expect(TimeAxis.unit(forSpanMs: span).name == unit, "span \(span)") }
    }

    @Test func niceStepsAreFiniteAndPositiveForAnyInput() {
        #expect(TimeAxis.niceStep(atLeast: 3) == 5)
        #expect(TimeAxis.niceStep(atLeast: 0.013) == 0.02)
        #expect(TimeAxis.niceStep(atLeast: 1.2e9) == 2e9)
        for input in [0, -1, .nan, .infinity, .leastNonzeroMagnitude, .leastNormalMagnitude / 100, 1e-300, 1e300, .greatestFiniteMagnitude] as [Double] {
            let step = TimeAxis.niceStep(atLeast: input)
            #expect(step.isFinite && step > 0, "\(input) gave \(step)")
        }
    }

    // MARK: - Conversions

    @Test func columnConversionsClampInsteadOfTrapping() {
        #expect(Int(clamping: 12.7, to: 0...99) == 12)
        #expect(Int(clamping: -0.5, to: 0...99) == 0)
        #expect(Int(clamping: .nan, to: 0...99) == 0)
        #expect(Int(clamping: .infinity, to: 0...99) == 99)
        #expect(Int(clamping: -.infinity, to: -1...99) == -1)
        #expect(Int(clamping: 1e300, to: 0...Int.max) == Int.max)
        #expect(Int(clamping: -1e300, to: Int.min...0) == Int.min)
        #expect(Int(clamping: 9.2e18, to: 0...Int.max) == 9_200_000_000_000_000_000)
    }

    @Test func numberFormatsHandleEveryMagnitude() {
        #expect(NumberFormat.fixed(.nan) == "-" && NumberFormat.fixed(.infinity) == "-" && NumberFormat.fixed(-.infinity) == "-")
        #expect(NumberFormat.fixed(2.892e10) == "28,920,000,000.00")
        #expect(NumberFormat.fixed(1e20).contains("e"))  // written, not trapped
        #expect(NumberFormat.fixed(1.5, decimals: 99) == "1.500000000000")
        #expect(NumberFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(NumberFormat.grouped(-1234) == "-1,234")
        #expect(NumberFormat.compact(18.88) == "18.88" && NumberFormat.compact(0.0125) == "0.0125" && NumberFormat.compact(100_000) == "100,000")
        #expect(NumberFormat.compact(19_550) == "19,550" && NumberFormat.compact(1_234.5) == "1,234.5" && NumberFormat.compact(-2_500) == "-2,500")
        #expect(TimeAxis.label(4_000, step: 2_000) == "4,000" && TimeAxis.label(1.5, step: 0.5) == "1.5")
        // Nothing above 0 reads as 0.
        #expect(NumberFormat.compact(0.001) == "0.001")
        #expect(NumberFormat.compact(0.00125) == "0.00125")
        #expect(NumberFormat.compact(0.000001) == "0.000001")
        #expect(NumberFormat.compact(1e-12) == "1e-12")
        #expect(NumberFormat.compact(0) == "0")
        #expect(NumberFormat.compact(.nan) == "-")
    }

    // MARK: - The text Gantt chart

    func segments(_ spans: [(Lane, Int, Double, Double)]) -> [Segment] {
        spans.map { Segment(lane: $0.0, job: $0.1, startMs: $0.2, endMs: $0.3, work: .wholeStage) }
    }

    @Test func aChartOfDaysHasADayAxis() {
        let day = 86_400_000.0
        let lines = TextGantt.render(segments([(.device, 0, 0, 100 * day), (.uplink, 0, 100 * day, 300 * day), (.cloud, 1, 300 * day, 335 * day)]),
                                     makespanMs: 335 * day, jobLabels: ["a", "b"], width: 80)
        let axis = lines.last ?? ""
        #expect(axis.hasSuffix("  d"), "\(axis)")
        #expect(axis.contains(" 100 ") && axis.contains(" 300"), "\(axis)")
        #expect(axis.firstMatch(of: /[0-9]e[+-]?[0-9]/) == nil)
        #expect(lines[1].contains("[a"))
    }

    @Test func aChartOfSecondsKeepsMilliseconds() {
        let lines = TextGantt.render(segments([(.device, 0, 0, 120), (.uplink, 0, 120, 220)]), makespanMs: 220, jobLabels: ["a"], width: 60)
        #expect(lines.last?.hasSuffix("  ms") == true)
        #expect(lines.last?.contains(" 100 ") == true)
    }

    @Test func nonFiniteOrHugeTimesDoNotTrapTheChart() {
        let bad = segments([(.device, 0, 0, .infinity), (.uplink, 0, .nan, 5), (.cloud, 1, 1e300, 1e301), (.cloud, 1, -.infinity, 0)])
        for makespan in [Double.nan, .infinity, 0, -1, 1e301, 5] {
            let lines = TextGantt.render(bad, makespanMs: makespan, jobLabels: ["a", "b"], width: 50)
            #expect(lines.count == 5)
        }
    }

    // MARK: - JSON

    @Test func theJSONWriterRefusesNonFiniteNumbersAndSaysWhere() throws {
        let document = JSONValue.object([
            ("makespanMs", .measured(12.5)),
            ("jobs", .array([.object([("finishMs", .measured(1))]), .object([("finishMs", .measured(.infinity))])])),
        ])
        do {
            _ = try document.finiteSerialized()
            Issue.record("wrote a document with infinity in it")
        } catch {
            #expect(error.description == "the JSON output: jobs[1].finishMs: a number is infinite or NaN (an overflow), which JSON cannot hold; nothing was written")
        }
        #expect(throws: InputError.self) { try JSONValue.array([.measured(.nan)]).finiteSerialized() }
        // The unchecked writer never writes `nan` or `inf` either.
        let text = document.serialized()
        #expect(!text.contains("nan") && !text.contains("inf") && text.contains("null"))
        #expect(try JSONValue.object([("a", .measured(2.5))]).finiteSerialized() == "{\n  \"a\": 2.5\n}")
    }

    @Test func measuredNumbersRoundButNeverOverflowOrVanish() {
        #expect(JSONValue.measured(79.084745762).serialized() == "79.0847")
        #expect(JSONValue.measured(2.892e10).serialized() == "28920000000")
        // Scaling for the rounding would overflow: the number stays as it is.
        #expect(JSONValue.measured(1e305).serialized() == "1e+305")
        #expect(JSONValue.exact(0.000001).serialized() == "1e-06")
    }

    // MARK: - Plans at the edges

    /// One model of three layers whose tensors are gigabytes and whose layers take 100 s each.
    func hugeModel() throws -> ModelGraph {
        try ModelGraph(name: "huge", inputBytes: 1_000_000_000, layers: [
            Layer(name: "conv1", inputs: ["input"], deviceMs: 100_000, cloudMs: 1000, outputBytes: 2_000_000_000),
            Layer(name: "conv2", inputs: ["conv1"], deviceMs: 100_000, cloudMs: 1000, outputBytes: 500_000_000),
            Layer(name: "fc", inputs: ["conv2"], deviceMs: 100_000, cloudMs: 1000, outputBytes: 4000),
        ])
    }

    func scenario(jobs: Int, environment: Environment) throws -> Scenario {
        Scenario(name: "Days", environment: environment, models: [try hugeModel()],
                 jobs: (1...jobs).map { Job(id: "h-\($0)", modelIndex: 0) })
    }

    @Test func aPlanOfMonthsPrintsFiniteNumbersAndADayAxis() throws {
        let environment = Environment(deviceSpeed: 0.01, cloudSpeed: 0.01, bandwidthMbps: 0.01, latencyMs: 10_000)
        let scenario = try scenario(jobs: 1000, environment: environment)
        let plan = try Planner(scenario: scenario).plan(.joint, in: environment)
        #expect(plan.isFinite)
        #expect(plan.makespanMs > 1e10 && plan.makespanMs < 1e11)

        let text = TextReport.plan(plan, scenario: scenario, width: 100)
        #expect(text.contains("makespan 28,920,000,000.00 ms"))
        #expect(text.firstMatch(of: /\b(nan|inf)\b/) == nil && text.firstMatch(of: /[0-9]e[+-]?[0-9]/) == nil)
        let axis = text.split(separator: "\n").last ?? ""
        #expect(axis.hasSuffix("  d"), "\(axis)")

        let json = try PlanJSON.plan(plan, scenario: scenario).finiteSerialized()
        let parsed = try JSONParser.parse(json)
        guard case let .number(makespan, _)? = parsed["makespanMs"] else { Issue.record("no makespanMs"); return }
        #expect(makespan == 28_920_000_000)
        guard case let .number(latency, _)? = parsed["environment"]?["latencyMs"] else { Issue.record("no latency"); return }
        #expect(latency == 10_000)
    }

    @Test func tinySpeedsAreEchoedExactlyNotAsZero() throws {
        let environment = Environment(deviceSpeed: 0.000001, cloudSpeed: 1, bandwidthMbps: 0.000001, latencyMs: 0)
        let scenario = try scenario(jobs: 2, environment: environment)
        let plan = try Planner(scenario: scenario).plan(.partitionOnly, in: environment)
        let parsed = try JSONParser.parse(try PlanJSON.plan(plan, scenario: scenario).finiteSerialized())
        guard case let .number(speed, _)? = parsed["environment"]?["deviceSpeed"],
              case let .number(rate, _)? = parsed["environment"]?["bandwidthMbps"] else { Issue.record("no environment"); return }
        #expect(speed == 0.000001 && rate == 0.000001)
        #expect(TextReport.environmentSummary(environment) == "device ×0.000001, cloud ×1, 0.000001 Mbps, latency 0 ms")
    }

    @Test(arguments: Algorithm.allCases)
    func anEnvironmentThatOverflowsIsRefusedNotPlannedAsInfinity(_ algorithm: Algorithm) throws {
        // Far outside what files and flags accept: every time overflows a Double.
        let environment = Environment(deviceSpeed: 1e-305, cloudSpeed: 1e-305, bandwidthMbps: 1e-305, latencyMs: 0)
        let scenario = try scenario(jobs: 4, environment: environment)
        do {
            let plan = try Planner(scenario: scenario).plan(algorithm, in: environment)
            Issue.record("\(algorithm) made a plan with makespan \(plan.makespanMs)")
        } catch {
            #expect(error.algorithm == algorithm)
            #expect(error.reason.contains("overflow") || algorithm == .exact || algorithm == .layerLevel, "\(error)")
        }
    }
}

/// Text bounded to a width (docs/FORMATS.md, "Text output and its width").
@Suite struct TextWidthTests {
    @Test func longLinesBreakAtSpacesAndContinueIndented() {
        let text = "one two three four five six seven eight nine ten eleven twelve\nshort\n"
        let bounded = TextWidth.bounded(text, width: 20)
        #expect(bounded == "one two three four\n  five six seven\n  eight nine ten\n  eleven twelve\nshort\n")
        #expect(TextWidth.bounded(String(repeating: "x", count: 45), width: 20) == String(repeating: "x", count: 20) + "\n  " + String(repeating: "x", count: 18) + "\n  xxxxxxx")
        #expect(TextWidth.bounded("a\u{1b}[31mb", width: 20) == #"a\u001b[31mb"#)
    }

    @Test func namesAreShortenedInTheMiddle() {
        #expect(TextWidth.shortened("objects-4", to: 6) == "obj…-4")
        #expect(TextWidth.shortened("cam", to: 6) == "cam")
        #expect(TextWidth.shortened("abcdefgh", to: 7) == "abc…fgh")
    }

    @Test func tablesCutNamesThenLeaveOutColumnsThenCutTheKey() {
        let headings = ["job", "model", "a", "b"]
        let rows = [["objects-1", "resnet50", "1000", "2000"], ["objects-2", "resnet50", "3", "4"]]
        let all = TextReport.table(headings: headings, rows: rows, rightAligned: [2, 3], width: 100)
        #expect(all == ["job        model        a     b", "objects-1  resnet50  1000  2000", "objects-2  resnet50     3     4"])
        let cut = TextReport.table(headings: headings, rows: rows, rightAligned: [2, 3], width: 29)
        #expect(cut.allSatisfy { $0.count <= 29 } && cut[1] == "objects-1  res…50  1000  2000", "\(cut)")
        let dropped = TextReport.table(headings: headings, rows: rows, rightAligned: [2, 3], width: 20)
        #expect(dropped == ["job        model", "objects-1  res…50", "objects-2  res…50", "(left out to fit 20 columns: a, b)"], "\(dropped)")
    }
}
