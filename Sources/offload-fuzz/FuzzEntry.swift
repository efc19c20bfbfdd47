import OffloadFuzzing

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
            guard let handle = fopen(path, "rb") else {
                print("\(path): cannot be opened")
                exit(1)
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let read = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
                if read == 0 { break }
                bytes.append(contentsOf: chunk[0..<read])
            }
            fclose(handle)
            switch FuzzHarness.run(bytes) {
            case let .refused(message): print("\(path): refused: \(message)")
            case .accepted(planned: true): print("\(path): accepted, planned and drawn")
            case .accepted(planned: false): print("\(path): accepted (too large to plan here)")
            }
        }
    }
}
#endif
