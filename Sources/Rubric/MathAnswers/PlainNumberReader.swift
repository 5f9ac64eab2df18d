/// A fast reader for the answers most datasets use, giving exactly the `ParsedAnswer` that
/// `MathAnswerReader` gives (value and normalized text), without its clean-up and parsing
/// passes. It reads the whole answer as one of these ASCII forms, with no spaces:
///
/// - an integer `-?d+`, a decimal `-?d+.d+` (`0.5` is read as `\frac{1}{2}`, as math-verify's
///   nits rule rewrites it) or a number with thousands separators `-?d{1,3}(,ddd)+`;
/// - a fraction `-?\frac{d+}{d+}` (also `\dfrac`, `\tfrac`, `\cfrac`, normalized to
///   `\frac`) or a slash fraction `a/b` of two integers without leading zeros, read as
///   `\frac{a}{b}`; the denominator is not zero;
/// - a root `\sqrt{d+}`, `\sqrt d` (one digit) or `d+\sqrt{d+}`, normalized to braces.
///
/// Every digit run has at most `maxDigits` digits, so each number is an exact `Int`. Any
/// other text gets nil and goes through the full reader. `PlainNumberReaderTests` checks
/// the readings against the full reader on many generated answers, near misses included.
enum PlainNumberReader {
    /// The longest digit run read: well inside 64 bits, and inside the exact range of the
    /// decimal conversion.
    static let maxDigits = 15

    /// The reading of `text` as the full reader gives it for a gold or a predicted answer
    /// (both read these forms alike), or nil when the text is not one of the forms above.
    static func read(_ text: String) -> ParsedAnswer? {
        guard text.utf8.count <= 64 else { return nil }
        return withUTF8Bytes(of: text) { bytes, count -> ParsedAnswer? in
            var scanner = ByteScanner(bytes: bytes, count: count)
            let negative = scanner.take(UInt8(ascii: "-"))
            if scanner.peek == UInt8(ascii: "\\") {
                return negative ? scanner.readSignedFraction(negative: true) : scanner.readCommand()
            }
            guard let lead = scanner.digits() else { return nil }
            if scanner.atEnd { return integer(lead, negative: negative, text: text) }
            switch scanner.peek {
            case UInt8(ascii: "."): return scanner.readDecimal(lead, text: text)
            case UInt8(ascii: ","): return scanner.readThousands(lead, negative: negative, text: text)
            case UInt8(ascii: "/"): return negative ? nil : scanner.readSlash(lead)
            case UInt8(ascii: "\\"): return negative ? nil : scanner.readRoot(coefficient: lead)
            default: return nil
            }
        }
    }

    /// An integer answer: its value, and the text itself.
    private static func integer(_ digits: Digits, negative: Bool, text: String) -> ParsedAnswer {
        ParsedAnswer(value: .integer(negative ? -digits.value : digits.value), text: text)
    }

    /// A run of ASCII digits: its value and where it lies in the answer.
    struct Digits {
        var value: Int
        var range: Range<Int>
    }

    /// A cursor over the bytes of one answer.
    struct ByteScanner {
        let bytes: UnsafePointer<UInt8>
        let count: Int
        var position = 0

        init(bytes: UnsafePointer<UInt8>, count: Int) {
            self.bytes = bytes
            self.count = count
        }

        var atEnd: Bool { position == count }
        var peek: UInt8? { position < count ? bytes[position] : nil }

        /// Consumes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// Consumes `literal` if it is next.
        mutating func take(_ literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard position + length <= count else { return false }
            for offset in 0..<length where bytes[position + offset] != literal.utf8Start[offset] { return false }
            position += length
            return true
        }

        /// Consumes a run of 1 to `maxDigits` ASCII digits; nil (consuming nothing) when there
        /// is none or it is longer.
        mutating func digits() -> Digits? {
            let start = position
            var value = 0
            var end = position
            while end < count, bytes[end] &- UInt8(ascii: "0") < 10 {
                guard end - start < PlainNumberReader.maxDigits else { return nil }
                value = value * 10 + Int(bytes[end] &- UInt8(ascii: "0"))
                end += 1
            }
            guard end > start else { return nil }
            position = end
            return Digits(value: value, range: start..<end)
        }

        /// Consumes `{digits}`.
        mutating func bracedDigits() -> Digits? {
            guard take(UInt8(ascii: "{")), let digits = digits(), take(UInt8(ascii: "}")) else { return nil }
            return digits
        }

