import RubricSyntax

/// Builtin calls in the cost analysis: each builtin's `BuiltinCost` formulas evaluated on
/// the shapes of its arguments.
extension CostAnalysis {
    /// The fuel a call of builtin `name` charges and the shape of its result.
    func builtinCall(_ name: String, _ arguments: [ValueShape], at range: SourceRange) -> Evaluation {
        guard let cost = environment.signature(named: name)?.cost else {
            let reason = cause("builtin '\(name)' has no cost description", at: range)
            return Evaluation(cost: .unbounded(reason), shape: .any(size: .unbounded(reason)))
        }
        return Evaluation(cost: bound(cost.fuel, arguments, at: range), shape: shape(cost.result, arguments, at: range))
    }

    /// A formula's bound for arguments of the given shapes.
    func bound(_ formula: CostFormula, _ arguments: [ValueShape], at range: SourceRange) -> SizeBound {
        switch formula {
        case .constant(let value): return .constant(value)
        case .measure(let measure, let index):
            guard arguments.indices.contains(index) else { return .zero }
            return located(arguments[index].measure(measure), at: range)
        case .argumentCount: return .constant(Double(arguments.count))
        case .sum(let terms): return terms.reduce(SizeBound.zero) { $0 + bound($1, arguments, at: range) }
        case .product(let factors):
            return factors.reduce(SizeBound.constant(1)) { $0 * bound($1, arguments, at: range) }
        case .unbounded(let reason): return .unbounded(cause(reason, at: range))
        }
    }

    /// A result shape for arguments of the given shapes.
    func shape(_ result: ResultShape, _ arguments: [ValueShape], at range: SourceRange) -> ValueShape {
        switch result {
        case .scalar: return .scalar
        case .never: return .never
        case .int(let magnitude): return .int(magnitude: bound(magnitude, arguments, at: range))
        case .string(let bytes): return .string(bytes: bound(bytes, arguments, at: range))
        case .list(let length, let element):
            return .list(length: bound(length, arguments, at: range), element: shape(element, arguments, at: range))
        case .any(let size): return .any(size: bound(size, arguments, at: range))
        case .argument(let index): return arguments.indices.contains(index) ? arguments[index] : .never
        case .elementOf(let inner): return shape(inner, arguments, at: range).element
        case .integer(let index):
            if arguments.indices.contains(index), case .int = arguments[index] { return arguments[index] }
            return .int(magnitude: .unbounded(cause("an int converted from a float or from text has no bound in input sizes", at: range)))
        case .extreme:
            if arguments.count == 1 { return arguments[0].element }
            return arguments.reduce(ValueShape.never) { $0.join($1) }
        case .join(let parts):
            return parts.reduce(ValueShape.never) { $0.join(shape($1, arguments, at: range)) }
        }
    }
}
