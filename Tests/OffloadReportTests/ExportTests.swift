import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OffloadModel
import OffloadReport
import OffloadScheduler
import Testing

/// The exported pictures (docs/FORMATS.md, "Exported pictures"): SVG that parses as XML with
/// one rect per segment where the geometry puts it, HTML without network assets, Mermaid
/// that reads back into the same segments, and names escaped in every format.
@Suite struct ExportTests {
    /// Two jobs of two small models; job 0's id needs escaping everywhere.
    static func scenario() throws -> Scenario {
        let a = try ModelGraph(name: "tiny-a", inputBytes: 1000, layers: [
            Layer(name: "a1", inputs: ["input"], deviceMs: 10, cloudMs: 1, outputBytes: 500),
            Layer(name: "a2", inputs: ["a1"], deviceMs: 5, cloudMs: 1, outputBytes: 100),
        ])
        let b = try ModelGraph(name: "tiny-b", inputBytes: 2000, layers: [
            Layer(name: "b1", inputs: ["input"], deviceMs: 15, cloudMs: 2, outputBytes: 800),
        ])
        return Scenario(name: "Hand <built> & \"small\"", environment: Environment(bandwidthMbps: 8),
                        models: [a, b], jobs: [Job(id: "cam<1>&'x':y;#z", modelIndex: 0), Job(id: "mic", modelIndex: 1)])
    }

