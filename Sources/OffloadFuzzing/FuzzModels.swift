import OffloadModel

/// The models and traces a fuzzed scenario can name, held in memory: the fuzzer cannot
/// create files, and reading the bundled profiles on every input would be slow.
///
/// Any model path resolves to one of four small graphs (a chain, a diamond, a fork and
/// one with constants) chosen by the path's hash; a path that contains `missing` is
/// refused the way a file that does not exist is. Trace paths resolve to a three-step
/// trace, or are refused the same way.
enum FuzzModels {
    static let graphs: [ModelGraph] = [chain, diamond, fork, constants]

    /// A scenario of two jobs on the chain, for traces.
    static let scenario = Scenario(
        name: "fuzzed trace", environment: Environment(), models: [chain],
        jobs: [Job(id: "a", modelIndex: 0), Job(id: "b", modelIndex: 0)]
    )

    static func model(named path: String) throws(InputError) -> ModelGraph {
        if path.contains("missing") { throw InputError(file: path, message: "no such file") }
        var hash = 0
        for byte in path.utf8 { hash = (hash &* 31 &+ Int(byte)) & 0xFFFF }
        return graphs[hash % graphs.count]
    }

    static func trace(named path: String) throws(InputError) -> [TracePoint] {
        if path.contains("missing") { throw InputError(file: path, message: "no such file") }
        return [TracePoint(atMs: 0, mbps: 20), TracePoint(atMs: 50, mbps: 2), TracePoint(atMs: 120, mbps: 40)]
    }

    private static let chain = graph("chain", inputBytes: 150_000, [
        layer("conv1", ["input"], device: 4, cloud: 0.3, bytes: 800_000),
        layer("conv2", ["conv1"], device: 6, cloud: 0.4, bytes: 200_000),
        layer("pool", ["conv2"], device: 1, cloud: 0.1, bytes: 50_000),
        layer("fc", ["pool"], device: 2, cloud: 0.2, bytes: 4_000),
    ])

    private static let diamond = graph("diamond", inputBytes: 600_000, [
        layer("stem", ["input"], device: 3, cloud: 0.2, bytes: 400_000),
        layer("left", ["stem"], device: 5, cloud: 0.3, bytes: 100_000),
        layer("right", ["stem"], device: 2, cloud: 0.3, bytes: 300_000),
        layer("join", ["left", "right"], device: 1, cloud: 0.1, bytes: 8_000),
    ])

    private static let fork = graph("fork", inputBytes: 90_000, [
        layer("trunk", ["input"], device: 2, cloud: 0.5, bytes: 60_000),
        layer("head1", ["trunk"], device: 7, cloud: 0.6, bytes: 1_000),
        layer("head2", ["trunk"], device: 0, cloud: 0, bytes: 0),
    ])

    /// Constants (docs/FORMATS.md §2): `pos` feeds both branches (so a cut between them
    /// runs it on both sides), `scale` one, `unused` none; `bias` reads only a constant.
    private static let constants = graph("constants", inputBytes: 300_000, [
        layer("pos", [], device: 0.01, cloud: 0.01, bytes: 150_000),
        layer("embed", ["input", "pos"], device: 3, cloud: 0.2, bytes: 150_000),
        layer("scale", [], device: 0.002, cloud: 0.002, bytes: 4),
        layer("attend", ["embed", "scale", "pos"], device: 5, cloud: 0.3, bytes: 150_000),
        layer("size", ["embed"], device: 0.002, cloud: 0.002, bytes: 0),
        layer("bias", ["scale"], device: 0.01, cloud: 0.01, bytes: 4),
        layer("head", ["attend", "bias", "pos"], device: 1, cloud: 0.1, bytes: 4_000),
        layer("unused", [], device: 7, cloud: 7, bytes: 9),
    ])

    private static func layer(_ name: String, _ inputs: [String], device: Double, cloud: Double, bytes: Int) -> Layer {
        Layer(name: name, inputs: inputs, deviceMs: device, cloudMs: cloud, outputBytes: bytes)
    }

    /// One of the graphs above: constants written here, never input, so a failure is a
    /// mistake in this file and stops the harness at once.
    private static func graph(_ name: String, inputBytes: Int, _ layers: [Layer]) -> ModelGraph {
        do {
            return try ModelGraph(name: name, inputBytes: inputBytes, layers: layers)
        } catch {
            fatalError("the built-in fuzz model \(name) is invalid: \(error)")
        }
    }
}
