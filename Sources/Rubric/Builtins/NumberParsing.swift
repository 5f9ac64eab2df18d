/// Parsing of numbers from text, with the syntax Python's `int()` and `float()` accept, and
/// Python-compatible decimal rounding. Used by the `int`, `float` and `round` builtins.
enum NumberParsing {
    /// The outcome of parsing an int: a value, a well-formed number too large for 64 bits, or
    /// text that is not an integer.
    enum IntResult: Equatable {
        case value(Int)
        case overflow
        case invalid
    }

    /// Parses a base-10 integer as Python's `int(text)` does: surrounding whitespace is
    /// ignored, an optional sign may lead, any Unicode decimal digits may be used, and single
    /// underscores may separate digits.
    static func parseInt(_ text: String) -> IntResult {
        let characters = normalized(text)
        var index = 0
        var negative = false
        if index < characters.count, characters[index] == "+" || characters[index] == "-" {
            negative = characters[index] == "-"
            index += 1
        }
        guard let end = digitPart(characters, from: index), end == characters.count else { return .invalid }
        // Accumulate negatively so that the smallest int is representable.
        var total = 0
        var overflow = false
        for character in characters[index..<end] where character != "_" {
            let digit = Int(character.asciiValue! - 48)
            let (shifted, overflowA) = total.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(digit)
            if overflowA || overflowB { overflow = true; break }
            total = next
        }
        if overflow { return .overflow }
        if negative { return .value(total) }
        return total == .min ? .overflow : .value(-total)
    }

    /// Parses a float as Python's `float(text)` does: surrounding whitespace is ignored; an
    /// optional sign; then `inf`, `infinity` or `nan` in any case, or decimal digits with an
    /// optional point and exponent, single underscores between digits allowed. Hexadecimal
    /// floats are not accepted. Returns nil for anything else.
    static func parseFloat(_ text: String) -> Double? {
        let characters = normalized(text)
        var index = 0
        var sign = ""
        if index < characters.count, characters[index] == "+" || characters[index] == "-" {
            sign = characters[index] == "-" ? "-" : ""
            index += 1
        }
        let word = String(characters[index...]).lowercased()
        if word == "inf" || word == "infinity" { return sign == "-" ? -.infinity : .infinity }
        if word == "nan" { return .nan }
        var end = index
        if let digitsEnd = digitPart(characters, from: end) {
            end = digitsEnd
            if end < characters.count, characters[end] == "." {
                end += 1
                if let fractionEnd = digitPart(characters, from: end) { end = fractionEnd }
            }
        } else if end < characters.count, characters[end] == ".", let fractionEnd = digitPart(characters, from: end + 1) {
            end = fractionEnd
        } else {
            return nil
        }
        if end < characters.count, characters[end] == "e" || characters[end] == "E" {
            var exponentStart = end + 1
            if exponentStart < characters.count, characters[exponentStart] == "+" || characters[exponentStart] == "-" {
                exponentStart += 1
            }
            guard let exponentEnd = digitPart(characters, from: exponentStart) else { return nil }
            end = exponentEnd
        }
        guard end == characters.count else { return nil }
        return Double(sign + String(characters[index..<end].filter { $0 != "_" }))
    }

    /// Returns the text with Python whitespace trimmed from both ends and every Unicode decimal
    /// digit replaced by its ASCII digit; other characters are kept (non-ASCII ones as `?`,
    /// which no rule accepts).
    private static func normalized(_ text: String) -> [Character] {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, TextSupport.isWhitespace(first) { scalars.removeFirst() }
        while let last = scalars.last, TextSupport.isWhitespace(last) { scalars.removeLast() }
        var characters: [Character] = []
        characters.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                characters.append(Character(scalar))
            } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                characters.append(Character(Unicode.Scalar(UInt8(48 + Int(value)))))
            } else {
                characters.append("?")
            }
        }
        return characters
    }

    /// Matches `digit { ["_"] digit }` at `start`; returns the end index, or nil when no digit
    /// starts there.
    private static func digitPart(_ characters: [Character], from start: Int) -> Int? {
        guard start < characters.count, characters[start].isASCIIDigit else { return nil }
        var index = start + 1
        while index < characters.count {
            if characters[index].isASCIIDigit {
                index += 1
            } else if characters[index] == "_", index + 1 < characters.count, characters[index + 1].isASCIIDigit {
                index += 2
            } else {
                break
            }
        }
        return index
    }
}

