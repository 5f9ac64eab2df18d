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

    /// Replaces `prefix\s?\((.*?)\)` by `replacementPrefix` + group + `}`.
    static func parenthesizedGroups(_ text: Scalars, prefix: String, replacementPrefix: String) -> Scalars {
        let prefixScalars = ScalarText.scalars(prefix)
        guard ScalarText.firstIndex(of: prefixScalars, in: text) != nil else { return text }
        let nextClose = nextIndexTable(text) { text[$0] == ")" || text[$0] == "\n" }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, prefixScalars, at: index) {
                var open = index + prefixScalars.count
                if open < text.count && ScalarText.isSpace(text[open]) && open + 1 < text.count && text[open + 1] == "(" { open += 1 }
                if open < text.count && text[open] == "(" {
                    let close = nextClose[open + 1]
                    if close < text.count && text[close] == ")" {
                        output.append(contentsOf: ScalarText.scalars(replacementPrefix))
                        output.append(contentsOf: text[(open + 1)..<close])
                        output.append("}")
                        index = close + 1
                        continue
                    }
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// Replaces `command\s?(\d)\s?(\d+)` by `command{a}{bcd}`.
    static func digitFraction(_ text: Scalars, command: String, replacement: String) -> Scalars {
        let commandScalars = ScalarText.scalars(command)
        guard ScalarText.firstIndex(of: commandScalars, in: text) != nil else { return text }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, commandScalars, at: index),
               let (first, restStart, restEnd) = digitPair(text, from: index + commandScalars.count) {
                output.append(contentsOf: ScalarText.scalars(replacement))
                output.append("{"); output.append(text[first]); output.append("}")
                output.append("{"); output.append(contentsOf: text[restStart..<restEnd]); output.append("}")
                index = restEnd
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// Matches `\s?(\d)\s?(\d+)` at `start`: the first digit's index and the second run.
    private static func digitPair(_ text: Scalars, from start: Int) -> (Int, Int, Int)? {
        for firstSpace in [1, 0] {
            var position = start
            if firstSpace == 1 { guard position < text.count, ScalarText.isSpace(text[position]) else { continue }; position += 1 }
            guard position < text.count, ScalarText.isDigit(text[position]) else { continue }
            let first = position
            position += 1
            if position < text.count && ScalarText.isSpace(text[position]) && position + 1 < text.count
                && ScalarText.isDigit(text[position + 1]) {
                position += 1
            }
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
        guard ScalarText.firstIndex(of: command, in: text) != nil else { return text }
        let nextClose = nextIndexTable(text) { index in
            if text[index] == "\n" { return true }
            guard text[index] == "}" else { return false }
            if index + 1 < text.count && ScalarText.isDigit(text[index + 1]) { return true }
            return index + 2 < text.count && ScalarText.isSpace(text[index + 1]) && ScalarText.isDigit(text[index + 2])
        }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, command, at: index) {
                var open = index + command.count
                if open < text.count && ScalarText.isSpace(text[open]) && open + 1 < text.count && text[open + 1] == "{" { open += 1 }
                if open < text.count && text[open] == "{" {
                    let close = nextClose[open + 1]
                    if close < text.count && text[close] == "}" {
                        let digit = ScalarText.isSpace(text[close + 1]) && close + 2 < text.count && ScalarText.isDigit(text[close + 2])
                            ? close + 2 : close + 1
                        output.append(contentsOf: command)
                        output.append("{"); output.append(contentsOf: text[(open + 1)..<close]); output.append("}")
                        output.append("{"); output.append(text[digit]); output.append("}")
                        index = digit + 1
                        continue
                    }
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// Replaces `\\frac\s?(\d)\s?{(.*?)}` by `\frac{digit}{group}`.
    static func digitThenBraced(_ text: Scalars) -> Scalars {
        let command = ScalarText.scalars("\\frac")
        guard ScalarText.firstIndex(of: command, in: text) != nil else { return text }
        let nextClose = nextIndexTable(text) { text[$0] == "}" || text[$0] == "\n" }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, command, at: index) {
                var digit = index + command.count
                if digit < text.count && ScalarText.isSpace(text[digit]) && digit + 1 < text.count && ScalarText.isDigit(text[digit + 1]) {
                    digit += 1
                }
                if digit < text.count && ScalarText.isDigit(text[digit]) {
                    var open = digit + 1
                    if open < text.count && ScalarText.isSpace(text[open]) && open + 1 < text.count && text[open + 1] == "{" { open += 1 }
                    if open < text.count && text[open] == "{" {
                        let close = nextClose[open + 1]
                        if close < text.count && text[close] == "}" {
                            output.append(contentsOf: command)
                            output.append("{"); output.append(text[digit]); output.append("}")
                            output.append("{"); output.append(contentsOf: text[(open + 1)..<close]); output.append("}")
                            index = close + 1
                            continue
                        }
                    }
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// Replaces `\\sqrt\s?(\d)` by `\sqrt{digit}`.
    static func sqrtDigit(_ text: Scalars) -> Scalars {
        let command = ScalarText.scalars("\\sqrt")
        guard ScalarText.firstIndex(of: command, in: text) != nil else { return text }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if ScalarText.matches(text, command, at: index) {
                var digit = index + command.count
                if digit < text.count && ScalarText.isSpace(text[digit]) && digit + 1 < text.count && ScalarText.isDigit(text[digit + 1]) {
                    digit += 1
                }
                if digit < text.count && ScalarText.isDigit(text[digit]) {
                    output.append(contentsOf: command)
                    output.append("{"); output.append(text[digit]); output.append("}")
                    index = digit + 1
                    continue
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
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
