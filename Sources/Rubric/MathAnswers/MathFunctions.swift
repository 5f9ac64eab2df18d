import Foundation

/// The functions an answer may apply (trigonometric, logarithms, roots, absolute value,
/// floor and ceiling, factorial, binomial, gcd/lcm, max/min, mod), evaluated exactly where
/// the result is rational (`\log_2 8 = 3`, `5! = 120`) and in doubles otherwise. Factorials
/// are exact up to 20!, approximate up to 170! and unknown beyond, so `99999!` costs
/// nothing.
enum MathFunctions {
    /// Applies `name` to the arguments, or returns nil for an unknown function or a value
    /// outside its domain.
    static func apply(_ name: String, _ arguments: [ExactNumber]) -> ExactNumber? {
        let x = arguments.first?.doubleValue ?? .nan
        switch (name, arguments.count) {
        case ("sin", 1): return arguments[0] == .zero ? .zero : .approximate(sin(x))
        case ("cos", 1): return arguments[0] == .zero ? .one : .approximate(cos(x))
        case ("tan", 1): return arguments[0] == .zero ? .zero : .approximate(tan(x))
        case ("csc", 1): return .approximate(1 / sin(x))
        case ("sec", 1): return .approximate(1 / cos(x))
        case ("cot", 1): return .approximate(1 / tan(x))
        case ("asin", 1): return arguments[0] == .zero ? .zero : .approximate(asin(x))
        case ("acos", 1): return arguments[0] == .one ? .zero : .approximate(acos(x))
        case ("atan", 1): return arguments[0] == .zero ? .zero : .approximate(atan(x))
        case ("acsc", 1): return .approximate(asin(1 / x))
        case ("asec", 1): return .approximate(acos(1 / x))
        case ("acot", 1): return .approximate(atan(1 / x))
        case ("sinh", 1): return .approximate(sinh(x))
        case ("cosh", 1): return .approximate(cosh(x))
        case ("tanh", 1): return .approximate(tanh(x))
        case ("asinh", 1): return .approximate(asinh(x))
        case ("acosh", 1): return .approximate(acosh(x))
        case ("atanh", 1): return .approximate(atanh(x))
        case ("exp", 1): return arguments[0] == .zero ? .one : .approximate(exp(x))
        case ("log", 2): return logarithm(arguments[0], base: arguments[1])
        case ("abs", 1): return x < 0 ? arguments[0].negated() : arguments[0]
        case ("floor", 1): return rounded(arguments[0], .down)
        case ("ceiling", 1): return rounded(arguments[0], .up)
        case ("factorial", 1): return factorial(arguments[0])
        case ("binomial", 2): return binomial(arguments[0], arguments[1])
        case ("mod", 2):
            guard case .rational(let a, 1) = arguments[0], case .rational(let b, 1) = arguments[1], b != 0 else {
                let y = arguments[1].doubleValue
                return y == 0 ? nil : .approximate(x - y * (x / y).rounded(.down))
            }
            let remainder = a % b
            return .rational(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder, 1)
        case ("max", _) where !arguments.isEmpty:
            return arguments.max { $0.doubleValue < $1.doubleValue }
        case ("min", _) where !arguments.isEmpty:
            return arguments.min { $0.doubleValue < $1.doubleValue }
        case ("gcd", _) where !arguments.isEmpty, ("lcm", _) where !arguments.isEmpty:
            var result = 0
            for argument in arguments {
                guard case .rational(let value, 1) = argument, value != Int.min else { return nil }
                if name == "gcd" {
                    result = ExactNumber.greatestCommonDivisor(abs(result), abs(value))
                } else {
                    if result == 0 { result = abs(value); continue }
                    let divisor = ExactNumber.greatestCommonDivisor(result, abs(value))
                    let (product, overflow) = (result / divisor).multipliedReportingOverflow(by: abs(value))
                    if overflow { return nil }
                    result = product
                }
            }
            return .rational(result, 1)
        default:
            return nil
        }
    }

    /// `log_base(x)`: exact when x is an integer power of an integer base.
    static func logarithm(_ value: ExactNumber, base: ExactNumber) -> ExactNumber? {
        let x = value.doubleValue, b = base.doubleValue
        guard x > 0, b > 0, b != 1 else { return nil }
        if case .rational(let v, 1) = value, case .rational(let bb, 1) = base, bb > 1 {
            if v == 1 { return .zero }
            var power = bb, exponent = 1
            while power < v && exponent < 64 {
                let (next, overflow) = power.multipliedReportingOverflow(by: bb)
                if overflow { break }
                power = next
                exponent += 1
            }
            if power == v { return .rational(exponent, 1) }
        }
        return .approximate(log(x) / log(b))
    }

    /// Floor or ceiling, exact for exact values.
    static func rounded(_ value: ExactNumber, _ rule: FloatingPointRoundingRule) -> ExactNumber? {
        if case .rational(let p, let q) = value {
            var quotient = p / q
            let remainder = p % q
            if remainder != 0 {
                if rule == .down && p < 0 { quotient -= 1 }
                if rule == .up && p > 0 { quotient += 1 }
            }
            return .rational(quotient, 1)
        }
        let result = value.doubleValue.rounded(rule)
        return result.isFinite ? .approximate(result) : nil
    }

    /// n! for a non-negative integer n, and Γ(x + 1) for a non-integer x (as SymPy
    /// evaluates it), so identities such as `\frac{n!}{(n-1)!} = n` can be sampled.
    static func factorial(_ value: ExactNumber) -> ExactNumber? {
        let x = value.doubleValue
        if x != x.rounded() {
            let result = tgamma(x + 1)
            return result.isFinite ? .approximate(result) : nil
        }
        guard case .rational(let n, 1) = value, n >= 0 else { return nil }
        if n <= 20 {
            var result = 1
            for factor in stride(from: 2, through: n, by: 1) { result *= factor }
            return .rational(result, 1)
        }
        if n <= 170 { return .approximate(tgamma(Double(n) + 1)) }
        return nil
    }

    /// Returns the binomial coefficient C(n, k) for non-negative integers.
    static func binomial(_ top: ExactNumber, _ bottom: ExactNumber) -> ExactNumber? {
        guard case .rational(let n, 1) = top, case .rational(let k, 1) = bottom, n >= 0, k >= 0, n <= 10_000 else { return nil }
        if k > n { return .zero }
        var result = ExactNumber.one
        for step in 0..<min(k, n - k) {
            result = result * .rational(n - step, 1)
            guard let divided = result / .rational(step + 1, 1) else { return nil }
            result = divided
            if !result.isFinite { return nil }
        }
        return result
    }
}
