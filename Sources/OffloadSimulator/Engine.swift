import OffloadModel
import OffloadScheduler

/// The event-driven player behind `Simulator.play`.
///
/// Every segment of a plan becomes a task, stored in flat arrays. Each lane keeps a
/// queue in the plan's order and starts its next task as soon as the lane is free and
/// the task's inputs exist; completions are events taken from a heap in time order, so
/// the engine can stop at any instant (to re-plan) and go on. A task of zero length does
/// not occupy its lane: it happens the moment its inputs exist.
struct Engine {
    private enum Status: UInt8 { case waiting, running, done, cancelled }

    let scenario: Scenario
    let environment: Environment
    let profile: BandwidthProfile
    let jitter: Jitter?
    private let models: ModelTable

    // Tasks, by index.
    private var lane: [UInt8] = []
    private var job: [Int32] = []
    private var work: [Segment.Work] = []
    private var computeMs: [Double] = []
    private var bits: [Double] = []
    private var latencyMs: [Double] = []
    private var releaseMs: [Double] = []
    private var isZero: [Bool] = []
    private var waitingInputs: [Int32] = []
    private var readyMs: [Double] = []
    private var readyFrom: [Int32] = []
    private var status: [Status] = []
    private var startMs: [Double] = []
    private var endMs: [Double] = []
    private var criticalPredecessor: [Int32] = []
    private var criticalCause: [CriticalStep.Cause] = []
    private var criticalWaitMs: [Double] = []
    private var firstSuccessor: [Int32] = []
    // Dependency edges (producer -> consumer), as linked lists per producer.
    private var edgeTarget: [Int32] = []
    private var edgeNext: [Int32] = []

    // Jobs.
    private(set) var cuts: [Cut]
    private var tasksOfJob: [[Int32]]
    private var jobStarted: [Bool]

    // Lanes: the queue in plan order, its head, the running task, when it frees up, the
    // last task it ran, and every task it ran in order.
    private var queues: [[Int32]] = [[], [], []]
    private var heads = [0, 0, 0]
    private var running: [Int32] = [-1, -1, -1]
    private var freeMs = [0.0, 0.0, 0.0]
    private var lastOnLane: [Int32] = [-1, -1, -1]
    private var laneLog: [[Int32]] = [[], [], []]

    private var events = EventHeap()
    private var activeTasks = 0
    private var completedTasks = 0

    init(scenario: Scenario, environment: Environment, profile: BandwidthProfile, jitter: Jitter?, cuts: [Cut]) {
        self.scenario = scenario
        self.environment = environment
        self.profile = profile
        self.jitter = jitter
        self.models = ModelTable(models: scenario.models)
        self.cuts = cuts
        self.tasksOfJob = Array(repeating: [], count: scenario.jobs.count)
        self.jobStarted = Array(repeating: false, count: scenario.jobs.count)
    }

    // MARK: - Adding a plan

