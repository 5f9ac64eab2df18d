import RubricSemantics

/// The string builtins. Lengths, indices and matches count Unicode scalars, as Python's `str`
/// does, never grapheme clusters; splitting, stripping and replacing follow Python's exact
/// rules. Metering follows the rules in `CoreSupport`: fuel for the bytes read, memory for
/// the strings and lists produced, charged before they are built.
extension BuiltinLibrary {
    /// Every string builtin, in registration order.
    static var strings: [Builtin] {
        [
            // lower(s) applies the full Unicode lowercase mapping with the Final_Sigma rule.
            stringToString("lower", unitsPerByte: BuiltinCosts.caseMappingUnitsPerByte, "Returns the string in lowercase, using full Unicode case mappings as Python's str.lower does.") {
                TextSupport.changeCase($0, upper: false)
            },
            // upper(s) applies the full Unicode uppercase mapping ("ß" becomes "SS").
            stringToString("upper", unitsPerByte: BuiltinCosts.caseMappingUnitsPerByte, "Returns the string in uppercase, using full Unicode case mappings as Python's str.upper does.") {
                TextSupport.changeCase($0, upper: true)
            },
            // strip, lstrip and rstrip remove whitespace, or the given characters, from the ends.
            stripBuiltin("strip", leading: true, trailing: true, "both ends"),
            stripBuiltin("lstrip", leading: true, trailing: false, "the start"),
            stripBuiltin("rstrip", leading: false, trailing: true, "the end"),

            // split(s, sep, max_split) follows Python's str.split exactly, including its
            // whitespace mode when sep is null; an empty separator is an error.
            Builtin(BuiltinSignature(
                "split", [BuiltinParameter("s", .string), BuiltinParameter("sep", .optional(.string), default: .null),
                          BuiltinParameter("max_split", .int, default: .int(-1))],
                returns: .list(.string),
                summary: "Splits a string at each occurrence of sep, or at runs of whitespace when sep is null, making at most max_split splits when it is not negative (Python's str.split).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "split")
                let separator = try CoreSupport.optionalString(arguments[1], "split", "a string or null for sep")
                let maxSplit = try CoreSupport.int(arguments[2], "split", "an int for max_split")
                if separator?.isEmpty == true { throw RuntimeError(.invalidArgument, "split: the separator is empty") }
                try CoreSupport.chargeBytes(context, BuiltinCosts.splittingPasses * text.utf8.count)
                let pieces: [String]
                if let separator {
                    pieces = TextSupport.split(text, separator: separator, maxSplit: maxSplit)
                } else {
                    pieces = TextSupport.splitWhitespace(text, maxSplit: maxSplit).map(String.init)
                }
                return try stringList(pieces, bytes: text.utf8.count, context)
            },

            // join(xs, sep) concatenates the strings of a list with sep between them.
            Builtin(BuiltinSignature(
                "join", [BuiltinParameter("xs", .list(.string)), BuiltinParameter("sep", .string, default: .string(""))],
                returns: .string,
                summary: "Concatenates a list of strings, putting sep between consecutive elements.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "join", "a list of strings")
                let separator = try CoreSupport.string(arguments[1], "join", "a string for sep")
                var size = separator.utf8.count * max(elements.count - 1, 0)
                for element in elements {
                    guard case .string(let piece) = element else {
                        throw RuntimeError(.typeError, "join: expected a list of strings, got a list containing \(element.typeName)")
                    }
                    size += piece.utf8.count
                }
                try CoreSupport.chargeElements(context, elements.count)
                try CoreSupport.chargeString(context, size)
                var output = ""
                output.reserveCapacity(size)
                for (index, element) in elements.enumerated() {
                    if index > 0 { output += separator }
                    if case .string(let piece) = element { output += piece }
                }
                return .string(output)
            },

            // replace(s, old, new) replaces every occurrence, as Python's str.replace does.
            Builtin(BuiltinSignature(
                "replace", [BuiltinParameter("s", .string), BuiltinParameter("old", .string), BuiltinParameter("new", .string)],
                returns: .string,
                summary: "Returns the string with every non-overlapping occurrence of old replaced by new; an empty old inserts new between all characters (Python's str.replace).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "replace")
                let old = try CoreSupport.string(arguments[1], "replace", "a string for old")
                let new = try CoreSupport.string(arguments[2], "replace", "a string for new")
                try CoreSupport.chargeBytes(context, text.utf8.count)
                let allowance = context.limits.memoryBytes - context.memoryUsed
                guard let (result, size) = TextSupport.replace(text, old, new, allowance: allowance) else {
                    throw RuntimeError(.memoryExceeded,
                                       "memory limit exceeded: the sample allocated more than \(context.limits.memoryBytes) bytes")
                }
                try CoreSupport.chargeString(context, size)
                return .string(result)
            },

            // contains(s, sub) tests for a substring; the empty string is in every string.
            stringPredicate("contains", "sub", "Returns true if sub occurs in the string.") { text, sub in
                FastText.contains(text, sub)
            },
            // starts_with(s, prefix) compares the leading scalars exactly.
            stringPredicate("starts_with", "prefix", "Returns true if the string begins with prefix.") { text, prefix in
                FastText.hasPrefix(text, prefix)
            },
            // ends_with(s, suffix) compares the trailing scalars exactly.
            stringPredicate("ends_with", "suffix", "Returns true if the string ends with suffix.") { text, suffix in
                FastText.hasSuffix(text, suffix)
            },

            // find_str(s, sub) is Python's str.find: a scalar index, or -1.
            Builtin(BuiltinSignature(
                "find_str", [BuiltinParameter("s", .string), BuiltinParameter("sub", .string)], returns: .int,
                summary: "Returns the index (in characters) of the first occurrence of sub in the string, or -1 if there is none.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "find_str")
                let sub = try CoreSupport.string(arguments[1], "find_str", "a string for sub")
                try CoreSupport.chargeBytes(context, text.utf8.count)
                if sub.isEmpty { return .int(0) }
                guard let position = FastText.firstByteOffset(of: sub, in: text) else { return .int(-1) }
                return .int(FastText.scalarCount(text, upToByte: position))
            },

            // count_str(s, sub) is Python's str.count: non-overlapping occurrences.
            Builtin(BuiltinSignature(
                "count_str", [BuiltinParameter("s", .string), BuiltinParameter("sub", .string)], returns: .int,
                summary: "Returns the number of non-overlapping occurrences of sub in the string (the character count plus one for an empty sub, as in Python).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "count_str")
                let sub = try CoreSupport.string(arguments[1], "count_str", "a string for sub")
                try CoreSupport.chargeBytes(context, text.utf8.count)
                if sub.isEmpty { return .int(FastText.scalarCount(text) + 1) }
                return .int(FastText.occurrenceCount(of: sub, in: text))
            },

            // word_count(s) counts the pieces split(s) would return.
            stringToInt("word_count", unitsPerByte: 1, "Returns the number of whitespace-separated words in the string.") {
                TextSupport.splitWhitespace($0, maxSplit: -1).count
            },

            // words(s) is split(s) with no separator.
            Builtin(BuiltinSignature(
                "words", [BuiltinParameter("s", .string)], returns: .list(.string),
                summary: "Returns the whitespace-separated words of the string (split with no separator).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "words")
                try CoreSupport.chargeBytes(context, BuiltinCosts.splittingPasses * text.utf8.count)
                let pieces = TextSupport.splitWhitespace(text, maxSplit: -1).map(String.init)
                return try stringList(pieces, bytes: text.utf8.count, context)
            },

            // token_count(s) is the documented approximation in TextSupport.approximateTokenCount.
            stringToInt("token_count", unitsPerByte: BuiltinCosts.tokenCountingUnitsPerByte, "Approximates a tokenizer's token count: letter runs count one per 4 characters, digit runs one per 3, CJK characters and other symbols one each; pass real counts from the host when you have them.") {
                TextSupport.approximateTokenCount($0)
            },

            // repeat(s, n) concatenates n copies; n <= 0 gives the empty string.
            Builtin(BuiltinSignature(
                "repeat", [BuiltinParameter("s", .string), BuiltinParameter("n", .int)], returns: .string,
                summary: "Returns n copies of the string concatenated (the empty string when n is zero or negative).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "repeat")
                let count = max(try CoreSupport.int(arguments[1], "repeat", "an int for n"), 0)
                if count == 0 || text.isEmpty { return .string("") }
                try CoreSupport.allocate(context, count: text.utf8.count, size: count)
                try CoreSupport.chargeBytes(context, text.utf8.count * count)
                return .string(String(repeating: text, count: count))
            },

            // lines(s) splits at "\n" and "\r\n" only.
            Builtin(BuiltinSignature(
                "lines", [BuiltinParameter("s", .string)], returns: .list(.string),
                summary: "Splits the string into lines at \"\\n\" and \"\\r\\n\", without the line breaks; a final line break adds no empty line.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "lines")
                try CoreSupport.chargeBytes(context, BuiltinCosts.splittingPasses * text.utf8.count)
                return try stringList(TextSupport.lines(text), bytes: text.utf8.count, context)
            },

            // normalize_whitespace(s) is join(words(s), " ").
            stringToString("normalize_whitespace", unitsPerByte: 1, "Collapses every run of whitespace to a single space and removes leading and trailing whitespace.") {
                TextSupport.splitWhitespace($0, maxSplit: -1).joined(separator: " ")
            },
        ]
    }

    /// Builds a builtin taking one string and returning a string computed by `transform`; the
    /// result is charged as a new string.
    private static func stringToString(_ name: String, unitsPerByte: Int, _ summary: String,
                                       _ transform: @escaping @Sendable (String) -> String) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("s", .string)], returns: .string, summary: summary)) {
            arguments, context throws(RuntimeError) -> Value in
            let text = try CoreSupport.string(arguments[0], name)
            try CoreSupport.chargePerByte(context, text.utf8.count, unitsPerByte)
            // The result is about as long as the text: refuse before the work when the text
            // alone would not fit the memory the sample has left.
            try CoreSupport.requireRoom(context, text.utf8.count)
            let result = transform(text)
            try CoreSupport.chargeString(context, result.utf8.count)
            return .string(result)
        }
    }

    /// Builds a builtin taking one string and returning an int computed by `measure`.
    private static func stringToInt(_ name: String, unitsPerByte: Int, _ summary: String,
                                    _ measure: @escaping @Sendable (String) -> Int) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("s", .string)], returns: .int, summary: summary)) {
            arguments, context throws(RuntimeError) -> Value in
            let text = try CoreSupport.string(arguments[0], name)
            try CoreSupport.chargePerByte(context, text.utf8.count, unitsPerByte)
            return .int(measure(text))
        }
    }

