import Foundation

/// Numeric evaluation of a `MathNode`: exact for rational arithmetic (with integer powers and
/// perfect roots), a double approximation as soon as π, e, a non-perfect root, a
/// transcendental function or an overflow is involved. Symbols take the values given in
/// `bindings`; anything else that has no real value (sets, relations, i, undefined
/// functions) evaluates to nil. Cost is linear in the size of the tree.
enum MathEvaluation {
    /// A value, whether a float literal took part, and whether SymPy would have rounded it
    /// to a 15-digit float (a power or function of a float argument, such as `\sqrt{2.0}` or
    /// `1/3.0`, is computed as a float; a float coefficient of π or √2 is not).
    struct Value {
        var number: ExactNumber
        var isFloat: Bool
        var isRounded = false

        init(number: ExactNumber, isFloat: Bool, isRounded: Bool = false) {
            self.number = number
            self.isFloat = isFloat
            self.isRounded = isRounded
        }

        /// The value SymPy computes for a power or function whose arguments include a float:
        /// rounded to a double unless it is exactly representable.
        static func floatResult(_ number: ExactNumber) -> Value {
            if case .rational(let p, let q) = number, q & (q - 1) == 0, abs(p) < 1 << 53 {
                return Value(number: number, isFloat: true)
            }
            return Value(number: .approximate(number.doubleValue), isFloat: true, isRounded: true)
        }
    }

    /// Evaluates the node, or returns nil when it has no (finite, real) value.
    static func evaluate(_ node: MathNode, bindings: [String: ExactNumber] = [:]) -> Value? {
        guard let value = evaluateAny(node, bindings, depth: 0), value.number.isFinite else { return nil }
        return value
    }

    /// The value as a double, allowing ±∞ (for interval endpoints), or nil.
    static func realValue(_ node: MathNode) -> Double? {
        guard let value = evaluateAny(node, [:], depth: 0)?.number.doubleValue, !value.isNaN else { return nil }
        return value
    }

    /// Evaluates the node allowing infinite results; nil when it has no real value.
    private static func evaluateAny(_ node: MathNode, _ bindings: [String: ExactNumber], depth: Int) -> Value? {
        if depth > 200 { return nil }
        let next = depth + 1
        switch node {
        case .number(let value, let kind, _):
            return Value(number: value, isFloat: kind == .float)
        case .percent(let inner):
            guard let value = evaluateAny(inner, bindings, depth: next), let scaled = value.number / .rational(100, 1) else { return nil }
            return Value(number: scaled, isFloat: value.isFloat)
        case .constant(let name):
            switch name {
            case "pi": return Value(number: .approximate(Double.pi), isFloat: false)
            case "e": return Value(number: .approximate(M_E), isFloat: false)
            case "gamma": return Value(number: .approximate(0.5772156649015329), isFloat: false)
            case "oo": return Value(number: .approximate(.infinity), isFloat: false)
            case "-oo": return Value(number: .approximate(-.infinity), isFloat: false)
            default: return nil
            }
        case .symbol(let name):
            return bindings[name].map { Value(number: $0, isFloat: false) }
        case .sum(let terms):
            var total = Value(number: .zero, isFloat: false)
            for term in terms {
                guard let value = evaluateAny(term, bindings, depth: next) else { return nil }
                total = Value(number: total.number + value.number, isFloat: total.isFloat || value.isFloat,
                              isRounded: total.isRounded || value.isRounded)
            }
            return total
        case .product(let factors):
            var total = Value(number: .one, isFloat: false)
            for factor in factors {
                guard let value = evaluateAny(factor, bindings, depth: next) else { return nil }
                total = Value(number: total.number * value.number, isFloat: total.isFloat || value.isFloat,
                              isRounded: total.isRounded || value.isRounded)
            }
            return total
        case .power(let base, let exponent):
            guard let b = evaluateAny(base, bindings, depth: next), let e = evaluateAny(exponent, bindings, depth: next),
                  let result = b.number.power(e.number) else { return nil }
            if b.isFloat || e.isFloat { return Value.floatResult(result) }
            return Value(number: result, isFloat: false, isRounded: b.isRounded || e.isRounded)
        case .function(let name, let arguments):
            var values: [Value] = []
            for argument in arguments {
                guard let value = evaluateAny(argument, bindings, depth: next) else { return nil }
                values.append(value)
            }
            guard let result = MathFunctions.apply(name, values.map(\.number)) else { return nil }
            if values.contains(where: \.isFloat) { return Value.floatResult(result) }
            return Value(number: result, isFloat: false, isRounded: values.contains(where: \.isRounded))
        default:
            return nil
        }
    }
}
