import RubricSyntax

/// One parameter of a host function: its name (for named arguments) and its type.
public struct HostParameter: Sendable, Hashable {
    public var name: String
    public var type: RType

    public init(_ name: String, _ type: RType) {
        self.name = name
        self.type = type
    }
}

/// The signature of a host function: what a rubric declares with `host fn`, and what an
/// embedder registers. The two must be equal, names included, so a call means the same thing
/// whether the rubric is checked with or without the host.
public struct HostSignature: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var parameters: [HostParameter]
    public var returns: RType

    public init(name: String, parameters: [HostParameter], returns: RType) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
    }

    /// The signature as a rubric declares it: `judge(question: string, answer: string) -> float`.
    public var description: String {
        "\(name)(\(parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", "))) -> \(returns)"
    }
}

/// A host function declared by a rubric, after checking.
public struct CheckedHostFunction: Sendable {
    public var signature: HostSignature
    /// The `host fn` declaration.
    public var range: SourceRange
}
