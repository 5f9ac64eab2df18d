import RubricSyntax

/// What a condition says about the variables it tests, for the branches of a conditional,
/// the right side of `and`/`or` and the elements a comprehension's filter keeps. A
/// comparison of a variable (or of `len` of a list variable) with a value narrows the
/// variable's interval; a bool variable tested alone becomes true or false; `not` flips and
/// a conjunction narrows by both sides. A condition the intervals already decide the other
/// way makes its branch unreachable.
extension RangeAnalysis {
    /// A variable a condition can narrow.
    enum Variable: Hashable {
        case local(Int)
        case global(Int)
    }

    /// The variable `expr` reads, looking through run-time type conversions.
    static func variable(_ expr: TypedExpr) -> Variable? {
        switch expr.kind {
        case .local(let slot): .local(slot)
        case .global(let slot): .global(slot)
        case .convert(let inner, _): variable(inner)
        default: nil
        }
    }

    /// The value of a variable in `environment`.
    func lookup(_ variable: Variable, _ environment: Environment) -> RangeValue? {
        switch variable {
        case .local(let slot): environment.locals[slot]
        case .global(let slot): environment.globals[slot] ?? globals[slot]
        }
    }

    /// `environment` with `variable` holding `value`.
    func assign(_ variable: Variable, _ value: RangeValue, in environment: Environment) -> Environment {
        var result = environment
        switch variable {
        case .local(let slot): result.locals[slot] = value
        case .global(let slot): result.globals[slot] = value
        }
        return result
    }

    /// `environment` narrowed by `condition` having the truth value `outcome`, or nil when
    /// it cannot have it. Only the tests at the leaves are evaluated, so a chain of `and`s
    /// costs time in proportion to its length.
    mutating func refine(_ environment: Environment, _ condition: TypedExpr, _ outcome: Bool) -> Environment? {
        switch condition.kind {
        case .unary(.not, let inner):
            return refine(environment, inner, !outcome)
        case .convert(let inner, _):
            return refine(environment, inner, outcome)
        case .binary(.and, let a, let b) where outcome:
            return refine(environment, a, true).flatMap { refine($0, b, true) }
        case .binary(.or, let a, let b) where !outcome:
            return refine(environment, a, false).flatMap { refine($0, b, false) }
        case .binary(let op, let a, let b) where Self.relation(op) != nil:
            let relation = outcome ? op : Self.relation(op)!
            let leftValue = evaluate(a, environment), rightValue = evaluate(b, environment)
            let decided = comparison(relation, leftValue, rightValue, range: condition.range)
            guard let truth = decided.number?.interval, !truth.isEmpty, truth.upper == 1 else { return nil }
            let left = number(leftValue, at: a.range).interval
            let right = number(rightValue, at: b.range).interval
            guard let narrowed = narrow(a, relation, right, environment) else { return nil }
            return narrow(b, Self.mirrored(relation), left, narrowed)
        default:
            let truth = number(evaluate(condition, environment), at: condition.range).interval
            if truth.isEmpty { return nil }
            if let decided = truth.pointValue, decided != (outcome ? 1 : 0) { return nil }
            if let variable = Self.variable(condition), case .number = lookup(variable, environment) {
                return assign(variable, .number(NumberFact(.point(outcome ? 1 : 0))), in: environment)
            }
            return environment
        }
    }

    /// The negation of a comparison operator, nil for other operators.
    static func relation(_ op: BinaryOperator) -> BinaryOperator? {
        switch op {
        case .less: .greaterEqual
        case .lessEqual: .greater
        case .greater: .lessEqual
        case .greaterEqual: .less
        case .equal: .notEqual
        case .notEqual: .equal
        default: nil
        }
    }

    /// The operator with its operands swapped: `a < b` is `b > a`.
    static func mirrored(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: op
        }
    }

    /// Narrows `side` (a number variable, or `len` of a list variable) to the values that
    /// stand in `relation` to some value of `other`; nil when none does.
    func narrow(_ side: TypedExpr, _ relation: BinaryOperator, _ other: Interval,
                _ environment: Environment) -> Environment? {
        if let variable = Self.variable(side), case .number(let fact)? = lookup(variable, environment) {
            let narrowed = Self.narrow(fact.interval, relation, other, integral: side.type == .int)
            if narrowed.isEmpty { return nil }
            return assign(variable, .number(fact.with(narrowed).keepingCauses(of: fact)), in: environment)
        }
        if case .callBuiltin("len", let arguments) = side.kind, arguments.count == 1,
           let variable = Self.variable(arguments[0]), case .list(var list)? = lookup(variable, environment) {
            let narrowed = Self.narrow(list.length.interval, relation, other, integral: true)
            if narrowed.isEmpty { return nil }
            list.length = list.length.with(narrowed).keepingCauses(of: list.length)
            return assign(variable, .list(list), in: environment)
        }
        return environment
    }

    /// The part of `x` whose values stand in `relation` to some value of `y`; for integers a
    /// strict comparison or an inequality with a bound moves that bound by one.
    static func narrow(_ x: Interval, _ relation: BinaryOperator, _ y: Interval, integral: Bool) -> Interval {
        switch relation {
        case .less:
            // An int below y is at most the integer just under y's upper bound.
            let bound = integral && y.upper.isFinite ? y.upper.rounded(.up) - 1 : y.upper
            return x.intersection(Interval(-.infinity, bound))
        case .lessEqual: return x.intersection(Interval(-.infinity, y.upper))
        case .greater:
            let bound = integral && y.lower.isFinite ? y.lower.rounded(.down) + 1 : y.lower
            return x.intersection(Interval(bound, .infinity))
        case .greaterEqual: return x.intersection(Interval(y.lower, .infinity))
        case .equal: return x.intersection(y)
        case .notEqual:
            guard integral, let value = y.pointValue, value == value.rounded() else { return x }
            var result = x
            if result.lower == value { result.lower += 1 }
            if result.upper == value { result.upper -= 1 }
            return result.isEmpty ? .empty : result
        default: return x
        }
    }
}

extension NumberFact {
    /// This fact with each infinite side explained by the causes `original` gave that side.
    func keepingCauses(of original: NumberFact) -> NumberFact {
        NumberFact(interval, lower: original.lowerCauses, upper: original.upperCauses)
    }
}
