/// A validated DNN: an acyclic layer graph in topological order.
///
/// Layer indices are positions in `layers`; every predecessor of a layer has a
/// smaller index. The raw input is not a layer: `readsRawInput` marks its readers.
///
/// A layer with no inputs is a *constant* (docs/FORMATS.md §2): it reads only the
/// model's parameters, both sides hold it, and it runs on each side where one of its
/// consumers runs; it is never sent and is not part of a cut.
public struct ModelGraph: Sendable {
    public let name: String
    /// Size of the raw input, sent when a layer reading it runs in the cloud.
    public private(set) var inputBytes: Int
    /// The layers, in a topological order (the file's order when it already is one).
    public let layers: [Layer]
    /// For each layer, the indices of the layers it reads.
    public let predecessors: [[Int]]
    /// For each layer, the indices of the layers that read its output.
    public let consumers: [[Int]]
    /// For each layer, whether it reads the raw input.
    public let readsRawInput: [Bool]
    /// True when each layer reads exactly the one before it (the first reads the raw input):
    /// every cut is then a prefix. A model with a constant is never a chain.
    public let isChain: Bool
    /// For each layer, whether it is a constant (`"inputs": []`).
    public let isConstant: [Bool]
    /// How many layers are constants.
    public let constantCount: Int
    /// Whether any layer is a constant.
    public var hasConstants: Bool { constantCount > 0 }

