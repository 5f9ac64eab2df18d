/// The type a number literal has in math-verify (SymPy): it decides which comparison rule
/// applies, e.g. a float literal is compared after rounding while integers compare exactly.
enum NumberKind: Sendable, Hashable {
    case integer
    case rational
    case float
}

/// A relation operator between two expressions.
enum RelationKind: String, Sendable, Hashable {
    case equal = "="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case notEqual = "!="

    /// The relation with its sides swapped (`a < b` is `b > a`); nil for `!=`.
    var flipped: RelationKind? {
        switch self {
        case .equal: .equal
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .notEqual: nil
        }
    }
}

/// A set operation joining two sets.
enum SetOperation: String, Sendable, Hashable {
    case union = "∪"
    case intersection = "∩"
    case difference = "∖"
}

/// A parsed math answer: the subset of SymPy's expression objects that math-verify builds
/// from LaTeX and that the comparison needs to tell apart.
indirect enum MathNode: Sendable, Hashable {
    /// A number literal; `literal` keeps the digits of an integer too long for 64 bits.
    case number(ExactNumber, NumberKind, literal: String?)
    /// `x\%`, kept as x · (1/100) the way math-verify keeps it (it compares 50\% equal to 50).
    case percent(MathNode)
    /// π, e, ∞ (`negative` for −∞), the imaginary unit, or the Euler–Mascheroni constant.
    case constant(String)
    /// A variable or a word (lowercased, as math-verify lowercases symbols).
    case symbol(String)
    case sum([MathNode])
    case product([MathNode])
    case power(MathNode, MathNode)
    /// A named function applied to arguments (sin, log with its base, abs, factorial, ...).
    case function(String, [MathNode])
    case relation(RelationKind, MathNode, MathNode)
    /// A chain such as `a < b < c` or `x = y = 3`, in written order.
    case chain([MathNode])
    case tuple([MathNode])
    /// A finite set with its elements in written order.
    case finiteSet([MathNode])
    case interval(MathNode, MathNode, leftOpen: Bool, rightOpen: Bool)
    case setOperation(SetOperation, MathNode, MathNode)
    /// ℝ, ℤ, ℕ, ℚ, ℂ or the empty set, by name.
    case namedSet(String)
    /// A matrix or vector (`\begin{pmatrix} 1 \\ 2 \end{pmatrix}`), as rows of entries.
    case matrix([[MathNode]])

    /// Returns an integer literal node.
    static func integer(_ value: Int) -> MathNode { .number(.rational(value, 1), .integer, literal: nil) }

    /// True for relations and chains of relations.
    var isRelation: Bool {
        switch self {
        case .relation: true
        case .chain(let parts): !parts.isEmpty && parts.allSatisfy { if case .relation = $0 { true } else { false } }
        default: false
        }
    }

    /// True for sets (finite sets, intervals, set operations, named sets).
    var isSet: Bool {
        switch self {
        case .finiteSet, .interval, .setOperation, .namedSet: true
        default: false
        }
    }

    /// True for sets and tuples, the values compared element by element.
    var isSetOrTuple: Bool {
        if case .tuple = self { return true }
        return isSet
    }

    /// The number of nodes in the tree, counted up to `limit`.
    func size(limit: Int = 10_000) -> Int {
        var count = 0
        var stack: [MathNode] = [self]
        while let node = stack.popLast(), count < limit {
            count += 1
            stack.append(contentsOf: node.children)
        }
        return count
    }

    /// The direct subexpressions.
    var children: [MathNode] {
        switch self {
        case .number, .constant, .symbol, .namedSet: []
        case .percent(let inner): [inner]
        case .sum(let parts), .product(let parts), .chain(let parts), .tuple(let parts), .finiteSet(let parts): parts
        case .function(_, let arguments): arguments
        case .power(let base, let exponent): [base, exponent]
        case .relation(_, let lhs, let rhs): [lhs, rhs]
        case .interval(let lower, let upper, _, _): [lower, upper]
        case .setOperation(_, let lhs, let rhs): [lhs, rhs]
        case .matrix(let rows): rows.flatMap { $0 }
        }
    }

    /// The tree with every symbol name transformed.
    func renamingSymbols(_ transform: (String) -> String) -> MathNode {
        switch self {
        case .number, .constant, .namedSet: self
        case .symbol(let name): .symbol(transform(name))
        case .percent(let inner): .percent(inner.renamingSymbols(transform))
        case .sum(let parts): .sum(parts.map { $0.renamingSymbols(transform) })
        case .product(let parts): .product(parts.map { $0.renamingSymbols(transform) })
        case .chain(let parts): .chain(parts.map { $0.renamingSymbols(transform) })
        case .tuple(let parts): .tuple(parts.map { $0.renamingSymbols(transform) })
        case .finiteSet(let parts): .finiteSet(parts.map { $0.renamingSymbols(transform) })
        case .function(let name, let arguments): .function(name, arguments.map { $0.renamingSymbols(transform) })
        case .power(let base, let exponent): .power(base.renamingSymbols(transform), exponent.renamingSymbols(transform))
        case .relation(let kind, let lhs, let rhs): .relation(kind, lhs.renamingSymbols(transform), rhs.renamingSymbols(transform))
        case .interval(let lower, let upper, let leftOpen, let rightOpen):
            .interval(lower.renamingSymbols(transform), upper.renamingSymbols(transform), leftOpen: leftOpen, rightOpen: rightOpen)
        case .setOperation(let operation, let lhs, let rhs):
            .setOperation(operation, lhs.renamingSymbols(transform), rhs.renamingSymbols(transform))
        case .matrix(let rows): .matrix(rows.map { $0.map { $0.renamingSymbols(transform) } })
        }
    }

    /// The names of the symbols in the tree (at most `limit` nodes visited).
    var symbolNames: Set<String> {
        var names = Set<String>()
        var stack: [MathNode] = [self]
        var visited = 0
        while let node = stack.popLast(), visited < 10_000 {
            visited += 1
            if case .symbol(let name) = node { names.insert(name) }
            stack.append(contentsOf: node.children)
        }
        return names
    }
}
