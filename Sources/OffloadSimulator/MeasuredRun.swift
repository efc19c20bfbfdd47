import OffloadModel
import OffloadScheduler

/// A plan run for real by `tools/offload-testbed` (docs/FORMATS.md §9): when every
/// piece of work of the plan really started and ended on this machine.
///
/// Only what the plan JSON format fixes is read — `segments` (`lane`, `job`,
/// `startMs`, `endMs`) — plus each segment's `plannedStartMs` and `plannedEndMs` and the
/// `machine` when present; every other key is the testbed's report and is ignored here.
public struct MeasuredRun: Sendable {
    public struct Piece: Sendable, Hashable {
        public var lane: Lane
        public var job: String
        public var startMs: Double
        public var endMs: Double
        /// What the plan said (`plannedStartMs`, `plannedEndMs`), when the file says.
        public var plannedStartMs: Double?
        public var plannedEndMs: Double?

        public init(lane: Lane, job: String, startMs: Double, endMs: Double, plannedStartMs: Double? = nil, plannedEndMs: Double? = nil) {
            self.lane = lane
            self.job = job
            self.startMs = startMs
            self.endMs = endMs
            self.plannedStartMs = plannedStartMs
            self.plannedEndMs = plannedEndMs
        }
    }

    /// The file it was read from, as the user named it.
    public var file: String
    /// In the order of the plan's segments.
    public var pieces: [Piece]
    /// The measured makespan: the last end.
    public var makespanMs: Double
    /// The machine it ran on, in a few words (`Intel Xeon, 2 cores`), when the file says.
    public var machine: String?

    public init(file: String, pieces: [Piece], machine: String? = nil) {
        self.file = file
        self.pieces = pieces
        self.makespanMs = pieces.map(\.endMs).max() ?? 0
        self.machine = machine
    }

    /// Reads a measured run; a bad file is one `InputError` naming the place.
    public static func load(path: String) throws(InputError) -> MeasuredRun {
        try parse(FileReader.json(atPath: path), file: path)
    }

