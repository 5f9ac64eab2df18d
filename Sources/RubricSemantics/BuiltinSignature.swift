/// One parameter of a builtin function as the checker sees it.
public struct BuiltinParameter: Sendable {
    public var name: String
    public var type: RType
    /// The value used when the argument is omitted; nil means the argument is required.
    public var defaultValue: Constant?
    /// A regex parameter: a constant argument is compiled by `check`, so a bad pattern is a
    /// compile-time error rather than a per-sample failure.
    public var isRegex: Bool

    public init(_ name: String, _ type: RType, default defaultValue: Constant? = nil, regex isRegex: Bool = false) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isRegex = isRegex
    }
}

/// The checker's view of a builtin: its parameters and how its result type follows from the
/// argument types.
public struct BuiltinSignature: Sendable {
    public var name: String
    public var parameters: [BuiltinParameter]
    /// When set, any number of further positional arguments of this type may follow.
    public var variadic: RType?
    /// Computes the result type from the argument types (after defaults are filled in).
    public var result: @Sendable ([RType]) -> RType
    /// Extra validation of the argument types; returns a message for a type error, or nil.
    public var validate: (@Sendable ([RType]) -> String?)?
    /// One sentence for the language card and the REPL's help.
    public var summary: String
    /// The fuel the builtin charges and the shape of its result, in its arguments' sizes;
    /// nil when unknown, which makes the cost of a call unbounded.
    public var cost: BuiltinCost?

    public init(_ name: String, _ parameters: [BuiltinParameter], variadic: RType? = nil,
                returns result: @escaping @Sendable ([RType]) -> RType,
                validate: (@Sendable ([RType]) -> String?)? = nil, summary: String) {
        self.name = name
        self.parameters = parameters
        self.variadic = variadic
        self.result = result
        self.validate = validate
        self.summary = summary
    }

    /// A signature whose result type does not depend on its arguments.
    public init(_ name: String, _ parameters: [BuiltinParameter], variadic: RType? = nil,
                returns fixed: RType, summary: String) {
        self.init(name, parameters, variadic: variadic, returns: { _ in fixed }, summary: summary)
    }
}

/// What the checker needs from the outside world: the builtins by name and a way to
/// validate regex literals. The runtime supplies both, so this layer stays free of PCRE2.
public protocol BuiltinEnvironment: Sendable {
    /// Returns the signature of the builtin called `name`, if there is one.
    func signature(named name: String) -> BuiltinSignature?
    /// Compiles `pattern`; returns nil if it is valid or an error message with the byte offset
    /// inside the pattern where the problem lies.
    func regexError(_ pattern: String) -> (message: String, offset: Int)?
    /// Every builtin name, for "did you mean" suggestions.
    var builtinNames: [String] { get }
}
