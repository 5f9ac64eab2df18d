import RubricSemantics

/// A function the embedder supplies to rubrics: an LLM judge, a reward model, a tokenizer.
/// A rubric that calls it declares it with `host fn name(p: T, …) -> R`, and the declaration
/// must match this signature exactly. The VM charges `cost` units of fuel per call, converts
/// the arguments to the declared parameter types before the call and checks the result
/// against `returns` after it. A pure function's results are cached per evaluator (by its
/// arguments), so an answer repeated within a batch is judged once; an impure one is called
/// every time. Calls are never folded at compile time.
///
/// `body` runs on whichever thread evaluates the sample, possibly on several at once, so it
/// must be safe to call concurrently. An error it throws becomes the sample's error record
/// (E1221, at the call), unless it throws a `RuntimeError`, which is reported as it is.
public struct HostFunction: Sendable {
    public var signature: HostSignature
    /// Fuel charged per call, on top of evaluating the arguments.
    public var cost: Int
    /// True when equal arguments always give an equal result, so results may be cached.
    public var pure: Bool
    public var body: @Sendable ([Value]) throws -> Value

    /// Creates a host function; `parameters` are names and types in order.
    public init(name: String, parameters: [(String, RType)], returns: RType, cost: Int = 1, pure: Bool,
                body: @escaping @Sendable ([Value]) throws -> Value) {
        precondition(cost >= 0, "a host function's cost must not be negative")
        signature = HostSignature(name: name, parameters: parameters.map { HostParameter($0.0, $0.1) }, returns: returns)
        self.cost = cost
        self.pure = pure
        self.body = body
    }

    public var name: String { signature.name }
}

/// The host functions a program is compiled against. `unavailable` (the default) stands for
/// no host at all, as in `rubric check`, `run` and `eval`: a rubric's `host fn` declarations
/// are taken as written, and a call fails per sample with E1220. With registered functions
/// every declaration must name one of them with its exact signature (E0961, E0962), and a call
/// of a registered function that the rubric did not declare is an error too (E0960).
public struct HostEnvironment: Sendable {
    /// The registered functions by name; nil for no host.
    let functions: [String: HostFunction]?

    /// No host: declarations are checked as written and calls fail at run time.
    public static let unavailable = HostEnvironment(functions: nil)

    init(functions: [String: HostFunction]?) {
        self.functions = functions
    }

    /// A host registering `functions`; names must be distinct.
    public init(_ functions: [HostFunction]) {
        var table: [String: HostFunction] = [:]
        for function in functions {
            precondition(table[function.name] == nil, "host function '\(function.name)' is registered twice")
            table[function.name] = function
        }
        self.functions = table
    }

    /// The registered signatures by name, as the checker sees them; nil for no host.
    var signatures: [String: HostSignature]? { functions?.mapValues(\.signature) }
}