    /// Adds the segments of `plan` as tasks that may not start before `release`.
    /// `jobMap` maps the plan's job indices to the scenario's (nil: the same).
    /// Call `activate(from:)` with the returned first task index to let them run.
    mutating func add(_ plan: Plan, jobMap: [Int]? = nil, release: Double) throws(SimulationError) -> Int {
        let jobCount = scenario.jobs.count
        let planJobs = plan.cuts.count
        if let jobMap, jobMap.count != planJobs {
            throw .planDoesNotFit("the plan has \(planJobs) jobs but \(jobMap.count) were given to it")
        }
        let segments = plan.segments
        let base = lane.count
        let count = segments.count
        func scenarioJob(_ planJob: Int) -> Int { jobMap?[planJob] ?? planJob }
        for (index, segment) in segments.enumerated() {
            guard segment.job >= 0, segment.job < planJobs, scenarioJob(segment.job) < jobCount, scenarioJob(segment.job) >= 0 else {
                throw .planDoesNotFit("segment \(index) names job \(segment.job), but the plan has \(planJobs) jobs")
            }
        }
        for planJob in 0..<planJobs {
            let target = scenarioJob(planJob)
            guard target >= 0, target < jobCount else {
                throw .planDoesNotFit("the plan's job \(planJob) maps to job \(target), but the scenario has \(jobCount) jobs")
            }
            guard plan.cuts[planJob].onDevice.count == models.layerCount[scenario.jobs[target].modelIndex] else {
                throw .planDoesNotFit("job \"\(scenario.jobs[target].id)\": its cut has \(plan.cuts[planJob].onDevice.count) layers, its model \(models.layerCount[scenario.jobs[target].modelIndex])")
            }
            cuts[target] = plan.cuts[planJob]
        }

        // Each lane's segments in the plan's order: by start time, then by position.
        var laneOrder: [[Int]] = [[], [], []]
        for (index, segment) in segments.enumerated() { laneOrder[segment.lane.rawValue].append(index) }
        for laneIndex in 0..<3 {
            let order = laneOrder[laneIndex]
            let sorted = zip(order, order.dropFirst()).allSatisfy { segments[$0].startMs <= segments[$1].startMs }
            if !sorted {
                laneOrder[laneIndex] = order.sorted { (segments[$0].startMs, $0) < (segments[$1].startMs, $1) }
            }
        }
        // Each segment's position among its job's segments on its lane: the jitter key.
        var ordinal = [Int](repeating: 0, count: count)
        if jitter != nil {
            var seen = [Int](repeating: 0, count: planJobs * 3)
            for laneIndex in 0..<3 {
                for index in laneOrder[laneIndex] {
                    let key = segments[index].job * 3 + laneIndex
                    ordinal[index] = seen[key]
                    seen[key] += 1
                }
            }
        }

        reserve(count)
        for (index, segment) in segments.enumerated() {
            try appendTask(segment, planCut: plan.cuts[segment.job], job: scenarioJob(segment.job),
                           ordinal: ordinal[index], release: release)
        }
        try linkDependencies(segments, base: base, planJobs: planJobs, scenarioJob: scenarioJob)
        for laneIndex in 0..<3 {
            for index in laneOrder[laneIndex] where !isZero[base + index] {
                queues[laneIndex].append(Int32(base + index))
            }
        }
        return base
    }

    /// Room for `extra` more tasks, growing geometrically: re-planning adds tasks many
    /// times, and an exact reservation would copy every array each time.
    private mutating func reserve(_ extra: Int) {
        guard lane.count + extra > lane.capacity else { return }
        let capacity = max(lane.count + extra, 2 * lane.capacity)
        lane.reserveCapacity(capacity); job.reserveCapacity(capacity); work.reserveCapacity(capacity)
        computeMs.reserveCapacity(capacity); bits.reserveCapacity(capacity); latencyMs.reserveCapacity(capacity)
        releaseMs.reserveCapacity(capacity); isZero.reserveCapacity(capacity); waitingInputs.reserveCapacity(capacity)
        readyMs.reserveCapacity(capacity); readyFrom.reserveCapacity(capacity); status.reserveCapacity(capacity)
        startMs.reserveCapacity(capacity); endMs.reserveCapacity(capacity)
        criticalPredecessor.reserveCapacity(capacity); criticalCause.reserveCapacity(capacity)
        criticalWaitMs.reserveCapacity(capacity); firstSuccessor.reserveCapacity(capacity)
    }

