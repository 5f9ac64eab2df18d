import RubricSemantics

extension BuiltinLibrary {
    /// The regular-expression builtins. Patterns are PCRE2 syntax in UTF mode with Unicode
    /// properties; every builtin takes the text first and the pattern second, searches unless it
    /// says otherwise (anchors are explicit), and reports byte-exact substrings of the text.
    static var regex: [Builtin] {
        [
            Builtin(BuiltinSignature("matches", [textParameter, patternParameter], returns: .bool,
                                     summary: "Returns true if the pattern matches anywhere in the text.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "matches")
                return .bool(try context.regexes.isMatch(regex, in: text, context: context))
            },
            Builtin(BuiltinSignature("full_match", [textParameter, patternParameter], returns: .bool,
                                     summary: "Returns true if the pattern matches the whole text, from its first character to its last.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "full_match")
                return .bool(try context.regexes.isMatch(regex, in: text, wholeText: true, context: context))
            },
            Builtin(BuiltinSignature("find", [textParameter, patternParameter], returns: .optional(.string),
                                     summary: "Returns the first substring of the text that the pattern matches, or null if there is none.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "find")
                guard let match = try context.regexes.firstMatch(of: regex, in: text, context: context) else {
                    return .null
                }
                return try RegexArguments.substring(of: text, match.range, context)
            },
            Builtin(BuiltinSignature("find_all", [textParameter, patternParameter], returns: .list(.string),
                                     summary: "Returns every non-overlapping substring of the text that the pattern matches, in order.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "find_all")
                var found: [Value] = []
                try context.regexes.forEachMatch(of: regex, in: text, context: context) { range throws(RuntimeError) in
                    found.append(try RegexArguments.substring(of: text, range, context))
                }
                return .list(found)
            },
            Builtin(BuiltinSignature("captures", [textParameter, patternParameter],
                                     returns: .optional(.list(.optional(.string))),
                                     summary: "Returns the capture groups of the first match (null for a group that did not take part), or null if the pattern does not match.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "captures")
                guard let match = try context.regexes.firstMatch(of: regex, in: text, context: context) else {
                    return .null
                }
                var groups: [Value] = []
                groups.reserveCapacity(match.groups.count)
                for group in match.groups {
                    if let group {
                        groups.append(try RegexArguments.substring(of: text, group, context))
                    } else {
                        try context.allocate(16)
                        groups.append(.null)
                    }
                }
                return .list(groups)
            },
            Builtin(BuiltinSignature("count_matches", [textParameter, patternParameter], returns: .int,
                                     summary: "Returns how many non-overlapping matches of the pattern the text contains.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "count_matches")
                var count = 0
                try context.regexes.forEachMatch(of: regex, in: text, context: context) { _ throws(RuntimeError) in
                    count += 1
                }
                return .int(count)
            },
            Builtin(BuiltinSignature("replace_regex",
                                     [textParameter, patternParameter, BuiltinParameter("replacement", .string)],
                                     returns: .string,
                                     summary: "Replaces every match of the pattern in the text; the replacement may refer to groups as $1 or ${name}.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "replace_regex")
                let replacement = try RegexArguments.string(arguments, at: 2, parameter: "replacement",
                                                            builtin: "replace_regex")
                return .string(try context.regexes.replaceAll(of: regex, in: text, with: replacement,
                                                              context: context))
            },
            Builtin(BuiltinSignature("split_regex", [textParameter, patternParameter], returns: .list(.string),
                                     summary: "Splits the text at every match of the pattern and returns the pieces between the matches.")) {
                (arguments, context) throws(RuntimeError) -> Value in
                let (text, regex) = try RegexArguments.textAndPattern(arguments, context, builtin: "split_regex")
                var pieces: [Value] = []
                var pieceStart = 0
                try context.regexes.forEachMatch(of: regex, in: text, context: context) { range throws(RuntimeError) in
                    pieces.append(try RegexArguments.substring(of: text, pieceStart..<range.lowerBound, context))
                    pieceStart = range.upperBound
                }
                pieces.append(try RegexArguments.substring(of: text, pieceStart..<text.utf8.count, context))
                return .list(pieces)
            },
        ]
    }

    /// The text argument every regex builtin takes first.
    private static var textParameter: BuiltinParameter { BuiltinParameter("text", .string) }

    /// The pattern argument every regex builtin takes second; constant patterns are compiled by
    /// the checker, so an invalid one is a compile-time error.
    private static var patternParameter: BuiltinParameter { BuiltinParameter("pattern", .string, regex: true) }
}

/// Argument decoding and result building shared by the regex builtins.
private enum RegexArguments {
    /// Returns the string argument at `index`, or a type error naming the builtin and parameter.
    static func string(_ arguments: UnsafeBufferPointer<Value>, at index: Int, parameter: String,
                       builtin: String) throws(RuntimeError) -> String {
        guard index < arguments.count else {
            throw RuntimeError(.typeError, "\(builtin) expects a string for `\(parameter)`, but it is missing")
        }
        guard case .string(let value) = arguments[index] else {
            throw RuntimeError(.typeError,
                               "\(builtin) expects a string for `\(parameter)`, got \(arguments[index].typeName)")
        }
        return value
    }

    /// Returns the text (argument 0) and the compiled pattern (argument 1), charging fuel for
    /// the pattern in proportion to its length whether or not it was already cached, so that
    /// the cost of a sample never depends on the samples before it.
    static func textAndPattern(_ arguments: UnsafeBufferPointer<Value>, _ context: ExecutionContext,
                               builtin: String) throws(RuntimeError) -> (String, CompiledRegex) {
        let text = try string(arguments, at: 0, parameter: "text", builtin: builtin)
        let pattern = try string(arguments, at: 1, parameter: "pattern", builtin: builtin)
        try CoreSupport.chargeBytes(context, pattern.utf8.count)
        return (text, try context.regexes.compile(pattern))
    }

    /// Returns the bytes `range` of `text` as a string value, charging memory for it.
    static func substring(of text: String, _ range: Range<Int>,
                          _ context: ExecutionContext) throws(RuntimeError) -> Value {
        try context.allocate(range.count + 16)
        return .string(utf8Slice(of: text, range))
    }
}
