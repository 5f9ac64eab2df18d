import RubricSyntax

/// The fuel bound of one sample: a bound per binding (each input default, let, score, the
/// reward and the special bindings, each evaluated once per sample) and their total, as
/// polynomials in the input sizes named by `variables`. A rubric that reads `group(e)` or
/// `batch(e)` runs in stages, each with its own fuel budget; the total bounds them all
/// together, and inside the gathered lists each size variable stands for its largest value
/// over the group (or batch).
public struct CostReport: Sendable {
    /// The bound of one binding.
    public struct Binding: Sendable {
        public var name: String
        public var kind: GlobalKind
        /// Where the binding is declared.
        public var range: SourceRange
        public var bound: SizeBound
    }

    public var bindings: [Binding]
    /// The variables bounds can mention, in the order the inputs declare them.
    public var variables: [CostVariable]

    /// The bound on the whole sample: every binding's bound added up.
    public var total: SizeBound { bindings.reduce(SizeBound.zero) { $0 + $1.bound } }

    /// The bound of the score called `name`, or of the reward for "reward".
    public func bound(of name: String) -> SizeBound? {
        bindings.first { $0.name == name && ($0.kind == .score || $0.kind == .reward) }?.bound
    }

    /// The variables that occur in some bound, in declaration order.
    public var usedVariables: [CostVariable] {
        let names = Set(bindings.flatMap { $0.bound.polynomial?.variables ?? [] })
        return variables.filter { names.contains($0.name) }
    }

    /// The total bound's value for the given variable values (infinity when unbounded).
    public func totalValue(_ values: [String: Double]) -> Double {
        total.polynomial?.evaluate(values) ?? .infinity
    }
}
