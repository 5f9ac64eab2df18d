/// `math_normalize`: a canonical string for an answer. It first applies math-verify's own
/// clean-up (`LatexCleanup`, with the last box taken), which is what `math_equal` compares as
/// text, then makes the string canonical for display and exact matching:
///
/// 1. `\text{...}` (and `\textbf`, `\mbox`, `\mathrm` ...) is unwrapped to its content.
/// 2. Leftover `\left`/`\right` (such as `\left.`) are removed.
/// 3. Spacing commands (`\,` `\:` `\;` `\!` `\quad` `\qquad` `\ ` `~`) and all whitespace are
///    removed.
/// 4. Degree marks (`^\circ`, `^{\circ}`, `^\degree`, `°`) are removed.
/// 5. Percent signs (`\%`, `%`) are removed.
/// 6. Trailing periods are removed.
/// 7. A leading assignment to a variable (`x=`, `\theta=`, `x_1=`) is removed when it is the
///    only `=`.
/// 8. Thousands separators in a whole number (`1,000,000`) are removed.
enum AnswerNormalizer {
    /// Returns the canonical form of `answer`.
    static func normalize(_ answer: String) -> String {
        var text = LatexCleanup.normalize(ScalarText.scalars(answer), boxed: .last)
        text = unwrapText(text)
        for command in ["\\left.", "\\right.", "\\left", "\\right"] { text = ScalarText.replacingAll(text, command, "") }
        for command in ["\\qquad", "\\quad", "\\,", "\\:", "\\;", "\\!", "\\ ", "~"] { text = ScalarText.replacingAll(text, command, "") }
        text = text.filter { !ScalarText.isSpace($0) }
        for mark in ["^{\\circ}", "^\\circ", "^{\\degree}", "^\\degree", "°"] { text = ScalarText.replacingAll(text, mark, "") }
        text = ScalarText.replacingAll(text, "\\%", "")
        text = text.filter { $0 != "%" }
        while text.last == "." { text.removeLast() }
        text = dropAssignedVariable(text)
        if ThousandsNumber.value(of: text) != nil { text = text.filter { $0 != "," } }
        return ScalarText.string(text)
    }

    /// Replaces `\text{content}` (and the other text commands) by its content. Matching
    /// braces are found once with a stack, so this is linear even for deeply nested text.
    static func unwrapText(_ text: Scalars) -> Scalars {
        var closing = [Int](repeating: -1, count: text.count)
        var open: [Int] = []
        for (index, scalar) in text.enumerated() {
            if scalar == "{" { open.append(index) } else if scalar == "}", let start = open.popLast() { closing[start] = index }
        }
        var dropped = [Bool](repeating: false, count: text.count)
        var index = 0
        while index < text.count {
            if text[index] == "\\", let command = ["\\textbf", "\\textit", "\\text", "\\mbox", "\\mathrm", "\\mathbf"]
                .first(where: { ScalarText.matches(text, $0, at: index) }) {
                let brace = index + command.unicodeScalars.count
                if brace < text.count, text[brace] == "{", closing[brace] >= 0 {
                    for position in index...brace { dropped[position] = true }
                    dropped[closing[brace]] = true
                    index = brace + 1
                    continue
                }
            }
            index += 1
        }
        return zip(text, dropped).compactMap { $1 ? nil : $0 }
    }

    /// Drops `name=` from `name=value` when the name is a letter or a Greek command, with an
    /// optional subscript, and there is no other `=`.
    static func dropAssignedVariable(_ text: Scalars) -> Scalars {
        guard let equals = text.firstIndex(of: "="), text.lastIndex(of: "=") == equals, equals + 1 < text.count else { return text }
        var name = Array(text[..<equals])
        if let underscore = name.firstIndex(of: "_") {
            let lowerIndex = Array(name[(underscore + 1)...])
            let simple = lowerIndex.count == 1 || (lowerIndex.first == "{" && lowerIndex.last == "}" && lowerIndex.count > 2)
            guard simple else { return text }
            name = Array(name[..<underscore])
        }
        let isLetter = name.count == 1 && ScalarText.isASCIILetter(name[0])
        let isGreek = LatexVocabulary.greekCommands[ScalarText.string(name)] != nil
        return isLetter || isGreek ? Array(text[(equals + 1)...]) : text
    }
}
