import Foundation

/// SymPy's `Expr.round(p)`, which math-verify uses to compare a float answer with a gold
/// value: the value is taken to 16 significant digits, rounded half-to-even to 15, then
/// rounded half-to-even at the p-th decimal place. Two values are "equal to p places" when
/// these results are the same decimal. Works on decimal digit strings, so the result is
/// exact and independent of binary rounding.
enum SympyRounding {
    /// A rounded decimal: sign, digits without leading zeros, and the power of ten of the
    /// last digit (value = ±digits × 10^exponent).
    struct Decimal: Equatable {
        var negative: Bool
        var digits: [UInt8]
        var exponent: Int
    }

    /// Rounds `value` to `places` decimal places the way SymPy does, or returns nil for a
    /// non-finite value.
    static func round(_ value: ExactNumber, places: Int) -> Decimal? {
        guard value.isFinite else { return nil }
        guard let (negative, initialDigits, initialExponent) = significantDigits(value, count: 20) else {
            return Decimal(negative: false, digits: [], exponent: 0)
        }
        // 16 significant digits, then 15 (both half to even).
        var (digits, exponent) = roundHalfEven(initialDigits, initialExponent, keep: 16)
        (digits, exponent) = roundHalfEven(digits, exponent, keep: 15)
        // Round at the requested decimal place: keep digits whose power is >= -places.
        let lastPower = exponent
        if lastPower < -places {
            let keep = digits.count - (-places - lastPower)
            if keep < 0 {
                digits = []
                exponent = -places
            } else {
                (digits, exponent) = roundHalfEven(digits, exponent, keep: keep)
            }
        }
        // Canonical form: strip trailing zeros and leading zeros.
        while let last = digits.last, last == 0, !digits.isEmpty { digits.removeLast(); exponent += 1 }
        while let first = digits.first, first == 0 { digits.removeFirst() }
        if digits.isEmpty { return Decimal(negative: false, digits: [], exponent: 0) }
        return Decimal(negative: negative, digits: digits, exponent: exponent)
    }

    /// Keeps the first `keep` digits, rounding half to even; returns the digits and the
    /// power of ten of the last one.
    static func roundHalfEven(_ digits: [UInt8], _ exponent: Int, keep: Int) -> ([UInt8], Int) {
        guard keep < digits.count else { return (digits, exponent) }
        if keep < 0 { return ([], exponent + digits.count - keep) }
        var kept = Array(digits[..<keep])
        let dropped = digits[keep...]
        let newExponent = exponent + (digits.count - keep)
        let first = dropped.first ?? 0
        let restNonZero = dropped.dropFirst().contains { $0 != 0 }
        let lastKept = kept.last ?? 0
        let roundUp = first > 5 || (first == 5 && (restNonZero || lastKept % 2 == 1))
        if roundUp {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 { kept[index] = 0; index -= 1 } else { kept[index] += 1; break }
            }
            if index < 0 { kept.insert(1, at: 0) }
        }
        return (kept, newExponent)
    }

    /// The first `count` significant digits of the value (plus a sticky digit 1 when the
    /// expansion goes on), its sign, and the power of ten of the last digit; nil for zero.
    static func significantDigits(_ value: ExactNumber, count: Int) -> (Bool, [UInt8], Int)? {
        switch value {
        case .rational(let numerator, let denominator):
            if numerator == 0 { return nil }
            return rationalDigits(numerator.magnitude, UInt(denominator), negative: numerator < 0, count: count)
        case .approximate(let double):
            if double == 0 { return nil }
            // printf's %e is correctly rounded from the exact binary value.
            let text = String(format: "%.24e", abs(double))
            guard let marker = text.firstIndex(of: "e"), let power = Int(text[text.index(after: marker)...]) else { return nil }
            let digits = text[..<marker].compactMap { $0.wholeNumberValue.map(UInt8.init) }
            return (double < 0, digits, power - (digits.count - 1))
        }
    }

    /// Long division of p/q into significant digits, with a final sticky digit.
    private static func rationalDigits(_ p: UInt, _ q: UInt, negative: Bool, count: Int) -> (Bool, [UInt8], Int) {
        var integerPart = p / q
        var remainder = p % q
        var digits: [UInt8] = []
        var exponent = 0
        if integerPart > 0 {
            var reversed: [UInt8] = []
            while integerPart > 0 { reversed.append(UInt8(integerPart % 10)); integerPart /= 10 }
            digits = reversed.reversed()
        }
        // Fractional digits: multiply the remainder by ten without overflow.
        while digits.count < count + 1 && remainder != 0 {
            let (scaled, overflow) = remainder.multipliedReportingOverflow(by: 10)
            let digit: UInt
            if overflow {
                // remainder < q <= Int.max, so 10 * remainder fits in 128 bits; divide in two steps.
                let high = remainder.multipliedFullWidth(by: 10)
                let (quotient, rest) = q.dividingFullWidth((high.high, high.low))
                digit = quotient
                remainder = rest
            } else {
                digit = scaled / q
                remainder = scaled % q
            }
            if !digits.isEmpty || digit != 0 { digits.append(UInt8(digit)) }
            exponent -= 1
        }
        if remainder != 0 { digits.append(1); exponent -= 1 }
        return (negative, digits, exponent)
    }
}
