import RubricSemantics

/// A compiled unit of bytecode: the main program, a function, an example value or an
/// expectation. Beside the code is a line table (the source offset of each instruction),
/// so runtime errors and the disassembler can point at the source.
public struct Chunk: Sendable {
    public var name: String
    public var code: [Instruction] = []
    /// Byte offset in the source of the expression each instruction belongs to.
    public var offsets: [Int32] = []
    public var constants: [Value] = []
    /// Types referred to by `convert` instructions.
    public var types: [RType] = []
    /// Local slots the frame needs (parameters first).
    public var localCount: Int = 0
    /// Parameters, which the caller leaves on the stack as the first locals.
    public var parameterCount: Int = 0
    /// The deepest the operand stack gets above the locals.
    public var maxStack: Int = 0

    public init(name: String) {
        self.name = name
    }

    /// Stack slots a frame of this chunk needs in total.
    public var frameSize: Int { localCount + maxStack }
}
