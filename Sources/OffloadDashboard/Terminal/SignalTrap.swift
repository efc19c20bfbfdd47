import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signal handlers of a running dashboard, and the wait that they interrupt.
///
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT only record the signal and write a byte to a
/// self-pipe; SIGWINCH does the same for resizes. The input wait polls the terminal and
/// that pipe together, so a signal arriving at any moment wakes it, and the loop restores
/// the terminal before exiting. A second termination signal while the first is unanswered
/// (a stuck loop) restores the modes and the screen from the handler and exits at once; a
/// crash (SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGABRT) restores them before the
/// previous handler (the runtime's backtrace) runs. Such a signal sent by another process
/// (`kill -SEGV`) is raised again, so that the process dies of it like of a real fault.
///
/// The C state lives in `static` storage of the shim header, which every object file that
/// calls it gets a copy of: this file must stay the only caller of `offload_signals_*`,
/// `offload_wait` and `offload_emergency_restore`.
enum SignalTrap {
    /// Installs the handlers, saving `ttyFD`'s modes for a crash. False when the self-pipe
    /// cannot be made.
    static func install(ttyFD: Int32) -> Bool {
        offload_signals_install(ttyFD) >= 0
    }

    /// The bytes a crash writes to the terminal (leave the alternate screen, show the cursor).
    static func setRestoreBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                offload_signals_set_restore(chars.baseAddress, Int32(chars.count))
            }
        }
    }

    /// Puts the previous handlers back.
    static func uninstall() {
        offload_signals_uninstall()
    }

    /// The first termination signal caught, if any.
    static var termination: Int32? {
        let signal = offload_signals_termination()
        return signal == 0 ? nil : signal
    }

    /// Forgets a caught SIGINT, so that the loop goes on; false when the signal caught was another.
    static func takeInterrupt() -> Bool {
        offload_signals_take_interrupt() != 0
    }

    /// Whether SIGWINCH arrived since the last call.
    static func takeResize() -> Bool {
        offload_signals_take_resize() != 0
    }

    /// The outcome of one wait.
    enum Wake: Equatable {
        case timeout
        /// The terminal has input (or hung up: `hangUp`).
        case input(hangUp: Bool)
        /// A signal woke the wait (or it was interrupted): look at the flags.
        case signal
        case failed
    }

    /// Blocks until `fd` is readable, a handled signal arrives or `timeoutMs` passes
    /// (-1: no timeout). Uses no CPU while it waits.
    static func wait(fd: Int32, timeoutMs: Int32) -> Wake {
        var events: Int16 = 0
        let result = offload_wait(fd, timeoutMs, &events)
        let error = result < 0 ? offload_errno() : 0
        offload_signals_drain()
        if result < 0 { return error == EINTR || error == EAGAIN ? .signal : .failed }
        if result == 0 { return .timeout }
        let hangUp = Int32(events) & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0
        if Int32(events) & Int32(POLLIN) != 0 || hangUp { return .input(hangUp: hangUp && Int32(events) & Int32(POLLIN) == 0) }
        return .signal
    }
}
