import RubricSyntax

/// Stable codes for what the server reports. Like the rubric's own codes they never change
/// meaning. `S4xxx` and `S5xxx` answer a whole request with the HTTP status of their first
/// three digits; `S12xx` is a per-sample error in a record, next to the rubric's `E12xx` limits.
public enum ServerErrorCode: String, Sendable, CaseIterable {
    /// The body is not one valid JSON value (or nests deeper than the value depth limit).
    case invalidJSON = "S4000"
    /// The body is not valid UTF-8.
    case invalidUTF8 = "S4001"
    /// A field is missing or has the wrong type.
    case invalidField = "S4002"
    /// Lists that must be parallel (`query`, `prompts`, `labels`, `groups`) differ in length.
    case lengthMismatch = "S4003"
    /// More samples in one request than `--max-samples` allows.
    case tooManySamples = "S4004"
    /// No endpoint at this path.
    case notFound = "S4040"
    /// The path exists but not for this method.
    case methodNotAllowed = "S4050"
    /// The body is larger than `--max-body-bytes`.
    case bodyTooLarge = "S4130"
    /// An unexpected failure inside the server; the request may be retried.
    case internalError = "S5000"
    /// Every admission slot (`--queue`) is taken; retry later or add replicas.
    case busy = "S5030"
    /// Per sample: the request's deadline (`--request-timeout-ms`) passed before the sample
    /// finished, so it was stopped or never started.
    case requestDeadline = "S1201"

    /// The HTTP status that answers a request failing with this code: the code's first three
    /// digits (500 for the per-sample code, which never answers a request).
    public var httpStatus: Int {
        self == .requestDeadline ? 500 : Int(rawValue.dropFirst().prefix(3))!
    }
}

/// A request the server refuses as a whole, with a stable code and a message that says what
/// to fix. Rendered as `{"error": {"code": …, "message": …}}`.
public struct ServerError: Error, Sendable, Equatable {
    public var code: ServerErrorCode
    public var message: String

    public init(_ code: ServerErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The JSON body of the error response.
    public func json() -> String {
        "{\"error\":{\"code\":\(DiagnosticRenderer.quote(code.rawValue)),\"message\":\(DiagnosticRenderer.quote(message))}}"
    }
}
