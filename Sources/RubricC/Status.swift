/// The statuses of the C interface (`rubric_status` in rubric.h); the raw values are the
/// numbers C sees and never change.
enum Status: Int32, CaseIterable {
    case ok = 0
    case compileError = 1
    case nullArgument = 2
    case invalidUTF8 = 3
    case invalidJSON = 4
    case invalidOption = 5

    /// The name `rubric_status_name` returns, as a static C string.
    var name: StaticString {
        switch self {
        case .ok: "ok"
        case .compileError: "compile_error"
        case .nullArgument: "null_argument"
        case .invalidUTF8: "invalid_utf8"
        case .invalidJSON: "invalid_json"
        case .invalidOption: "invalid_option"
        }
    }
}

/// Why a call of the C interface failed: its status and a message for the caller.
struct Failure: Error {
    var status: Status
    var message: String

    init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
