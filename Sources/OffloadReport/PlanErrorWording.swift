import OffloadModel
import OffloadScheduler

/// The command line's wording of a planning failure: the reason, and where `joint` plans
/// what the algorithm refused, the flag that picks it (the dashboard words its own remedy).
extension PlanError {
    /// ``PlanError/reason`` with the command line's remedy.
    public var commandLineReason: String {
        cause.jointCanPlan ? reason + "; use --algorithm joint" : reason
    }

    /// `algorithm exact: …; use --algorithm joint`, control characters escaped (``TerminalText``).
    public var commandLineDescription: String {
        TerminalText.escaped("algorithm \(algorithm): \(commandLineReason)")
    }
}
