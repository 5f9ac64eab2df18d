import RubricSyntax

/// The transfer function of the range analysis over each kind of expression.
extension RangeAnalysis {
    /// What is known about the value of `expr` in `environment`.
    mutating func evaluate(_ expr: TypedExpr, _ environment: Environment) -> RangeValue {
        guard spend() else { return unbounded(.other, "the rubric is too large to analyse", at: expr.range) }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= maxDepth else {
            return unbounded(.other, "expressions and calls are nested too deeply to analyse", at: expr.range)
        }
        let value = evaluateNode(expr, environment)
        if case .unknown(let cause) = value, cause == RangeValue.mixed {
            return .unknown(self.cause(.other, cause.message, at: expr.range))
        }
        return value
    }

    /// `evaluate` before a mixed value is given its position.
    mutating func evaluateNode(_ expr: TypedExpr, _ environment: Environment) -> RangeValue {
        let range = expr.range
        switch expr.kind {
        case .constant(let constant): return Self.value(of: constant)
        case .global(let slot):
            let value = environment.globals[slot] ?? globals[slot]
            guard program.globals[slot].kind == .input else { return value }
            return value.relocating(program.globals[slot].range, to: range)
        case .local(let slot):
            return environment.locals[slot] ?? .unknown(cause(.other, "a variable the analysis did not see bound", at: range))
        case .interpolation: return .opaque
        case .list(let elements): return .list(.of(elements.map { evaluate($0, environment) }))
        case .map(_, let values):
            return .map(values.reduce(RangeValue.never) { $0.hull(evaluate($1, environment)) })
        case .comprehension(let kind, let element, let value, let clauses):
            return comprehension(kind, element: element, value: value, clauses: clauses, environment, range: range)
        case .unary(let op, let operand):
            return unary(op, evaluate(operand, environment), range: range)
        case .binary(let op, let lhs, let rhs):
            return binary(op, lhs, rhs, environment, range: range)
        case .conditional(let condition, let thenBranch, let elseBranch):
            return conditional(condition, thenBranch, elseBranch, environment)
        case .callFunction(let index, let arguments):
            return call(index, arguments.map { evaluate($0, environment) }, at: range)
        case .callBuiltin(let name, let arguments):
            return builtin(name, arguments, arguments.map { evaluate($0, environment) }, type: expr.type, range: range)
        case .callHost(let index, _):
            let name = program.hostFunctions[index].signature.name
            return byType(expr.type, name: name, range: range,
                          because: cause(.input, "host function '\(name)' can return any value", at: range))
        case .field(let base, _):
            return member(of: evaluate(base, environment))
        case .index(let base, let index):
            return element(of: evaluate(base, environment), at: evaluate(index, environment))
        case .slice(let base, _, _):
            guard case .list(let list) = evaluate(base, environment) else { return evaluate(base, environment) }
            return .list(ListFact(element: list.element, length: list.length.with(Interval(0, list.length.interval.upper))))
        case .toScore(let inner, _):
            switch evaluate(inner, environment) {
            case .number(let fact): return .number(fact)
            case .never, .null, .opaque: return .never  // a skip (null) is not a number; text fails
            case .unknown(let cause): return .number(NumberFact(.everything, because: cause))
            case .list, .map: return unbounded(.other, "a score that is not a number", at: range)
            }
        case .collect(let slot, _):
            let length = NumberFact(Interval(1, .infinity), because: cause(.other, "the number of samples in a group or batch", at: range))
            return .list(ListFact(element: globals[slot], length: length))
        case .convert(let inner, _):
            return evaluate(inner, environment)
        }
    }

    /// What is known about a constant.
    static func value(of constant: Constant) -> RangeValue {
        switch constant {
        case .int(let value): .number(NumberFact(.point(Double(value))))
        case .float(let value): .number(NumberFact(.point(value)))
        case .bool(let flag): .number(NumberFact(.point(flag ? 1 : 0)))
        case .string: .opaque
        case .null: .null
        }
    }

    /// A value used as a number: its fact, or an unbounded interval saying why not.
    func number(_ value: RangeValue, at range: SourceRange) -> NumberFact {
        switch value {
        case .number(let fact): return fact
        case .never, .null: return NumberFact(.empty)  // null in arithmetic fails
        case .unknown(let cause): return NumberFact(.everything, because: cause)
        case .opaque, .list, .map:
            return NumberFact(.everything, because: cause(.other, "a value that is not known to be a number", at: range))
        }
    }