    /// Builds a builtin testing a string against a second string argument called `other`.
    private static func stringPredicate(_ name: String, _ other: String, _ summary: String,
                                        _ test: @escaping @Sendable (String, String) -> Bool) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("s", .string), BuiltinParameter(other, .string)],
                                 returns: .bool, summary: summary)) {
            arguments, context throws(RuntimeError) -> Value in
            let text = try CoreSupport.string(arguments[0], name)
            let operand = try CoreSupport.string(arguments[1], name, "a string for \(other)")
            try CoreSupport.chargeBytes(context, text.utf8.count)
            return .bool(test(text, operand))
        }
    }

    /// Builds `strip`, `lstrip` or `rstrip`.
    private static func stripBuiltin(_ name: String, leading: Bool, trailing: Bool, _ ends: String) -> Builtin {
        Builtin(BuiltinSignature(
            name, [BuiltinParameter("s", .string), BuiltinParameter("chars", .optional(.string), default: .null)],
            returns: .string,
            summary: "Removes whitespace, or any of the characters in chars when given, from \(ends) of the string.")
        ) { arguments, context throws(RuntimeError) -> Value in
            let text = try CoreSupport.string(arguments[0], name)
            let characters = try CoreSupport.optionalString(arguments[1], name, "a string or null for chars")
            try CoreSupport.chargePerByte(context, text.utf8.count, BuiltinCosts.strippingUnitsPerByte)
            let result = TextSupport.strip(text, characters: characters, leading: leading, trailing: trailing)
            try CoreSupport.allocate(context, count: result.utf8.count, size: 1)
            return .string(result)
        }
    }

    /// Charges memory for a list of new strings (16 bytes per element plus `bytes` of text)
    /// and returns it as a list value.
    private static func stringList(_ pieces: [String], bytes: Int, _ context: ExecutionContext) throws(RuntimeError) -> Value {
        try CoreSupport.allocateList(context, pieces.count)
        try CoreSupport.allocate(context, count: bytes, size: 1)
        try CoreSupport.chargeElements(context, pieces.count)
        return .list(pieces.map { .string($0) })
    }
}
