import OffloadModel

/// All jobs of an instance in flat arrays, validated once.
///
/// Layers get global indices `firstLayer[j] ..< firstLayer[j + 1]`. Only
/// crossing tensors (made on the device, read by a cloud layer) are numbered:
/// `0 ..< tensorCount`. Indices are stored as `Int32` to halve memory traffic.
struct FlatInstance: Sendable {
    let speeds: Environment
    let jobCount: Int
    let layerCount: Int
    /// `jobCount + 1` offsets.
    let firstLayer: [Int]
    let jobOf: [Int32]
    let onDevice: [Bool]
    /// Device time (device layers) or cloud time (cloud layers) at the given speeds.
    let duration: [Double]
    /// Distinct layer inputs (global indices), CSR.
    let predStart: [Int32]
    let preds: [Int32]
    /// Distinct readers (global indices), CSR.
    let succStart: [Int32]
    let succs: [Int32]

    /// Crossing tensors: the producing layer (global index), or -1 for the raw input.
    let tensorSource: [Int]
    let tensorJob: [Int]
    let tensorBytes: [Int]
    /// Per layer: its output's crossing-tensor index, or -1.
    let tensorOfLayer: [Int32]
    /// Per job: its raw input's crossing-tensor index, or -1.
    let rawTensor: [Int]

    /// The cloud layers in index order, and each layer's position among them (-1 on the device).
    let cloudLayers: [Int32]
    let cloudIndex: [Int32]
    /// Per cloud layer (by position): how many distinct cloud layers it reads.
    let cloudPredCount: [Int32]
    /// Per cloud layer (by position): the crossing tensors it reads, CSR.
    let tensorInStart: [Int32]
    let tensorIn: [Int32]

    var tensorCount: Int { tensorSource.count }

    /// A crossing tensor of at least one byte must be sent; a 0-byte one is
    /// available in the cloud as soon as it exists.
    @inline(__always) func needsSend(_ tensor: Int) -> Bool { tensorBytes[tensor] > 0 }

    /// The length of a transfer carrying this tensor alone.
    @inline(__always) func sendTime(_ tensor: Int) -> Double { speeds.uplinkMs(bytes: tensorBytes[tensor]) }

    /// The tensor as a segment item: the producer's local index, or -1 for the raw input.
    @inline(__always) func item(ofTensor tensor: Int) -> Int {
        let g = tensorSource[tensor]
        return g < 0 ? -1 : g - firstLayer[tensorJob[tensor]]
    }

