import OffloadModel

/// Layer-level scheduling of jobs with fixed cuts on the three lanes
/// (device, uplink, cloud): layers of different jobs interleave, and a tensor
/// may leave the device as soon as it exists.
///
/// ``schedule(jobs:speeds:jobOrder:)`` tries every rule of
/// ``ListRule/portfolio`` and returns the best plan, or the job-level plan of
/// `jobOrder` when no rule beats it, so it is never worse than the job-level
/// plan it starts from. Everything is deterministic and runs in
/// O(L log L) per rule for L layers in total.
public enum LayerLevelScheduler {
    /// The best of the portfolio's list schedules and the job-level plan of `jobOrder`.
    ///
    /// - Parameters:
    ///   - jobs: the jobs, each with its cut.
    ///   - speeds: the environment.
    ///   - jobOrder: the job order of a job-level plan (a permutation of the job
    ///     indices); it also sets the priorities of the job-order rules.
    /// - Returns: a plan whose makespan is at most that of
    ///   ``jobLevelSegments(jobs:speeds:order:)`` for the same order.
    public static func schedule(jobs: [LayerJob], speeds: Environment, jobOrder: [Int]) throws(LayerLevelError) -> LayerPlan {
        let flat = try FlatInstance(jobs: jobs, speeds: speeds)
        let rank = try flat.ranks(of: jobOrder)
        let jobLevel = jobLevelPlan(flat: flat, order: jobOrder, withSegments: false).makespan
        guard let best = bestListSchedule(flat: flat, rank: rank, rules: ListRule.portfolio, below: jobLevel) else {
            return jobLevelPlan(flat: flat, order: jobOrder, withSegments: true)
        }
        return best
    }

    /// The list schedule of one rule (not compared with the job-level plan).
    public static func schedule(jobs: [LayerJob], speeds: Environment, jobOrder: [Int], rule: ListRule) throws(LayerLevelError) -> LayerPlan {
        let flat = try FlatInstance(jobs: jobs, speeds: speeds)
        let rank = try flat.ranks(of: jobOrder)
        return bestListSchedule(flat: flat, rank: rank, rules: [rule], below: .infinity)
            ?? LayerPlan(segments: [], makespan: 0, source: .listRule(rule))
    }

    /// The job-level plan of `order`: the three-lane permutation flow shop of
    /// docs/FORMATS.md §1, as segments.
    ///
    /// Each job's device layers run back to back (layer order), then ONE transfer
    /// carries all its crossing tensors (raw input first, then by layer), paying
    /// the latency once, then its cloud layers back to back. Every lane serves
    /// the jobs in `order`. A stage of zero duration is skipped: it does not wait
    /// for or occupy its lane, and the job's next stage waits only for the
    /// stages before it; its layers appear in a zero-length segment. Tensors of
    /// 0 bytes are not sent.
    public static func jobLevelSegments(jobs: [LayerJob], speeds: Environment, order: [Int]) throws(LayerLevelError) -> LayerPlan {
        let flat = try FlatInstance(jobs: jobs, speeds: speeds)
        _ = try flat.ranks(of: order)
        return jobLevelPlan(flat: flat, order: order, withSegments: true)
    }

    // MARK: - Internals

    /// The job-level plan; without segments, only its makespan.
    static func jobLevelPlan(flat: FlatInstance, order: [Int], withSegments: Bool) -> LayerPlan {
        var segments: [LayerSegment] = []
        var deviceFree = 0.0, uplinkFree = 0.0, cloudFree = 0.0, makespan = 0.0
        var deviceItems: [Int] = [], cloudItems: [Int] = [], sent: [Int] = []
        for j in order {
            let base = flat.firstLayer[j]
            deviceItems.removeAll(keepingCapacity: true)
            cloudItems.removeAll(keepingCapacity: true)
            sent.removeAll(keepingCapacity: true)
            var deviceCount = 0, cloudCount = 0, bytes = 0
            var deviceEnd = deviceFree, cloudWork = 0.0
            let raw = flat.rawTensor[j]
            if raw >= 0, flat.needsSend(raw) {
                sent.append(-1)
                bytes += flat.tensorBytes[raw]
            }
            for g in base..<flat.firstLayer[j + 1] {
                if flat.onDevice[g] {
                    deviceCount += 1
                    deviceEnd += flat.duration[g]
                    let c = Int(flat.tensorOfLayer[g])
                    if c >= 0, flat.needsSend(c) {
                        bytes += flat.tensorBytes[c]
                        if withSegments { sent.append(g - base) }
                    }
                    if withSegments { deviceItems.append(g - base) }
                } else {
                    cloudCount += 1
                    cloudWork += flat.duration[g]
                    if withSegments { cloudItems.append(g - base) }
                }
            }
            var ready = 0.0
            if deviceCount > 0 {
                // deviceEnd > deviceFree exactly when some device layer takes time.
                let busy = deviceEnd > deviceFree
                let start = busy ? deviceFree : 0
                if withSegments {
                    var t = start
                    for i in deviceItems { t += flat.duration[base + i] }
                    segments.append(LayerSegment(lane: .device, job: j, startMs: start, endMs: t, items: deviceItems))
                }
                if busy {
                    deviceFree = deviceEnd
                    ready = deviceEnd
                }
            }
            if bytes > 0 {
                let start = max(uplinkFree, ready)
                uplinkFree = start + flat.speeds.uplinkMs(bytes: bytes)
                ready = uplinkFree
                if withSegments {
                    segments.append(LayerSegment(lane: .uplink, job: j, startMs: start, endMs: uplinkFree, items: sent))
                }
            }
            if cloudCount > 0 {
                let busy = cloudWork > 0
                let start = busy ? max(cloudFree, ready) : ready
                var t = start
                for g in base..<flat.firstLayer[j + 1] where !flat.onDevice[g] { t += flat.duration[g] }
                if withSegments {
                    segments.append(LayerSegment(lane: .cloud, job: j, startMs: start, endMs: t, items: cloudItems))
                }
                if busy {
                    cloudFree = t
                    ready = t
                }
            }
            makespan = max(makespan, ready)
        }
        return LayerPlan(segments: sortedByLane(segments), makespan: makespan, source: .jobLevel)
    }

