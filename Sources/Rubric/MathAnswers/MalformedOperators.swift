/// math-verify's repairs of sloppy operator syntax, applied in this order:
///
/// 1. `^(x)` → `^{x}` and `sqrt(x)` → `\sqrt{x}`
/// 2. `\frac12` → `\frac{1}{2}` (one digit, then the following digits),
///    `\log_28` → `\log_{2}{8}`, `\frac{1}2` → `\frac{1}{2}`, `\frac1{2}` → `\frac{1}{2}`,
///    `\sqrt2` → `\sqrt{2}`, ` sqrt` → `\sqrt`
/// 3. a `\sqrt` followed by a single character gets braces (`\sqrt 3` → `\sqrt{3}`)
/// 4. a `\frac` followed by two characters gets braces (`\frac ab` → `\frac{a}{b}`)
/// 5. a whole answer `a/b` of two plain integers → `\frac{a}{b}`
///
/// The lazy `(.*?)` groups of the original regexes are found with precomputed "next closing
/// character" tables, so each rule is linear in the text.
enum MalformedOperators {
    /// Applies every repair, in the order listed above.
    static func fix(_ text: Scalars) -> Scalars {
        var value = parenthesizedGroups(text, prefix: "^", replacementPrefix: "^{")
        value = parenthesizedGroups(value, prefix: "sqrt", replacementPrefix: "\\sqrt{")
        value = digitFraction(value, command: "\\frac", replacement: "\\frac")
        value = digitFraction(value, command: "\\log_", replacement: "\\log_")
        value = bracedThenDigit(value)
        value = digitThenBraced(value)
        value = sqrtDigit(value)
        value = ScalarText.replacingAll(value, " sqrt", "\\sqrt")
        value = braceSqrt(value)
        value = braceFractions(value)
        return slashFraction(value)
    }

    /// For each index, the first index at or after it holding `target` (or `count`).
    private static func nextIndexTable(_ text: Scalars, where predicate: (Int) -> Bool) -> [Int] {
        var table = [Int](repeating: text.count, count: text.count + 1)
        var index = text.count - 1
        while index >= 0 {
            table[index] = predicate(index) ? index : table[index + 1]
            index -= 1
        }
        return table
    }

