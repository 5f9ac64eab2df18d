import RubricSemantics

/// Folds operators whose operands are constants, using the VM's own operator semantics so a
/// folded program computes exactly what the unfolded one would. An operation that would fail
/// at run time (such as `1 / 0`) is left in place to fail with its position.
enum ConstantFolder {
    /// Returns `expr` with its top node folded if its children are constants.
    static func fold(_ expr: TypedExpr) -> TypedExpr {
        switch expr.kind {
        case .unary(let op, let operand):
            let inner = fold(operand)
            guard let value = inner.constant else { return expr }
            switch (op, value) {
            case (.not, .bool(let flag)): return constant(.bool(!flag), expr)
            case (.plus, .int), (.plus, .float): return constant(value, expr)
            case (.negate, _):
                if let result = try? Arithmetic.negate(Value(value)), let folded = Constant(result) {
                    return constant(folded, expr)
                }
            default: break
            }
            return expr
        case .binary(let op, let lhs, let rhs):
            let left = fold(lhs)
            let right = fold(rhs)
            guard let a = left.constant else { return expr }
            switch op {
            case .and:
                if case .bool(false) = a { return constant(.bool(false), expr) }
                if case .bool(true) = a, let b = right.constant, case .bool = b { return constant(b, expr) }
                return expr
            case .or:
                if case .bool(true) = a { return constant(.bool(true), expr) }
                if case .bool(false) = a, let b = right.constant, case .bool = b { return constant(b, expr) }
                return expr
            case .coalesce:
                if a != .null { return constant(a, expr) }
                return right
            default:
                break
            }
            guard let b = right.constant else { return expr }
            let (x, y) = (Value(a), Value(b))
            let result: Value?
            switch op {
            case .add: result = try? Arithmetic.add(x, y, nil)
            case .subtract: result = try? Arithmetic.subtract(x, y)
            case .multiply: result = try? Arithmetic.multiply(x, y, nil)
            case .divide: result = try? Arithmetic.divide(x, y)
            case .floorDivide: result = try? Arithmetic.floorDivide(x, y)
            case .modulo: result = try? Arithmetic.modulo(x, y)
            case .power: result = try? Arithmetic.power(x, y)
            case .equal: result = .bool(x == y)
            case .notEqual: result = .bool(x != y)
            case .less: result = (try? Arithmetic.compare(x, y, nil)).map { .bool($0 < 0) }
            case .lessEqual: result = (try? Arithmetic.compare(x, y, nil)).map { .bool($0 <= 0) }
            case .greater: result = (try? Arithmetic.compare(x, y, nil)).map { .bool($0 > 0) }
            case .greaterEqual: result = (try? Arithmetic.compare(x, y, nil)).map { .bool($0 >= 0) }
            case .in: result = (try? Arithmetic.contains(y, x, nil)).map { .bool($0) }
            case .notIn: result = (try? Arithmetic.contains(y, x, nil)).map { .bool(!$0) }
            case .and, .or, .coalesce: result = nil
            }
            if let result, let folded = Constant(result) { return constant(folded, expr) }
            return expr
        case .conditional(let condition, let thenBranch, let elseBranch):
            switch fold(condition).constant {
            case .bool(true): return thenBranch
            case .bool(false): return elseBranch
            default: return expr
            }
        default:
            return expr
        }
    }

    private static func constant(_ value: Constant, _ original: TypedExpr) -> TypedExpr {
        TypedExpr(.constant(value), original.type == .any ? value.type : original.type, original.range)
    }
}

extension Constant {
    /// The constant for a scalar runtime value; nil for lists and maps.
    init?(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .float(let number): self = .float(number)
        case .string(let text): self = .string(text)
        case .list, .map: return nil
        }
    }
}
