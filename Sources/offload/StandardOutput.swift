#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a JSON document (UTF-8 bytes, as `JSONValue.finiteSerializedBytes()` gives
/// them) and a newline to standard output, straight from the buffer, without turning the
/// bytes into a `String` first. Text `print` buffered earlier is flushed first, so the
/// order is kept. Like `print`, a failed write is not reported.
func printJSON(_ bytes: [UInt8]) {
    fflush(nil)
    bytes.withUnsafeBytes(writeToStandardOutput)
    [UInt8(ascii: "\n")].withUnsafeBytes(writeToStandardOutput)
}

/// Writes all of `buffer` to file descriptor 1, retrying short and interrupted writes.
private func writeToStandardOutput(_ buffer: UnsafeRawBufferPointer) {
    guard let base = buffer.baseAddress else { return }
    var written = 0
    while written < buffer.count {
        let result = write(STDOUT_FILENO, base + written, buffer.count - written)
        if result > 0 {
            written += result
        } else if result < 0, errno == EINTR {
            continue
        } else {
            return
        }
    }
}
