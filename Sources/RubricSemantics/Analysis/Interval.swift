/// A closed interval of real numbers, unbounded on a side whose bound is infinite, and empty
/// when `lower > upper`. The range analysis computes one per number with interval
/// arithmetic: every operation returns an interval containing every result the operation
/// can produce from operands in its operand intervals.
public struct Interval: Sendable, Hashable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double

    /// The interval from `lower` to `upper` (empty when `lower > upper`).
    public init(_ lower: Double, _ upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Every real number.
    public static let everything = Interval(-.infinity, .infinity)
    /// No number at all: the value of an expression that always fails.
    public static let empty = Interval(.infinity, -.infinity)
    /// What a bool counts as in a score: 0 or 1.
    public static let unit = Interval(0, 1)
    /// Zero or more, unbounded above: counts and lengths.
    public static let nonNegative = Interval(0, .infinity)

    /// The interval holding exactly `value`.
    public static func point(_ value: Double) -> Interval { Interval(value, value) }

    public var isEmpty: Bool { lower > upper }
    /// True when both bounds are finite (an empty interval counts as bounded).
    public var isBounded: Bool { isEmpty || (lower.isFinite && upper.isFinite) }
    /// The single value of a one-point interval.
    public var pointValue: Double? { lower == upper ? lower : nil }

    /// True when every value of `other` lies in this interval.
    public func contains(_ other: Interval) -> Bool {
        other.isEmpty || (lower <= other.lower && other.upper <= upper)
    }

    /// True when `value` lies in the interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The smallest interval holding both.
    public func hull(_ other: Interval) -> Interval {
        if isEmpty { return other }
        if other.isEmpty { return self }
        return Interval(Swift.min(lower, other.lower), Swift.max(upper, other.upper))
    }

    /// The values in both.
    public func intersection(_ other: Interval) -> Interval {
        let result = Interval(Swift.max(lower, other.lower), Swift.min(upper, other.upper))
        return result.isEmpty ? .empty : result
    }

    public var description: String {
        if isEmpty { return "[]" }
        return "[\(Interval.format(lower)), \(Interval.format(upper))]"
    }

    /// A bound as people write it: integers without a fraction, infinities as -inf and inf.
    public static func format(_ value: Double) -> String {
        if value == .infinity { return "inf" }
        if value == -.infinity { return "-inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    // MARK: - Arithmetic

    /// The negated values.
    public static prefix func - (operand: Interval) -> Interval {
        operand.isEmpty ? .empty : Interval(-operand.upper, -operand.lower)
    }

    /// Every sum of a value of each.
    public static func + (lhs: Interval, rhs: Interval) -> Interval {
        if lhs.isEmpty || rhs.isEmpty { return .empty }
        return Interval(lhs.lower + rhs.lower, lhs.upper + rhs.upper)
    }

    /// Every difference of a value of each.
    public static func - (lhs: Interval, rhs: Interval) -> Interval { lhs + -rhs }

    /// Every product of a value of each.
    public static func * (lhs: Interval, rhs: Interval) -> Interval {
        if lhs.isEmpty || rhs.isEmpty { return .empty }
        return corners(lhs, rhs) { a, b in
            // 0 times infinity: the zero side is exactly zero, so the product is too.
            a == 0 || b == 0 ? 0 : a * b
        }
    }

    /// The quotient, or everything when the divisor may be zero (near zero it is unbounded;
    /// at zero the division fails, which the interval may include harmlessly).
    public static func / (lhs: Interval, rhs: Interval) -> Interval {
        if lhs.isEmpty || rhs.isEmpty { return .empty }
        if rhs.lower == 0 && rhs.upper == 0 { return .empty }
        if lhs.lower == 0 && lhs.upper == 0 { return .point(0) }
        if rhs.contains(0) { return .everything }
        return lhs * Interval(1 / rhs.upper, 1 / rhs.lower)
    }

    /// The interval of `f(a, b)` for a function monotone in each argument on the boxes given:
    /// the hull of its values at the four corners.
    static func corners(_ a: Interval, _ b: Interval, _ f: (Double, Double) -> Double) -> Interval {
        let values = [f(a.lower, b.lower), f(a.lower, b.upper), f(a.upper, b.lower), f(a.upper, b.upper)]
        return Interval(values.min()!, values.max()!)
    }

    /// The image under a nondecreasing function.
    public func mapMonotone(_ f: (Double) -> Double) -> Interval {
        isEmpty ? .empty : Interval(f(lower), f(upper))
    }

    /// `|x|` for x in the interval.
    public var magnitude: Interval {
        if isEmpty { return .empty }
        if lower >= 0 { return self }
        if upper <= 0 { return -self }
        return Interval(0, Swift.max(-lower, upper))
    }

    /// Python's `a % b`: the result has the sign of the divisor and is smaller in magnitude.
    public static func % (lhs: Interval, rhs: Interval) -> Interval {
        if lhs.isEmpty || rhs.isEmpty { return .empty }
        if rhs.lower > 0 {
            if lhs.lower >= 0 { return Interval(0, Swift.min(lhs.upper, rhs.upper)) }
            return Interval(0, rhs.upper)
        }
        if rhs.upper < 0 {
            if lhs.upper <= 0 { return Interval(Swift.max(lhs.lower, rhs.lower), 0) }
            return Interval(rhs.lower, 0)
        }
        return Interval(Swift.min(rhs.lower, 0), Swift.max(rhs.upper, 0))
    }

    /// Rounds the bounds outward to integers.
    public var integralHull: Interval {
        isEmpty ? .empty : Interval(lower.rounded(.down), upper.rounded(.up))
    }
}
