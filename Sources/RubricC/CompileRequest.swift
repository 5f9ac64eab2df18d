import Rubric

/// The arguments of `rubric_compile` and `rubric_check`, read and checked: the source text,
/// the file name diagnostics show, and the limits (defaults overridden by the options).
struct CompileRequest {
    var text: String
    var name: String
    var limits: Limits

    /// Reads the C arguments; the options object may hold `limits`.
    init(_ source: UnsafePointer<CChar>?, _ length: UInt, _ name: UnsafePointer<CChar>?,
         _ options: UnsafePointer<CChar>?) throws(Failure) {
        text = try CText.string(try CText.bytes(source, count: length, what: "the source"), what: "the source")
        self.name = try CText.optionalString(name, what: "the name") ?? "<input>"
        let settings = try Options(try CText.optionalString(options, what: "the compile options"),
                                   known: ["limits"], what: "compile options")
        limits = try settings["limits"].map { object throws(Failure) in
            try LimitsJSON.apply(object, to: Limits(), compiling: true)
        } ?? Limits()
    }
}
