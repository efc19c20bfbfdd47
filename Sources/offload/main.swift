#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import OffloadModel
import OffloadScheduler

// Exit status (README, "Exit status"): 0 success; 1 bad input or output that could not
// be written; 2 bad usage, bad flag values included. Errors are one line on standard
// error (control characters escaped), never a stack trace.
let arguments = Array(CommandLine.arguments.dropFirst())
if let problem = Offload.unknownHelpTopic(arguments) {
    Terminal.printError("offload: \(problem)")
    exit(2)
}
do {
    var command = try Offload.parseAsRoot(arguments)
    try command.run()
} catch let error as InputError {
    Terminal.printError("offload: \(error)")
    exit(1)
} catch let error as PlanError {
    Terminal.printError("offload: \(error.commandLineDescription)")
    exit(1)
} catch let error as WriteFailure {
    Terminal.printError("offload: \(error)")
    exit(1)
} catch let error as UsageError {
    Terminal.printError("offload: \(error)")
    exit(2)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Offload.exitCode(for: error)
    let message = Offload.usageMessage(for: error)
    if code == .success {
        do {
            try Output.standardOutput(message.hasSuffix("\n") ? message : message + "\n")
        } catch {
            Terminal.printError("offload: \(error)")
            exit(1)
        }
        exit(0)
    }
    Terminal.printError(message)
    exit(2)
}
