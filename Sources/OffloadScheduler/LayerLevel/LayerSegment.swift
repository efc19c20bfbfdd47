/// One piece of work on one lane: a run of layers of one job on the device or in
/// the cloud, executed back to back, or one uplink transfer.
public struct LayerSegment: Sendable, Hashable {
    /// The three lanes of the pipeline (the module's `Lane`).
    public typealias Lane = OffloadScheduler.Lane

    /// The lane the work runs on.
    public var lane: Lane
    /// The job (index into the job array) the work belongs to.
    public var job: Int
    /// Start time in milliseconds.
    public var startMs: Double
    /// End time in milliseconds.
    public var endMs: Double
    /// Device and cloud: the layers run, in execution order, back to back from
    /// `startMs`. Uplink: the tensors the transfer carries, named by the layer
    /// that produced them, `-1` for the raw input; one segment is one transfer
    /// and pays the latency once.
    public var items: [Int]

    /// Creates a segment.
    public init(lane: Lane, job: Int, startMs: Double, endMs: Double, items: [Int]) {
        self.lane = lane
        self.job = job
        self.startMs = startMs
        self.endMs = endMs
        self.items = items
    }

    /// `endMs - startMs`.
    public var durationMs: Double { endMs - startMs }
}