    /// One task: its duration (device, cloud) or bytes and latency (uplink), jittered.
    private mutating func appendTask(_ segment: Segment, planCut: Cut, job target: Int, ordinal: Int, release: Double) throws(SimulationError) {
        let model = scenario.jobs[target].modelIndex
        let layerBase = models.layerBase[model]
        let layerCount = models.layerCount[model]
        let factor = jitter?.factor(job: target, lane: segment.lane, ordinal: ordinal) ?? 1
        var duration = 0.0, bytes = 0
        switch segment.work {
        case .wholeStage:
            switch segment.lane {
            case .device: duration = planCut.deviceMs / environment.deviceSpeed
            case .uplink: bytes = planCut.uplinkBytes
            case .cloud: duration = planCut.cloudMs / environment.cloudSpeed
            }
        case let .items(items):
            var sum = 0.0
            for item in items {
                let valid = segment.lane == .uplink ? item >= Cut.rawInput && item < layerCount : item >= 0 && item < layerCount
                guard valid else {
                    throw .planDoesNotFit("job \"\(scenario.jobs[target].id)\": a \(segment.lane) segment names item \(item), but its model has \(layerCount) layers")
                }
                switch segment.lane {
                case .device: sum += models.deviceMs[layerBase + item]
                case .cloud: sum += models.cloudMs[layerBase + item]
                case .uplink: bytes += item == Cut.rawInput ? models.inputBytes[model] : models.outputBytes[layerBase + item]
                }
            }
            switch segment.lane {
            case .device: duration = sum / environment.deviceSpeed
            case .cloud: duration = sum / environment.cloudSpeed
            case .uplink: break
            }
        }
        let task = Int32(lane.count)
        lane.append(UInt8(segment.lane.rawValue))
        job.append(Int32(target))
        work.append(segment.work)
        if segment.lane == .uplink {
            computeMs.append(0)
            bits.append(jitter == nil ? Double(bytes) * 8 : Double(bytes) * 8 * factor)
            latencyMs.append(jitter == nil ? environment.latencyMs : environment.latencyMs * factor)
            isZero.append(bytes == 0)
        } else {
            computeMs.append(jitter == nil ? duration : duration * factor)
            bits.append(0)
            latencyMs.append(0)
            isZero.append(duration == 0)
        }
        releaseMs.append(release)
        waitingInputs.append(0)
        readyMs.append(0)
        readyFrom.append(-1)
        status.append(.waiting)
        startMs.append(0)
        endMs.append(0)
        criticalPredecessor.append(-1)
        criticalCause.append(.start)
        criticalWaitMs.append(0)
        firstSuccessor.append(-1)
        tasksOfJob[target].append(task)
        activeTasks += 1
    }

