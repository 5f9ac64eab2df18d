import Testing
@testable import Rubric

/// Calls the regex builtin `name` with `arguments` in a fresh context built from `limits`.
private func callRegexBuiltin(_ name: String, _ arguments: [Value],
                              limits: Limits = Limits()) throws(RuntimeError) -> Value {
    let context = ExecutionContext(limits: limits)
    context.beginSample()
    return try callRegexBuiltin(name, arguments, context: context)
}

/// Calls the regex builtin `name` with `arguments` in `context`.
private func callRegexBuiltin(_ name: String, _ arguments: [Value],
                              context: ExecutionContext) throws(RuntimeError) -> Value {
    guard let builtin = BuiltinLibrary.regex.first(where: { $0.name == name }) else {
        throw RuntimeError(.invalidArgument, "no regex builtin named \(name)")
    }
    let outcome = arguments.withUnsafeBufferPointer { buffer in
        Result { () throws(RuntimeError) -> Value in try builtin.body(buffer, context) }
    }
    return try outcome.get()
}

/// Turns string values into a Swift array for easy comparison; other values become "<type>".
private func strings(_ value: Value) -> [String?] {
    guard case .list(let elements) = value else { return ["<\(value.typeName)>"] }
    return elements.map { element in
        switch element {
        case .string(let text): text
        case .null: nil
        default: "<\(element.typeName)>"
        }
    }
}

/// Limits with a tiny backtracking budget, so catastrophic patterns fail fast.
private func tinyRegexLimits() -> Limits {
    var limits = Limits()
    limits.regexMatchLimit = 1_000
    return limits
}

/// A subject on which `(a+)+$` backtracks exponentially.
private let catastrophicSubject = String(repeating: "a", count: 40) + "b"

/// Checks that validation accepts good patterns and reports PCRE2's message and byte offset for bad ones.
@Test func validateAcceptsGoodPatternsAndLocatesErrors() {
    #expect(CompiledRegex.validate(#"^\d+(?:\.\d+)?$"#) == nil)
    #expect(CompiledRegex.validate("(?<year>\\d{4})-(?<month>\\d\\d)") == nil)
    let problem = CompiledRegex.validate("(")
    #expect(problem != nil)
    #expect(problem?.offset == 1)
    #expect(problem?.message.contains("parenthesis") == true)
    #expect(CompiledRegex.validate("a{2,1}")?.offset == 5)
    #expect(CompiledRegex.validate(#"\C"#) != nil, "\\C could split a character, so it is disabled")
}

/// Checks that compiled patterns are cached, the cache survives overflowing, and bad patterns fail with regexFailed.
@Test func compileCachesPatternsAndReportsBadOnesAsRegexFailed() throws {
    let cache = RegexCache(limits: Limits())
    let first = try cache.compile("a+b")
    let second = try cache.compile("a+b")
    #expect(first === second)
    #expect(first.captureCount == 0)
    #expect(try cache.compile("(a)(?<name>b)?").captureCount == 2)
    for index in 0..<(RegexCache.capacity * 2) {
        _ = try cache.compile("x\(index)")
    }
    let error = #expect(throws: RuntimeError.self) { try cache.compile("[a-") }
    #expect(error?.code == .regexFailed)
    #expect(error?.message.contains("at byte") == true)
}

/// Checks that matches searches anywhere while full_match must cover the whole text.
@Test func matchesSearchesAndFullMatchAnchors() throws {
    #expect(try callRegexBuiltin("matches", [.string("the answer is 42"), .string(#"\d+"#)]) == .bool(true))
    #expect(try callRegexBuiltin("matches", [.string("no digits"), .string(#"\d"#)]) == .bool(false))
    #expect(try callRegexBuiltin("matches", [.string("abc"), .string("^b")]) == .bool(false))
    #expect(try callRegexBuiltin("full_match", [.string("42"), .string(#"\d+"#)]) == .bool(true))
    #expect(try callRegexBuiltin("full_match", [.string("42!"), .string(#"\d+"#)]) == .bool(false))
    #expect(try callRegexBuiltin("full_match", [.string("x42"), .string(#"\d+"#)]) == .bool(false))
    #expect(try callRegexBuiltin("full_match", [.string("ab"), .string("a|ab")]) == .bool(true),
            "full_match must try other alternatives rather than accept a prefix")
    #expect(try callRegexBuiltin("full_match", [.string(""), .string("a*")]) == .bool(true))
}