    /// Copies `text`, rewriting matches of one rule: at each occurrence of `command`,
    /// `rewrite` gets the index just after it and returns the replacement and the index where
    /// copying resumes, or nil when the rule does not match there.
    private static func rewriting(_ text: Scalars, after command: Scalars,
                                  _ rewrite: (Int) -> (replacement: Scalars, resume: Int)?) -> Scalars {
        guard ScalarText.firstIndex(of: command, in: text) != nil else { return text }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, command, at: index), let match = rewrite(index + command.count) {
                output.append(contentsOf: match.replacement)
                index = match.resume
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// The regex `\s?X` at `position`: the index of X, skipping one space only when X follows it.
    private static func afterOptionalSpace(_ text: Scalars, _ position: Int, before isTarget: (Unicode.Scalar) -> Bool) -> Int {
        if position < text.count && ScalarText.isSpace(text[position]) && position + 1 < text.count
            && isTarget(text[position + 1]) {
            return position + 1
        }
        return position
    }

    /// `{a}` for a slice of scalars.
    private static func braced<S: Sequence>(_ content: S) -> Scalars where S.Element == Unicode.Scalar {
        ["{"] + Array(content) + ["}"]
    }

    /// Replaces `prefix\s?\((.*?)\)` by `replacementPrefix` + group + `}`.
    static func parenthesizedGroups(_ text: Scalars, prefix: String, replacementPrefix: String) -> Scalars {
        let nextClose = nextIndexTable(text) { text[$0] == ")" || text[$0] == "\n" }
        return rewriting(text, after: ScalarText.scalars(prefix)) { start in
            let open = afterOptionalSpace(text, start) { $0 == "(" }
            guard open < text.count, text[open] == "(" else { return nil }
            let close = nextClose[open + 1]
            guard close < text.count, text[close] == ")" else { return nil }
            return (ScalarText.scalars(replacementPrefix) + text[(open + 1)..<close] + ["}"], close + 1)
        }
    }

    /// Replaces `command\s?(\d)\s?(\d+)` by `command{a}{bcd}`.
    static func digitFraction(_ text: Scalars, command: String, replacement: String) -> Scalars {
        rewriting(text, after: ScalarText.scalars(command)) { start in
            guard let (first, restStart, restEnd) = digitPair(text, from: start) else { return nil }
            return (ScalarText.scalars(replacement) + braced([text[first]]) + braced(text[restStart..<restEnd]), restEnd)
        }
    }

    /// Matches `\s?(\d)\s?(\d+)` at `start`: the first digit's index and the second run.
    private static func digitPair(_ text: Scalars, from start: Int) -> (Int, Int, Int)? {
        for firstSpace in [1, 0] {
            var position = start
            if firstSpace == 1 { guard position < text.count, ScalarText.isSpace(text[position]) else { continue }; position += 1 }
            guard position < text.count, ScalarText.isDigit(text[position]) else { continue }
            let first = position
            position = afterOptionalSpace(text, position + 1, before: ScalarText.isDigit)
            guard position < text.count, ScalarText.isDigit(text[position]) else { continue }
            var end = position
            while end < text.count && ScalarText.isDigit(text[end]) { end += 1 }
            return (first, position, end)
        }
        return nil
    }

    /// Replaces `\\frac\s?{(.*?)}\s?(\d)` by `\frac{group}{digit}`: the group runs to the first
    /// `}` that is followed by a digit (possibly after one space).
    static func bracedThenDigit(_ text: Scalars) -> Scalars {
        let command = ScalarText.scalars("\\frac")
        let nextClose = nextIndexTable(text) { index in
            if text[index] == "\n" { return true }
            guard text[index] == "}" else { return false }
            if index + 1 < text.count && ScalarText.isDigit(text[index + 1]) { return true }
            return index + 2 < text.count && ScalarText.isSpace(text[index + 1]) && ScalarText.isDigit(text[index + 2])
        }
        return rewriting(text, after: command) { start in
            let open = afterOptionalSpace(text, start) { $0 == "{" }
            guard open < text.count, text[open] == "{" else { return nil }
            let close = nextClose[open + 1]
            guard close < text.count, text[close] == "}" else { return nil }
            let digit = afterOptionalSpace(text, close + 1, before: ScalarText.isDigit)
            return (command + braced(text[(open + 1)..<close]) + braced([text[digit]]), digit + 1)
        }
    }

    /// Replaces `\\frac\s?(\d)\s?{(.*?)}` by `\frac{digit}{group}`.
    static func digitThenBraced(_ text: Scalars) -> Scalars {
        let command = ScalarText.scalars("\\frac")
        let nextClose = nextIndexTable(text) { text[$0] == "}" || text[$0] == "\n" }
        return rewriting(text, after: command) { start in
            let digit = afterOptionalSpace(text, start, before: ScalarText.isDigit)
            guard digit < text.count, ScalarText.isDigit(text[digit]) else { return nil }
            let open = afterOptionalSpace(text, digit + 1) { $0 == "{" }
            guard open < text.count, text[open] == "{" else { return nil }
            let close = nextClose[open + 1]
            guard close < text.count, text[close] == "}" else { return nil }
            return (command + braced([text[digit]]) + braced(text[(open + 1)..<close]), close + 1)
        }
    }

    /// Replaces `\\sqrt\s?(\d)` by `\sqrt{digit}`.
    static func sqrtDigit(_ text: Scalars) -> Scalars {
        let command = ScalarText.scalars("\\sqrt")
        return rewriting(text, after: command) { start in
            let digit = afterOptionalSpace(text, start, before: ScalarText.isDigit)
            guard digit < text.count, ScalarText.isDigit(text[digit]) else { return nil }
            return (command + braced([text[digit]]), digit + 1)
        }
    }

    /// Splits the text at each occurrence of `separator` (Python's `str.split`).
    private static func split(_ text: Scalars, _ separator: String) -> [Scalars] {
        let pattern = ScalarText.scalars(separator)
        var parts: [Scalars] = []
        var start = 0, index = 0
        while index + pattern.count <= text.count {
            if ScalarText.matches(text, pattern, at: index) {
                parts.append(Array(text[start..<index]))
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(text[start...]))
        return parts
    }

    /// Strips leading Python whitespace.
    private static func leftStripped(_ text: Scalars) -> Scalars {
        Array(text[ScalarText.skipSpaces(text, from: 0)...])
    }

    /// `_fix_sqrt`: after each `\sqrt` (and the spaces after it), a character other than `{`
    /// or `[` is wrapped in braces.
    static func braceSqrt(_ text: Scalars) -> Scalars {
        let parts = split(text, "\\sqrt")
        guard parts.count > 1 else { return text }
        var output = parts[0]
        for part in parts.dropFirst() {
            let rest = leftStripped(part)
            output.append(contentsOf: ScalarText.scalars("\\sqrt"))
            if let first = rest.first, first != "{", first != "[" {
                output.append("{"); output.append(first); output.append("}")
                output.append(contentsOf: rest.dropFirst())
            } else {
                output.append(contentsOf: rest)
            }
        }
        return output
    }

    /// `_fix_fracs`: after each `\frac`, two unbraced characters become `{a}{b}` and one
    /// unbraced character before a brace becomes `{a}`; a `\frac` with fewer than two
    /// characters after it leaves the whole text unchanged.
    static func braceFractions(_ text: Scalars) -> Scalars {
        let parts = split(text, "\\frac")
        guard parts.count > 1 else { return text }
        var output = parts[0]
        for part in parts.dropFirst() {
            let rest = leftStripped(part)
            output.append(contentsOf: ScalarText.scalars("\\frac"))
            if rest.first == "{" {
                output.append(contentsOf: rest)
            } else if rest.count < 2 {
                return text
            } else if rest[1] != "{" {
                output.append("{"); output.append(rest[0]); output.append("}")
                output.append("{"); output.append(rest[1]); output.append("}")
                output.append(contentsOf: rest.dropFirst(2))
            } else {
                output.append("{"); output.append(rest[0]); output.append("}")
                output.append(contentsOf: rest.dropFirst(1))
            }
        }
        return output
    }

    /// `_fix_a_slash_b`: the whole text `a/b` with a and b integers in canonical form becomes
    /// `\frac{a}{b}`.
    static func slashFraction(_ text: Scalars) -> Scalars {
        let parts = split(text, "/")
        guard parts.count == 2, isCanonicalInteger(parts[0]), isCanonicalInteger(parts[1]) else { return text }
        return ScalarText.scalars("\\frac{") + parts[0] + ScalarText.scalars("}{") + parts[1] + ["}"]
    }

    /// Returns true for `0` or an optional minus and ASCII digits without a leading zero.
    private static func isCanonicalInteger(_ text: Scalars) -> Bool {
        var digits = text[...]
        if digits.first == "-" { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(ScalarText.isASCIIDigit) else { return false }
        return first != "0" || (digits.count == 1 && text.count == 1)
    }
}
