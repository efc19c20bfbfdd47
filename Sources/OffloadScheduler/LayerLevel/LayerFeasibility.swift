import OffloadModel

/// An independent checker of layer-level plans against the model of docs/FORMATS.md §1.
///
/// It shares no code with the schedulers. Times are compared with a tolerance
/// of 1e-9 × max(1, latest end).
public enum LayerFeasibility {
    /// Every way `segments` breaks the model, as sentences; empty when feasible.
    ///
    /// Checks: segments are well formed; a lane runs one thing at a time
    /// (segments of zero length occupy nothing); every layer runs exactly once,
    /// on its side of the cut, in a segment of its job, for exactly its duration,
    /// back to back with the segment's other layers; device layers follow their
    /// inputs; every crossing tensor of at least one byte is sent exactly once
    /// (a 0-byte one at most once, and is otherwise available where it is made),
    /// not before it exists, in a transfer of its job lasting
    /// `bytes × 8 / (bandwidthMbps × 1000) + latencyMs`; nothing else is sent; a
    /// cloud layer starts after its cloud inputs finish and its device-made
    /// inputs have arrived.
    public static func violations(jobs: [LayerJob], speeds: Environment, segments: [LayerSegment]) -> [String] {
        var problems: [String] = []
        var latest = 0.0
        for s in segments where s.endMs.isFinite { latest = max(latest, s.endMs) }
        let tol = 1e-9 * max(1, latest)

        // Instance shape (only what the checks below need).
        for (j, job) in jobs.enumerated() {
            let n = job.deviceMs.count
            if job.cloudMs.count != n || job.outputBytes.count != n || job.inputs.count != n || job.onDevice.count != n {
                problems.append("job \(j): per-layer arrays differ in length")
                continue
            }
            for i in 0..<n {
                for k in job.inputs[i] where k < -1 || k >= i {
                    problems.append("job \(j), layer \(i): input \(k) is not -1 or an earlier layer")
                }
                for k in job.inputs[i] where k >= 0 && k < i && job.onDevice[i] && !job.onDevice[k] {
                    problems.append("job \(j), layer \(i): on the device but reads cloud layer \(k)")
                }
            }
        }
        guard problems.isEmpty else { return problems }

        func duration(_ j: Int, _ i: Int) -> Double {
            jobs[j].onDevice[i] ? jobs[j].deviceMs[i] / speeds.deviceSpeed : jobs[j].cloudMs[i] / speeds.cloudSpeed
        }
        func name(_ j: Int, _ i: Int) -> String { i < 0 ? "the raw input of job \(j)" : "layer \(i) of job \(j)" }
        /// Crossing: made on the device (a device layer or the raw input) and read by a cloud layer.
        var crossing: [[Bool]] = jobs.map { [Bool](repeating: false, count: $0.deviceMs.count + 1) }  // index i + 1
        for (j, job) in jobs.enumerated() {
            for i in 0..<job.deviceMs.count where !job.onDevice[i] {
                for k in job.inputs[i] where k < 0 || job.onDevice[k] { crossing[j][k + 1] = true }
            }
        }

        var start: [[Double?]] = jobs.map { [Double?](repeating: nil, count: $0.deviceMs.count) }
        var arrival: [[Double?]] = jobs.map { [Double?](repeating: nil, count: $0.deviceMs.count + 1) }
        var sendStart: [[Double]] = jobs.map { [Double](repeating: 0, count: $0.deviceMs.count + 1) }
        var busy: [[(Double, Double, Int)]] = [[], [], []]

        for (index, s) in segments.enumerated() {
            let lane = s.lane
            let what = "segment \(index) (\(lane), job \(s.job))"
            guard s.job >= 0, s.job < jobs.count else {
                problems.append("\(what): no such job")
                continue
            }
            guard s.startMs.isFinite, s.endMs.isFinite, s.startMs >= -tol, s.endMs >= s.startMs - tol else {
                problems.append("\(what): bad interval [\(s.startMs), \(s.endMs)]")
                continue
            }
            if s.items.isEmpty { problems.append("\(what): carries nothing") }
            if s.endMs > s.startMs { busy[lane.rawValue].append((s.startMs, s.endMs, index)) }
            let job = jobs[s.job]
            let n = job.deviceMs.count
            switch lane {
            case .device, .cloud:
                var t = s.startMs
                for i in s.items {
                    guard i >= 0, i < n else {
                        problems.append("\(what): no layer \(i)")
                        continue
                    }
                    if job.onDevice[i] != (lane == .device) {
                        problems.append("\(what): \(name(s.job, i)) runs on the wrong side of the cut")
                    }
                    if start[s.job][i] != nil { problems.append("\(what): \(name(s.job, i)) runs twice") }
                    start[s.job][i] = t
                    t += duration(s.job, i)
                }
                if abs(t - s.endMs) > tol {
                    problems.append("\(what): its layers take \(t - s.startMs) ms but the segment lasts \(s.endMs - s.startMs) ms")
                }
            case .uplink:
                var bytes = 0
                for i in s.items {
                    guard i >= -1, i < n else {
                        problems.append("\(what): no tensor \(i)")
                        continue
                    }
                    if !crossing[s.job][i + 1] {
                        problems.append("\(what): sends \(name(s.job, i)), which no cloud layer reads from the device")
                        continue
                    }
                    if arrival[s.job][i + 1] != nil { problems.append("\(what): sends \(name(s.job, i)) twice") }
                    arrival[s.job][i + 1] = s.endMs
                    sendStart[s.job][i + 1] = s.startMs
                    let (sum, overflow) = bytes.addingReportingOverflow(i < 0 ? job.inputBytes : job.outputBytes[i])
                    bytes = overflow ? Int.max : sum
                }
                let expected = bytes > 0 ? Double(bytes) * 8 / (speeds.bandwidthMbps * 1000) + speeds.latencyMs : 0
                if abs(s.endMs - s.startMs - expected) > tol {
                    problems.append("\(what): carries \(bytes) bytes, which take \(expected) ms, but lasts \(s.endMs - s.startMs) ms")
                }
            }
        }

        for lane in 0..<3 {
            let list = busy[lane].sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.2 < $1.2 }
            var reach = -Double.infinity, holder = -1
            for (s, e, index) in list {
                if s < reach - tol {
                    problems.append("segments \(holder) and \(index) overlap on the \(LayerSegment.Lane(rawValue: lane).map { "\($0)" } ?? "?") lane")
                }
                if e > reach { reach = e; holder = index }
            }
        }

