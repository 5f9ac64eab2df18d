#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RubricSyntax

/// Interval arithmetic for the operators.
extension RangeAnalysis {
    /// `-x`, `+x` and `not b`.
    func unary(_ op: UnaryOperator, _ operand: RangeValue, range: SourceRange) -> RangeValue {
        let fact = number(operand, at: range)
        switch op {
        case .negate: return .number(NumberFact(-fact.interval, lower: fact.upperCauses, upper: fact.lowerCauses))
        case .plus: return .number(fact)
        case .not:
            if let value = fact.interval.pointValue { return .number(NumberFact(.point(1 - value))) }
            return .number(NumberFact(fact.interval.isEmpty ? .empty : .unit))
        }
    }

    /// A binary operator. `and` and `or` analyse their right side under what the left side
    /// says when it is evaluated.
    mutating func binary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr, _ environment: Environment,
                         range: SourceRange) -> RangeValue {
        let left = evaluate(lhs, environment)
        switch op {
        case .and, .or:
            let rightScope = refine(environment, lhs, op == .and)
            let right = rightScope.map { evaluate(rhs, $0) } ?? .never
            return logical(op, number(left, at: lhs.range), number(right, at: rhs.range))
        case .coalesce:
            return left.hull(evaluate(rhs, environment))
        default:
            break
        }
        let right = evaluate(rhs, environment)
        if op.isComparison { return comparison(op, left, right, range: range) }
        if op == .divide, let mean = meanPattern(lhs, rhs, environment) { return mean }
        switch (left, right) {
        case (.list(let a), .list(let b)) where op == .add:
            var sum: NumberFact?
            if let x = a.sum, let y = b.sum { sum = NumberFact.combining(x.interval + y.interval, x, y) }
            let items = a.items.flatMap { x in b.items.map { x + $0 } }
            return .list(ListFact(element: a.element.hull(b.element),
                                  length: NumberFact.combining(a.length.interval + b.length.interval, a.length, b.length),
                                  sum: sum, items: items))
        case (.list(let list), .number(let count)) where op == .multiply,
             (.number(let count), .list(let list)) where op == .multiply:
            let times = count.interval.intersection(.nonNegative).integralHull
            return .list(ListFact(element: list.element,
                                  length: NumberFact.combining(list.length.interval * times, list.length, count)))
        case (.opaque, _), (_, .opaque):
            if op == .add || op == .multiply { return .opaque }  // strings joined or repeated
        case (.unknown(let cause), _), (_, .unknown(let cause)):
            if op == .add || op == .multiply { return .unknown(cause) }
        default:
            break
        }
        return .number(arithmetic(op, number(left, at: lhs.range), number(right, at: rhs.range), range: range))
    }

    /// `+ - * / // % **` on numbers.
    func arithmetic(_ op: BinaryOperator, _ a: NumberFact, _ b: NumberFact, range: SourceRange) -> NumberFact {
        switch op {
        case .add: return NumberFact(a.interval + b.interval, lower: Unboundedness.merge(a.lowerCauses, b.lowerCauses),
                                     upper: Unboundedness.merge(a.upperCauses, b.upperCauses))
        case .subtract: return NumberFact(a.interval - b.interval, lower: Unboundedness.merge(a.lowerCauses, b.upperCauses),
                                          upper: Unboundedness.merge(a.upperCauses, b.lowerCauses))
        case .multiply:
            if let factor = b.interval.pointValue { return Self.scaled(a, by: factor) }
            if let factor = a.interval.pointValue { return Self.scaled(b, by: factor) }
            return NumberFact.combining(a.interval * b.interval, a, b)
        case .divide:
            if let divisor = b.interval.pointValue, divisor != 0 { return Self.scaled(a, by: 1 / divisor) }
            return quotient(a, b, a.interval / b.interval, range: range)
        case .floorDivide: return quotient(a, b, (a.interval / b.interval).integralHull, range: range)
        case .modulo: return NumberFact.combining(a.interval % b.interval, a, b)
        case .power: return power(a, b, range: range)
        default: return NumberFact(.unit)
        }
    }

    /// `fact` times a constant: a negative factor swaps which side each cause explains.
    static func scaled(_ fact: NumberFact, by factor: Double) -> NumberFact {
        let result = fact.interval * .point(factor)
        return factor < 0 ? NumberFact(result, lower: fact.upperCauses, upper: fact.lowerCauses)
                          : NumberFact(result, lower: fact.lowerCauses, upper: fact.upperCauses)
    }

    /// A quotient, with a cause of its own when dividing is what made it unbounded.
    func quotient(_ a: NumberFact, _ b: NumberFact, _ result: Interval, range: SourceRange) -> NumberFact {
        var fact = NumberFact.combining(result, a, b)
        if !result.isBounded && a.interval.isBounded && b.interval.isBounded {
            let divisor = cause(.division, "division by a value in \(b.interval), which may be 0", at: range)
            fact = NumberFact(result, lower: [divisor], upper: [divisor])
        }
        return fact
    }

    /// `x ** y`: exact for a constant whole exponent, from the corners where the base is not
    /// negative (where the power is monotone in each argument), unbounded otherwise.
    func power(_ a: NumberFact, _ b: NumberFact, range: SourceRange) -> NumberFact {
        let x = a.interval, y = b.interval
        if x.isEmpty || y.isEmpty { return NumberFact(.empty) }
        if let exponent = y.pointValue, exponent >= 0, exponent == exponent.rounded(), exponent <= 64 {
            let n = Int(exponent)
            let result = n % 2 == 0 ? x.magnitude.mapMonotone { pow($0, exponent) } : x.mapMonotone { pow($0, exponent) }
            return NumberFact.combining(result, a, b)
        }
        if x.lower > 0 || (x.lower >= 0 && y.lower >= 0) {
            let result = Interval.corners(x, y) { pow($0, $1) }
            if !result.lower.isNaN && !result.upper.isNaN {
                var fact = NumberFact.combining(result, a, b)
                if !result.isBounded && x.isBounded && y.isBounded {
                    let base = cause(.division, "a power of a base that may be 0 with a negative exponent", at: range)
                    fact = NumberFact(result, lower: [base], upper: [base])
                }
                return fact
            }
        }
        return NumberFact(.everything, because: cause(.other, "a power whose base may be negative", at: range))
    }

    /// A comparison: decided when the intervals say so, else true or false.
    func comparison(_ op: BinaryOperator, _ left: RangeValue, _ right: RangeValue, range: SourceRange) -> RangeValue {
        guard case .number(let a) = left, case .number(let b) = right,
              !a.interval.isEmpty, !b.interval.isEmpty else {
            return left == .never || right == .never ? .never : .number(NumberFact(.unit))
        }
        let x = a.interval, y = b.interval
        let decided: Bool?
        switch op {
        case .less: decided = x.upper < y.lower ? true : (x.lower >= y.upper ? false : nil)
        case .lessEqual: decided = x.upper <= y.lower ? true : (x.lower > y.upper ? false : nil)
        case .greater: decided = x.lower > y.upper ? true : (x.upper <= y.lower ? false : nil)
        case .greaterEqual: decided = x.lower >= y.upper ? true : (x.upper < y.lower ? false : nil)
        case .equal, .notEqual:
            var equal: Bool?
            if x.intersection(y).isEmpty { equal = false }
            if let p = x.pointValue, p == y.pointValue { equal = true }
            decided = equal.map { op == .equal ? $0 : !$0 }
        default: decided = nil
        }
        return .number(NumberFact(decided.map { .point($0 ? 1 : 0) } ?? .unit))
    }

    /// `and` / `or` of two truth values (0 or 1).
    func logical(_ op: BinaryOperator, _ a: NumberFact, _ b: NumberFact) -> RangeValue {
        if a.interval.isEmpty { return .never }
        if let left = a.interval.pointValue {
            if op == .and && left == 0 { return .number(NumberFact(.point(0))) }
            if op == .or && left == 1 { return .number(NumberFact(.point(1))) }
            return b.interval.isEmpty ? .never : .number(NumberFact(b.interval.pointValue.map { .point($0) } ?? .unit))
        }
        if let right = b.interval.pointValue {
            if op == .and && right == 0 { return .number(NumberFact(.point(0))) }
            if op == .or && right == 1 { return .number(NumberFact(.point(1))) }
        }
        return .number(NumberFact(.unit))
    }

    /// `sum(xs) / len(xs)` for one variable `xs`: a mean, which lies among the elements.
    mutating func meanPattern(_ lhs: TypedExpr, _ rhs: TypedExpr, _ environment: Environment) -> RangeValue? {
        guard case .callBuiltin("sum", let summed) = lhs.kind, case .callBuiltin("len", let counted) = rhs.kind,
              summed.count == 1, counted.count == 1, let variable = Self.variable(summed[0]),
              variable == Self.variable(counted[0]),
              case .list(let list) = evaluate(summed[0], environment),
              case .number(let element) = list.element else { return nil }
        return .number(element)
    }
}
