import RubricSyntax

/// The cost analysis of each kind of expression.
extension CostAnalysis {
    /// The cost of evaluating `expr` with locals of the given shapes, and its value's shape.
    mutating func evaluate(_ expr: TypedExpr, _ locals: [Int: ValueShape]) -> Evaluation {
        budget -= 1
        guard budget >= 0 else {
            return Evaluation(cost: .unbounded(cause("the rubric is too large to analyse", at: expr.range)), shape: .never)
        }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= maxDepth else {
            let reason = cause("expressions and calls are nested too deeply to analyse", at: expr.range)
            return Evaluation(cost: .unbounded(reason), shape: .any(size: .unbounded(reason)))
        }
        var result = evaluateNode(expr, locals)
        result.shape = result.shape.viewed(as: expr.type)
        return result
    }

    /// `evaluate` before the shape is refined by the expression's static type.
    mutating func evaluateNode(_ expr: TypedExpr, _ locals: [Int: ValueShape]) -> Evaluation {
        let range = expr.range
        switch expr.kind {
        case .constant(let constant): return Evaluation(cost: .zero, shape: Self.shape(of: constant))
        case .global(let slot): return Evaluation(cost: .zero, shape: globals[slot])
        case .local(let slot): return Evaluation(cost: .zero, shape: locals[slot] ?? .never)
        case .interpolation(let parts):
            let evaluations = parts.map { evaluate($0, locals) }
            let bytes = evaluations.reduce(SizeBound.zero) { total, part in
                if case .string(let bytes) = part.shape { return total + bytes }
                return total + part.shape.measure(.text)
            }
            // A part that is not a string is displayed by a metered walk.
            let display = evaluations.reduce(SizeBound.zero) { total, part in
                if case .string = part.shape { return total }
                return total + Self.walk(part.shape)
            }
            return Evaluation(cost: total(evaluations) + display, shape: .string(bytes: bytes))
        case .list(let elements):
            let evaluations = elements.map { evaluate($0, locals) }
            let element = evaluations.reduce(ValueShape.never) { $0.join($1.shape) }
            // Each element's depth is checked by a metered walk.
            let depthChecks = evaluations.reduce(SizeBound.zero) { $0 + Self.depthCheck($1.shape) }
            return Evaluation(cost: total(evaluations) + depthChecks, shape: .list(length: .constant(Double(elements.count)), element: element))
        case .map(let keys, let values):
            let keyEvaluations = keys.map { evaluate($0, locals) }
            let valueEvaluations = values.map { evaluate($0, locals) }
            let keyBytes = keyEvaluations.reduce(SizeBound.zero) { $0.max($1.shape.measure(.bytes)) }
            let value = valueEvaluations.reduce(ValueShape.never) { $0.join($1.shape) }
            let depthChecks = valueEvaluations.reduce(SizeBound.zero) { $0 + Self.depthCheck($1.shape) }
            return Evaluation(cost: total(keyEvaluations) + total(valueEvaluations) + depthChecks,
                              shape: .map(length: .constant(Double(keys.count)), keyBytes: keyBytes, value: value))
        case .comprehension(let kind, let element, let value, let clauses):
            return comprehension(kind, element: element, value: value, clauses: clauses, locals)
        case .unary(let op, let operand):
            let inner = evaluate(operand, locals)
            return Evaluation(cost: inner.cost, shape: op == .not ? .scalar : inner.shape)
        case .binary(let op, let lhs, let rhs):
            let left = evaluate(lhs, locals), right = evaluate(rhs, locals)
            // Comparisons and membership tests walk both operands, metered.
            let walks = op.isComparison ? Self.walk(left.shape) + Self.walk(right.shape) : .zero
            return Evaluation(cost: left.cost + right.cost + walks, shape: binaryShape(op, left.shape, right.shape))
        case .conditional(let condition, let thenBranch, let elseBranch):
            let test = evaluate(condition, locals)
            let a = evaluate(thenBranch, locals), b = evaluate(elseBranch, locals)
            return Evaluation(cost: test.cost + a.cost.max(b.cost), shape: a.shape.join(b.shape))
        case .callFunction(let index, let arguments):
            let evaluations = arguments.map { evaluate($0, locals) }
            let body = call(index, evaluations.map(\.shape), at: range)
            return Evaluation(cost: total(evaluations) + .constant(Double(FuelRates.functionCall)) + body.cost,
                              shape: body.shape)
        case .callHost(let index, let arguments):
            // The host's answer has the declared type but no size the inputs bound.
            let evaluations = arguments.map { evaluate($0, locals) }
            let cost = hostCosts.indices.contains(index) ? hostCosts[index] : 0
            let name = program.hostFunctions[index].signature.name
            let result = ValueShape.any(size: .unbounded(cause("the result of host function '\(name)' has no bound in input sizes", at: range)))
            // The arguments are hashed by a metered walk (the key of the result cache).
            let hashing = Self.walk(.list(length: .constant(Double(arguments.count)),
                                          element: evaluations.reduce(ValueShape.never) { $0.join($1.shape) }))
            return Evaluation(cost: total(evaluations) + .constant(cost) + hashing, shape: result)
        case .callBuiltin(let name, let arguments):
            let evaluations = arguments.map { evaluate($0, locals) }
            let builtin = builtinCall(name, evaluations.map(\.shape), at: range)
            // The VM checks the depth of a list or map result by a metered walk.
            return Evaluation(cost: total(evaluations) + builtin.cost + Self.depthCheck(builtin.shape), shape: builtin.shape)
        case .field(let base, _):
            let inner = evaluate(base, locals)
            return Evaluation(cost: inner.cost, shape: inner.shape.element)
        case .index(let base, let index):
            let container = evaluate(base, locals), position = evaluate(index, locals)
            return Evaluation(cost: container.cost + position.cost, shape: container.shape.element)
        case .slice(let base, let start, let end):
            let parts = [evaluate(base, locals)] + [start, end].compactMap { $0 }.map { evaluate($0, locals) }
            return Evaluation(cost: total(parts), shape: Self.window(parts[0].shape, start: start, end: end))
        case .toScore(let inner, _):
            return Evaluation(cost: evaluate(inner, locals).cost, shape: .scalar)
        case .collect(let slot, let scope):
            return Evaluation(cost: .zero, shape: .list(length: collectionSize(scope), element: globals[slot]))
        case .convert(let inner, _):
            return evaluate(inner, locals)
        }
    }

