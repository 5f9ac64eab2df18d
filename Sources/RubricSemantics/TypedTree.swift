import RubricSyntax

/// The checked program's expressions: every name is resolved to a slot, every call to its
/// target, and every node carries its static type. The compiler, the cost estimator and the
/// range analysis all read this tree rather than the syntax tree.
public struct TypedExpr: Sendable {
    public var kind: TypedExprKind
    public var type: RType
    public var range: SourceRange

    public init(_ kind: TypedExprKind, _ type: RType, _ range: SourceRange) {
        self.kind = kind
        self.type = type
        self.range = range
    }

    /// The constant value of this expression, if it is a literal.
    public var constant: Constant? {
        if case .constant(let value) = kind { return value }
        return nil
    }
}

public enum ComprehensionKind: Sendable {
    case list
    case map
}

/// A `for` or `if` clause of a comprehension, with its loop variables resolved to locals.
public enum TypedClause: Sendable {
    /// Iterates `iterable`; with two slots, each element must be a two-element list (or the
    /// iterable a map, giving key and value).
    case forIn(slots: [Int], iterable: TypedExpr)
    case filter(TypedExpr)
}

public indirect enum TypedExprKind: Sendable {
    case constant(Constant)
    /// A top-level binding: an input, a let, a score or (inside expects) the reward.
    case global(Int)
    /// A function parameter, a local let or a comprehension variable of the current frame.
    case local(Int)
    /// Concatenates the string forms of its parts.
    case interpolation([TypedExpr])
    case list([TypedExpr])
    case map(keys: [TypedExpr], values: [TypedExpr])
    /// `element` is the list element, or for maps the key; `value` is the map value.
    case comprehension(ComprehensionKind, element: TypedExpr, value: TypedExpr?, clauses: [TypedClause])
    case unary(UnaryOperator, TypedExpr)
    case binary(BinaryOperator, TypedExpr, TypedExpr)
    case conditional(TypedExpr, TypedExpr, TypedExpr)
    /// A call of the user function with this index; arguments in parameter order.
    case callFunction(Int, [TypedExpr])
    /// A call of the named builtin; arguments in parameter order with defaults filled in,
    /// then any variadic arguments.
    case callBuiltin(String, [TypedExpr])
    /// A call of the declared host function with this index; arguments in parameter order,
    /// converted to the declared parameter types.
    case callHost(Int, [TypedExpr])
    case field(TypedExpr, String)
    case index(TypedExpr, TypedExpr)
    case slice(TypedExpr, TypedExpr?, TypedExpr?)
    /// Turns a score or reward into a float: bools count 1 or 0, ints widen. With
    /// `nullSkips`, a null value passes through as a skip (from `x ?? skip`).
    case toScore(TypedExpr, nullSkips: Bool)
    /// `group(e)` / `batch(e)`: the list of global `slot` (which holds `e`) over the sample's
    /// group or batch, in sample order, leaving out samples that failed before computing it.
    case collect(slot: Int, scope: CollectionScope)
    /// Checks at run time that a value has the declared type, widening ints to floats: used
    /// where a value of type `any` (or an int) is stored in a binding declared with a type.
    case convert(TypedExpr, RType)
}