    /// The inputs of every new task. Job-level work waits for the job's work on the
    /// nearest earlier lane; layer-level work waits for the work that makes (device,
    /// cloud) or carries (uplink) each tensor it reads.
    private mutating func linkDependencies(
        _ segments: [Segment], base: Int, planJobs: Int, scenarioJob: (Int) -> Int
    ) throws(SimulationError) {
        // Local copies: the loops below read them without touching `self`.
        let layerBase = models.layerBase, layerCount = models.layerCount
        let predecessorStart = models.predecessorStart, predecessors = models.predecessors
        let readsRawInput = models.readsRawInput, outputBytes = models.outputBytes, inputBytes = models.inputBytes
        var modelOfPlanJob = [Int](repeating: 0, count: planJobs)
        for planJob in 0..<planJobs { modelOfPlanJob[planJob] = scenario.jobs[scenarioJob(planJob)].modelIndex }

        // The plan's tasks of each job on each lane, as linked lists.
        var firstOnLane = [Int32](repeating: -1, count: planJobs * 3)
        var nextOnLane = [Int32](repeating: -1, count: segments.count)
        var anyItems = false
        for index in segments.indices.reversed() {
            let segment = segments[index]
            let key = segment.job * 3 + segment.lane.rawValue
            nextOnLane[index] = firstOnLane[key]
            firstOnLane[key] = Int32(index)
            if case .items = segment.work { anyItems = true }
        }
        // Layer-level: which task runs each layer (device, cloud) or sends each tensor.
        // Each plan job has a row of slots: slot 0 is the raw input, slot l + 1 layer l.
        var slotBase = [Int](repeating: 0, count: planJobs + 1)
        var deviceOf: [Int32] = [], cloudOf: [Int32] = [], uplinkOf: [Int32] = [], doneIn: [Int32] = []
        if anyItems {
            for planJob in 0..<planJobs {
                slotBase[planJob + 1] = slotBase[planJob] + layerCount[modelOfPlanJob[planJob]] + 1
            }
            let slots = slotBase[planJobs]
            deviceOf = Array(repeating: -1, count: slots)
            cloudOf = Array(repeating: -1, count: slots)
            uplinkOf = Array(repeating: -1, count: slots)
            doneIn = Array(repeating: -1, count: slots)
            for (index, segment) in segments.enumerated() {
                guard case let .items(items) = segment.work else { continue }
                let task = Int32(base + index)
                for item in items {
                    let slot = slotBase[segment.job] + item + 1
                    let taken: Int32
                    switch segment.lane {
                    case .device: taken = deviceOf[slot]; deviceOf[slot] = task
                    case .uplink: taken = uplinkOf[slot]; uplinkOf[slot] = task
                    case .cloud: taken = cloudOf[slot]; cloudOf[slot] = task
                    }
                    if taken >= 0 {
                        throw .planDoesNotFit("job \"\(jobID(task))\": \(itemName(item, job: task, lane: segment.lane)) appears in two \(segment.lane) segments")
                    }
                }
            }
        }

        // Every (producer, consumer) pair once, in local arrays; linked after the loop.
        var producers: [Int32] = [], consumers: [Int32] = []
        producers.reserveCapacity(segments.count * 2)
        consumers.reserveCapacity(segments.count * 2)
        var lastLinked = [Int32](repeating: -1, count: segments.count)
        for (index, segment) in segments.enumerated() {
            let task = Int32(base + index)
            switch segment.work {
            case .wholeStage:
                var earlier = segment.lane.rawValue - 1
                while earlier >= 0 && firstOnLane[segment.job * 3 + earlier] < 0 { earlier -= 1 }
                guard earlier >= 0 else { continue }
                var producer = firstOnLane[segment.job * 3 + earlier]
                while producer >= 0 {
                    producers.append(Int32(base) + producer)
                    consumers.append(task)
                    producer = nextOnLane[Int(producer)]
                }
            case let .items(items):
                let slot0 = slotBase[segment.job]
                let row0 = layerBase[modelOfPlanJob[segment.job]]
                let lane = segment.lane
                for item in items {
                    var missing: Int?
                    var producer: Int32 = -1
                    if lane == .uplink {
                        if item != Cut.rawInput {
                            producer = deviceOf[slot0 + item + 1]
                            if producer < 0 { missing = item }
                        }
                    } else {
                        // An empty raw input needs no transfer: it exists in the cloud from the start.
                        if lane == .cloud && readsRawInput[row0 + item] && inputBytes[modelOfPlanJob[segment.job]] > 0 {
                            producer = uplinkOf[slot0]
                            if producer < 0 {
                                throw .planDoesNotFit("job \"\(jobID(task))\": the cloud \(itemName(item, job: task, lane: .cloud)) reads the raw input, which no uplink segment sends")
                            }
                            let local = Int(producer) - base
                            if lastLinked[local] != task {
                                lastLinked[local] = task
                                producers.append(producer)
                                consumers.append(task)
                            }
                            producer = -1
                        }
                        for position in predecessorStart[row0 + item]..<predecessorStart[row0 + item + 1] {
                            let input = Int(predecessors[position])
                            let slot = slot0 + input + 1
                            let here = lane == .device ? deviceOf[slot] : cloudOf[slot]
                            var source: Int32 = -1
                            if here == task {
                                guard doneIn[slot] == task else {
                                    throw .planDoesNotFit("job \"\(jobID(task))\": a \(lane) segment runs \(itemName(item, job: task, lane: lane)) before its input \(itemName(input, job: task, lane: lane))")
                                }
                            } else if here >= 0 {
                                source = here
                            } else if lane == .cloud && uplinkOf[slot] >= 0 {
                                source = uplinkOf[slot]
                            } else if lane == .cloud && deviceOf[slot] >= 0 && outputBytes[row0 + input] == 0 {
                                // A tensor of no bytes crosses without a transfer, once its device layer ends.
                                source = deviceOf[slot]
                            } else {
                                let what = lane == .device ? "which no device segment runs" : "which is neither run in the cloud nor sent"
                                throw .planDoesNotFit("job \"\(jobID(task))\": the \(lane) \(itemName(item, job: task, lane: lane)) reads \(itemName(input, job: task, lane: lane)), \(what)")
                            }
                            if source >= 0 {
                                let local = Int(source) - base
                                if lastLinked[local] != task {
                                    lastLinked[local] = task
                                    producers.append(source)
                                    consumers.append(task)
                                }
                            }
                        }
                        doneIn[slot0 + item + 1] = task
                    }
                    if let missing {
                        throw .planDoesNotFit("job \"\(jobID(task))\": the uplink sends \(itemName(missing, job: task, lane: .device)), which no device segment runs")
                    }
                    if producer >= 0 {
                        let local = Int(producer) - base
                        if lastLinked[local] != task {
                            lastLinked[local] = task
                            producers.append(producer)
                            consumers.append(task)
                        }
                    }
                }
            }
        }
        for (producer, consumer) in zip(producers, consumers) { addEdge(from: producer, to: consumer) }
    }

    private mutating func addEdge(from producer: Int32, to consumer: Int32) {
        edgeTarget.append(consumer)
        edgeNext.append(firstSuccessor[Int(producer)])
        firstSuccessor[Int(producer)] = Int32(edgeTarget.count - 1)
        waitingInputs[Int(consumer)] += 1
    }

