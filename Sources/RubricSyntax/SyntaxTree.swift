/// The syntax tree: a faithful, untyped picture of what was written. Later stages read it and
/// produce their own typed tree; nothing here knows about types, slots or bytecode.

/// An expression with its source range. `height` is the depth of the subtree, which the parser
/// bounds so that every recursive walk over the tree stays within the thread's stack.
public struct Expr: Sendable {
    public var kind: ExprKind
    public var range: SourceRange
    public var height: Int

    public init(_ kind: ExprKind, _ range: SourceRange, height: Int = 1) {
        self.kind = kind
        self.range = range
        self.height = height
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">=", `in` = "in", notIn = "not in"
    case and = "and", or = "or", coalesce = "??"

    /// True for the six ordering and equality comparisons plus membership tests.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: true
        default: false
        }
    }
}

/// One argument of a call, positional when `label` is nil.
public struct Argument: Sendable {
    public var label: String?
    public var labelRange: SourceRange?
    public var value: Expr

    public init(label: String?, labelRange: SourceRange?, value: Expr) {
        self.label = label
        self.labelRange = labelRange
        self.value = value
    }
}

/// A part of an interpolated string: literal text or an embedded expression.
public enum InterpolationPart: Sendable {
    case text(String)
    case expr(Expr)
}

/// `for a in xs` or `for a, b in pairs`, or `if cond`, inside a comprehension.
public enum ComprehensionClause: Sendable {
    case forIn(names: [(String, SourceRange)], iterable: Expr)
    case filter(Expr)
}

public struct MapEntry: Sendable {
    public var key: Expr
    public var value: Expr

    public init(key: Expr, value: Expr) {
        self.key = key
        self.value = value
    }
}

public indirect enum ExprKind: Sendable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case null
    case name(String)
    /// The rubric's reward, readable only inside `expect`.
    case reward
    /// `skip`: no value for this score or reward (reported as null, distinct from 0).
    case skip
    /// `group(e)` or `batch(e)`: the values of `e` over the sample's group or the whole batch.
    case collect(Expr, scope: CollectionScope)
    case interpolation([InterpolationPart])
    case list([Expr])
    case map([MapEntry])
    case listComprehension(element: Expr, clauses: [ComprehensionClause])
    case mapComprehension(key: Expr, value: Expr, clauses: [ComprehensionClause])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case conditional(condition: Expr, then: Expr, else: Expr)
    /// `name(args)`; the callee is always a plain name.
    case call(name: String, nameRange: SourceRange, arguments: [Argument])
    /// `receiver.name(args)`: sugar for `name(receiver, args)`.
    case methodCall(receiver: Expr, name: String, nameRange: SourceRange, arguments: [Argument])
    /// `value.name`: the entry `name` of a map.
    case field(Expr, name: String, nameRange: SourceRange)
    case index(Expr, Expr)
    case slice(Expr, start: Expr?, end: Expr?)
    /// Stands in for an expression that failed to parse.
    case invalid
}

/// Which samples `group(e)` and `batch(e)` gather values from.
public enum CollectionScope: String, Sendable {
    case group, batch
}

/// A type as written: `int`, `list[float]`, `map[string]?` …
public indirect enum TypeSyntax: Sendable {
    case named(String, SourceRange)
    case list(TypeSyntax, SourceRange)
    case map(TypeSyntax, SourceRange)
    case optional(TypeSyntax, SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(_, let range), .list(_, let range), .map(_, let range), .optional(_, let range): range
        }
    }
}

/// A segment of an input's `from` path: a map key or a list index.
public enum PathSegment: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}

public struct InputDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var type: TypeSyntax
    /// Where the value lives in the sample; defaults to the top-level field `name`.
    public var path: [PathSegment]
    public var defaultValue: Expr?
    public var range: SourceRange
}

public struct LetDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var type: TypeSyntax?
    public var value: Expr
    public var range: SourceRange
}

public struct Parameter: Sendable {
    public var name: String
    public var range: SourceRange
    public var type: TypeSyntax?
    /// `name: type = literal`: the value used when a call leaves the argument out.
    public var defaultValue: Expr?
}

public struct FnDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var parameters: [Parameter]
    public var returnType: TypeSyntax?
    /// `let`s inside a block body, in order; empty for `= expr` bodies.
    public var locals: [LetDecl]
    public var body: Expr
    public var range: SourceRange
}

/// `in [lower, upper]` after a score's name or after `reward`: the interval the author
/// claims the value stays in. Each bound is a number literal, optionally negated; `check`
/// must prove the claim by interval analysis.
public struct DeclaredRange: Sendable {
    public var lower: Expr
    public var upper: Expr
    /// From `in` to the closing bracket.
    public var range: SourceRange
}

/// `host fn name(p: T, …) -> R`: a function the embedder supplies (an LLM judge, a reward
/// model). The declaration gives its signature so the rubric can be checked without the
/// host; every parameter and the result have types, and there is no body.
public struct HostFnDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    /// The parameters, each with its type and no default.
    public var parameters: [Parameter]
    public var returnType: TypeSyntax
    public var range: SourceRange
}

public struct ScoreDecl: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var declaredRange: DeclaredRange?
    public var value: Expr
    public var range: SourceRange
}

public struct RewardDecl: Sendable {
    public var declaredRange: DeclaredRange?
    public var value: Expr
    public var range: SourceRange
}

/// The special bindings written `keyword = expr`, besides `reward`.
public enum SpecialBindingKind: String, Sendable {
    /// `steps = …`: dense per-step rewards reported next to the reward.
    case steps
    /// `latent = …`: a named vector of factor scores reported next to the reward.
    case latent
    /// `fallback = …`: the reward of a sample that fails (a number or `skip`, the default).
    case fallback
    /// `group = …`: the key whose equal values put samples in one group.
    case group
}

public struct SpecialBindingDecl: Sendable {
    public var kind: SpecialBindingKind
    public var value: Expr
    public var range: SourceRange
}

public enum ExampleItem: Sendable {
    case assign(name: String, nameRange: SourceRange, value: Expr)
    case expect(Expr)
    /// `expect error` or `expect error "E1010"`: the sample must fail, optionally with that code.
    case expectError(code: String?, range: SourceRange)
}

public struct ExampleDecl: Sendable {
    public var name: String
    public var items: [ExampleItem]
    public var range: SourceRange
}

public enum Statement: Sendable {
    case input(InputDecl)
    case `let`(LetDecl)
    case fn(FnDecl)
    case host(HostFnDecl)
    case score(ScoreDecl)
    case reward(RewardDecl)
    case special(SpecialBindingDecl)
    case example(ExampleDecl)
}

public struct Header: Sendable {
    public var name: String
    public var description: String?
    public var range: SourceRange
}

/// A parsed rubric file.
public struct SyntaxTree: Sendable {
    public var source: SourceFile
    public var header: Header?
    public var statements: [Statement]
}