    /// Validates `jobs` and `speeds` and flattens them.
    init(jobs: [LayerJob], speeds: Environment) throws(LayerLevelError) {
        for (field, value) in [("deviceSpeed", speeds.deviceSpeed), ("cloudSpeed", speeds.cloudSpeed),
                               ("bandwidthMbps", speeds.bandwidthMbps)] where !(value.isFinite && value > 0) {
            throw .badEnvironment(field: field)
        }
        guard speeds.latencyMs.isFinite, speeds.latencyMs >= 0 else { throw .badEnvironment(field: "latencyMs") }
        self.speeds = speeds
        jobCount = jobs.count

        var total = 0, edgeGuess = 0, mostBytes = 0
        for (j, job) in jobs.enumerated() {
            let n = job.deviceMs.count
            guard job.cloudMs.count == n, job.outputBytes.count == n, job.inputs.count == n,
                  job.onDevice.count == n else { throw .lengthMismatch(job: j) }
            // Every byte sum of a job (one transfer carries at most all of them) must fit.
            var bytes = job.inputBytes
            for b in job.outputBytes {
                let (sum, overflow) = bytes.addingReportingOverflow(b)
                guard !overflow else { throw .tooManyBytes(job: j) }
                bytes = sum
            }
            mostBytes = max(mostBytes, bytes)
            total += n
            edgeGuess += n + n / 4
        }
        guard total < Int(Int32.max) / 2 else { throw .tooManyLayers }
        guard speeds.uplinkMs(bytes: mostBytes).isFinite else { throw .badEnvironment(field: "bandwidthMbps") }
        layerCount = total
        var firstLayer = [Int](repeating: 0, count: jobs.count + 1)
        var jobOf = [Int32](repeating: 0, count: total)
        var onDevice = [Bool](repeating: false, count: total)
        var duration = [Double](repeating: 0, count: total)
        var predStart = [Int32](repeating: 0, count: total + 1)
        var preds: [Int32] = []
        preds.reserveCapacity(edgeGuess)
        var tensorSource: [Int] = [], tensorJob: [Int] = [], tensorBytes: [Int] = []
        var tensorOfLayer = [Int32](repeating: -1, count: total)
        var rawTensor = [Int](repeating: -1, count: jobs.count)
        var cloudLayers: [Int32] = []
        var cloudIndex = [Int32](repeating: -1, count: total)
        var cloudPredCount: [Int32] = []
        var tensorInStart: [Int32] = [0]
        var tensorIn: [Int32] = []
        let deviceSpeed = speeds.deviceSpeed, cloudSpeed = speeds.cloudSpeed
        var base = 0
        for (j, job) in jobs.enumerated() {
            firstLayer[j] = base
            guard job.inputBytes >= 0 else { throw .badBytes(job: j, layer: -1) }
            let device = job.onDevice
            for i in 0..<job.deviceMs.count {
                let g = base + i
                let here = device[i]
                let dm = job.deviceMs[i], cm = job.cloudMs[i], bytes = job.outputBytes[i]
                guard dm.isFinite, dm >= 0 else { throw .badTime(job: j, layer: i, field: "deviceMs") }
                guard cm.isFinite, cm >= 0 else { throw .badTime(job: j, layer: i, field: "cloudMs") }
                guard bytes >= 0 else { throw .badBytes(job: j, layer: i) }
                jobOf[g] = Int32(truncatingIfNeeded: j)
                onDevice[g] = here
                let time = here ? dm / deviceSpeed : cm / cloudSpeed
                guard time.isFinite else { throw .badEnvironment(field: here ? "deviceSpeed" : "cloudSpeed") }
                duration[g] = time
                let first = preds.count
                if !here {
                    cloudIndex[g] = Int32(truncatingIfNeeded: cloudLayers.count)
                    cloudLayers.append(Int32(truncatingIfNeeded: g))
                }
                var cloudPreds: Int32 = 0
                for k in job.inputs[i] {
                    guard k >= -1, k < i else { throw .badInput(job: j, layer: i, input: k) }
                    if k < 0 {
                        guard !here else { continue }
                        if rawTensor[j] < 0 {
                            rawTensor[j] = tensorSource.count
                            tensorSource.append(-1)
                            tensorJob.append(j)
                            tensorBytes.append(job.inputBytes)
                        }
                        if !tensorIn[Int(tensorInStart[tensorInStart.count - 1])...].contains(Int32(truncatingIfNeeded: rawTensor[j])) {
                            tensorIn.append(Int32(truncatingIfNeeded: rawTensor[j]))
                        }
                        continue
                    }
                    let other = device[k]
                    if here, !other { throw .cutNotClosed(job: j, layer: i, input: k) }
                    let p = Int32(truncatingIfNeeded: base + k)
                    var seen = false
                    var e = first
                    while e < preds.count {
                        if preds[e] == p { seen = true; break }
                        e += 1
                    }
                    if seen { continue }
                    preds.append(p)
                    if !here {
                        if other {
                            if tensorOfLayer[base + k] < 0 {
                                tensorOfLayer[base + k] = Int32(truncatingIfNeeded: tensorSource.count)
                                tensorSource.append(base + k)
                                tensorJob.append(j)
                                tensorBytes.append(job.outputBytes[k])
                            }
                            tensorIn.append(tensorOfLayer[base + k])
                        } else {
                            cloudPreds += 1
                        }
                    }
                }
                predStart[g + 1] = Int32(truncatingIfNeeded: preds.count)
                if !here {
                    cloudPredCount.append(cloudPreds)
                    tensorInStart.append(Int32(truncatingIfNeeded: tensorIn.count))
                }
            }
            base += job.deviceMs.count
        }
        firstLayer[jobs.count] = total
        // Successor CSR from the predecessor lists (as the cut graph's consumers are built).
        let (succStart, succs) = CompressedRows.reversed(start: predStart, items: preds, nodes: total)
        self.firstLayer = firstLayer
        self.jobOf = jobOf
        self.onDevice = onDevice
        self.duration = duration
        self.predStart = predStart
        self.preds = preds
        self.succStart = succStart
        self.succs = succs
        self.tensorSource = tensorSource
        self.tensorJob = tensorJob
        self.tensorBytes = tensorBytes
        self.tensorOfLayer = tensorOfLayer
        self.rawTensor = rawTensor
        self.cloudLayers = cloudLayers
        self.cloudIndex = cloudIndex
        self.cloudPredCount = cloudPredCount
        self.tensorInStart = tensorInStart
        self.tensorIn = tensorIn
    }

    /// Checks that `order` is a permutation of the jobs and returns each job's rank in it.
    func ranks(of order: [Int]) throws(LayerLevelError) -> [Int] {
        guard order.count == jobCount else { throw .badJobOrder }
        var rank = [Int](repeating: -1, count: jobCount)
        for (position, job) in order.enumerated() {
            guard job >= 0, job < jobCount, rank[job] < 0 else { throw .badJobOrder }
            rank[job] = position
        }
        return rank
    }
}