    private func jobID(_ task: Int32) -> String { scenario.jobs[Int(job[Int(task)])].id }

    /// `layer "fc"` or `tensor "input"`, for messages.
    private func itemName(_ item: Int, job task: Int32, lane: Lane) -> String {
        let model = scenario.model(ofJob: Int(job[Int(task)]))
        let name = item >= 0 && item < model.layers.count ? model.layers[item].name : (item == Cut.rawInput ? Layer.rawInputName : "#\(item)")
        return lane == .uplink ? "tensor \"\(name)\"" : "layer \"\(name)\""
    }

    // MARK: - Running

    /// Lets the tasks from `first` on run: zero-length tasks without inputs happen at
    /// once, and every lane starts its next task if it can.
    mutating func activate(from first: Int) {
        for task in first..<lane.count where isZero[task] && waitingInputs[task] == 0 && status[task] == .waiting {
            begin(Int32(task))
        }
        for laneIndex in 0..<3 { startNext(on: laneIndex) }
    }

    /// Handles every completion before `limit` (all of them for `.infinity`).
    mutating func run(before limit: Double) {
        while let time = events.nextTime, time < limit, let event = events.pop() {
            complete(event.task)
        }
    }

    /// Throws when some work could never start: a lane's order contradicts the inputs.
    func checkFinished() throws(SimulationError) {
        guard completedTasks < activeTasks else { return }
        for laneIndex in 0..<3 {
            for position in heads[laneIndex]..<queues[laneIndex].count {
                let task = Int(queues[laneIndex][position])
                if status[task] == .waiting {
                    throw .deadlock(lane: Lane(rawValue: laneIndex) ?? .device, job: jobID(Int32(task)))
                }
            }
        }
        let stuck = status.firstIndex(of: .waiting) ?? 0
        throw .deadlock(lane: Lane(rawValue: Int(lane[stuck])) ?? .device, job: jobID(Int32(stuck)))
    }

    /// Starts `task` now that its lane is free (or it needs none) and its inputs exist.
    private mutating func begin(_ task32: Int32) {
        let task = Int(task32)
        let laneIndex = Int(lane[task])
        let zero = isZero[task]
        let release = releaseMs[task]
        let laneTask: Int32 = zero ? -1 : lastOnLane[laneIndex]
        let laneEnd = laneTask >= 0 ? freeMs[laneIndex] : -Double.infinity
        let input = readyFrom[task]
        let inputEnd = input >= 0 ? readyMs[task] : -Double.infinity
        let start = max(release, laneEnd, inputEnd)
        if laneTask >= 0 && laneEnd == start {
            criticalPredecessor[task] = laneTask
            criticalCause[task] = .lane
        } else if input >= 0 && inputEnd == start {
            criticalPredecessor[task] = input
            criticalCause[task] = .input
        } else if start > 0 {
            // The release binds: re-planned work that waited for the re-planning.
            let predecessor = laneEnd >= inputEnd ? laneTask : input
            criticalPredecessor[task] = predecessor
            criticalCause[task] = .replan
            criticalWaitMs[task] = start - max(0, laneEnd, inputEnd)
        } else {
            criticalCause[task] = .start
        }
        let end: Double
        if zero {
            end = start
        } else if lane[task] == UInt8(Lane.uplink.rawValue) {
            end = profile.transferEnd(startMs: start, bits: bits[task], latencyMs: latencyMs[task])
        } else {
            end = start + computeMs[task]
        }
        startMs[task] = start
        endMs[task] = end
        status[task] = .running
        jobStarted[Int(job[task])] = true
        if !zero {
            running[laneIndex] = task32
            laneLog[laneIndex].append(task32)
        }
        events.push(time: end, task: task32)
    }

    /// Starts the next task in `laneIndex`'s queue if the lane is free and its inputs exist.
    private mutating func startNext(on laneIndex: Int) {
        guard running[laneIndex] < 0 else { return }
        while heads[laneIndex] < queues[laneIndex].count {
            let task = queues[laneIndex][heads[laneIndex]]
            if status[Int(task)] == .cancelled {
                heads[laneIndex] += 1
                continue
            }
            guard waitingInputs[Int(task)] == 0 else { return }
            heads[laneIndex] += 1
            begin(task)
            return
        }
    }