    /// The shape of `xs[start:end]`: at most the shape of `xs`, and at most `n` elements (or
    /// characters) for a window `xs[i:i + n]` with a constant `n`.
    static func window(_ shape: ValueShape, start: TypedExpr?, end: TypedExpr?) -> ValueShape {
        guard let start, let end, case .binary(.add, let from, let width) = end.kind,
              let variable = RangeAnalysis.variable(start), variable == RangeAnalysis.variable(from),
              case .int(let n)? = width.constant, n >= 0 else { return shape }
        switch shape {
        case .list(_, let element): return .list(length: .constant(Double(n)), element: element)
        case .string: return .string(bytes: .constant(Double(4 * n)))
        default: return shape
        }
    }

    /// The most fuel a metered walk over a value of `shape` charges (equality, ordering,
    /// membership, display, hashing, depth checks): per list or map one unit plus one per 8
    /// elements, per string one per 64 bytes; at most one plus twice the value's size.
    static func walk(_ shape: ValueShape) -> SizeBound {
        switch shape {
        case .never, .scalar, .int: return .zero
        default: return .constant(1) + 2 * shape.measure(.size)
        }
    }

    /// The most fuel the VM's depth check of a value of `shape` charges: it visits lists and
    /// maps only, one unit for each plus one per 8 elements.
    static func depthCheck(_ shape: ValueShape) -> SizeBound {
        switch shape {
        case .list(let length, let element):
            return .constant(1) + 0.125 * length + length * depthCheck(element)
        case .map(let length, _, let value):
            return .constant(1) + 0.125 * length + length * depthCheck(value)
        case .any: return walk(shape)
        case .never, .scalar, .int, .string: return .zero
        }
    }

    /// The summed cost of several evaluations.
    func total(_ evaluations: [Evaluation]) -> SizeBound {
        evaluations.reduce(SizeBound.zero) { $0 + $1.cost }
    }

    /// The shape of a constant.
    static func shape(of constant: Constant) -> ValueShape {
        switch constant {
        case .int(let value): .int(magnitude: .constant(Double(value.magnitude)))
        case .string(let text): .string(bytes: .constant(Double(text.utf8.count)))
        case .float, .bool, .null: .scalar
        }
    }

