/// Stable codes for errors raised while a sample is evaluated. Like compile-time codes they
/// never change meaning. E10xx: inputs, E11xx: operations, E12xx: limits (E122x: host
/// functions).
public enum RuntimeErrorCode: String, Sendable, Hashable, CaseIterable, Codable {
    case missingInput = "E1001"
    case inputType = "E1002"
    case invalidSample = "E1003"

    case typeError = "E1101"
    case divisionByZero = "E1102"
    case integerOverflow = "E1103"
    case indexOutOfRange = "E1104"
    case keyNotFound = "E1105"
    case nullValue = "E1106"
    case invalidArgument = "E1107"
    case notANumber = "E1108"
    case regexFailed = "E1109"
    case scriptFailure = "E1110"

    case fuelExhausted = "E1201"
    case memoryExceeded = "E1202"
    case deadlineExceeded = "E1203"
    case regexLimit = "E1204"
    /// The sample's record (steps, latent) would exceed `Limits.maxOutputBytes`.
    case outputTooLarge = "E1205"
    case valueTooDeep = "E1206"
    /// The host asked the evaluation to stop (`ExecutionContext.cancellation`), e.g. on Ctrl-C.
    case cancelled = "E1207"

    // E1220-E1239: host functions.
    /// A declared host function that no host registered (the rubric runs without a host).
    case hostUnavailable = "E1220"
    /// The host function threw an error.
    case hostFailed = "E1221"
    /// The host function returned a value of another type than it declares.
    case hostResult = "E1222"
}

/// An error raised while evaluating one sample. `offset` is the byte offset in the source of
/// the operation that failed, when known; the API turns it into a line and column.
public struct RuntimeError: Error, Sendable {
    public var code: RuntimeErrorCode
    public var message: String
    public var offset: Int?

    public init(_ code: RuntimeErrorCode, _ message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }
}
