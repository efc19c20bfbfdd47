/// LeakSanitizer's built-in suppressions, read only by a sanitizer build
/// (`swift test --sanitize=address`, README "Sanitizers"); an ordinary build never calls it.
///
/// Three libraries keep a few bytes unreachable at exit, and LeakSanitizer would turn
/// that into a failure: swift-argument-parser (64 bytes of its argument tree when a
/// command line is refused, which would make every usage error exit 1 rather than 2),
/// XCTest's runner (144 bytes of suite bookkeeping, even with no XCTest cases to run)
/// and, now and then, Foundation's `Process.run` (32 bytes of a weak reference, in the
/// tests that run the binary). The test executable links this module too, so one
/// definition covers both processes. Only leaks whose stack passes through those
/// libraries are ignored; `Process.run` is named by its mangled name.
@_cdecl("__lsan_default_suppressions")
public func leakSanitizerSuppressions() -> UnsafePointer<CChar> {
    let suppressions: StaticString = "leak:ArgumentParser\nleak:libXCTest.so\nleak:10Foundation7ProcessC3run\n"
    return UnsafeRawPointer(suppressions.utf8Start).assumingMemoryBound(to: CChar.self)
}
