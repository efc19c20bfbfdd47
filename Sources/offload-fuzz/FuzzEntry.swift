import OffloadFuzzing
import OffloadModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's entry point: one input per call (see README, "Fuzzing").
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.run(bytes)
    return 0
}

#if !OFFLOAD_LIBFUZZER
/// Without libFuzzer (a plain `swift build`), `offload-fuzz FILE…` replays inputs, such
/// as a crash libFuzzer saved, through the same harness and says what became of each.
@main
struct ReplayInputs {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            print("usage: offload-fuzz FILE…  (replays fuzz inputs; see README, \"Fuzzing\")")
            exit(2)
        }
        for path in paths {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.bytes(atPath: path)
            } catch {
                print("\(error)")
                exit(1)
            }
            switch FuzzHarness.run(bytes) {
            case let .refused(message): print("\(path): refused: \(message)")
            case .accepted(planned: true): print("\(path): accepted, planned and drawn")
            case .accepted(planned: false): print("\(path): accepted (too large to plan here)")
            }
        }
    }
}
#endif