    /// Validates `layers` (unique names, known inputs, no cycle, at least one layer reading
    /// the raw input) and orders them topologically.
    /// - Parameter file: names the source in errors.
    public init(name: String, inputBytes: Int, layers: [Layer], file: String = "model") throws(InputError) {
        func fail(_ location: String?, _ message: String) -> InputError {
            InputError(file: file, location: location, message: message)
        }
        if layers.isEmpty { throw fail(nil, "layers must not be empty") }
        if layers.count > Limits.layersPerModel {
            throw fail(nil, "\(layers.count) layers; the limit is \(Limits.layersPerModel) per model")
        }
        let edges = layers.reduce(0) { $0 + $1.inputs.count }
        if edges > Limits.inputsPerModel {
            throw fail(nil, "the layers' inputs name \(edges) layers in all; the limit is \(Limits.inputsPerModel) per model")
        }
        if inputBytes < 0 { throw fail(nil, "inputBytes must be an integer from 0 to \(Limits.maximumBytes), found \(inputBytes)") }
        if inputBytes > Limits.maximumBytes { throw fail(nil, "inputBytes is \(inputBytes); the limit is \(Limits.maximumBytes)") }
        var indexOf: [String: Int] = [:]
        indexOf.reserveCapacity(layers.count)
        for (index, layer) in layers.enumerated() {
            let location = "layer \"\(layer.name)\""
            if layer.name == Layer.rawInputName { throw fail(location, "the name \"input\" is reserved for the raw input") }
            if let first = indexOf[layer.name] {
                throw fail(location, "duplicate layer name (layers \(first + 1) and \(index + 1))")
            }
            indexOf[layer.name] = index
            for (field, value) in [("deviceMs", layer.deviceMs), ("cloudMs", layer.cloudMs)] {
                if let expected = NumberRule.duration.expectation(for: value) {
                    throw fail(location, "\(field) must be \(expected), found \(formatFound(value))")
                }
            }
            if layer.outputBytes < 0 { throw fail(location, "outputBytes must be an integer from 0 to \(Limits.maximumBytes), found \(layer.outputBytes)") }
            if layer.outputBytes > Limits.maximumBytes {
                throw fail(location, "outputBytes is \(layer.outputBytes); the limit is \(Limits.maximumBytes)")
            }
        }
        // Predecessors by file index, checking every reference.
        var filePredecessors = [[Int]](repeating: [], count: layers.count)
        var fileReadsInput = [Bool](repeating: false, count: layers.count)
        // The last layer that listed each layer as an input: a name repeated in `inputs`
        // counts once, in constant time (a file may repeat names millions of times).
        var listedBy = [Int](repeating: -1, count: layers.count)
        for (index, layer) in layers.enumerated() {
            for input in layer.inputs {
                if input == Layer.rawInputName { fileReadsInput[index] = true; continue }
                guard let predecessor = indexOf[input] else {
                    throw fail("layer \"\(layer.name)\"", "inputs names \"\(input)\", which is not a layer of this model")
                }
                if predecessor == index { throw fail("layer \"\(layer.name)\"", "inputs names the layer itself (a self-loop)") }
                if listedBy[predecessor] != index {
                    listedBy[predecessor] = index
                    filePredecessors[index].append(predecessor)
                }
            }
        }
        let order = try Self.topologicalOrder(predecessors: filePredecessors, layers: layers, fail: { fail(nil, $0) })
        // Without a reader of the raw input the model would compute the same thing for every
        // input: a profile that forgot `input` in its first layer's `inputs` (which makes
        // that layer a constant) is caught here, after a cycle (the more telling fault).
        if !fileReadsInput.contains(true) {
            throw fail(nil, "no layer reads \"input\" (the raw input); at least one layer's inputs must name it")
        }
        var newIndex = [Int](repeating: 0, count: layers.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        self.name = name
        self.inputBytes = inputBytes
        self.layers = order.map { layers[$0] }
        let predecessors = order.map { old in filePredecessors[old].map { newIndex[$0] }.sorted() }
        var consumers = [[Int]](repeating: [], count: layers.count)
        for (index, inputs) in predecessors.enumerated() {
            for predecessor in inputs { consumers[predecessor].append(index) }
        }
        self.predecessors = predecessors
        self.consumers = consumers
        let readsRawInput = order.map { fileReadsInput[$0] }
        self.readsRawInput = readsRawInput
        let isConstant = self.layers.map(\.inputs.isEmpty)
        self.isConstant = isConstant
        self.constantCount = isConstant.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.isChain = predecessors.indices.allSatisfy { index in
            index == 0
                ? predecessors[0].isEmpty && readsRawInput[0]
                : predecessors[index] == [index - 1] && !readsRawInput[index]
        }
    }

    /// Kahn's algorithm, stable in file order; on a cycle, names one.
    private static func topologicalOrder(
        predecessors: [[Int]], layers: [Layer], fail: (String) -> InputError
    ) throws(InputError) -> [Int] {
        let count = predecessors.count
        var missing = predecessors.map(\.count)
        var consumers = [[Int]](repeating: [], count: count)
        for (index, inputs) in predecessors.enumerated() { for p in inputs { consumers[p].append(index) } }
        // A min-heap would keep file order exactly; a sorted ready list is enough and simple.
        var ready = (0..<count).filter { missing[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        order.reserveCapacity(count)
        while let next = ready.popLast() {
            order.append(next)
            var released: [Int] = []
            for consumer in consumers[next] {
                missing[consumer] -= 1
                if missing[consumer] == 0 { released.append(consumer) }
            }
            if !released.isEmpty {
                ready.append(contentsOf: released)
                ready.sort(by: >)
            }
        }
        if order.count == count { return order }
        // Walk back along unfinished predecessors until a layer repeats.
        var onPath: [Int: Int] = [:]
        var path: [Int] = []
        var current = (0..<count).first { missing[$0] > 0 } ?? 0
        while onPath[current] == nil {
            onPath[current] = path.count
            path.append(current)
            current = predecessors[current].first { missing[$0] > 0 } ?? current
        }
        let cycle = path[(onPath[current] ?? 0)...].reversed().map { "\"\(layers[$0].name)\"" }
        throw fail("the layers form a cycle: " + (cycle + [cycle[0]]).joined(separator: " -> "))
    }

    /// Total device time of every layer at speed 1.
    public var totalDeviceMs: Double { layers.reduce(0) { $0 + $1.deviceMs } }
    /// Total cloud time of every layer at speed 1.
    public var totalCloudMs: Double { layers.reduce(0) { $0 + $1.cloudMs } }

    /// The same graph with another raw-input size (a job's `inputBytes` override).
    public func withInputBytes(_ bytes: Int) -> ModelGraph {
        var copy = self
        copy.inputBytes = bytes
        return copy
    }
}