    /// A comprehension: each `for` multiplies the iterations, each iteration costs
    /// `FuelRates.iteration`, and every clause after a `for` and the element run once per
    /// iteration of the loops around them.
    mutating func comprehension(_ kind: ComprehensionKind, element: TypedExpr, value: TypedExpr?,
                                clauses: [TypedClause], _ locals: [Int: ValueShape]) -> Evaluation {
        var scope = locals
        var iterations = SizeBound.constant(1)
        var cost = SizeBound.zero
        for clause in clauses {
            switch clause {
            case .forIn(let slots, let iterable):
                let source = evaluate(iterable, scope)
                cost = cost + iterations * source.cost
                let (count, bindings) = Self.iteration(over: source.shape, variables: slots.count)
                iterations = iterations * located(count, at: iterable.range)
                cost = cost + Double(FuelRates.iteration) * iterations
                for (slot, binding) in zip(slots, bindings) { scope[slot] = binding }
            case .filter(let condition):
                cost = cost + iterations * evaluate(condition, scope).cost
            }
        }
        let key = evaluate(element, scope)
        // Each element appended is depth-checked by a metered walk.
        cost = cost + iterations * (key.cost + Self.depthCheck(key.shape))
        guard kind == .map, let value else {
            return Evaluation(cost: cost, shape: .list(length: iterations, element: key.shape))
        }
        let mapped = evaluate(value, scope)
        return Evaluation(cost: cost + iterations * (mapped.cost + Self.depthCheck(mapped.shape)),
                          shape: .map(length: iterations, keyBytes: key.shape.measure(.bytes), value: mapped.shape))
    }

    /// How many iterations a `for` over a value of `shape` makes, and the shapes its loop
    /// variables take: a list's elements (a pair's parts for two variables), a map's keys and
    /// values, a string's characters.
    static func iteration(over shape: ValueShape, variables: Int) -> (count: SizeBound, bindings: [ValueShape]) {
        switch shape {
        case .list(let length, let element):
            if variables == 1 { return (length, [element]) }
            return (length, Array(repeating: element.element, count: variables))
        case .map(let length, let keyBytes, let value):
            return (length, variables == 1 ? [.string(bytes: keyBytes)] : [.string(bytes: keyBytes), value])
        case .string(let bytes): return (bytes, Array(repeating: .string(bytes: .constant(4)), count: variables))
        case .any(let size): return (size, Array(repeating: shape, count: variables))
        case .scalar, .int, .never: return (.zero, Array(repeating: .never, count: variables))
        }
    }

    /// The shape of an operator's result: concatenations and repetitions of strings and lists
    /// grow, int arithmetic bounds the absolute value, everything else is a scalar.
    func binaryShape(_ op: BinaryOperator, _ a: ValueShape, _ b: ValueShape) -> ValueShape {
        switch (op, a, b) {
        case (.coalesce, _, _): return a.join(b)
        case (.add, .string(let x), .string(let y)): return .string(bytes: x + y)
        case (.add, .list(let x, let e), .list(let y, let f)): return .list(length: x + y, element: e.join(f))
        case (.add, .int(let x), .int(let y)), (.subtract, .int(let x), .int(let y)): return .int(magnitude: x + y)
        case (.multiply, .int(let x), .int(let y)): return .int(magnitude: x * y)
        case (.multiply, .string(let x), .int(let n)), (.multiply, .int(let n), .string(let x)):
            return .string(bytes: x * n)
        case (.multiply, .list(let x, let e), .int(let n)), (.multiply, .int(let n), .list(let x, let e)):
            return .list(length: x * n, element: e)
        case (.floorDivide, .int(let x), .int): return .int(magnitude: x)
        case (.modulo, .int, .int(let y)): return .int(magnitude: y)
        case (.power, .int(let x), .int(let y)): return .int(magnitude: Self.power(x, y))
        case (.add, .any, _), (.add, _, .any): return .any(size: a.measure(.size) + b.measure(.size))
        case (.multiply, .any, _), (.multiply, _, .any):
            return .any(size: .unbounded(Unboundedness(.other, "a repetition of data of type any", at: SourceRange(0, 0))))
        default:
            return op.isComparison || op == .and || op == .or ? .scalar : (a == .never || b == .never ? .never : .scalar)
        }
    }

    /// A bound on `|a ** b|` for ints: `(|a| + 1) ** n` when b is at most a constant n up to
    /// 16, unbounded otherwise.
    static func power(_ base: SizeBound, _ exponent: SizeBound) -> SizeBound {
        guard let polynomial = exponent.polynomial, polynomial.degree == 0 else {
            return .unbounded(Unboundedness(.other, "an int power with an exponent of unknown size", at: SourceRange(0, 0)))
        }
        let n = polynomial.evaluate([:])
        guard n <= 16 else {
            return .unbounded(Unboundedness(.other, "an int power with an exponent above 16", at: SourceRange(0, 0)))
        }
        var result = SizeBound.constant(1)
        for _ in 0..<Int(n) { result = result * (base + .constant(1)) }
        return result
    }
}
