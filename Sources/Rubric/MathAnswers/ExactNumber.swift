import Foundation

/// A real number for math answer comparison: an exact fraction of 64-bit integers while the
/// arithmetic fits, and a double approximation once it does not (or once an irrational value
/// such as π or √2 is involved). Every operation is constant time, so no input can make
/// arithmetic hang or allocate: `10^{10^{10}}` simply becomes an infinite approximation,
/// which comparisons treat as unknown.
enum ExactNumber: Hashable, Sendable {
    /// numerator / denominator in lowest terms with a positive denominator.
    case rational(Int, Int)
    /// An approximation; may be infinite or NaN.
    case approximate(Double)

    /// Exact zero.
    static let zero = ExactNumber.rational(0, 1)
    /// Exact one.
    static let one = ExactNumber.rational(1, 1)

    /// Makes a fraction in lowest terms, or nil when the denominator is zero.
    static func fraction(_ numerator: Int, _ denominator: Int) -> ExactNumber? {
        if denominator == 0 { return nil }
        if numerator == Int.min || denominator == Int.min {
            return .approximate(Double(numerator) / Double(denominator))
        }
        let divisor = greatestCommonDivisor(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        return .rational(sign * numerator / divisor, sign * denominator / divisor)
    }

    /// Returns the greatest common divisor of two non-negative integers (1 for 0 and 0).
    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    /// The value as a double.
    var doubleValue: Double {
        switch self {
        case .rational(let numerator, let denominator): Double(numerator) / Double(denominator)
        case .approximate(let value): value
        }
    }

    /// True when the value is an exact integer.
    var isExactInteger: Bool {
        if case .rational(_, 1) = self { return true }
        return false
    }

    /// True when the value is exact (a fraction, not an approximation).
    var isExact: Bool {
        if case .rational = self { return true }
        return false
    }

    /// True when the value is finite (exact values always are).
    var isFinite: Bool { doubleValue.isFinite }

    /// Returns the negated value.
    func negated() -> ExactNumber {
        switch self {
        case .rational(let numerator, let denominator):
            numerator == Int.min ? .approximate(-Double(numerator) / Double(denominator)) : .rational(-numerator, denominator)
        case .approximate(let value): .approximate(-value)
        }
    }

    /// Returns the sum, exact when the fraction arithmetic does not overflow.
    static func + (lhs: ExactNumber, rhs: ExactNumber) -> ExactNumber {
        if case .rational(let a, let b) = lhs, case .rational(let c, let d) = rhs {
            let (ad, o1) = a.multipliedReportingOverflow(by: d)
            let (cb, o2) = c.multipliedReportingOverflow(by: b)
            let (bd, o3) = b.multipliedReportingOverflow(by: d)
            let (sum, o4) = ad.addingReportingOverflow(cb)
            if !(o1 || o2 || o3 || o4), let result = fraction(sum, bd) { return result }
        }
        return .approximate(lhs.doubleValue + rhs.doubleValue)
    }

    /// Returns the difference.
    static func - (lhs: ExactNumber, rhs: ExactNumber) -> ExactNumber {
        lhs + rhs.negated()
    }

    /// Returns the product, exact when the fraction arithmetic does not overflow.
    static func * (lhs: ExactNumber, rhs: ExactNumber) -> ExactNumber {
        if case .rational(let a, let b) = lhs, case .rational(let c, let d) = rhs {
            let g1 = greatestCommonDivisor(abs(a), d), g2 = greatestCommonDivisor(abs(c), b)
            let (top, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
            let (bottom, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
            if !(o1 || o2), let result = fraction(top, bottom) { return result }
        }
        return .approximate(lhs.doubleValue * rhs.doubleValue)
    }

    /// Returns the quotient, or nil for a division by an exact zero.
    static func / (lhs: ExactNumber, rhs: ExactNumber) -> ExactNumber? {
        switch rhs {
        case .rational(0, _): return nil
        case .rational(let c, let d):
            if c == Int.min { return .approximate(lhs.doubleValue / rhs.doubleValue) }
            return lhs * .rational(c < 0 ? -d : d, abs(c))
        case .approximate(let value):
            return .approximate(lhs.doubleValue / value)
        }
    }

    /// Raises an exact value to an exact integer power by repeated squaring (at most 64
    /// squarings), or returns nil when the result does not fit.
    static func integerPower(_ base: Int, _ exponent: Int) -> Int? {
        if exponent < 0 { return nil }
        var result = 1, factor = base, remaining = exponent
        if base == 0 || base == 1 { return exponent == 0 ? 1 : base }
        if base == -1 { return exponent % 2 == 0 ? 1 : -1 }
        if exponent > 64 { return nil }
        while remaining > 0 {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: factor)
                if overflow { return nil }
                result = product
            }
            remaining >>= 1
            if remaining > 0 {
                let (square, overflow) = factor.multipliedReportingOverflow(by: factor)
                if overflow { return nil }
                factor = square
            }
        }
        return result
    }

    /// Returns the exact integer k-th root of a non-negative integer when there is one.
    static func integerRoot(_ value: Int, _ k: Int) -> Int? {
        if value < 0 || k < 1 { return nil }
        if value < 2 || k == 1 { return value }
        let guess = Int((pow(Double(value), 1.0 / Double(k))).rounded())
        for candidate in max(0, guess - 1)...(guess + 1) {
            if let power = integerPower(candidate, k), power == value { return candidate }
        }
        return nil
    }

    /// Raises the value to a power: exact for an exact base and a small integer exponent, and
    /// for exact roots of perfect powers (`8^{1/3} = 2`); an approximation otherwise. Returns
    /// nil for 0 raised to a negative power and for real roots of negative numbers.
    func power(_ exponent: ExactNumber) -> ExactNumber? {
        if case .rational(let a, let b) = self, case .rational(let p, let q) = exponent {
            if a == 0 {
                if p < 0 { return nil }
                return p == 0 ? .one : .zero
            }
            if q == 1 {
                if let top = ExactNumber.integerPower(abs(a), abs(p)), let bottom = ExactNumber.integerPower(b, abs(p)) {
                    let signed = (a < 0 && p % 2 != 0) ? -top : top
                    return p >= 0 ? ExactNumber.fraction(signed, bottom) : ExactNumber.fraction(bottom, signed)
                }
            } else if a > 0, q <= 64, let rootTop = ExactNumber.integerRoot(a, q), let rootBottom = ExactNumber.integerRoot(b, q) {
                if let root = ExactNumber.fraction(rootTop, rootBottom) { return root.power(.rational(p, 1)) }
            }
        }
        let base = doubleValue, power = exponent.doubleValue
        if base < 0 && power != power.rounded() { return nil }
        return .approximate(Foundation.pow(base, power))
    }

    /// Returns true when both values are known to be equal: exact values compare exactly; an
    /// approximation equals another value when they agree to about 12 significant digits
    /// (values within 1e-18 of each other near zero count as equal, absorbing rounding noise
    /// such as sin(π) ≈ 1.2e-16).
    func isClose(to other: ExactNumber) -> Bool {
        if case .rational = self, case .rational = other { return self == other }
        let a = doubleValue, b = other.doubleValue
        guard a.isFinite, b.isFinite else { return false }
        let scale = max(abs(a), abs(b), 1e-4)
        return abs(a - b) <= 1e-12 * scale
    }
}