    private mutating func complete(_ task32: Int32) {
        let task = Int(task32)
        status[task] = .done
        completedTasks += 1
        let end = endMs[task]
        if !isZero[task] {
            let laneIndex = Int(lane[task])
            freeMs[laneIndex] = end
            running[laneIndex] = -1
            lastOnLane[laneIndex] = task32
        }
        var edge = firstSuccessor[task]
        while edge >= 0 {
            let consumer = Int(edgeTarget[Int(edge)])
            edge = edgeNext[Int(edge)]
            guard status[consumer] == .waiting else { continue }
            waitingInputs[consumer] -= 1
            if readyFrom[consumer] < 0 || end > readyMs[consumer] {
                readyMs[consumer] = end
                readyFrom[consumer] = task32
            }
            if waitingInputs[consumer] == 0 && isZero[consumer] { begin(Int32(consumer)) }
        }
        for laneIndex in 0..<3 { startNext(on: laneIndex) }
    }

    // MARK: - Re-planning

    /// The jobs none of whose work has started (and that have work).
    func unstartedJobs() -> [Int] {
        tasksOfJob.indices.filter { !jobStarted[$0] && !tasksOfJob[$0].isEmpty }
    }

    /// Replaces the work of `jobs` (none of it started) by `plan`'s, which may not start
    /// before `release`; on each lane it queues after the work already committed.
    mutating func replace(jobs: [Int], with plan: Plan, release: Double) throws(SimulationError) {
        for target in jobs {
            for task in tasksOfJob[target] where status[Int(task)] == .waiting {
                status[Int(task)] = .cancelled
                activeTasks -= 1
            }
            tasksOfJob[target] = []
        }
        for laneIndex in 0..<3 {
            queues[laneIndex] = queues[laneIndex][heads[laneIndex]...].filter { status[Int($0)] != .cancelled }
            heads[laneIndex] = 0
            // Committed work that waited behind re-planned work cannot start in the past.
            for task in queues[laneIndex] { releaseMs[Int(task)] = max(releaseMs[Int(task)], release) }
        }
        let first = try add(plan, jobMap: jobs, release: release)
        activate(from: first)
    }

    // MARK: - Result

    /// The timeline of everything played.
    func timeline(replans: [Replan]) -> Timeline {
        let jobCount = scenario.jobs.count
        var segments: [Segment] = []
        segments.reserveCapacity(completedTasks)
        var segmentOf = [Int32](repeating: -1, count: lane.count)
        var finish = [Double](repeating: 0, count: jobCount)
        var last: Int32 = -1
        for task in 0..<lane.count where status[task] == .done {
            segmentOf[task] = Int32(segments.count)
            let owner = Int(job[task])
            segments.append(Segment(lane: Lane(rawValue: Int(lane[task])) ?? .device, job: owner,
                                    startMs: startMs[task], endMs: endMs[task], work: work[task]))
            finish[owner] = max(finish[owner], endMs[task])
            if last < 0 || endMs[task] > endMs[Int(last)] { last = Int32(task) }
        }
        let makespan = last >= 0 ? endMs[Int(last)] : 0

        var lanes: [LaneMetrics] = []
        for laneValue in Lane.allCases {
            var busy = 0.0, cursor = 0.0
            var gaps: [IdleGap] = []
            for task in laneLog[laneValue.rawValue] where status[Int(task)] == .done {
                let start = startMs[Int(task)], end = endMs[Int(task)]
                if start > cursor { gaps.append(IdleGap(startMs: cursor, endMs: start)) }
                busy += end - start
                cursor = max(cursor, end)
            }
            if makespan > cursor { gaps.append(IdleGap(startMs: cursor, endMs: makespan)) }
            lanes.append(LaneMetrics(lane: laneValue, busyMs: busy, utilisation: makespan > 0 ? busy / makespan : 0, idleGaps: gaps))
        }

        var path: [CriticalStep] = []
        var step = last
        while step >= 0 {
            let task = Int(step)
            path.append(CriticalStep(segment: Int(segmentOf[task]), cause: criticalCause[task], waitMs: criticalWaitMs[task]))
            step = criticalPredecessor[task]
        }
        path.reverse()
        return Timeline(segments: segments, cuts: cuts, finishMs: finish, makespanMs: makespan, lanes: lanes,
                        criticalPath: path, replans: replans)
    }
}