extension Character {
    /// True for the ASCII digits 0-9 only.
    fileprivate var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 48 && ascii <= 57
    }
}

/// Rounding of doubles to a number of decimal places the way Python's `round(x, n)` does it:
/// the exact binary value of x is rounded half to even at the n-th decimal place (so 2.675,
/// stored as 2.67499999..., rounds to 2.67, while 0.125 is an exact tie and rounds to 0.12),
/// and the decimal result is converted back to the nearest double.
enum DecimalRounding {
    /// Rounds `x` to `digits` decimal places (tens, hundreds... when negative). Returns nil when
    /// the result overflows to infinity; NaN, infinities and zeros are returned unchanged.
    static func round(_ x: Double, digits: Int) -> Double? {
        if !x.isFinite || x == 0 { return x }
        // Beyond these bounds the answer is x itself or a zero, whatever x is.
        if digits > 1100 { return x }
        if digits < -400 { return x < 0 ? -0.0 : 0.0 }
        let (decimal, fractionDigits) = exactDecimal(x.magnitude)
        let kept = decimal.count - fractionDigits + digits
        if kept >= decimal.count { return x }
        var result: [UInt8]
        if kept < 0 {
            result = []
        } else {
            result = Array(decimal[..<kept])
            let first = decimal[kept]
            var roundUp = first > 5
            if first == 5 {
                let exactTie = decimal[(kept + 1)...].allSatisfy { $0 == 0 }
                roundUp = !exactTie || (result.last.map { $0 % 2 == 1 } ?? false)
            }
            if roundUp { increment(&result) }
        }
        let text = (result.isEmpty ? "0" : String(decoding: result.map { $0 + 48 }, as: UTF8.self)) + "e\(-digits)"
        guard let magnitude = Double(text), magnitude.isFinite else { return nil }
        return x < 0 ? -magnitude : magnitude
    }

    /// Adds one to a big-endian list of decimal digits, growing it on a carry out of the top.
    private static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }

    /// The exact decimal expansion of a positive finite double: its digits (most significant
    /// first, no leading zeros) and how many of them follow the decimal point. Every double is
    /// m × 2^e, which is the integer m × 5^-e shifted -e decimal places when e is negative.
    static func exactDecimal(_ x: Double) -> (digits: [UInt8], fractionDigits: Int) {
        var significand = x.significandBitPattern
        var exponent: Int
        if x.exponentBitPattern == 0 {
            exponent = -1074
        } else {
            significand |= 1 << 52
            exponent = Int(x.exponentBitPattern) - 1075
        }
        while significand & 1 == 0 {
            significand >>= 1
            exponent += 1
        }
        // Little-endian limbs in base 10^9.
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [significand % base, significand / base % base, significand / base / base]
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var fractionDigits = 0
        if exponent > 0 {
            var remaining = exponent
            while remaining > 0 {
                let step = min(remaining, 28)
                multiply(&limbs, by: 1 << UInt64(step))
                remaining -= step
            }
        } else if exponent < 0 {
            fractionDigits = -exponent
            var remaining = -exponent
            while remaining > 0 {
                let step = min(remaining, 13)
                var factor: UInt64 = 1
                for _ in 0..<step { factor *= 5 }
                multiply(&limbs, by: factor)
                remaining -= step
            }
        }
        var digits: [UInt8] = []
        for (position, limb) in limbs.reversed().enumerated() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var value = limb
            for index in stride(from: 8, through: 0, by: -1) {
                chunk[index] = UInt8(value % 10)
                value /= 10
            }
            digits += position == 0 ? Array(chunk.drop { $0 == 0 }) : chunk
        }
        return (digits, fractionDigits)
    }

    /// Multiplies a base-10^9 number by a factor below 2^31 in place.
    private static func multiply(_ limbs: inout [UInt64], by factor: UInt64) {
        let base: UInt64 = 1_000_000_000
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * factor + carry
            limbs[index] = product % base
            carry = product / base
        }
        while carry > 0 {
            limbs.append(carry % base)
            carry /= base
        }
    }
}
