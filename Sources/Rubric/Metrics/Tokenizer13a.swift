/// The `13a` tokeniser of mteval-v13a.pl as sacrebleu 2.x implements it
/// (`sacrebleu.tokenizers.tokenizer_13a.Tokenizer13a`, copied unchanged into Hugging Face
/// `evaluate`'s `tokenizer_13a.py`): a few literal replacements, then four regular
/// expressions applied one after the other to the line padded with a space on each side, then
/// a split at Python whitespace. The expressions have fixed-width matches, so each is applied
/// here as the left-to-right scan `re.sub` performs: at each position either a match is
/// rewritten and skipped, or one code point is copied.
enum Tokenizer13a {
    /// A tokenised line: the rewritten code points and the range of each token in them.
    struct Tokens {
        var text: [UInt32]
        var ranges: [Range<Int>]
    }

    /// Returns the tokens of `line`. With `stripTrailingWhitespace` the line is first
    /// right-stripped as sacrebleu's BLEU does before tokenising (`sent.rstrip()`); evaluate's
    /// "bleu" metric calls the tokeniser on the raw line, so it passes false.
    static func tokenize(_ line: String, stripTrailingWhitespace: Bool) -> Tokens {
        var text = MetricText.scalars(line)
        if stripTrailingWhitespace {
            text.removeSubrange(MetricText.lengthWithoutTrailingWhitespace(text)...)
        }
        // The language-independent part, in sacrebleu's order.
        text = MetricText.replaceAll(text, skipped, with: [])
        text = MetricText.replaceAll(text, hyphenNewline, with: [])
        text = MetricText.replaceAll(text, newline, with: space)
        if text.contains(ampersand) {
            for (entity, replacement) in entities {
                text = MetricText.replaceAll(text, entity, with: replacement)
            }
        }
        var padded: [UInt32] = [space0]
        padded.reserveCapacity(text.count + 2)
        padded.append(contentsOf: text)
        padded.append(space0)
        let rewritten = splitDashAfterDigit(splitPeriodCommaBeforeNonDigit(
            splitPeriodCommaAfterNonDigit(isolateSymbols(padded))))
        return Tokens(text: rewritten, ranges: MetricText.splitWhitespace(rewritten))
    }

    private static let skipped = MetricText.ascii("<skipped>")
    private static let hyphenNewline = MetricText.ascii("-\n")
    private static let newline = MetricText.ascii("\n")
    private static let space = MetricText.ascii(" ")
    private static let space0: UInt32 = 0x20
    private static let ampersand: UInt32 = 0x26
    private static let entities: [([UInt32], [UInt32])] = [
        (MetricText.ascii("&quot;"), MetricText.ascii("\"")),
        (MetricText.ascii("&amp;"), MetricText.ascii("&")),
        (MetricText.ascii("&lt;"), MetricText.ascii("<")),
        (MetricText.ascii("&gt;"), MetricText.ascii(">")),
    ]

    /// Returns true for an ASCII digit, the class `[0-9]`.
    @inline(__always)
    private static func isDigit(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

    /// Returns true for a period or a comma, the class `[\.,]`.
    @inline(__always)
    private static func isPeriodOrComma(_ value: UInt32) -> Bool { value == 0x2E || value == 0x2C }

    /// Returns true for the symbols of the class ``[\{-\~\[-\` -\&\(-\+\:-\@\/]``: space to `&`,
    /// `(` to `+`, `/`, `:` to `@`, `[` to the backquote, and `{` to `~`.
    @inline(__always)
    private static func isSymbol(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x26, 0x28...0x2B, 0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// Applies ``re.sub(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])', r' \1 ', line)``, which surrounds each
    /// ASCII symbol with spaces.
    private static func isolateSymbols(_ text: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.count + text.count / 4)
        for value in text {
            if isSymbol(value) {
                result.append(space0); result.append(value); result.append(space0)
            } else {
                result.append(value)
            }
        }
        return result
    }

    /// Applies `re.sub(r'([^0-9])([\.,])', r'\1 \2 ', line)`, which separates a period or comma
    /// from a preceding character that is not a digit.
    private static func splitPeriodCommaAfterNonDigit(_ text: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.count + text.count / 8)
        var index = 0
        while index < text.count {
            if index + 1 < text.count, !isDigit(text[index]), isPeriodOrComma(text[index + 1]) {
                result.append(text[index]); result.append(space0)
                result.append(text[index + 1]); result.append(space0)
                index += 2
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }

    /// Applies `re.sub(r'([\.,])([^0-9])', r' \1 \2', line)`, which separates a period or comma
    /// from a following character that is not a digit.
    private static func splitPeriodCommaBeforeNonDigit(_ text: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.count + text.count / 8)
        var index = 0
        while index < text.count {
            if index + 1 < text.count, isPeriodOrComma(text[index]), !isDigit(text[index + 1]) {
                result.append(space0); result.append(text[index])
                result.append(space0); result.append(text[index + 1])
                index += 2
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }

    /// Applies `re.sub(r'([0-9])(-)', r'\1 \2 ', line)`, which separates a dash from a
    /// preceding digit.
    private static func splitDashAfterDigit(_ text: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.count + text.count / 8)
        var index = 0
        while index < text.count {
            if index + 1 < text.count, isDigit(text[index]), text[index + 1] == 0x2D {
                result.append(text[index]); result.append(space0)
                result.append(0x2D); result.append(space0)
                index += 2
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }
}
