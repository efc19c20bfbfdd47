import Foundation
import Testing
import OffloadTestSupport

/// `offload sweep` and `offload export` through the real binary (docs/FORMATS.md §10).
@Suite struct PicturesCLITests {
    func offload(_ arguments: [String]) throws -> OffloadProcess.Run { try OffloadProcess.run(arguments) }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("offload-pictures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func sweepJSONIsAscendingWithEveryAlgorithmAtEveryPoint() throws {
        let run = try offload(["sweep", "sample-jobs/default.json", "--bandwidth", "2:200", "--steps", "5",
                               "--algorithms", "partition-only,joint,layer-level", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["scenario"] as? String == "Photo tagging over Wi-Fi")
        let points = try #require(json["points"] as? [[String: Any]])
        let bandwidths = points.compactMap { $0["bandwidthMbps"] as? Double }
        #expect(bandwidths.count == 5 && bandwidths == bandwidths.sorted())
        #expect(bandwidths.first == 2 && bandwidths.last == 200)
        var previous = Double.infinity
        for point in points {
            let makespans = try #require(point["makespanMs"] as? [String: Double])
            #expect(Set(makespans.keys) == ["partition-only", "joint", "layer-level"])
            let joint = try #require(makespans["joint"])
            #expect(joint <= previous)
            previous = joint
        }
    }

    @Test func sweepRefusesBadRangesAndNames() throws {
        for (arguments, message) in [
            (["--bandwidth", "100:10"], "LO must not exceed HI"),
            (["--bandwidth", "fast"], "LO:HI"),
            (["--bandwidth", "0:10"], "--bandwidth"),
            (["--steps", "0"], "--steps"),
            (["--algorithms", "joint,magic"], "unknown algorithm \"magic\""),
        ] {
            let run = try offload(["sweep", "sample-jobs/default.json"] + arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    @Test func exportWritesAllThreeFilesInOneCall() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("plan.svg").path, html = folder.appendingPathComponent("plan.html").path
        let mermaid = folder.appendingPathComponent("plan.mmd").path
        let run = try offload(["export", "sample-jobs/default.json", "--algorithm", "partition-only", "--bandwidth", "5.85",
                               "--svg", svg, "--html", html, "--mermaid", mermaid, "--theme", "colorblind"])
        #expect(run.status == 0, "\(run.stderr)")
        let svgText = try #require(OffloadProcess.contents(ofFile: svg))
        #expect(svgText.contains("partition-only") && svgText.contains("5.85 Mbps"))
        #expect(OffloadProcess.contents(ofFile: html)?.contains("<!DOCTYPE html>") == true)
        #expect(OffloadProcess.contents(ofFile: mermaid)?.hasPrefix("gantt\n") == true)
    }

    @Test func exportNeedsAnOutputAndAKnownTheme() throws {
        let none = try offload(["export", "sample-jobs/default.json"])
        #expect(none.status == 2 && none.stderr.contains("--svg"))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let theme = try offload(["export", "sample-jobs/default.json", "--svg", folder.appendingPathComponent("a.svg").path, "--theme", "neon"])
        #expect(theme.status == 1 && theme.stderr.contains("no theme named \"neon\""), "\(theme.stderr)")
    }
}