    public static func parse(_ root: JSONValue, file: String) throws(InputError) -> MeasuredRun {
        guard case .object = root else {
            throw InputError(file: file, message: "expected a measured run (an object with `segments`), found \(root.kindName)")
        }
        guard case let .array(items)? = root["segments"] else {
            throw InputError(file: file, message: "expected `segments`, the measured pieces of work, as an array")
        }
        var pieces: [Piece] = []
        pieces.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let place = "segments[\(index)]"
            guard case .object = item else {
                throw InputError(file: file, location: place, message: "expected an object, found \(item.kindName)")
            }
            guard case let .string(laneName)? = item["lane"], let lane = Lane.allCases.first(where: { $0.description == laneName }) else {
                throw InputError(file: file, location: place, message: "lane must be \"device\", \"uplink\" or \"cloud\"")
            }
            guard case let .string(job)? = item["job"] else {
                throw InputError(file: file, location: place, message: "job must be a string, the job's id")
            }
            let start = try time(item["startMs"], "startMs", file: file, place: place)
            let end = try time(item["endMs"], "endMs", file: file, place: place)
            guard end >= start else {
                throw InputError(file: file, location: place, message: "endMs must not be before startMs, found \(end) < \(start)")
            }
            let plannedStart = try item["plannedStartMs"].map { value throws(InputError) in
                try time(value, "plannedStartMs", file: file, place: place)
            }
            let plannedEnd = try item["plannedEndMs"].map { value throws(InputError) in
                try time(value, "plannedEndMs", file: file, place: place)
            }
            pieces.append(Piece(lane: lane, job: job, startMs: start, endMs: end, plannedStartMs: plannedStart, plannedEndMs: plannedEnd))
        }
        var machine: String?
        if case let .object(members)? = root["machine"] {
            let fields = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            var words: [String] = []
            if case let .string(cpu)? = fields["cpu"] { words.append(cpu) }
            if case let .number(_, cores?)? = fields["cores"], cores > 0 { words.append("\(cores) cores") }
            machine = words.isEmpty ? nil : words.joined(separator: ", ")
        }
        return MeasuredRun(file: file, pieces: pieces, machine: machine)
    }

    private static func time(_ value: JSONValue?, _ key: String, file: String, place: String) throws(InputError) -> Double {
        guard case let .number(number, _)? = value, number.isFinite, number >= 0, number <= Limits.maximumMs else {
            throw InputError(file: file, location: place,
                             message: "\(key) must be a number of ms from 0 to \(Int(Limits.maximumMs)), found \(value?.kindName ?? "nothing")")
        }
        return number
    }

    /// The measured run as a timeline of `plan`, whose segments it must match one for
    /// one (the same lane and job, in the plan's order): the plan's work, the measured
    /// times, the lanes' busy time and idle gaps, and a critical path traced back from
    /// the last end through whichever finished later, the lane's previous work or the
    /// job's previous stage.
    public func timeline(of plan: Plan, scenario: Scenario) throws(InputError) -> Timeline {
        guard pieces.count == plan.segments.count else {
            throw InputError(file: file, message: "has \(pieces.count) segments, the plan (\(plan.algorithm)) has \(plan.segments.count): it was measured for another plan; run offload-testbed again with this scenario and algorithm")
        }
        var segments: [Segment] = []
        segments.reserveCapacity(pieces.count)
        for (index, (piece, planned)) in zip(pieces, plan.segments).enumerated() {
            let id = scenario.jobs.indices.contains(planned.job) ? scenario.jobs[planned.job].id : ""
            guard piece.lane == planned.lane, piece.job == id else {
                throw InputError(file: file, location: "segments[\(index)]",
                                 message: "\(piece.lane) of \"\(piece.job)\", where the plan (\(plan.algorithm)) has \(planned.lane) of \"\(id)\": it was measured for another plan; run offload-testbed again with this scenario and algorithm")
            }
            // The plan JSON rounds times to 4 decimals.
            func differs(_ written: Double?, _ exact: Double) -> Bool {
                written.map { abs($0 - exact) > max(1e-3, abs(exact) * 1e-9) } ?? false
            }
            if differs(piece.plannedStartMs, planned.startMs) || differs(piece.plannedEndMs, planned.endMs) {
                throw InputError(file: file, location: "segments[\(index)]",
                                 message: "was planned from \(piece.plannedStartMs ?? 0) to \(piece.plannedEndMs ?? 0) ms, where the plan (\(plan.algorithm)) has \(planned.startMs) to \(planned.endMs) ms: it was measured for another plan or environment; run offload-testbed again with this scenario and algorithm")
            }
            segments.append(Segment(lane: piece.lane, job: planned.job, startMs: piece.startMs, endMs: piece.endMs, work: planned.work))
        }
        var finish = [Double](repeating: 0, count: scenario.jobs.count)
        for segment in segments where finish.indices.contains(segment.job) {
            finish[segment.job] = max(finish[segment.job], segment.endMs)
        }
        let makespan = segments.map(\.endMs).max() ?? 0
        var lanes: [LaneMetrics] = []
        var byEnd: [[Int]] = []
        var rankByEnd = [Int](repeating: 0, count: segments.count)
        for lane in Lane.allCases {
            let onLane = segments.indices.filter { segments[$0].lane == lane }
                .sorted { (segments[$0].startMs, $0) < (segments[$1].startMs, $1) }
            var busy = 0.0, cursor = 0.0
            var gaps: [IdleGap] = []
            for index in onLane {
                let segment = segments[index]
                if segment.startMs > cursor { gaps.append(IdleGap(startMs: cursor, endMs: segment.startMs)) }
                busy += segment.durationMs
                cursor = max(cursor, segment.endMs)
            }
            let sorted = onLane.sorted { (segments[$0].endMs, $0) < (segments[$1].endMs, $1) }
            for (position, index) in sorted.enumerated() { rankByEnd[index] = position }
            byEnd.append(sorted)
            if makespan > cursor { gaps.append(IdleGap(startMs: cursor, endMs: makespan)) }
            lanes.append(LaneMetrics(lane: lane, busyMs: busy, utilisation: makespan > 0 ? busy / makespan : 0, idleGaps: gaps))
        }
        // The lane's previous work: the latest-ending work on the lane that ended by this
        // work's start and comes before it in the order of ends (so zero-length work
        // cannot lead back to itself). The job's previous stage: its latest-ending work on an
        // earlier lane that ended by this work's start.
        func previousOnLane(_ index: Int) -> Int? {
            let ends = byEnd[segments[index].lane.rawValue]
            let start = segments[index].startMs
            var low = 0, high = rankByEnd[index]
            while low < high {
                let middle = (low + high) / 2
                if segments[ends[middle]].endMs <= start { low = middle + 1 } else { high = middle }
            }
            var position = low - 1
            while position >= 0 && segments[ends[position]].startMs > start { position -= 1 }
            return position >= 0 ? ends[position] : nil
        }
        var ofJob = [[Int]](repeating: [], count: scenario.jobs.count)
        for index in segments.indices where ofJob.indices.contains(segments[index].job) { ofJob[segments[index].job].append(index) }
        var path: [CriticalStep] = []
        var current = segments.indices.max { (segments[$0].endMs, $1) < (segments[$1].endMs, $0) }
        while let index = current, path.count <= segments.count {
            let segment = segments[index]
            let stage = (ofJob.indices.contains(segment.job) ? ofJob[segment.job] : []).filter {
                segments[$0].lane.rawValue < segment.lane.rawValue && segments[$0].endMs <= segment.startMs
            }.max { segments[$0].endMs < segments[$1].endMs }
            let lane = previousOnLane(index)
            let laneEnd = lane.map { segments[$0].endMs } ?? -1
            let stageEnd = stage.map { segments[$0].endMs } ?? -1
            if lane == nil && stage == nil {
                path.append(CriticalStep(segment: index, cause: .start, waitMs: 0))
                current = nil
            } else if laneEnd >= stageEnd {
                path.append(CriticalStep(segment: index, cause: .lane, waitMs: 0))
                current = lane
            } else {
                path.append(CriticalStep(segment: index, cause: .input, waitMs: 0))
                current = stage
            }
        }
        path.reverse()
        return Timeline(segments: segments, cuts: plan.cuts, finishMs: finish, makespanMs: makespan, lanes: lanes,
                        criticalPath: path, replans: [])
    }
}
