import OffloadModel
import OffloadReport
import OffloadScheduler

/// The selected job's cut, drawn on its model's layer list: a strip of every layer (on
/// the device or in the cloud) with the crossing tensors marked, then the layers around
/// the cut, the tensors that cross flagged with their size. Constants (docs/FORMATS.md §2)
/// are counted apart and marked `constant`, with the side or sides they run on.
struct DetailsWidget {
    let state: DashboardState
    let derived: Derived
    let palette: Palette

    func draw(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let scenario = state.scenario
        guard scenario.jobs.indices.contains(state.selectedJob) else {
            canvas.titleRule([TextRun("Details", palette.title)], in: rect, palette: palette)
            return
        }
        let job = state.selectedJob
        let model = scenario.model(ofJob: job)
        let ordinary = model.cutLayerCount
        let constants = model.layers.count - ordinary
        let size = constants == 0 ? "\(NumberFormat.grouped(ordinary)) layers" : "\(NumberFormat.grouped(ordinary)) layers + \(NumberFormat.grouped(constants)) constant\(constants == 1 ? "" : "s")"
        let modelIndex = scenario.jobs[job].modelIndex
        let title = " \(model.name), \(size)"
        // How far the model's candidate cuts reach (docs/FORMATS.md, "Candidate cuts"), when it fits whole.
        var cuts = derived.planner.candidateSets.indices.contains(modelIndex)
            ? ", " + CutSetSummary.short(derived.planner.candidateSets[modelIndex]) : ""
        if scenario.jobs[job].id.count + title.count + cuts.count + 4 > rect.width { cuts = "" }
        canvas.titleRule([TextRun(scenario.jobs[job].id, palette.title), TextRun(title + cuts, palette.dim)],
                         in: rect, palette: palette)
        let view = derived.shown(state)
        let cut = view.flatMap { $0.rows.indices.contains(job) ? $0.rows[job].cut : nil } ?? derived.plan(state).flatMap { $0.cuts.indices.contains(job) ? $0.cuts[job] : nil }
        guard let cut, cut.onDevice.count == model.layers.count else {
            canvas.write("no plan", x: rect.x + 1, y: rect.y + 1, style: palette.dim, maxWidth: rect.width - 2)
            return
        }
        let inner = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1)
        var y = inner.y
        let sent = cut.sentTensors.map { model.tensorName($0) }
        let sentText: String
        if sent.isEmpty {
            sentText = "nothing crosses"
        } else {
            let names = sent.count <= 2 ? sent.joined(separator: ", ") : "\(sent[0]) and \(NumberFormat.grouped(sent.count - 1)) more"
            sentText = "sends \(names), \(NumberFormat.grouped(cut.uplinkBytes)) bytes"
        }
        // Constants are not part of the cut: count the other layers.
        let onDevice = model.cutDeviceLayerCount(cut)
        let summary = [TextRun("\(NumberFormat.grouped(onDevice)) of \(NumberFormat.grouped(ordinary))", palette.accent), TextRun(" layers on the device; ", palette.text),
                       TextRun(sentText, palette.style(.laneUplink))]
        canvas.write(summary, x: inner.x, y: y, maxWidth: inner.width, ellipsis: palette.glyphs.ellipsis)
        y += 1
        guard y < inner.maxY else { return }
        drawStrip(into: &canvas, cut: cut, layers: model.layers.count, x: inner.x, y: y, width: inner.width, markers: y + 1 < inner.maxY)
        y += y + 1 < inner.maxY ? 2 : 1
        drawLayerList(into: &canvas, model: model, cut: cut, rect: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y))
    }

    /// Every layer in `width` cells (several per cell for big models), device or cloud,
    /// and a row of marks under the cells whose layers send a tensor.
    private func drawStrip(into canvas: inout Canvas, cut: Cut, layers: Int, x: Int, y: Int, width: Int, markers: Bool) {
        guard width > 0, layers > 0 else { return }
        let cells = min(width, layers)
        let glyphs = palette.glyphs
        let sentLayers = Set(cut.sentTensors.filter { $0 >= 0 })
        for cell in 0..<cells {
            let from = cell * layers / cells, to = max(from + 1, (cell + 1) * layers / cells)
            let onDevice = (from..<to).filter { cut.onDevice[$0] }.count
            let character: Character
            let style: Style
            if palette.monochrome {
                character = onDevice == to - from ? glyphs.patterns[0] : onDevice == 0 ? glyphs.patterns[3] : glyphs.patterns[2]
                style = palette.text
            } else {
                character = onDevice == to - from || onDevice == 0 ? glyphs.fullBlock : glyphs.patterns[2]
                style = palette.style(onDevice > 0 ? .laneDevice : .laneCloud)
            }
            canvas.put(character, x: x + cell, y: y, style: style)
            if markers && (from..<to).contains(where: sentLayers.contains) {
                canvas.put(glyphs.sentMark, x: x + cell, y: y + 1, style: palette.style(.laneUplink, bold: true))
            }
        }
        if markers && cut.sentTensors.contains(Cut.rawInput) {
            canvas.put(glyphs.sentMark, x: x, y: y + 1, style: palette.style(.laneUplink, bold: true))
        }
        if markers && width >= cells + 30 {
            let key: [TextRun] = [TextRun(String(glyphs.fullBlock), palette.monochrome ? palette.text : palette.style(.laneDevice)), TextRun(" device ", palette.dim),
                                  TextRun(String(palette.monochrome ? glyphs.patterns[3] : glyphs.fullBlock), palette.monochrome ? palette.text : palette.style(.laneCloud)),
                                  TextRun(" cloud ", palette.dim), TextRun(String(glyphs.sentMark), palette.style(.laneUplink, bold: true)), TextRun(" sent", palette.dim)]
            canvas.write(key, x: x + width - key.width, y: y + 1, maxWidth: key.width)
        }
    }

    /// The layers around the cut, in topological order; `[` and `]` scroll them, and a
    /// row at either end says how many more lie that way.
    private func drawLayerList(into canvas: inout Canvas, model: ModelGraph, cut: Cut, rect: Rect) {
        guard rect.height > 0, rect.width > 4 else { return }
        let layers = model.layers
        let sent = Set(cut.sentTensors)
        let rawInput = sent.contains(Cut.rawInput)
        // Centre on the first layer in the cloud (or the first sent tensor).
        let focus = cut.sentTensors.first.map { max(0, $0) } ?? cut.onDevice.firstIndex(of: false) ?? max(0, layers.count - 1)
        var count = rect.height - (rawInput ? 1 : 0)
        guard count > 0 else { return }
        var first = min(max(0, focus - count / 2 + state.detailsScroll), max(0, layers.count - count))
        // Rows for "more" markers, taken from the list when layers lie beyond it.
        let moreAbove = first > 0 && count >= 3
        if moreAbove { count -= 1 }
        var moreBelow = first + count < layers.count && count >= 2
        if moreBelow { count -= 1 }
        first = min(first, max(0, layers.count - count))
        moreBelow = moreBelow && first + count < layers.count
        var lines: [(index: Int?, text: String)] = []
        if rawInput { lines.append((nil, "input")) }
        for index in first..<min(layers.count, first + count) { lines.append((index, layers[index].name)) }
        let nameWidth = min(24, max(8, lines.map(\.text.displayWidth).max() ?? 8))
        let typeWidth = min(14, layers[first..<min(layers.count, first + count)].map { ($0.type ?? "").count }.max() ?? 0)
        let up = palette.glyphs.unicode ? "↑" : "^", down = palette.glyphs.unicode ? "↓" : "v"
        var y = rect.y
        if moreAbove {
            canvas.write("  \(up) \(NumberFormat.counted(first, "more layer")) ([)", x: rect.x, y: y, style: palette.accent, maxWidth: rect.width)
            y += 1
        }
        for line in lines where y < rect.maxY {
            var runs: [TextRun] = []
            if let index = line.index {
                let onDevice = cut.onDevice[index]
                let inCloud = model.runsInCloud(index, in: cut)
                // A constant may run on both sides (a mixed mark, like the strip's) or on neither.
                let both = onDevice && inCloud
                let mark = both ? palette.glyphs.patterns[2]
                    : palette.monochrome ? (onDevice ? palette.glyphs.patterns[0] : palette.glyphs.patterns[3]) : palette.glyphs.fullBlock
                runs.append(TextRun(String(mark), palette.monochrome ? palette.text : palette.style(onDevice ? .laneDevice : .laneCloud)))
                runs.append(TextRun(" " + palette.glyphs.truncate(line.text, to: nameWidth).rightPadded(to: nameWidth), palette.text))
                if typeWidth > 0 { runs.append(TextRun(" " + palette.glyphs.truncate(layers[index].type ?? "", to: typeWidth).rightPadded(to: typeWidth), palette.dim)) }
                let side = both ? "both  " : onDevice ? "device" : inCloud ? "cloud " : "unused"
                let milliseconds = onDevice ? layers[index].deviceMs : inCloud ? layers[index].cloudMs : 0
                runs.append(TextRun(" " + side + " " + NumberFormat.fixed(milliseconds, decimals: 3).leftPadded(to: 8) + " ms", palette.dim))
                if model.isConstant[index] {
                    let also = both ? " + \(NumberFormat.fixed(layers[index].cloudMs, decimals: 3)) in the cloud" : ""
                    runs.append(TextRun(" constant" + also, palette.accent))
                }
                if sent.contains(index) {
                    runs.append(TextRun(" \(palette.glyphs.arrow) sent \(NumberFormat.grouped(layers[index].outputBytes)) bytes", palette.style(.laneUplink, bold: true)))
                }
            } else {
                runs.append(TextRun("  " + "input".rightPadded(to: nameWidth), palette.text))
                runs.append(TextRun(" \(palette.glyphs.arrow) sent \(NumberFormat.grouped(model.inputBytes)) bytes (the raw input)", palette.style(.laneUplink, bold: true)))
            }
            canvas.write(runs, x: rect.x, y: y, maxWidth: rect.width, ellipsis: palette.glyphs.ellipsis)
            y += 1
        }
        let below = layers.count - (first + count)
        if moreBelow, below > 0, y < rect.maxY {
            canvas.write("  \(down) \(NumberFormat.counted(below, "more layer")) (])", x: rect.x, y: y, style: palette.accent, maxWidth: rect.width)
        }
    }
}