/// Checks that find, find_all and count_matches report the matched substrings and their number.
@Test func findAndFindAllReturnSubstrings() throws {
    #expect(try callRegexBuiltin("find", [.string("x = 12, y = 345"), .string(#"\d+"#)]) == .string("12"))
    #expect(try callRegexBuiltin("find", [.string("nothing"), .string(#"\d+"#)]) == .null)
    let all = try callRegexBuiltin("find_all", [.string("x = 12, y = 345, z = 6"), .string(#"\d+"#)])
    #expect(strings(all) == ["12", "345", "6"])
    #expect(strings(try callRegexBuiltin("find_all", [.string("abc"), .string(#"\d"#)])) == [])
    #expect(try callRegexBuiltin("count_matches", [.string("a.b.c"), .string(#"\."#)]) == .int(2))
}

/// Checks that captures returns every group of the first match, null for unset groups and for no match.
@Test func capturesReportGroupsAndNullForUnsetOnes() throws {
    let groups = try callRegexBuiltin("captures", [.string("2024-05-17"), .string(#"(\d{4})-(\d\d)-(\d\d)"#)])
    #expect(strings(groups) == ["2024", "05", "17"])
    let partial = try callRegexBuiltin("captures", [.string("b"), .string("(a)?(b)(c)?")])
    #expect(strings(partial) == [nil, "b", nil])
    #expect(try callRegexBuiltin("captures", [.string("xyz"), .string("(a)")]) == .null)
    #expect(strings(try callRegexBuiltin("captures", [.string("abc"), .string("b")])) == [])
}

/// Checks that matching works on characters, with Unicode-aware classes and case folding, and reports byte ranges.
@Test func unicodeTextIsMatchedByCharacterWithUnicodeClasses() throws {
    let words = try callRegexBuiltin("find_all", [.string("héllo wörld 日本語 🎉"), .string(#"\w+"#)])
    #expect(strings(words) == ["héllo", "wörld", "日本語"])
    #expect(try callRegexBuiltin("find", [.string("price: ５"), .string(#"\d"#)]) == .string("５"))
    #expect(try callRegexBuiltin("matches", [.string("ÉCOLE"), .string("(?i)école")]) == .bool(true))
    #expect(try callRegexBuiltin("find", [.string("a🎉b"), .string("a.b")]) == .string("a🎉b"))
    #expect(try callRegexBuiltin("full_match", [.string("🎉"), .string("^.$")]) == .bool(true))
    let cache = RegexCache(limits: Limits())
    let match = try cache.firstMatch(of: try cache.compile("(é+)(x)?"), in: "aéé", context: nil)
    #expect(match == RegexMatch(range: 1..<5, groups: [1..<5, nil]), "ranges are UTF-8 byte offsets")
}

/// Checks that iteration over empty matches agrees with Python's re and never splits a character or a CRLF.
@Test func emptyMatchesAdvanceByOneCharacterLikePython() throws {
    // Python: re.findall('a*', 'baaa') == ['', 'aaa', '']
    #expect(strings(try callRegexBuiltin("find_all", [.string("baaa"), .string("a*")])) == ["", "aaa", ""])
    // Python: re.findall('x*', 'axbc') == ['', 'x', '', '', '']
    #expect(strings(try callRegexBuiltin("find_all", [.string("axbc"), .string("x*")])) == ["", "x", "", "", ""])
    // One empty match per character boundary, never inside a multi-byte character.
    #expect(try callRegexBuiltin("count_matches", [.string("héé🎉"), .string("")]) == .int(5))
    #expect(try callRegexBuiltin("count_matches", [.string(""), .string("")]) == .int(1))
    // Python: re.split('x*', 'axbc') == ['', 'a', '', 'b', 'c', '']
    #expect(strings(try callRegexBuiltin("split_regex", [.string("axbc"), .string("x*")]))
        == ["", "a", "", "b", "c", ""])
    // (*CRLF) makes "\r\n" one newline; an empty match never lands between its two bytes.
    let lineStarts = try callRegexBuiltin("count_matches", [.string("a\r\nb"), .string("(*CRLF)(?m)^")])
    #expect(lineStarts == .int(2))
}

/// Checks that split_regex returns the pieces around every match, including empty edge pieces.
@Test func splitRegexReturnsPiecesBetweenMatches() throws {
    #expect(strings(try callRegexBuiltin("split_regex", [.string("a, b,c ,d"), .string(#"\s*,\s*"#)]))
        == ["a", "b", "c", "d"])
    #expect(strings(try callRegexBuiltin("split_regex", [.string(",a,"), .string(",")])) == ["", "a", ""])
    #expect(strings(try callRegexBuiltin("split_regex", [.string("abc"), .string(",")])) == ["abc"])
    #expect(strings(try callRegexBuiltin("split_regex", [.string(""), .string(",")])) == [""])
}

/// Checks that replace_regex replaces every match and expands numbered and named group references.
@Test func replaceRegexSubstitutesGloballyWithGroupReferences() throws {
    let swapped = try callRegexBuiltin("replace_regex",
                                       [.string("2024-05-17"), .string(#"(\d+)-(\d+)-(\d+)"#), .string("$3/$2/$1")])
    #expect(swapped == .string("17/05/2024"))
    let named = try callRegexBuiltin("replace_regex",
                                     [.string("a1 b22"), .string(#"(?<digits>\d+)"#), .string("<${digits}>")])
    #expect(named == .string("a<1> b<22>"))
    let unset = try callRegexBuiltin("replace_regex", [.string("b"), .string("(a)?b"), .string("[$1]")])
    #expect(unset == .string("[]"))
    #expect(try callRegexBuiltin("replace_regex", [.string("abc"), .string("x*"), .string("-")])
        == .string("-a-b-c-"))
    let longer = String(repeating: "ab", count: 500)
    let expanded = try callRegexBuiltin("replace_regex", [.string(longer), .string("b"), .string("BBBBBBBB")])
    #expect(expanded == .string(String(repeating: "aBBBBBBBB", count: 500)), "the output buffer grows")
    #expect(try callRegexBuiltin("replace_regex", [.string("héé"), .string("é"), .string("e")]) == .string("hee"))
}

/// Checks that a replacement naming a group that does not exist fails with regexFailed.
@Test func invalidReplacementIsRegexFailed() {
    let error = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("replace_regex", [.string("abc"), .string("b"), .string("$9")])
    }
    #expect(error?.code == .regexFailed)
    #expect(error?.message.contains("replacement") == true)
}

/// Checks that a pattern that does not compile at run time fails with regexFailed.
@Test func invalidPatternAtRunTimeIsRegexFailed() {
    let error = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("matches", [.string("abc"), .string("(")])
    }
    #expect(error?.code == .regexFailed)
    #expect(error?.message.contains("invalid regex") == true)
}

/// Checks that a non-string argument is reported as a type error naming the parameter.
@Test func nonStringArgumentIsTypeError() {
    let error = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("find", [.int(3), .string("a")])
    }
    #expect(error?.code == .typeError)
    #expect(error?.message.contains("text") == true)
}

/// Checks that every regex builtin stops catastrophic backtracking with regexLimit instead of hanging.
@Test func catastrophicBacktrackingHitsTheMatchLimit() {
    for name in ["matches", "find", "find_all", "count_matches", "split_regex", "captures", "full_match"] {
        let error = #expect(throws: RuntimeError.self) {
            try callRegexBuiltin(name, [.string(catastrophicSubject), .string("(a+)+$")], limits: tinyRegexLimits())
        }
        #expect(error?.code == .regexLimit, "\(name)")
        #expect(error?.message.contains("match limit") == true, "\(name)")
    }
    let error = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("replace_regex", [.string(catastrophicSubject), .string("(a+)+$"), .string("")],
                             limits: tinyRegexLimits())
    }
    #expect(error?.code == .regexLimit)
}

/// Checks the builtins' names, order, parameter types and regex flags that the checker relies on.
@Test func signaturesDeclareRegexPatternParameters() {
    let names = BuiltinLibrary.regex.map(\.name)
    #expect(names == ["matches", "full_match", "find", "find_all", "captures", "count_matches",
                      "replace_regex", "split_regex"])
    for builtin in BuiltinLibrary.regex {
        let parameters = builtin.signature.parameters
        #expect(parameters[0].name == "text" && parameters[0].type == .string && !parameters[0].isRegex)
        #expect(parameters[1].name == "pattern" && parameters[1].type == .string && parameters[1].isRegex)
        #expect(!builtin.signature.summary.isEmpty)
    }
    #expect(BuiltinLibrary.regex[4].signature.result([.string, .string]) == .optional(.list(.optional(.string))))
}

/// Checks that iterating matches charges fuel linearly in the subject, not quadratically.
@Test func matchingChargesFuelInProportionToTheSubject() throws {
    let context = ExecutionContext(limits: Limits())
    context.beginSample()
    let before = context.fuel
    _ = try callRegexBuiltin("count_matches", [.string(String(repeating: "a", count: 64_000)), .string("a")],
                             context: context)
    let spent = before - context.fuel
    #expect(spent >= 64_000, "each of the 64000 matches costs at least one unit")
    #expect(spent < 200_000, "iterating matches must not cost the square of the subject")
}

/// Checks that a replacement whose result would exceed the memory limit fails with memoryExceeded.
@Test func replacementThatWouldExceedMemoryFailsBeforeAllocating() {
    var limits = Limits()
    limits.memoryBytes = 1 << 20
    let error = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("replace_regex", [.string(String(repeating: "x", count: 100_000)), .string(""),
                                               .string(String(repeating: "y", count: 100))], limits: limits)
    }
    #expect(error?.code == .memoryExceeded)
}

/// Checks that the depth, heap and JIT stack limits each fail with regexLimit and name the limit.
@Test func depthHeapAndJITStackLimitsAreRegexLimit() throws {
    // "^(a|b)*Z" nests one backtracking frame per repetition and fails only at the very end.
    let subject = String(repeating: "ab", count: 50_000) + "XZ"
    var shallow = Limits()
    shallow.regexDepthLimit = 50
    let depthError = #expect(throws: RuntimeError.self) {
        // full_match passes match-time anchoring options, which always run the interpreter.
        try callRegexBuiltin("full_match", [.string(subject), .string("^(a|b)*Z")], limits: shallow)
    }
    #expect(depthError?.code == .regexLimit)
    #expect(depthError?.message.contains("depth limit") == true)

    var smallHeap = Limits()
    smallHeap.regexHeapLimitKiB = 100
    let heapError = #expect(throws: RuntimeError.self) {
        try callRegexBuiltin("full_match", [.string(subject), .string("^(a|b)*Z")], limits: smallHeap)
    }
    #expect(heapError?.code == .regexLimit)
    #expect(heapError?.message.contains("heap limit") == true)

    var smallStack = Limits()
    smallStack.regexJITStackBytes = 4096
    let cache = RegexCache(limits: smallStack)
    let regex = try cache.compile("^(a|b)*Z")
    if regex.isJITCompiled {
        let stackError = #expect(throws: RuntimeError.self) {
            try cache.isMatch(regex, in: subject, context: nil)
        }
        #expect(stackError?.code == .regexLimit)
        #expect(stackError?.message.contains("JIT stack") == true)
    }
}
