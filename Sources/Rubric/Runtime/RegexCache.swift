import CPCRE2
import RubricSemantics

/// Compiled patterns and the PCRE2 matching state of one `ExecutionContext`: a cache of
/// compiled patterns by source text, a match context carrying the match, depth and heap limits
/// and the JIT stack, and reusable match data. Like its context, a cache is used by one thread
/// at a time; the `CompiledRegex` objects it hands out may be shared.
final class RegexCache {
    /// How many match attempts pass between two readings of the clock in `forEachMatch`.
    static let attemptsPerClockCheck = 16

    /// Most patterns kept at once. A rubric uses a handful of constant patterns; the bound only
    /// matters for patterns built from input data, and the cache is simply emptied when full.
    static let capacity = 256

    /// The limits the match context enforces, kept for error messages.
    let limits: Limits
    /// Compiled patterns by source text. The order of a Swift dictionary is never observed here.
    private var compiledByPattern: [String: CompiledRegex] = [:]
    /// The `pcre2_match_context_8 *` passed to every match: limits and JIT stack.
    private let matchContext: OpaquePointer
    /// The `pcre2_jit_stack_8 *` assigned to `matchContext`, or nil to use PCRE2's default.
    private let jitStack: OpaquePointer?
    /// The `pcre2_match_data_8 *` reused by every match, grown for patterns with more groups.
    private var matchData: OpaquePointer
    /// How many offset pairs `matchData` holds.
    private var matchDataPairs: Int
    /// The return code of the last successful `pcre2_match`: one more than the highest group set.
    private var lastMatchResult: Int32 = 0

    /// Creates an empty cache whose matches obey the regex limits in `limits`.
    init(limits: Limits) {
        self.limits = limits
        guard let context = pcre2_match_context_create_8(nil) else {
            preconditionFailure("PCRE2 could not allocate a match context")
        }
        pcre2_set_match_limit_8(context, limits.regexMatchLimit)
        pcre2_set_depth_limit_8(context, limits.regexDepthLimit)
        pcre2_set_heap_limit_8(context, limits.regexHeapLimitKiB)
        let stackBytes = limits.regexJITStackBytes
        if stackBytes > 0, let stack = pcre2_jit_stack_create_8(min(32 << 10, stackBytes), stackBytes, nil) {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
            jitStack = stack
        } else {
            jitStack = nil
        }
        matchContext = context
        matchDataPairs = 16
        guard let data = pcre2_match_data_create_8(UInt32(matchDataPairs), nil) else {
            preconditionFailure("PCRE2 could not allocate match data")
        }
        matchData = data
    }

    /// Frees the match data, the match context and the JIT stack.
    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Returns the compiled form of `pattern`, compiling and caching it on first use. An invalid
    /// pattern throws `regexFailed` with PCRE2's message; failures are not cached.
    func compile(_ pattern: String) throws(RuntimeError) -> CompiledRegex {
        if let cached = compiledByPattern[pattern] { return cached }
        let regex = try CompiledRegex(pattern, jit: limits.regexJIT)
        if compiledByPattern.count >= RegexCache.capacity {
            compiledByPattern.removeAll(keepingCapacity: true)
        }
        compiledByPattern[pattern] = regex
        return regex
    }

    /// Returns whether `regex` matches somewhere in `text`, or, when `wholeText` is set, whether
    /// it matches all of `text` (anchored at both ends).
    func isMatch(_ regex: CompiledRegex, in text: String, wholeText: Bool = false,
                 context: ExecutionContext?) throws(RuntimeError) -> Bool {
        prepareMatchData(for: regex)
        let options = wholeText ? PCRE2_ANCHORED | PCRE2_ENDANCHORED : 0
        return try withSubject(text) { subject, length throws(RuntimeError) in
            let found = try execute(regex, subject, length, from: 0, options: options)
            try charge(context, scannedBytes: found ? wholeMatchRange().upperBound : length)
            return found
        }
    }