    /// A plan with its segments given: makespan 50 ms.
    static func plan(_ scenario: Scenario) throws -> Plan {
        let cuts = [try #require(scenario.models[0].cut(onDevice: [true, false])), try #require(scenario.models[1].cut(onDevice: [false]))]
        let segments = [
            Segment(lane: .device, job: 0, startMs: 0, endMs: 10, work: .wholeStage),
            Segment(lane: .uplink, job: 0, startMs: 10, endMs: 30, work: .wholeStage),
            Segment(lane: .uplink, job: 1, startMs: 30, endMs: 40, work: .wholeStage),
            Segment(lane: .cloud, job: 0, startMs: 30, endMs: 35.5, work: .wholeStage),
            Segment(lane: .cloud, job: 1, startMs: 40, endMs: 50, work: .wholeStage),
        ]
        return Plan(algorithm: .joint, environment: scenario.environment, cuts: cuts, order: [0, 1], segments: segments, lowerBoundMs: 40)
    }

    /// The attributes of every element named `name`, and for rects the text of their `<title>`.
    final class Collector: NSObject, XMLParserDelegate {
        var rects: [[String: String]] = []
        var titles: [String] = []
        var inSegments = false
        var inTitle = false
        var title = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "g", attributes["class"] == "segments" { inSegments = true }
            if name == "rect", inSegments { rects.append(attributes) }
            if name == "title", inSegments { inTitle = true; title = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "g" { inSegments = false }
            if name == "title", inTitle { inTitle = false; titles.append(title) }
        }
    }

    @Test func svgParsesWithOneRectPerSegmentWhereTheGeometryPutsIt() throws {
        let scenario = try Self.scenario()
        let plan = try Self.plan(scenario)
        let svg = GanttSVG.render(plan, scenario: scenario, theme: .light)
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(collector.rects.count == plan.segments.count)
        // Geometry: x = 84 + t / 50 × 848, lanes 40 high from y = 62 every 48, blocks inset by 3.
        let expected: [(x: Double, y: Double, width: Double)] = [
            (84, 65, 169.6), (253.6, 113, 339.2), (592.8, 113, 169.6), (592.8, 161, 93.28), (762.4, 161, 169.6),
        ]
        for (rect, want) in zip(collector.rects, expected) {
            #expect(Double(rect["x"] ?? "") == want.x, "x of \(rect)")
            #expect(Double(rect["y"] ?? "") == want.y, "y of \(rect)")
            #expect(Double(rect["width"] ?? "") == want.width, "width of \(rect)")
            #expect(rect["height"] == "34")
        }
        // Coloured per job, and a tooltip naming job, model, lane and times.
        #expect(collector.rects[0]["fill"] == ExportTheme.light.jobColour(0))
        #expect(collector.rects[2]["fill"] == ExportTheme.light.jobColour(1))
        #expect(collector.titles.count == plan.segments.count)
        #expect(collector.titles[0] == "cam<1>&'x':y;#z · tiny-a · device: 1 of 2 layers on the device · 0.00–10.00 ms")
        #expect(collector.titles[4].hasPrefix("mic · tiny-b · cloud: 1 of 1 layers in the cloud"))
        #expect(svg.contains("makespan 50.00 ms"))
        #expect(svg.contains(">device<") && svg.contains(">uplink<") && svg.contains(">cloud<"))
    }

    @Test func htmlIsSelfContained() throws {
        let scenario = try Self.scenario()
        let planner = Planner(scenario: scenario)
        let plan = try planner.plan(.joint, in: scenario.environment)
        var sweep = Sweep(planner: planner, environment: scenario.environment, algorithms: Sweep.defaultAlgorithms(jobs: 2),
                          bandwidths: Sweep.logSpaced(from: 1, to: 100, steps: 8))
        sweep.computeAll()
        let html = HTMLReport.render(plan: plan, scenario: scenario, comparison: Comparison(planner: planner, environment: scenario.environment),
                                     sweep: sweep, theme: .light)
        let lower = html.lowercased()
        for reference in ["http:", "https:", "//cdn", "src=", "href=", "url(", "@import", "<link", "<script"] {
            #expect(!lower.contains(reference), "the HTML references \(reference)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("Hand &lt;built&gt; &amp; &quot;small&quot;"))
        #expect(!html.contains("cam<1>"))
        for algorithm in Algorithm.allCases { #expect(html.contains(">\(algorithm.rawValue)<"), "no row for \(algorithm)") }
    }

    @Test func mermaidReadsBackIntoTheSameSegments() throws {
        let scenario = try Self.scenario()
        let plan = try Self.plan(scenario)
        let text = MermaidGantt.render(plan, scenario: scenario)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "gantt")
        #expect(lines.filter { $0.hasPrefix("    section ") }.map { String($0.dropFirst(12)) } == ["device", "uplink", "cloud"])
        let tasks = MermaidGantt.parse(text)
        let expected = Lane.allCases.flatMap { lane in plan.segments.filter { $0.lane == lane } }
        #expect(tasks.count == expected.count)
        for (task, segment) in zip(tasks, expected) {
            #expect(task.section == segment.lane.description)
            #expect(task.name == MermaidGantt.taskName(scenario.jobs[segment.job].id))
            #expect(abs(task.startMs - segment.startMs) < 0.005 && abs(task.endMs - segment.endMs) < 0.005)
        }
        // Task names hold nothing Mermaid reads as syntax.
        for line in lines where line.contains(" :s") {
            let name = line[..<(line.range(of: " :s")?.lowerBound ?? line.endIndex)]
            #expect(!name.contains(":") && !name.contains(";") && !name.contains("#"), "unsafe task name: \(line)")
        }
    }

    @Test func markupEscapesWhatXMLAndMermaidRead() {
        #expect(Markup.xml("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(Markup.xml("bell\u{07}esc\u{1B}") == "bell\u{FFFD}esc\u{FFFD}")
        #expect(Markup.mermaid("a:b;c#d\ne") == "a∶b,c♯d e")
        #expect(Markup.mermaid("  ") == "-")
        #expect(MermaidGantt.taskName("section-2") == "job section-2" && MermaidGantt.taskName("Title") == "job Title")
        #expect(MermaidGantt.taskName("cam-1") == "cam-1")
        #expect(Markup.plain("red\u{1B}[31m\u{9B}x") == "red\u{FFFD}[31m\u{FFFD}x")
        #expect(Markup.number(253.6) == "253.6" && Markup.number(84) == "84" && Markup.number(93.2800001) == "93.28")
    }

    @Test func sweepOutputsAgree() throws {
        let scenario = try Self.scenario()
        var sweep = Sweep(planner: Planner(scenario: scenario), environment: scenario.environment,
                          algorithms: [.partitionOnly, .joint], bandwidths: Sweep.logSpaced(from: 0.5, to: 500, steps: 10))
        sweep.computeAll()
        let csv = SweepReport.csv(sweep).split(separator: "\n")
        #expect(csv.first == "bandwidthMbps,partition-only,joint")
        #expect(csv.count == 11)
        let json = try JSONParser.parse(SweepReport.json(sweep, scenario: scenario, environment: scenario.environment).serialized())
        guard case let .object(members) = json, case let .array(points)? = members.first(where: { $0.key == "points" })?.value else {
            Issue.record("no points array")
            return
        }
        #expect(points.count == 10)
        let text = SweepReport.text(sweep, scenario: scenario, environment: scenario.environment, width: 90)
        #expect(text.contains("legend:") && text.contains("crossovers") && text.contains("Mbps"))
        // The chart fits the width.
        #expect(text.split(separator: "\n").filter { $0.contains("│") || $0.contains("┤") || $0.contains("└") }.allSatisfy { $0.count <= 90 })
    }

    /// By model, jobs of one model share a colour and the legend lists the models; the
    /// export picks that when the jobs outnumber the palette and the models do not.
    @Test func colouringByModel() throws {
        var scenario = try Self.scenario()
        scenario.jobs += (0..<9).map { Job(id: "extra-\($0)", modelIndex: $0 % 2) }
        let byModel = JobColouring(scenario: scenario, byModel: true)
        #expect(byModel.indices.prefix(4) == [0, 1, 0, 1])
        #expect(byModel.legend.map(\.label) == ["tiny-a", "tiny-b"])
        #expect(JobColouring(scenario: scenario, byModel: false).legend.count == 11)
        #expect(JobColouring.automatic(scenario: scenario, paletteSize: 8))
        #expect(!JobColouring.automatic(scenario: scenario, paletteSize: 11))
        let plan = try Self.plan(scenario)
        let svg = GanttSVG.render(plan, scenario: scenario, theme: .light, byModel: true)
        #expect(svg.contains(">tiny-a</text>") && svg.contains(">tiny-b</text>"))
        #expect(svg.components(separatedBy: "width=\"14\" height=\"14\"").count - 1 == 2, "one legend swatch per model")
    }
}
