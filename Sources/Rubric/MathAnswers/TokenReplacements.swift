/// math-verify's single-pass token replacements (`replace_in_latex`). The text is scanned left
/// to right; at each position the rules are tried in the order below and the first that
/// matches is replaced, then scanning resumes after the match:
///
/// 1. `\mathrm`, `\mathit`, `\mathbf` → `\text`; `\textnormal`, `\textbf`, `\textit`,
///    `\textrm` → `\text`
/// 2. `\dfrac`, `\tfrac`, `\cfrac` → `\frac`
/// 3. a space before `.` → ` 0.`; `{.` → `{0.`; `~=` → `\approx`
/// 4. `{,}` (with optional spaces) → `,`, so `1{,}000` reads `1,000`
/// 5. the words "and"/"or" (optionally after a comma, also inside `\text{}`) → `,`
/// 6. a backslash before a space (not after a backslash) → a space
/// 7. `infinity` → `\infty`; `\ldots` (optionally after a comma) → a space
/// 8. the words "percentage", "percent", "pct" (with the spaces before them) → `\%`, and
///    `\text{percentage}` and the like → `%`
/// 9. `inf` not after a backslash and not starting "infinity" → `\infty`
/// 10. ` sqrt` → `\sqrt`
enum TokenReplacements {
    /// Applies the replacements in one left-to-right pass.
    static func apply(_ text: Scalars) -> Scalars {
        var output = Scalars()
        output.reserveCapacity(text.count + 8)
        // spaceEnd[i] is the index just past the run of whitespace starting at i, computed once
        // so that rules starting with `\s*` stay linear on long runs of spaces.
        var spaceEnd = [Int](repeating: text.count, count: text.count + 1)
        var position = text.count - 1
        while position >= 0 {
            spaceEnd[position] = ScalarText.isSpace(text[position]) ? spaceEnd[position + 1] : position
            position -= 1
        }
        let spaces = Spaces(end: spaceEnd)
        var index = 0
        while index < text.count {
            if let (end, replacement) = match(text, at: index, spaces) {
                output.append(contentsOf: ScalarText.scalars(replacement))
                index = end
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }

    /// Precomputed ends of whitespace runs.
    private struct Spaces {
        var end: [Int]
        /// Returns the index just past the whitespace run starting at `index`.
        func skip(_ index: Int) -> Int { index < end.count ? end[index] : index }
    }

    /// Returns the end of the first rule matching at `index` and its replacement.
    private static func match(_ text: Scalars, at index: Int, _ spaces: Spaces) -> (Int, String)? {
        let scalar = text[index]
        if scalar == "\\" {
            for name in ["\\mathrm", "\\mathit", "\\mathbf", "\\textnormal", "\\textbf", "\\textit", "\\textrm"]
            where ScalarText.matches(text, name, at: index) {
                return (index + name.unicodeScalars.count, "\\text")
            }
            for name in ["\\dfrac", "\\tfrac", "\\cfrac"] where ScalarText.matches(text, name, at: index) {
                return (index + 6, "\\frac")
            }
        }
        if ScalarText.isSpace(scalar), index + 1 < text.count, text[index + 1] == "." { return (index + 2, " 0.") }
        if scalar == "{", index + 1 < text.count, text[index + 1] == "." { return (index + 2, "{0.") }
        if ScalarText.matches(text, "~=", at: index) { return (index + 2, "\\approx") }
        if let end = bracedComma(text, at: index, spaces) { return (end, ",") }
        if let end = conjunction(text, at: index, spaces) { return (end, ",") }
        if let end = textConjunction(text, at: index, spaces) { return (end, ",") }
        if scalar == "\\", index + 1 < text.count, ScalarText.isSpace(text[index + 1]),
           !(index > 0 && text[index - 1] == "\\") {
            return (index + 2, " ")
        }
        if ScalarText.matches(text, "infinity", at: index) { return (index + 8, "\\infty") }
        if let end = ellipsis(text, at: index) { return (end, " ") }
        for (word, braced) in [("percentage", "\\text{percentage}"), ("percent", "\\text{percent}"), ("pct", "\\text{pct}")] {
            if let end = spacedWord(text, word, at: index, spaces) { return (end, "\\%") }
            if ScalarText.matches(text, braced, at: index) { return (index + braced.unicodeScalars.count, "%") }
        }
        if ScalarText.matches(text, "inf", at: index), !(index > 0 && text[index - 1] == "\\"),
           !ScalarText.matches(text, "inity", at: index + 3) {
            return (index + 3, "\\infty")
        }
        if ScalarText.matches(text, " sqrt", at: index) { return (index + 5, "\\sqrt") }
        return nil
    }

    /// Returns the end of a match of `\s*\{\s*,\s*\}` at `index`, or nil.
    private static func bracedComma(_ text: Scalars, at index: Int, _ spaces: Spaces) -> Int? {
        var position = spaces.skip(index)
        guard position < text.count, text[position] == "{" else { return nil }
        position = spaces.skip(position + 1)
        guard position < text.count, text[position] == "," else { return nil }
        position = spaces.skip(position + 1)
        guard position < text.count, text[position] == "}" else { return nil }
        return position + 1
    }

    /// Returns the end of a match of `(?<![a-zA-Z]),?\s*(and|or)(?![a-zA-Z])` at `index`, or nil.
    private static func conjunction(_ text: Scalars, at index: Int, _ spaces: Spaces) -> Int? {
        if index > 0 && ScalarText.isASCIILetter(text[index - 1]) { return nil }
        var position = index
        if position < text.count && text[position] == "," { position += 1 }
        position = spaces.skip(position)
        for word in ["and", "or"] where ScalarText.matches(text, word, at: position) {
            let end = position + word.count
            if end < text.count && ScalarText.isASCIILetter(text[end]) { continue }
            return end
        }
        return nil
    }

    /// Returns the end of a match of `,?\s*\\text{\s*(and|or)\s*}` at `index`, or nil.
    private static func textConjunction(_ text: Scalars, at index: Int, _ spaces: Spaces) -> Int? {
        var position = index
        if position < text.count && text[position] == "," { position += 1 }
        position = spaces.skip(position)
        guard ScalarText.matches(text, "\\text{", at: position) else { return nil }
        position = spaces.skip(position + 6)
        for word in ["and", "or"] where ScalarText.matches(text, word, at: position) {
            let end = spaces.skip(position + word.count)
            if end < text.count && text[end] == "}" { return end + 1 }
        }
        return nil
    }

    /// Returns the end of a match of `,?\\ldots` at `index`, or nil.
    private static func ellipsis(_ text: Scalars, at index: Int) -> Int? {
        var position = index
        if position < text.count && text[position] == "," { position += 1 }
        return ScalarText.matches(text, "\\ldots", at: position) ? position + 6 : nil
    }

    /// Returns the end of a match of `\s*\bword\b` at `index`, or nil.
    private static func spacedWord(_ text: Scalars, _ word: String, at index: Int, _ spaces: Spaces) -> Int? {
        let position = spaces.skip(index)
        guard ScalarText.matches(text, word, at: position), ScalarText.isWordBoundary(text, at: position) else { return nil }
        let end = position + word.unicodeScalars.count
        return ScalarText.isWordBoundary(text, at: end) ? end : nil
    }
}
