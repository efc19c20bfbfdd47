#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import OffloadModel
import OffloadScheduler

// Exit status (SPEC §5): 0 success, 1 bad input, 2 bad usage. Errors are one line on
// standard error, never a stack trace.
do {
    var command = try Offload.parseAsRoot()
    try command.run()
} catch let error as InputError {
    Terminal.printError("offload: \(error)")
    exit(1)
} catch let error as PlanError {
    Terminal.printError("offload: \(error)")
    exit(1)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Offload.exitCode(for: error)
    let message = Offload.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    Terminal.printError(message)
    exit(2)
}
