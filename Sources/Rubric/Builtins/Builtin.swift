import RubricSemantics

/// The native body of a builtin: it receives its arguments (defaults already filled in, in
/// parameter order, then any variadic ones) and the execution context for metering.
public typealias BuiltinBody = @Sendable (_ arguments: UnsafeBufferPointer<Value>,
                                          _ context: ExecutionContext) throws(RuntimeError) -> Value

/// A builtin function: the signature the checker uses and the body the VM calls.
public struct Builtin: Sendable {
    public var signature: BuiltinSignature
    public var body: BuiltinBody

    public init(_ signature: BuiltinSignature, _ body: @escaping BuiltinBody) {
        self.signature = signature
        self.body = body
    }

    public var name: String { signature.name }
}
