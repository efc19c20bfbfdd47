import OffloadModel

/// The three-lane permutation flow shop of a job-level plan.
///
/// Every lane serves the jobs in the same order, one at a time, without
/// preemption; uplink work starts after the job's device work, cloud work after
/// its uplink work. A stage of zero duration does not occupy its lane: the job
/// skips it (a device-only job never waits for the uplink).
public enum Pipeline {
    /// The makespan of `order` (indices into `times`).
    public static func makespan(order: [Int], times: [StageTimes]) -> Double {
        var deviceFree = 0.0, uplinkFree = 0.0, cloudFree = 0.0, makespan = 0.0
        for job in order {
            let t = times[job]
            var ready = 0.0
            if t.device > 0 { deviceFree += t.device; ready = deviceFree }
            if t.uplink > 0 { uplinkFree = max(uplinkFree, ready) + t.uplink; ready = uplinkFree }
            if t.cloud > 0 { cloudFree = max(cloudFree, ready) + t.cloud; ready = cloudFree }
            makespan = max(makespan, ready)
        }
        return makespan
    }

    /// The Gantt chart of `order`: one segment per job and lane it spends time on
    /// (a skipped stage has none), and each job's finish time.
    /// Its makespan equals `makespan(order:times:)`.
    public static func schedule(order: [Int], times: [StageTimes]) -> (segments: [Segment], finishMs: [Double]) {
        var free = [0.0, 0.0, 0.0]
        var segments: [Segment] = []
        segments.reserveCapacity(order.count * 3)
        var finish = [Double](repeating: 0, count: times.count)
        for job in order {
            var ready = 0.0
            for lane in Lane.allCases {
                let duration = times[job][lane]
                guard duration > 0 else { continue }
                let start = max(free[lane.rawValue], ready)
                ready = start + duration
                free[lane.rawValue] = ready
                segments.append(Segment(lane: lane, job: job, startMs: start, endMs: ready, work: .wholeStage))
            }
            finish[job] = ready
        }
        return (segments, finish)
    }
}

extension StageTimes {
    /// The time on `lane`.
    public subscript(lane: Lane) -> Double {
        switch lane {
        case .device: device
        case .uplink: uplink
        case .cloud: cloud
        }
    }
}
