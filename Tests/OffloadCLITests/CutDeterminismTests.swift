import Foundation
import OffloadModel
import OffloadTestSupport
import Testing

/// The closed-cut enumeration gives the same candidates in every process.
///
/// Swift seeds its hashing afresh in each process, so a `Set` or `Dictionary` walked in
/// its own order gives a different order in each run; where the enumerator breaks ties
/// between equal partial costs by such an order, another process keeps other cuts. That
/// happened once (the program's states were visited in dictionary order). In-process
/// tests cannot see it: every run shares one seed. So the built binary prints each
/// model's candidate fingerprint (`validate --format json`, `cuts.digest`: every
/// candidate's device layers and costs) in separate processes, one of them with the
/// hashing made deterministic, and all must agree.
@Suite struct CutDeterminismTests {
    /// The models with the most closed cuts and the most ties: zero-byte dead ends and
    /// constants (`vit_like`), parallel branches (`googlenet`), twins (`convnext_like`).
    static let models = ["googlenet", "vit_like", "convnext_like", "squeezenet1_1", "resnet50"]
        .map { "sample-jobs/models/\($0).json" }

    @Test func candidatesAreTheSameInEveryProcess() throws {
        let arguments = ["validate", "--format", "json"] + Self.models
        let runs = try [
            OffloadProcess.run(arguments, environment: ["SWIFT_DETERMINISTIC_HASHING": "1"]),
            OffloadProcess.run(arguments),
            OffloadProcess.run(arguments),
        ]
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let digests = try runs.map(Self.digests)
        #expect(digests[0].count == Self.models.count)
        for digest in digests[0] { #expect(digest.count == 16 && digest.allSatisfy(\.isHexDigit), "\(digest)") }
        #expect(digests[1] == digests[0])
        #expect(digests[2] == digests[0])
        #expect(runs[1].stdout == runs[0].stdout && runs[2].stdout == runs[0].stdout)
    }

    /// Each model's `holds.cuts.digest`, in file order.
    static func digests(_ run: OffloadProcess.Run) throws -> [String] {
        let document = try FileReader.json(Array(run.stdout.utf8), file: "validate output")
        guard case let .array(files)? = document["files"] else { return [] }
        return files.compactMap { file in
            guard case let .string(digest)? = file["holds"]?["cuts"]?["digest"] else { return nil }
            return digest
        }
    }
}
