import CPCRE2

/// A pattern compiled by PCRE2 in UTF-8 mode with Unicode character properties, JIT-compiled
/// when the platform supports it. The compiled code is never modified after `init`, so one
/// instance may be matched from several threads at once as long as each thread brings its own
/// match data and match context (as `RegexCache` does).
final class CompiledRegex: @unchecked Sendable {
    /// The source text of the pattern, for error messages.
    let pattern: String
    /// The PCRE2 code (`pcre2_code_8 *`), owned by this object and freed in `deinit`.
    let code: OpaquePointer
    /// How many capture groups the pattern declares; group 0 (the whole match) not included.
    let captureCount: Int
    /// Whether `pcre2_jit_compile` succeeded; matching falls back to the interpreter otherwise.
    let isJITCompiled: Bool
    /// Whether the pattern's newline convention treats "\r\n" as one newline, in which case an
    /// empty match must never be followed by a search starting between the "\r" and the "\n".
    let treatsCRLFAsNewline: Bool

    /// Options every pattern is compiled with: UTF-8 subjects, Unicode semantics for `\w`, `\d`,
    /// `\b` and case folding, and no `\C`, which could split a character and so a string.
    static let compileOptions: UInt32 = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C

    /// Compiles `pattern`, throwing `regexFailed` with PCRE2's message when it is invalid.
    init(_ pattern: String, jit: Bool = true) throws(RuntimeError) {
        let code: OpaquePointer
        switch CompiledRegex.compileCode(pattern) {
        case .success(let compiled):
            code = compiled
        case .failure(let problem):
            throw RuntimeError(.regexFailed,
                               "invalid regex \(CompiledRegex.quoted(pattern)) at byte \(problem.offset): \(problem.message)")
        }
        self.pattern = pattern
        self.code = code
        var captures: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.captureCount = Int(captures)
        var newline: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NEWLINE), &newline)
        self.treatsCRLFAsNewline = [PCRE2_NEWLINE_CRLF, PCRE2_NEWLINE_ANY, PCRE2_NEWLINE_ANYCRLF]
            .contains(Int32(bitPattern: newline))
        self.isJITCompiled = jit && pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) == 0
    }

    /// Frees the PCRE2 code, including its JIT-compiled machine code.
    deinit {
        pcre2_code_free_8(code)
    }

    /// Compiles `pattern` only to check it: returns nil when it is valid, or PCRE2's message and
    /// the byte offset inside the pattern where the problem was found.
    static func validate(_ pattern: String) -> (message: String, offset: Int)? {
        switch compileCode(pattern) {
        case .success(let code):
            pcre2_code_free_8(code)
            return nil
        case .failure(let problem):
            return (problem.message, problem.offset)
        }
    }

    /// A compile error reported by PCRE2: its message and the byte offset in the pattern.
    struct CompileProblem: Error {
        var message: String
        var offset: Int
    }

    /// Runs `pcre2_compile` on the UTF-8 bytes of `pattern`, returning the code or the problem.
    private static func compileCode(_ pattern: String) -> Result<OpaquePointer, CompileProblem> {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let code = withUTF8Bytes(of: pattern) { bytes, length in
            pcre2_compile_8(bytes, length, compileOptions, &errorCode, &errorOffset, nil)
        }
        guard let code else {
            return .failure(CompileProblem(message: errorMessage(for: errorCode), offset: Int(errorOffset)))
        }
        return .success(code)
    }

    /// PCRE2's English text for a compile or match error code.
    static func errorMessage(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { storage in
            pcre2_get_error_message_8(errorCode, storage.baseAddress, storage.count)
        }
        guard length > 0 else { return "unknown PCRE2 error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// The pattern in slashes for messages, shortened when it is long.
    static func quoted(_ pattern: String) -> String {
        let limit = 60
        if pattern.count <= limit { return "/\(pattern)/" }
        return "/\(pattern.prefix(limit))…/"
    }
}

/// Where one match lies in its subject, as byte offsets into the subject's UTF-8: the whole
/// match, and each capture group from 1 up, nil for a group that did not take part.
struct RegexMatch: Equatable {
    /// Byte range of the whole match.
    var range: Range<Int>
    /// Byte ranges of groups 1...n; nil for groups that did not participate in the match.
    var groups: [Range<Int>?]
}

/// Calls `body` with a pointer to the UTF-8 bytes of `text` and their count. The pointer is
/// never null, even for an empty string, because PCRE2 rejects a null subject.
@inline(__always)
func withUTF8Bytes<Result>(of text: String,
                           _ body: (UnsafePointer<UInt8>, Int) -> Result) -> Result {
    var text = text
    return text.withUTF8 { buffer in
        if let base = buffer.baseAddress { return body(base, buffer.count) }
        var terminator: UInt8 = 0
        return withUnsafePointer(to: &terminator) { body($0, 0) }
    }
}

/// Returns the bytes `range` of the UTF-8 of `text` as a string. The ranges PCRE2 reports in
/// UTF mode always fall on character boundaries; any that did not would be repaired, not trap.
func utf8Slice(of text: String, _ range: Range<Int>) -> String {
    if range.isEmpty { return "" }
    if let slice = text.utf8.withContiguousStorageIfAvailable({ bytes in
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }) {
        return slice
    }
    return String(decoding: Array(text.utf8)[range], as: UTF8.self)
}

/// The number of bytes in the UTF-8 sequence whose first byte is `leadByte`; 1 for a byte that
/// cannot start a sequence, so that scanning always advances.
@inline(__always)
func utf8SequenceLength(leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
}