        for (j, job) in jobs.enumerated() {
            func finish(_ i: Int) -> Double? { start[j][i].map { $0 + duration(j, i) } }
            /// When tensor `k` (-1 raw) exists on the device.
            func made(_ k: Int) -> Double? { k < 0 ? 0 : finish(k) }
            for i in 0..<job.deviceMs.count {
                guard let si = start[j][i] else {
                    problems.append("\(name(j, i)) never runs")
                    continue
                }
                for k in job.inputs[i] {
                    if job.onDevice[i] || (k >= 0 && !job.onDevice[k]) {
                        // Same side: the input must have finished.
                        if k >= 0, let f = finish(k), si < f - tol {
                            problems.append("\(name(j, i)) starts at \(si) before its input layer \(k) finishes at \(f)")
                        }
                    } else if let a = arrival[j][k + 1] {
                        if si < a - tol {
                            problems.append("\(name(j, i)) starts at \(si) before \(name(j, k)) arrives at \(a)")
                        }
                    } else if let m = made(k), si < m - tol {
                        problems.append("\(name(j, i)) starts at \(si) before \(name(j, k)) (not sent) exists at \(m)")
                    }
                }
            }
            for k in -1..<job.deviceMs.count where crossing[j][k + 1] {
                let bytes = k < 0 ? job.inputBytes : job.outputBytes[k]
                if arrival[j][k + 1] == nil {
                    if bytes > 0 { problems.append("\(name(j, k)) is read in the cloud but never sent") }
                } else if let m = made(k), sendStart[j][k + 1] < m - tol {
                    problems.append("\(name(j, k)) is sent at \(sendStart[j][k + 1]) before it exists at \(m)")
                }
            }
        }
        return problems
    }

    /// ``violations(jobs:speeds:segments:)`` plus a check that the plan's
    /// makespan is the latest segment end (0 for no segments).
    public static func violations(jobs: [LayerJob], speeds: Environment, plan: LayerPlan) -> [String] {
        var problems = violations(jobs: jobs, speeds: speeds, segments: plan.segments)
        let latest = plan.segments.reduce(0.0) { max($0, $1.endMs) }
        if abs(latest - plan.makespan) > 1e-9 * max(1, latest) {
            problems.append("the plan says makespan \(plan.makespan) but its last segment ends at \(latest)")
        }
        return problems
    }
}
