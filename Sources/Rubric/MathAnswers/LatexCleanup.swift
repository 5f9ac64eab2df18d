/// The LaTeX clean-up math-verify (latex2sympy2_extended's `normalize_latex`, with units,
/// malformed operators and nits enabled) applies to an answer before parsing it. Each rule is
/// a method below, applied in the order listed in `normalize`; they are ported faithfully,
/// quirks included, because the differential test holds this code to math-verify's results.
enum LatexCleanup {
    /// Runs every rule on `text`: boxes, basic LaTeX, units, nits, malformed operators, and a
    /// final strip of surrounding whitespace.
    static func normalize(_ text: Scalars, boxed: BoxedContent.Mode) -> Scalars {
        var value = BoxedContent.extract(text, mode: boxed)
        value = basicLatex(value)
        value = UnitStripping.strip(value)
        value = nits(value)
        value = MalformedOperators.fix(value)
        return ScalarText.trimmed(value)
    }

    /// Basic LaTeX: `\mathrm{T}`/`\mathrm{d}`/`{\rm d}` become letters, `\left`/`\right` are
    /// dropped before a delimiter, `(n)_{k}` becomes `\frac{(n)!}{((n)-(k))!}`, `$`, `\!`,
    /// `\displaystyle`, quotes, `\mathrm{th}` and empty `\text{}` are removed, the
    /// replacements of `TokenReplacements` are made, newlines and tabs become spaces, and a
    /// doubled backslash before a letter is halved (unless the text has a matrix).
    static func basicLatex(_ text: Scalars) -> Scalars {
        var value = ScalarText.replacingAll(text, "\\mathrm{T}", "T")
        value = ScalarText.replacingAll(value, "\\mathrm{d}", "d")
        value = ScalarText.replacingAll(value, "{\\rm d}", "d")
        value = ScalarText.replacingAll(value, "\\left[\\begin{matrix}", "\\begin{bmatrix}")
        value = ScalarText.replacingAll(value, "\\end{matrix}\\right]", "\\end{bmatrix}")
        value = dropSizing(value, command: "left", delimiters: leftDelimiters)
        value = dropSizing(value, command: "right", delimiters: rightDelimiters)
        value = fallingFactorials(value)
        value = removeNoise(value)
        value = TokenReplacements.apply(value)
        value = value.map { $0 == "\n" || $0 == "\t" ? " " : $0 }
        if ScalarText.firstIndex(of: ScalarText.scalars("matrix"), in: value) == nil {
            value = halveCommandBackslashes(value)
        }
        return value
    }

    /// The delimiters `\left` may precede (math-verify's list).
    static let leftDelimiters = ["\\{", "{", "\\|", "|", "[", "(", "\\rbracl", "\\lgroup", "\\lbrace", "\\lbrack",
                                 "\\vert", "\\lvert", "\\lceil", "\\lfloor", "\\langle", "\\llcorner", "\\ulcorner"]
        .map(ScalarText.scalars)
    /// The delimiters `\right` may precede.
    static let rightDelimiters = ["\\}", "}", "\\|", "|", "]", ")", "\\rbrack", "\\rgroup", "\\rbrace", "\\vert",
                                  "\\rvert", "\\rceil", "\\rfloor", "\\rangle", "\\lrcorner", "\\urcorner"]
        .map(ScalarText.scalars)

    /// Replaces `\left(` (or `\mleft(`) by `(`, for each delimiter in the list, first match wins.
    static func dropSizing(_ text: Scalars, command: String, delimiters: [Scalars]) -> Scalars {
        let plain = ScalarText.scalars("\\" + command), prefixed = ScalarText.scalars("\\m" + command)
        var output = Scalars()
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == "\\" {
                let start: Int? = ScalarText.matches(text, plain, at: index) ? index + plain.count
                    : ScalarText.matches(text, prefixed, at: index) ? index + prefixed.count : nil
                if let start, let delimiter = delimiters.first(where: { ScalarText.matches(text, $0, at: start) }) {
                    output.append(contentsOf: delimiter)
                    index = start + delimiter.count
                    continue
                }
            }
            output.append(text[index])
            index += 1
        }
        return output
    }

    /// Rewrites the falling factorial `(n)_{k}` (operands made of letters, digits, spaces,
    /// backslashes and `+ - * /`) as `\frac{(n)!}{((n)-(k))!}`.
    static func fallingFactorials(_ text: Scalars) -> Scalars {
        guard ScalarText.firstIndex(of: ScalarText.scalars(")_{"), in: text) != nil else { return text }
        /// Returns true for the characters the operands may contain.
        func isOperand(_ scalar: Unicode.Scalar) -> Bool {
            ScalarText.isASCIILetter(scalar) || ScalarText.isASCIIDigit(scalar) || "+-*/\\ ".unicodeScalars.contains(scalar)
        }
        var output = Scalars()
        var index = 0
        while index < text.count {
            if text[index] == "(" {
                var end = index + 1
                while end < text.count && isOperand(text[end]) { end += 1 }
                if end > index + 1 && ScalarText.matches(text, ")_{", at: end) {
                    var close = end + 3
                    while close < text.count && isOperand(text[close]) { close += 1 }
                    if close > end + 3 && close < text.count && text[close] == "}" {
                        let n = ScalarText.string(text[(index + 1)..<end]), k = ScalarText.string(text[(end + 3)..<close])
                        output.append(contentsOf: ScalarText.scalars("\\frac{(\(n))!}{((\(n))-(\(k)))!}"))
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

    /// Removes `\mathrm{th}`, `\!` with the spaces after it, `\text{ }` with nothing in it,
    /// `\$`, `$`, quotes not preceded by a backslash, and `\displaystyle`.
    static func removeNoise(_ text: Scalars) -> Scalars {
        var output = Scalars()
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let scalar = text[index]
            if scalar == "\\" {
                if ScalarText.matches(text, "\\mathrm{th}", at: index) { index += 11; continue }
                if ScalarText.matches(text, "\\!", at: index) { index = ScalarText.skipSpaces(text, from: index + 2); continue }
                if ScalarText.matches(text, "\\text", at: index) {
                    var position = ScalarText.skipSpaces(text, from: index + 5)
                    if position < text.count && text[position] == "{" {
                        position = ScalarText.skipSpaces(text, from: position + 1)
                        if position < text.count && text[position] == "}" { index = position + 1; continue }
                    }
                }
                if ScalarText.matches(text, "\\$", at: index) { index += 2; continue }
                if ScalarText.matches(text, "\\displaystyle", at: index) { index += 13; continue }
            } else if scalar == "$" {
                index += 1
                continue
            } else if (scalar == "\"" || scalar == "'") && !(index > 0 && text[index - 1] == "\\") {
                index += 1
                continue
            }
            output.append(scalar)
            index += 1
        }
        return output
    }

    /// Nits: a leading `.` gets a `0`, and the whole answer `0.5` becomes `\frac{1}{2}`.
    static func nits(_ text: Scalars) -> Scalars {
        var value = text
        if value.first == "." { value.insert("0", at: 0) }
        if value == ScalarText.scalars("0.5") { value = ScalarText.scalars("\\frac{1}{2}") }
        return value
    }

    /// Halves `\\` before an ASCII letter, so `\\frac` reads as `\frac`.
    static func halveCommandBackslashes(_ text: Scalars) -> Scalars {
        var output = Scalars()
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == "\\" && index + 2 < text.count && text[index + 1] == "\\"
                && ScalarText.isASCIILetter(text[index + 2]) {
                output.append("\\")
                index += 2
                continue
            }
            output.append(text[index])
            index += 1
        }
        return output
    }
}
