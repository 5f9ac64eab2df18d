import Foundation

/// Exact values of decimal literals, and math-verify's reading of numbers written with
/// thousands separators.
enum DecimalValue {
    /// The exact value of a decimal literal such as `12.50`, `.5` or `1.5E-3`: a fraction when
    /// the digits fit in 64 bits, a double otherwise.
    static func exact(_ text: String) -> ExactNumber {
        var mantissa = text
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            mantissa = String(text[..<marker])
            guard let power = Int(text[text.index(after: marker)...]) else { return .approximate(Double(text) ?? .nan) }
            exponent = power
        }
        var negative = false
        if mantissa.hasPrefix("-") { negative = true; mantissa.removeFirst() }
        var digits = mantissa
        if let point = mantissa.firstIndex(of: ".") {
            exponent -= mantissa.distance(from: point, to: mantissa.endIndex) - 1
            digits.remove(at: digits.index(digits.startIndex, offsetBy: mantissa.distance(from: mantissa.startIndex, to: point)))
        }
        while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
        guard digits.count <= 18, let whole = Int(digits), abs(exponent) <= 18 else {
            return .approximate(Double(text) ?? .nan)
        }
        let scale = ExactNumber.integerPower(10, abs(exponent)) ?? 1
        let signed = negative ? -whole : whole
        if exponent >= 0 {
            let (value, overflow) = signed.multipliedReportingOverflow(by: scale)
            return overflow ? .approximate(Double(text) ?? .nan) : .rational(value, 1)
        }
        return ExactNumber.fraction(signed, scale) ?? .approximate(Double(text) ?? .nan)
    }
}

/// latex2sympy's rule for "1,000": an answer that is entirely a number with comma thousands
/// separators (`^\s*-?\d{1,3}(,\d{3})+(\.\d+)?\s*$`) is that number, not a set.
enum ThousandsNumber {
    /// The number, or nil when the text is not of that form.
    static func value(of text: Scalars) -> MathNode? {
        let trimmed = ScalarText.trimmed(text)
        var index = 0
        if index < trimmed.count && trimmed[index] == "-" { index += 1 }
        var leading = 0
        while index < trimmed.count && ScalarText.isASCIIDigit(trimmed[index]) { leading += 1; index += 1 }
        guard (1...3).contains(leading) else { return nil }
        var groups = 0
        while index < trimmed.count && trimmed[index] == "," {
            guard index + 4 <= trimmed.count, trimmed[(index + 1)..<(index + 4)].allSatisfy(ScalarText.isASCIIDigit) else {
                return nil
            }
            if index + 4 < trimmed.count && ScalarText.isASCIIDigit(trimmed[index + 4]) { return nil }
            groups += 1
            index += 4
        }
        guard groups > 0 else { return nil }
        var decimal = false
        if index < trimmed.count {
            guard trimmed[index] == ".", index + 1 < trimmed.count else { return nil }
            index += 1
            while index < trimmed.count {
                guard ScalarText.isASCIIDigit(trimmed[index]) else { return nil }
                index += 1
            }
            decimal = true
        }
        let plain = ScalarText.string(trimmed.filter { $0 != "," })
        if decimal { return .number(DecimalValue.exact(plain), .float, literal: nil) }
        return MathNodeBuilder.number(plain.hasPrefix("-") ? String(plain.dropFirst()) : plain).negatedIf(plain.hasPrefix("-"))
    }
}

extension MathNode {
    /// The node negated when `condition` holds (numbers only), else unchanged.
    func negatedIf(_ condition: Bool) -> MathNode {
        condition ? MathNodeBuilder.negate(self) : self
    }
}