    /// Returns the first match of `regex` in `text` with the byte ranges of all its groups, or nil.
    func firstMatch(of regex: CompiledRegex, in text: String,
                    context: ExecutionContext?) throws(RuntimeError) -> RegexMatch? {
        prepareMatchData(for: regex)
        return try withSubject(text) { subject, length throws(RuntimeError) -> RegexMatch? in
            guard try execute(regex, subject, length, from: 0, options: 0) else {
                try charge(context, scannedBytes: length)
                return nil
            }
            let range = try checkedMatchRange(regex, searchStart: 0)
            try charge(context, scannedBytes: range.upperBound)
            let groups = (0..<regex.captureCount).map { groupRange(number: $0 + 1) }
            return RegexMatch(range: range, groups: groups)
        }
    }

    /// Calls `body` with the byte range of every non-overlapping match of `regex` in `text`, in
    /// order. After an empty match the next attempt must be non-empty at the same position; if
    /// there is none, the search moves on by one character (as Python's `re` and pcre2demo do),
    /// so `a*` over "baa" yields "", "aa", "".
    func forEachMatch(of regex: CompiledRegex, in text: String, context: ExecutionContext?,
                      _ body: (Range<Int>) throws(RuntimeError) -> Void) throws(RuntimeError) {
        prepareMatchData(for: regex)
        try withSubject(text) { subject, length throws(RuntimeError) in
            var searchStart = 0
            var afterEmptyMatch = false
            var attempts = 0
            while true {
                // One attempt may backtrack up to the match limit (milliseconds) for one unit
                // of fuel, so the clock is read every few attempts as well.
                attempts += 1
                if attempts % RegexCache.attemptsPerClockCheck == 0 { try context?.checkDeadline() }
                let options = afterEmptyMatch ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0
                guard try execute(regex, subject, length, from: searchStart, options: options) else {
                    try charge(context, scannedBytes: afterEmptyMatch ? 0 : length - searchStart)
                    guard afterEmptyMatch, searchStart < length else { return }
                    searchStart = nextCharacterStart(after: searchStart, in: subject, length: length,
                                                     crlfIsNewline: regex.treatsCRLFAsNewline)
                    afterEmptyMatch = false
                    continue
                }
                let range = try checkedMatchRange(regex, searchStart: searchStart)
                try charge(context, scannedBytes: range.upperBound - searchStart)
                try body(range)
                searchStart = range.upperBound
                afterEmptyMatch = range.isEmpty
            }
        }
    }