        /// The answer's text between two offsets.
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count), as: UTF8.self)
        }

        /// `.d+` after the integer part `lead` (and its sign, part of `text`); `0.5` is
        /// `\frac{1}{2}`.
        mutating func readDecimal(_ lead: Digits, text: String) -> ParsedAnswer? {
            position += 1
            guard digits() != nil, atEnd else { return nil }
            if text == "0.5" { return ParsedAnswer(value: .number(.rational(1, 2), .rational, literal: nil), text: "\\frac{1}{2}") }
            return ParsedAnswer(value: .number(DecimalValue.exact(text), .float, literal: nil), text: text)
        }

        /// `,ddd` groups after a leading group `lead` of one to three digits not starting with 0.
        mutating func readThousands(_ lead: Digits, negative: Bool, text: String) -> ParsedAnswer? {
            guard lead.range.count <= 3, bytes[lead.range.lowerBound] != UInt8(ascii: "0") else { return nil }
            var value = lead.value
            var totalDigits = lead.range.count
            while take(UInt8(ascii: ",")) {
                guard let group = digits(), group.range.count == 3 else { return nil }
                totalDigits += 3
                guard totalDigits <= PlainNumberReader.maxDigits else { return nil }
                value = value * 1000 + group.value
            }
            guard atEnd else { return nil }
            return ParsedAnswer(value: .integer(negative ? -value : value), text: text)
        }

        /// `a/b` of two integers without leading zeros (but `0/b`), b not zero.
        mutating func readSlash(_ top: Digits) -> ParsedAnswer? {
            position += 1
            guard let bottom = digits(), atEnd, isCanonical(top), isCanonical(bottom), bottom.value != 0 else { return nil }
            return fraction(top, bottom, negative: false)
        }

        /// `0`, or digits without a leading zero.
        func isCanonical(_ digits: Digits) -> Bool {
            bytes[digits.range.lowerBound] != UInt8(ascii: "0") || digits.range.count == 1
        }

        /// `\frac{a}{b}` (or `\dfrac`, `\tfrac`, `\cfrac`) after a minus sign.
        mutating func readSignedFraction(negative: Bool) -> ParsedAnswer? {
            guard take("\\"), take("frac") || take("dfrac") || take("tfrac") || take("cfrac") else { return nil }
            return readFractionArguments(negative: negative)
        }

        /// An answer that starts with a command: a fraction or a root.
        mutating func readCommand() -> ParsedAnswer? {
            if position + 1 < count, bytes[position + 1] == UInt8(ascii: "s") { return readRoot(coefficient: nil) }
            return readSignedFraction(negative: false)
        }

        /// The `{a}{b}` of a fraction command, up to the end of the answer.
        mutating func readFractionArguments(negative: Bool) -> ParsedAnswer? {
            guard let top = bracedDigits(), let bottom = bracedDigits(), atEnd, bottom.value != 0 else { return nil }
            return fraction(top, bottom, negative: negative)
        }

        /// The fraction `top/bottom` with the text `\frac{top}{bottom}`, negated after a minus.
        func fraction(_ top: Digits, _ bottom: Digits, negative: Bool) -> ParsedAnswer {
            var value = MathNodeBuilder.fraction(.integer(top.value), .integer(bottom.value))
            if negative { value = MathNodeBuilder.negate(value) }
            let text = (negative ? "-" : "") + "\\frac{" + text(top.range) + "}{" + text(bottom.range) + "}"
            return ParsedAnswer(value: value, text: text)
        }

        /// `\sqrt{d+}` or `\sqrt d` (one digit, ending the answer), after an optional integer
        /// coefficient.
        mutating func readRoot(coefficient: Digits?) -> ParsedAnswer? {
            guard take("\\sqrt") else { return nil }
            let radicand: Digits
            if peek == UInt8(ascii: "{") {
                guard let braced = bracedDigits() else { return nil }
                radicand = braced
            } else {
                guard position + 1 == count, let digit = digits() else { return nil }
                radicand = digit
            }
            guard atEnd else { return nil }
            let root = MathNodeBuilder.root(.integer(radicand.value), index: nil)
            guard let coefficient else { return ParsedAnswer(value: root, text: "\\sqrt{" + text(radicand.range) + "}") }
            return ParsedAnswer(value: MathNodeBuilder.multiply(.integer(coefficient.value), root),
                                text: text(coefficient.range) + "\\sqrt{" + text(radicand.range) + "}")
        }
    }
}
