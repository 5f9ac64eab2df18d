import RubricSyntax

extension Checker {
    /// The numeric result type of an arithmetic operator on two numeric types.
    func arithmeticType(_ lhs: RType, _ rhs: RType) -> RType {
        if lhs == .int && rhs == .int { return .int }
        if lhs == .float || rhs == .float { return .float }
        return .number
    }

    mutating func checkUnary(_ op: UnaryOperator, _ operand: TypedExpr, range: SourceRange) -> TypedExpr {
        switch op {
        case .not:
            requireType(operand, .bool, what: "the operand of 'not'")
            return TypedExpr(.unary(op, operand), .bool, range)
        case .negate, .plus:
            if operand.type.isNumeric || operand.type == .any {
                return TypedExpr(.unary(op, operand), operand.type, range)
            }
            reportOperands("unary '\(op.rawValue)'", operand.type, nil, range: range)
            return TypedExpr(.unary(op, operand), .any, range)
        }
    }

    mutating func checkBinary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr,
                              range: SourceRange) -> TypedExpr {
        let node = { (type: RType) in TypedExpr(.binary(op, lhs, rhs), type, range) }
        let (a, b) = (lhs.type, rhs.type)
        let eitherAny = a == .any || b == .any
        switch op {
        case .and, .or:
            requireType(lhs, .bool, what: "the left operand of '\(op.rawValue)'")
            requireType(rhs, .bool, what: "the right operand of '\(op.rawValue)'")
            return node(.bool)
        case .coalesce:
            if !a.admitsNull {
                // Harmless but worth knowing: the right side can never be used.
                diagnostics.report(Diagnostic(.neverNull, "the left side of '??' is never null (\(a))",
                                              at: lhs.range, severity: .warning))
            }
            return node(a == .null ? b : a.nonNull.join(b))
        case .equal, .notEqual:
            if !eitherAny, !a.admitsNull, !b.admitsNull, !comparable(a, b) {
                reportOperands("'\(op.rawValue)' (the result would always be \(op == .notEqual))", a, b, range: range)
            }
            return node(.bool)
        case .less, .lessEqual, .greater, .greaterEqual:
            if eitherAny || (a.isNumeric && b.isNumeric) || (a == .string && b == .string) { return node(.bool) }
            if case .list = a, case .list = b { return node(.bool) }
            reportOperands("'\(op.rawValue)'", a, b, range: range)
            return node(.bool)
        case .in, .notIn:
            switch b {
            case .string: requireType(lhs, .string, what: "the left operand of 'in' on a string")
            case .map: requireType(lhs, .string, what: "a map key tested with 'in'")
            case .list, .any: break
            default: reportOperands("'\(op.rawValue)'", a, b, range: range)
            }
            return node(.bool)
        case .add:
            if a.isNumeric && b.isNumeric { return node(arithmeticType(a, b)) }
            if a == .string && b == .string { return node(.string) }
            if case .list(let x) = a, case .list(let y) = b { return node(.list(x.join(y))) }
            if eitherAny { return node(.any) }
        case .subtract:
            if a.isNumeric && b.isNumeric { return node(arithmeticType(a, b)) }
            if eitherAny { return node(.any) }
        case .multiply:
            if a.isNumeric && b.isNumeric { return node(arithmeticType(a, b)) }
            if a == .string && b == .int { return node(.string) }
            if case .list = a, b == .int { return node(a) }
            if eitherAny { return node(.any) }
        case .divide:
            if (a.isNumeric || a == .any) && (b.isNumeric || b == .any) { return node(.float) }
        case .floorDivide, .modulo:
            if a.isNumeric && b.isNumeric { return node(arithmeticType(a, b)) }
            if eitherAny && (a.isNumeric || a == .any) && (b.isNumeric || b == .any) { return node(.any) }
        case .power:
            if a.isNumeric && b.isNumeric {
                // int ** int is an int when the exponent is a non-negative constant.
                if a == .int, b == .int, case .constant(.int(let exponent)) = rhs.kind, exponent >= 0 {
                    return node(.int)
                }
                return node(a == .int && b == .int ? .number : .float)
            }
            if eitherAny && (a.isNumeric || a == .any) && (b.isNumeric || b == .any) { return node(.any) }
        }
        reportOperands("'\(op.rawValue)'", a, b, range: range)
        return node(.any)
    }

    /// True when values of the two types can ever be equal.
    func comparable(_ a: RType, _ b: RType) -> Bool {
        if a.isNumeric && b.isNumeric { return true }
        switch (a, b) {
        case (.list, .list), (.map, .map): return true
        default: return a == b
        }
    }

    mutating func reportOperands(_ what: String, _ lhs: RType, _ rhs: RType?, range: SourceRange) {
        if lhs.admitsNull && lhs != .any || (rhs?.admitsNull ?? false) && rhs != .any {
            diagnostics.error(.possiblyNull, "\(what) cannot take a value that may be null", at: range,
                              notes: ["help: supply a default with '??'"])
            return
        }
        let types = rhs.map { "\(lhs) and \($0)" } ?? "\(lhs)"
        diagnostics.error(.invalidOperands, "\(what) cannot be applied to \(types)", at: range)
    }
}
