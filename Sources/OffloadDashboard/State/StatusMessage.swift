/// A line of feedback under the chart: what a key did, a bound reached, an error.
struct StatusMessage: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case info, warning, error
    }

    var text: String
    var kind: Kind

    static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    static func warning(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .warning) }
    static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }
}