    /// `[element for … in … if …]` or `{key: value for …}`: iterations multiply, filters
    /// narrow the loop variables and make the length a maximum.
    mutating func comprehension(_ kind: ComprehensionKind, element: TypedExpr, value: TypedExpr?,
                                clauses: [TypedClause], _ environment: Environment,
                                range: SourceRange) -> RangeValue {
        var scope = environment
        var length = NumberFact(.point(1))
        var filtered = false
        for clause in clauses {
            switch clause {
            case .forIn(let slots, let iterable):
                let (count, bindings) = iteration(over: evaluate(iterable, scope), variables: slots.count, at: iterable.range)
                length = NumberFact.combining(length.interval * count.interval, length, count)
                for (slot, binding) in zip(slots, bindings) { scope.locals[slot] = binding }
            case .filter(let condition):
                filtered = true
                guard let narrowed = refine(scope, condition, true) else {
                    return kind == .list ? .list(.of([])) : .map(.never)
                }
                scope = narrowed
            }
        }
        if filtered { length = length.with(Interval(0, length.interval.upper)) }
        if kind == .map, let value { return .map(evaluate(value, scope)) }
        return .list(ListFact(element: evaluate(element, scope), length: length))
    }

    /// How many iterations a `for` over `source` makes and what each loop variable holds:
    /// a list's elements (split into a pair's two parts for two variables), a map's keys (or
    /// keys and values), a string's characters.
    func iteration(over source: RangeValue, variables: Int,
                   at range: SourceRange) -> (count: NumberFact, bindings: [RangeValue]) {
        let unknownCount = NumberFact(.nonNegative, because: cause(.length, "the number of iterations over a value of unknown size", at: range))
        switch source {
        case .list(let list):
            if variables == 1 { return (list.length, [list.element]) }
            if case .list(let pair) = list.element {
                if let items = pair.items, items.count == variables { return (list.length, items) }
                return (list.length, Array(repeating: pair.element, count: variables))
            }
            return (list.length, Array(repeating: list.element, count: variables))
        case .map(let value):
            let count = NumberFact(.nonNegative, because: cause(.length, "the number of entries of a map", at: range))
            return (count, variables == 1 ? [.opaque] : [.opaque, value])
        case .opaque:
            let count = NumberFact(.nonNegative, because: cause(.length, "the number of characters of a string", at: range))
            return (count, Array(repeating: .opaque, count: variables))
        case .never, .null:
            return (NumberFact(.point(0)), Array(repeating: .never, count: variables))
        case .unknown, .number:
            return (unknownCount, Array(repeating: .unknown(unknownCount.upperCauses[0]), count: variables))
        }
    }

    /// `if condition then a else b`: one branch when the condition is decided, else the hull
    /// of both, each analysed under what the condition says there.
    mutating func conditional(_ condition: TypedExpr, _ thenBranch: TypedExpr, _ elseBranch: TypedExpr,
                              _ environment: Environment) -> RangeValue {
        let thenScope = refine(environment, condition, true)
        let elseScope = refine(environment, condition, false)
        var result = RangeValue.never
        if let thenScope { result = result.hull(evaluate(thenBranch, thenScope)) }
        if let elseScope { result = result.hull(evaluate(elseBranch, elseScope)) }
        return result
    }

    /// `m.name`: a value of the map.
    func member(of base: RangeValue) -> RangeValue {
        switch base {
        case .map(let value): value
        case .unknown, .never: base
        default: .never  // a field of anything but a map fails
        }
    }

    /// `xs[i]`: the element at a known position of a list of known shape, else any element.
    func element(of base: RangeValue, at index: RangeValue) -> RangeValue {
        switch base {
        case .list(let list):
            if let items = list.items, let position = index.number?.interval.pointValue, position.magnitude < 1e15 {
                let offset = Int(position) < 0 ? items.count + Int(position) : Int(position)
                if items.indices.contains(offset) { return items[offset] }
            }
            return list.element
        case .map(let value): return value
        case .unknown, .never: return base
        case .opaque: return .opaque  // a character of a string
        default: return .never
        }
    }
}