    /// Evaluates `rules` (sharing device and uplink runs where rules agree) and
    /// returns the plan of the first rule with the smallest makespan, if that
    /// makespan is below `bound` by more than a relative 1e-9; nil otherwise.
    static func bestListSchedule(flat: FlatInstance, rank: [Int], rules: [ListRule], below bound: Double) -> LayerPlan? {
        let strings = DeviceStrings(flat)
        let tail = tensorTails(flat)
        var deviceRuns: [ListRule.DeviceOrder: DeviceRun] = [:]
        var uplinkRuns: [UplinkKey: UplinkRun] = [:]
        var evaluated: [(arrival: [Double], cloud: ListRule.CloudOrder, makespan: Double)] = []
        var cloud = CloudLane(flat: flat)
        var best: (rule: ListRule, makespan: Double)?
        for rule in rules {
            let device: DeviceRun
            if let known = deviceRuns[rule.device] {
                device = known
            } else {
                device = DeviceRun(sequence: deviceSequence(rule.device, strings: strings, rank: rank), flat: flat, rank: rank)
                deviceRuns[rule.device] = device
            }
            let key = UplinkKey(device: rule.device, order: rule.uplinkOrder, batching: rule.batching)
            let uplink: UplinkRun
            if let known = uplinkRuns[key] {
                uplink = known
            } else {
                uplink = UplinkRun(flat: flat, device: device, rank: rank, order: rule.uplinkOrder, batching: rule.batching)
                uplinkRuns[key] = uplink
            }
            // Skip the cloud pass when a lower bound shows the rule cannot win:
            // a cloud layer reading tensor t ends after t arrives plus its cloud tail.
            var lower = max(device.end, uplink.end, tail.work)
            for t in 0..<flat.tensorCount { lower = max(lower, uplink.arrival[t] + tail.tensor[t]) }
            let threshold = min(bound, best?.makespan ?? .infinity)
            if lower >= threshold, best != nil || bound < .infinity { continue }
            // The cloud lane depends only on the arrivals: reuse a repeat.
            let cloudEnd: Double
            if let same = evaluated.first(where: { $0.cloud == rule.cloud && $0.arrival == uplink.arrival }) {
                cloudEnd = same.makespan
            } else {
                cloudEnd = cloud.run(flat: flat, arrival: uplink.arrival, rank: rank, order: rule.cloud, record: false)
                evaluated.append((uplink.arrival, rule.cloud, cloudEnd))
            }
            let makespan = max(device.end, uplink.end, cloudEnd)
            if best.map({ makespan < $0.makespan }) ?? true { best = (rule, makespan) }
        }
        // Below `bound` by more than rounding noise (a plan "better" by 1e-13 ms
        // is the same plan computed in another order).
        guard let (rule, makespan) = best, bound == .infinity || makespan < bound - 1e-9 * max(1, bound),
              let device = deviceRuns[rule.device],
              let uplink = uplinkRuns[UplinkKey(device: rule.device, order: rule.uplinkOrder, batching: rule.batching)]
        else { return nil }
        _ = cloud.run(flat: flat, arrival: uplink.arrival, rank: rank, order: rule.cloud, record: true)
        return LayerPlan(segments: segments(flat: flat, device: device, uplink: uplink, cloud: cloud),
                         makespan: makespan, source: .listRule(rule))
    }

