import OffloadModel

/// The device lane of a list schedule: layers back to back in a given order.
struct DeviceRun: Sendable {
    /// Device layers (global indices) in execution order.
    var sequence: [Int32]
    /// Per crossing tensor: when it exists on the device (0 for a raw input).
    var release: [Double]
    /// Per crossing tensor: a tie-break, the producer's position in `sequence`
    /// (raw inputs before everything, by job rank).
    var tie: [Int]
    var end: Double

    /// Runs `sequence`, which must be a topological order of the device layers.
    init(sequence: [Int32], flat: FlatInstance, rank: [Int]) {
        self.sequence = sequence
        release = [Double](repeating: 0, count: flat.tensorCount)
        tie = [Int](repeating: 0, count: flat.tensorCount)
        for j in 0..<flat.jobCount where flat.rawTensor[j] >= 0 { tie[flat.rawTensor[j]] = rank[j] - flat.jobCount }
        var t = 0.0
        for (k, g32) in sequence.enumerated() {
            let g = Int(g32)
            t += flat.duration[g]
            let c = Int(flat.tensorOfLayer[g])
            if c >= 0 {
                release[c] = t
                tie[c] = k
            }
        }
        end = t
    }
}

/// The uplink lane of a list schedule.
struct UplinkRun: Sendable {
    var transferStart: [Double] = []
    var transferEnd: [Double] = []
    var transferJob: [Int] = []
    /// Transfer `k` carries `items[itemStart[k] ..< itemStart[k + 1]]` (tensor ids).
    var itemStart: [Int] = [0]
    var items: [Int] = []
    /// Per crossing tensor: when it is available in the cloud.
    var arrival: [Double]
    var end = 0.0

    init(flat: FlatInstance, device: DeviceRun, rank: [Int], order: ListRule.UplinkOrder, batching: ListRule.Batching) {
        let release = device.release, tie = device.tie
        arrival = release
        var tensors = (0..<flat.tensorCount).filter { flat.needsSend($0) }
        switch order {
        case .earliestRelease:
            tensors.sort { release[$0] != release[$1] ? release[$0] < release[$1] : tie[$0] < tie[$1] }
        case .jobOrder:
            tensors.sort {
                let r0 = rank[flat.tensorJob[$0]], r1 = rank[flat.tensorJob[$1]]
                if r0 != r1 { return r0 < r1 }
                return release[$0] != release[$1] ? release[$0] < release[$1] : tie[$0] < tie[$1]
            }
        }
        var free = 0.0
        switch batching {
        case .perTensor:
            for t in tensors {
                let s = max(free, release[t])
                free = s + flat.sendTime(t)
                record(start: s, end: free, job: flat.tensorJob[t], items: CollectionOfOne(t))
            }
        case .wholeJob:
            // One transfer per job, once its last tensor exists; jobs in the
            // order of their first tensor (job order), or of their release.
            var jobTensors = [[Int]](repeating: [], count: flat.jobCount)
            var jobs: [Int] = []
            for t in tensors {
                let j = flat.tensorJob[t]
                if jobTensors[j].isEmpty { jobs.append(j) }
                jobTensors[j].append(t)
            }
            var jobRelease = [Double](repeating: 0, count: flat.jobCount)
            for j in jobs { jobRelease[j] = jobTensors[j].reduce(0.0) { max($0, release[$1]) } }
            if order == .earliestRelease {
                jobs.sort { jobRelease[$0] != jobRelease[$1] ? jobRelease[$0] < jobRelease[$1] : rank[$0] < rank[$1] }
            }
            for j in jobs {
                let bytes = jobTensors[j].reduce(0) { $0 + flat.tensorBytes[$1] }
                let s = max(free, jobRelease[j])
                free = s + flat.speeds.uplinkMs(bytes: bytes)
                record(start: s, end: free, job: j, items: jobTensors[j])
            }
        case .waitingTensors:
            // The next tensor in order, with every tensor of its job already waiting.
            var jobTensors = [[Int]](repeating: [], count: flat.jobCount)
            for t in tensors { jobTensors[flat.tensorJob[t]].append(t) }
            var cursor = [Int](repeating: 0, count: flat.jobCount)
            var sent = [Bool](repeating: false, count: flat.tensorCount)
            var batch: [Int] = []
            for t in tensors where !sent[t] {
                let j = flat.tensorJob[t]
                let s = max(free, release[t])
                batch.removeAll(keepingCapacity: true)
                var bytes = 0
                var c = cursor[j]
                while c < jobTensors[j].count, release[jobTensors[j][c]] <= s {
                    let x = jobTensors[j][c]
                    if !sent[x] {
                        sent[x] = true
                        batch.append(x)
                        bytes += flat.tensorBytes[x]
                    }
                    c += 1
                }
                cursor[j] = c
                free = s + flat.speeds.uplinkMs(bytes: bytes)
                record(start: s, end: free, job: j, items: batch)
            }
        }
        end = free
    }

