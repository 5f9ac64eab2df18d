/// Reads an answer string the way math-verify's `parse` reads it in a reward: the gold
/// answer as the LaTeX of `$gold$`, the prediction as the box `\boxed{prediction}`. The
/// result is the parsed value (if any) and the normalized text, which math-verify also keeps
/// and compares as a string.
struct ParsedAnswer: Equatable {
    /// The parsed value, from the LaTeX or, failing that, from a plain number in the text.
    var value: MathNode?
    /// The normalized LaTeX, compared as a string when both sides have one.
    var text: String
}

enum MathAnswerReader {
    /// Reads a gold answer (math-verify: `parse("$" + gold + "$")`). Plain numbers, fractions
    /// and roots take the short way (`PlainNumberReader`), which reads them alike.
    static func readGold(_ gold: String) -> ParsedAnswer? {
        PlainNumberReader.read(gold) ?? readGoldInFull(gold)
    }

    /// Reads a gold answer with every clean-up and parsing pass.
    static func readGoldInFull(_ gold: String) -> ParsedAnswer? {
        let wrapped = ScalarText.scalars("$" + gold + "$")
        guard let content = inlineMathContent(ScalarText.scalars(gold)) else {
            return FallbackNumbers.value(in: wrapped).map { ParsedAnswer(value: $0, text: "") }
        }
        return read(content, boxed: .all, wrapped: wrapped)
    }

    /// Reads a predicted answer (math-verify: `parse("\\boxed{" + prediction + "}")`), plain
    /// answers the short way.
    static func readPrediction(_ prediction: String) -> ParsedAnswer? {
        PlainNumberReader.read(prediction) ?? readPredictionInFull(prediction)
    }

    /// Reads a predicted answer with every clean-up and parsing pass.
    static func readPredictionInFull(_ prediction: String) -> ParsedAnswer? {
        let wrapped = ScalarText.scalars("\\boxed{" + prediction + "}")
        // `\boxed{.+}` needs at least one character inside the braces.
        guard !prediction.isEmpty else { return nil }
        return read(wrapped, boxed: .last, wrapped: wrapped)
    }

    /// Normalizes and parses `latex`; when that fails, falls back to a plain number of the
    /// wrapped text.
    private static func read(_ latex: Scalars, boxed: BoxedContent.Mode, wrapped: Scalars) -> ParsedAnswer {
        let normalized = LatexCleanup.normalize(latex, boxed: boxed)
        let value = parseLatex(normalized) ?? FallbackNumbers.value(in: wrapped)
        return ParsedAnswer(value: value, text: ScalarText.string(normalized))
    }

    /// The content of `$...$` around the gold answer: up to the first `$` not escaped by a
    /// backslash, or nil when it is empty or crosses a newline.
    private static func inlineMathContent(_ gold: Scalars) -> Scalars? {
        var index = 0
        while index < gold.count {
            let scalar = gold[index]
            if scalar == "\n" { return nil }
            if scalar == "\\" && index + 1 < gold.count && gold[index + 1] == "$" { index += 2; continue }
            if scalar == "$" { break }
            index += 1
        }
        if index == 0 { return nil }
        if gold[index - 1] == "\\" && index == gold.count { return nil }
        return Array(gold[..<index])
    }

    /// Tokenizes and parses normalized LaTeX; if that fails and the text has no comma or
    /// semicolon, retries with the part after the last `=` of a chain `a = b = c`.
    static func parseLatex(_ normalized: Scalars) -> MathNode? {
        guard let node = parseLatexOnce(normalized) else { return nil }
        return ComplexMarker.looksComplex(normalized) ? node.renamingSymbols { $0 + ComplexMarker.suffix } : node
    }

    /// Parses like `parseLatex`, without the complex-number marking.
    private static func parseLatexOnce(_ normalized: Scalars) -> MathNode? {
        if let tokens = LatexLexer.tokenize(normalized), let node = MathExpressionParser.parse(tokens, source: normalized) {
            return node
        }
        guard !normalized.contains(","), !normalized.contains(";") else { return nil }
        var parts: [Scalars] = [[]]
        for (index, scalar) in normalized.enumerated() {
            if scalar == "=", index == 0 || !["\\", "<", "!", ">"].contains(normalized[index - 1]) {
                parts.append([])
            } else {
                parts[parts.count - 1].append(scalar)
            }
        }
        guard parts.count > 2, let last = parts.last, let tokens = LatexLexer.tokenize(last) else { return nil }
        return MathExpressionParser.parse(tokens, source: last)
    }
}