    /// Per crossing tensor, the longest chain of cloud work that starts with one
    /// of its readers; and the total cloud work. Both bound any cloud lane.
    static func tensorTails(_ flat: FlatInstance) -> (tensor: [Double], work: Double) {
        let count = flat.cloudLayers.count
        var chain = [Double](repeating: 0, count: count)
        var work = 0.0
        var c = count - 1
        while c >= 0 {
            let g = Int(flat.cloudLayers[c])
            var longest = 0.0
            for e in Int(flat.succStart[g])..<Int(flat.succStart[g + 1]) {
                longest = max(longest, chain[Int(flat.cloudIndex[Int(flat.succs[e])])])
            }
            chain[c] = flat.duration[g] + longest
            work += flat.duration[g]
            c -= 1
        }
        var tensor = [Double](repeating: 0, count: flat.tensorCount)
        for c in 0..<count {
            for e in Int(flat.tensorInStart[c])..<Int(flat.tensorInStart[c + 1]) {
                let t = Int(flat.tensorIn[e])
                tensor[t] = max(tensor[t], chain[c])
            }
        }
        return (tensor, work)
    }

    struct UplinkKey: Hashable {
        var device: ListRule.DeviceOrder
        var order: ListRule.UplinkOrder
        var batching: ListRule.Batching
    }

    /// The device layers in the order `order` prescribes.
    static func deviceSequence(_ order: ListRule.DeviceOrder, strings: DeviceStrings, rank: [Int]) -> [Int32] {
        let jobCount = rank.count
        var byRank = [Int](repeating: 0, count: jobCount)
        for j in 0..<jobCount { byRank[rank[j]] = j }
        var sequence: [Int32] = []
        sequence.reserveCapacity(strings.layers.count)
        switch order {
        case .jobOrder:
            for j in byRank {
                let from = strings.stringStart[strings.jobString[j]]
                let to = strings.stringStart[strings.jobString[j + 1]]
                sequence.append(contentsOf: strings.layers[from..<to])
            }
        case .johnson:
            // Merge the jobs' string lists by Johnson key; ties by job rank.
            var nextString = strings.jobString
            var heap = MinHeap<KeyedEntry>(capacity: jobCount)
            for j in 0..<jobCount where nextString[j] < strings.jobString[j + 1] {
                heap.push(KeyedEntry(key: strings.stringKey[nextString[j]], id: rank[j]))
            }
            while let entry = heap.pop() {
                let j = byRank[entry.id]
                let s = nextString[j]
                sequence.append(contentsOf: strings.layers[strings.stringStart[s]..<strings.stringStart[s + 1]])
                nextString[j] = s + 1
                if s + 1 < strings.jobString[j + 1] {
                    heap.push(KeyedEntry(key: strings.stringKey[s + 1], id: entry.id))
                }
            }
        }
        return sequence
    }

    /// The Gantt chart of the three lanes: consecutive layers of one job with no
    /// gap form one segment; each transfer is one segment.
    static func segments(flat: FlatInstance, device: DeviceRun, uplink: UplinkRun, cloud: CloudLane) -> [LayerSegment] {
        var segments: [LayerSegment] = []
        var job = -1, from = 0.0, to = 0.0
        var items: [Int] = []
        func add(lane: LayerSegment.Lane, g: Int, start s: Double) {
            let j = Int(flat.jobOf[g])
            if j != job || s != to {
                if job >= 0 { segments.append(LayerSegment(lane: lane, job: job, startMs: from, endMs: to, items: items)) }
                job = j
                from = s
                items.removeAll(keepingCapacity: true)
            }
            items.append(g - flat.firstLayer[j])
            to = s + flat.duration[g]
        }
        func flush(lane: LayerSegment.Lane) {
            if job >= 0 { segments.append(LayerSegment(lane: lane, job: job, startMs: from, endMs: to, items: items)) }
            job = -1
        }
        var t = 0.0
        for g32 in device.sequence {
            let g = Int(g32)
            add(lane: .device, g: g, start: t)
            t += flat.duration[g]
        }
        flush(lane: .device)
        for k in 0..<uplink.transferStart.count {
            let carried = uplink.items[uplink.itemStart[k]..<uplink.itemStart[k + 1]].map { flat.item(ofTensor: $0) }
            segments.append(LayerSegment(lane: .uplink, job: uplink.transferJob[k], startMs: uplink.transferStart[k],
                                         endMs: uplink.transferEnd[k], items: carried))
        }
        for c32 in cloud.sequence {
            let c = Int(c32)
            add(lane: .cloud, g: Int(flat.cloudLayers[c]), start: cloud.start[c])
        }
        flush(lane: .cloud)
        return sortedByLane(segments)
    }

    /// Sorts by lane, then start time, keeping the order of equal keys.
    static func sortedByLane(_ segments: [LayerSegment]) -> [LayerSegment] {
        segments.enumerated().sorted { l, r in
            if l.element.lane != r.element.lane { return l.element.lane.rawValue < r.element.lane.rawValue }
            if l.element.startMs != r.element.startMs { return l.element.startMs < r.element.startMs }
            return l.offset < r.offset
        }.map(\.element)
    }
}