    private mutating func record<C: Collection<Int>>(start: Double, end: Double, job: Int, items batch: C) {
        transferStart.append(start)
        transferEnd.append(end)
        transferJob.append(job)
        for t in batch {
            items.append(t)
            arrival[t] = end
        }
        itemStart.append(items.count)
    }
}

/// The cloud lane of a list schedule: non-delay, one layer at a time. Layers
/// are numbered by their position `c` in `flat.cloudLayers`.
struct CloudLane: Sendable {
    private var ready: [Double]
    private var missing: [Int32]
    private var pending = MinHeap<TimedEntry>(capacity: 1024)
    private var readyHeap = MinHeap<Int>(capacity: 1024)
    /// The layers (positions) the last `finish` made ready to run.
    private var released: [Int] = []
    /// When recording: the cloud layers (positions) in execution order, and their start times.
    private(set) var sequence: [Int32] = []
    private(set) var start: [Double] = []

    init(flat: FlatInstance) {
        ready = [Double](repeating: 0, count: flat.cloudLayers.count)
        missing = [Int32](repeating: 0, count: flat.cloudLayers.count)
    }

    /// Runs the lane and returns when it finishes (0 for no cloud layers);
    /// `record` keeps the sequence and start times.
    mutating func run(flat: FlatInstance, arrival: [Double], rank: [Int], order: ListRule.CloudOrder, record: Bool) -> Double {
        let count = flat.cloudLayers.count
        sequence.removeAll(keepingCapacity: true)
        if record {
            sequence.reserveCapacity(count)
            start = [Double](repeating: 0, count: count)
        }
        for c in 0..<count {
            var r = 0.0
            for e in Int(flat.tensorInStart[c])..<Int(flat.tensorInStart[c + 1]) { r = max(r, arrival[Int(flat.tensorIn[e])]) }
            ready[c] = r
            missing[c] = flat.cloudPredCount[c]
            if missing[c] == 0 { pending.push(TimedEntry(time: r, id: c)) }
        }
        var t = 0.0
        var done = 0
        switch order {
        case .jobOrder:
            // Keys rank · count + c; `hot` holds a layer that became ready at the
            // current time, saving a heap round trip along chains.
            var hot = -1
            while done < count {
                while let m = pending.min, m.time <= t {
                    _ = pending.pop()
                    readyHeap.push(rank[Int(flat.jobOf[Int(flat.cloudLayers[m.id])])] * count + m.id)
                }
                let c: Int
                if hot >= 0 {
                    if let top = readyHeap.min, top < hot {
                        _ = readyHeap.pop()
                        c = top % count
                    } else {
                        c = hot % count
                        hot = -1
                    }
                } else if let top = readyHeap.pop() {
                    c = top % count
                } else if let m = pending.min {
                    t = m.time
                    continue
                } else {
                    break
                }
                t = finish(c, at: t, flat: flat, record: record)
                done += 1
                for s in released {
                    if ready[s] > t {
                        pending.push(TimedEntry(time: ready[s], id: s))
                        continue
                    }
                    let key = rank[Int(flat.jobOf[Int(flat.cloudLayers[s])])] * count + s
                    if hot < 0 {
                        hot = key
                    } else if key < hot {
                        readyHeap.push(hot)
                        hot = key
                    } else {
                        readyHeap.push(key)
                    }
                }
            }
        case .earliestReady:
            var hot: TimedEntry?
            while done < count {
                let next: TimedEntry
                if let h = hot, pending.min.map({ h < $0 }) ?? true {
                    next = h
                    hot = nil
                } else if let m = pending.pop() {
                    next = m
                } else {
                    break
                }
                t = finish(next.id, at: max(t, next.time), flat: flat, record: record)
                done += 1
                for s in released {
                    let entry = TimedEntry(time: ready[s], id: s)
                    if let h = hot {
                        if entry < h {
                            pending.push(h)
                            hot = entry
                        } else {
                            pending.push(entry)
                        }
                    } else {
                        hot = entry
                    }
                }
            }
        }
        // Leave the heaps empty for the next run (they are already, unless the
        // precedence graph was inconsistent).
        while pending.pop() != nil {}
        while readyHeap.pop() != nil {}
        return t
    }

    /// Runs cloud layer `c` from `t` and returns when it ends: records it when `record`,
    /// and hands its output to its successors, raising their ready times; those whose last
    /// input it was are left in `released`, in successor order.
    private mutating func finish(_ c: Int, at t: Double, flat: FlatInstance, record: Bool) -> Double {
        let g = Int(flat.cloudLayers[c])
        if record {
            start[c] = t
            sequence.append(Int32(truncatingIfNeeded: c))
        }
        let end = t + flat.duration[g]
        released.removeAll(keepingCapacity: true)
        for e in Int(flat.succStart[g])..<Int(flat.succStart[g + 1]) {
            let s = Int(flat.cloudIndex[Int(flat.succs[e])])
            ready[s] = max(ready[s], end)
            missing[s] -= 1
            if missing[s] == 0 { released.append(s) }
        }
        return end
    }
}
