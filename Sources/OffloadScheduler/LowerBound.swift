import OffloadModel

/// Lower bounds on the makespan of job-level plans.
public enum LowerBound {
    /// A bound valid for every choice of one option per job and every order:
    /// each lane must carry at least every job's least work on it, and every job
    /// needs at least its least total.
    public static func makespan(options: [[StageTimes]]) -> Double {
        var device = 0.0, uplink = 0.0, cloud = 0.0, longestJob = 0.0
        for jobOptions in options {
            device += jobOptions.map(\.device).min() ?? 0
            uplink += jobOptions.map(\.uplink).min() ?? 0
            cloud += jobOptions.map(\.cloud).min() ?? 0
            longestJob = max(longestJob, jobOptions.map(\.total).min() ?? 0)
        }
        return max(device, uplink, cloud, longestJob)
    }
}