    /// Replaces every match of `regex` in `text` with `replacement`, which may refer to groups as
    /// `$1`, `${1}` or `${name}` and use PCRE2's extended syntax (`\n`, `${1:+yes:no}`, case
    /// folding with `\U`…`\E`); unset groups insert nothing. The matches are found one by one
    /// as `forEachMatch` finds them (metered, with the deadline checked), and each replacement
    /// is expanded by PCRE2 into a result whose size is held to the memory the sample has left
    /// as it grows, so a long replacement repeated at many matches fails at the memory limit
    /// instead of being measured first.
    func replaceAll(of regex: CompiledRegex, in text: String, with replacement: String,
                    context: ExecutionContext?) throws(RuntimeError) -> String {
        let allowance = context.map { $0.limits.memoryBytes - $0.memoryUsed } ?? Int.max
        var output: [UInt8] = []
        var copied = 0
        try withSubject(text) { subject, length throws(RuntimeError) in
            try withSubject(replacement) { replacementBytes, replacementLength throws(RuntimeError) in
                try forEachMatch(of: regex, in: text, context: context) { range throws(RuntimeError) in
                    try append(UnsafeBufferPointer(start: subject + copied, count: range.lowerBound - copied),
                               to: &output, allowance: allowance, context)
                    try expand(regex, subject, length, replacementBytes, replacementLength, into: &output,
                               allowance: allowance, context)
                    copied = range.upperBound
                }
                try append(UnsafeBufferPointer(start: subject + copied, count: length - copied), to: &output,
                           allowance: allowance, context)
            }
        }
        try context?.allocate(output.count + 16)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `bytes` to `output`, charging fuel for them and failing with `memoryExceeded`
    /// past `allowance` bytes.
    private func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], allowance: Int,
                        _ context: ExecutionContext?) throws(RuntimeError) {
        if output.count + bytes.count > allowance { throw memoryError() }
        try context?.charge(bytes.count >> 3)
        output.append(contentsOf: bytes)
    }

    /// Appends the replacement for the match just found (the match data holds it) to `output`,
    /// expanded by PCRE2 into a buffer no larger than what `allowance` leaves.
    private func expand(_ regex: CompiledRegex, _ subject: UnsafePointer<UInt8>, _ length: Int,
                        _ replacement: UnsafePointer<UInt8>, _ replacementLength: Int,
                        into output: inout [UInt8], allowance: Int, _ context: ExecutionContext?) throws(RuntimeError) {
        let options = PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY | PCRE2_SUBSTITUTE_EXTENDED
            | PCRE2_SUBSTITUTE_UNSET_EMPTY | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_NO_UTF_CHECK
        var capacity = max(64, 2 * replacementLength + 1)
        while true {
            let room = allowance - output.count
            if room < 0 { throw memoryError() }
            var expanded = [UInt8](repeating: 0, count: min(capacity, room + 1))
            var expandedLength = expanded.count
            let result = expanded.withUnsafeMutableBufferPointer { buffer in
                pcre2_substitute_8(regex.code, subject, length, 0, options, matchData, matchContext,
                                   replacement, replacementLength, buffer.baseAddress, &expandedLength)
            }
            if result >= 0 {
                try expanded.withUnsafeBufferPointer { buffer throws(RuntimeError) in
                    try append(UnsafeBufferPointer(rebasing: buffer[0..<expandedLength]), to: &output,
                               allowance: allowance, context)
                }
                return
            }
            guard result == PCRE2_ERROR_NOMEMORY else {
                throw failure(code: result, regex: regex, replacementOffset: expandedLength)
            }
            // PCRE2 measured the expansion (it needs expandedLength bytes, with a terminator).
            if output.count + expandedLength - 1 > allowance { throw memoryError() }
            capacity = expandedLength
        }
    }

    /// The error for a result larger than the memory the sample has left.
    private func memoryError() -> RuntimeError {
        RuntimeError(.memoryExceeded, "memory limit exceeded: the sample allocated more than \(limits.memoryBytes) bytes")
    }

    // MARK: - Matching machinery

    /// Grows the reusable match data so it has room for every group of `regex`.
    private func prepareMatchData(for regex: CompiledRegex) {
        let pairsNeeded = regex.captureCount + 1
        guard pairsNeeded > matchDataPairs else { return }
        guard let data = pcre2_match_data_create_8(UInt32(pairsNeeded), nil) else {
            preconditionFailure("PCRE2 could not allocate match data")
        }
        pcre2_match_data_free_8(matchData)
        matchData = data
        matchDataPairs = pairsNeeded
    }

    /// Runs one `pcre2_match` from byte `start`; returns whether it matched and throws for limits
    /// and errors. Subjects come from Swift strings, so they are valid UTF-8 and not rechecked.
    private func execute(_ regex: CompiledRegex, _ subject: UnsafePointer<UInt8>, _ length: Int,
                         from start: Int, options: UInt32) throws(RuntimeError) -> Bool {
        let result = pcre2_match_8(regex.code, subject, length, start, options | PCRE2_NO_UTF_CHECK,
                                   matchData, matchContext)
        if result > 0 {
            lastMatchResult = result
            return true
        }
        if result == PCRE2_ERROR_NOMATCH { return false }
        if result == 0 {
            // Cannot happen: the match data always has room for every group.
            throw RuntimeError(.regexFailed, "regex match failed for \(CompiledRegex.quoted(regex.pattern)): too many groups")
        }
        throw failure(code: result, regex: regex, replacementOffset: nil)
    }

    /// The byte range of the whole match just found, with a check that it is well formed.
    private func checkedMatchRange(_ regex: CompiledRegex, searchStart: Int) throws(RuntimeError) -> Range<Int> {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let start = Int(ovector[0])
        let end = Int(ovector[1])
        guard start <= end, end >= searchStart else {
            throw RuntimeError(.regexFailed,
                               "regex \(CompiledRegex.quoted(regex.pattern)) set the start of a match after its end (\\K)")
        }
        return start..<end
    }

    /// The byte range of the whole match just found, unchecked.
    private func wholeMatchRange() -> Range<Int> {
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        return Int(ovector[0])..<max(Int(ovector[0]), Int(ovector[1]))
    }

    /// The byte range of group `number` in the match just found, or nil if it is unset.
    private func groupRange(number: Int) -> Range<Int>? {
        guard number < Int(lastMatchResult) else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let start = ovector[2 * number]
        let end = ovector[2 * number + 1]
        guard start != RegexCache.unsetOffset, end != RegexCache.unsetOffset, start <= end else { return nil }
        return Int(start)..<Int(end)
    }

    /// PCRE2's marker for an unset offset (`PCRE2_UNSET`, all bits set).
    private static let unsetOffset: Int = ~0

    /// The offset of the character after the one starting at `offset`, treating "\r\n" as one
    /// character when the pattern's newline convention does.
    private func nextCharacterStart(after offset: Int, in subject: UnsafePointer<UInt8>, length: Int,
                                    crlfIsNewline: Bool) -> Int {
        if crlfIsNewline, offset + 1 < length, subject[offset] == 0x0D, subject[offset + 1] == 0x0A {
            return offset + 2
        }
        return min(length, offset + utf8SequenceLength(leadByte: subject[offset]))
    }

    /// Charges fuel for one match attempt in proportion to the bytes it examined, so iterating
    /// over all matches costs in proportion to the subject rather than its square.
    @inline(__always)
    private func charge(_ context: ExecutionContext?, scannedBytes: Int) throws(RuntimeError) {
        try context?.charge(FuelRates.builtinCall + max(0, scannedBytes) / FuelRates.bytesPerUnit)
    }

    /// Calls `body` with the UTF-8 bytes of `text`, passing typed errors through.
    private func withSubject<Result>(_ text: String,
                                     _ body: (UnsafePointer<UInt8>, Int) throws(RuntimeError) -> Result)
        throws(RuntimeError) -> Result {
        try withUTF8Bytes(of: text) { bytes, length in
            Swift.Result { () throws(RuntimeError) -> Result in try body(bytes, length) }
        }.get()
    }

    /// The runtime error for a negative PCRE2 result code: resource limits are `regexLimit`,
    /// anything else `regexFailed` with PCRE2's message.
    private func failure(code: Int32, regex: CompiledRegex, replacementOffset: Int?) -> RuntimeError {
        let pattern = CompiledRegex.quoted(regex.pattern)
        switch code {
        case PCRE2_ERROR_MATCHLIMIT:
            return RuntimeError(.regexLimit, "regex match limit exceeded: \(pattern) needed more than "
                + "\(limits.regexMatchLimit) backtracking steps on this text (catastrophic backtracking)")
        case PCRE2_ERROR_DEPTHLIMIT:
            return RuntimeError(.regexLimit, "regex depth limit exceeded: \(pattern) backtracked more than "
                + "\(limits.regexDepthLimit) levels deep on this text")
        case PCRE2_ERROR_HEAPLIMIT:
            return RuntimeError(.regexLimit, "regex heap limit exceeded: \(pattern) needed more than "
                + "\(limits.regexHeapLimitKiB) KiB of backtracking memory on this text")
        case PCRE2_ERROR_JIT_STACKLIMIT:
            return RuntimeError(.regexLimit, "regex JIT stack limit exceeded: \(pattern) needed more than "
                + "\(limits.regexJITStackBytes) bytes of JIT stack on this text")
        case PCRE2_ERROR_BADREPLACEMENT, PCRE2_ERROR_BADREPESCAPE, PCRE2_ERROR_REPMISSINGBRACE,
             PCRE2_ERROR_BADSUBSTITUTION, PCRE2_ERROR_NOSUBSTRING, PCRE2_ERROR_UNSET:
            let position = replacementOffset.map { " at byte \($0) of the replacement" } ?? ""
            return RuntimeError(.regexFailed, "invalid replacement for \(pattern)\(position): "
                + CompiledRegex.errorMessage(for: code))
        default:
            return RuntimeError(.regexFailed, "regex \(pattern) failed: \(CompiledRegex.errorMessage(for: code))")
        }
    }
}
