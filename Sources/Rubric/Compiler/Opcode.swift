/// The VM's instruction set. Each instruction has an opcode and two operands, `a` and `b`.
/// The comment on each case gives its operands and its stack effect, written
/// `[before] -> [after]` for the top of the stack.
public enum Opcode: UInt8, Sendable, CaseIterable {
    /// a: constant index. [] -> [constant]
    case constant
    /// [] -> [null]
    case null
    /// [] -> [true]
    case `true`
    /// [] -> [false]
    case `false`
    /// a: global slot. [] -> [value]
    case loadGlobal
    /// a: global slot. [value] -> []
    case storeGlobal
    /// a: local slot in the current frame. [] -> [value]
    case loadLocal
    /// a: local slot. [value] -> []
    case storeLocal
    /// [value] -> []
    case pop
    /// a: input index, b: jump offset. Pushes the input's value read from the sample, or
    /// jumps forward by b (to the default's code) when the sample has no value for it.
    /// [] -> [value] or [] (jumping)
    case loadInput

    /// Arithmetic. [lhs, rhs] -> [result]
    case add, subtract, multiply, divide, floorDivide, modulo, power
    /// Float-only arithmetic, emitted when both operands are statically floats. [lhs, rhs] -> [result]
    case addFloat, subtractFloat, multiplyFloat, divideFloat
    /// Int-only arithmetic with overflow checks. [lhs, rhs] -> [result]
    case addInt, subtractInt, multiplyInt
    /// [value] -> [-value]
    case negate
    /// [bool] -> [!bool]
    case not
    /// Comparisons and membership. [lhs, rhs] -> [bool]
    case equal, notEqual, less, lessEqual, greater, greaterEqual, contains, notContains

    /// a: forward offset. [] -> []
    case jump
    /// a: forward offset. [bool] -> [] ; jumps when false.
    case jumpIfFalse
    /// A comparison fused with the jump after it. a: forward offset, b: the `Comparison`
    /// (0 <, 1 <=, 2 >, 3 >=). [lhs, rhs] -> [] ; jumps when the comparison is false.
    case compareJump
    /// a: forward offset. [bool] -> [bool] when jumping (false), [] otherwise. Used by `and`.
    case jumpIfFalseOrPop
    /// a: forward offset. [bool] -> [bool] when jumping (true), [] otherwise. Used by `or`.
    case jumpIfTrueOrPop
    /// a: forward offset. [value] -> [value] when jumping (not null), [] otherwise. Used by `??`.
    case jumpIfNotNullOrPop

    /// a: function index, b: argument count. [args...] -> [result]
    case call
    /// a: builtin index, b: argument count. [args...] -> [result]
    case callBuiltin
    /// a: host function index (declaration order), b: argument count. Charges the function's
    /// cost in fuel, then calls the host (or answers from the cache for a pure function).
    /// [args...] -> [result]
    case callHost
    /// [result] -> returns result to the caller's stack.
    case `return`

    /// a: element count. [e1...en] -> [list]
    case buildList
    /// a: entry count. [k1, v1, ... kn, vn] -> [map]
    case buildMap
    /// Starts a comprehension's result list on the accumulator stack. [] -> []
    case beginList
    /// [value] -> [] (appended to the innermost accumulator)
    case appendList
    /// Starts a comprehension's result map. [] -> []
    case beginMap
    /// [key, value] -> [] (inserted into the innermost accumulator)
    case insertMap
    /// Finishes the innermost accumulator. [] -> [list or map]
    case endAccumulator

    /// a: local slot for the iteration state (uses slots a and a+1), b: 1 to iterate a map as
    /// [key, value] pairs, 0 otherwise. [iterable] -> []
    case iterPrepare
    /// a: iteration state slot, b: forward offset taken when the iteration is finished,
    /// c: the loop variable's slot, or -1 to push the element instead.
    /// [] -> [element] or [] (stored, or finished). Charges one unit of fuel.
    case iterNext
    /// a: backward offset. [] -> []. (Each iteration's fuel is charged by `iterNext`.)
    case loop
    /// Splits a two-element list. [pair] -> [first, second]
    case unpackPair

    /// a: part count. [s1...sn] -> [concatenation of their display strings]
    case interpolate
    /// a: constant index of the field name. [map] -> [value]
    case field
    /// [container, index] -> [element]
    case index
    /// a: 1 if a start is present, b: 1 if an end is present. [container, start?, end?] -> [slice]
    case slice
    /// Converts a score or reward to a float (bools count 1 or 0); with a = 1 a null passes
    /// through as a skip. [value] -> [float or null]
    case toScore
    /// a: global slot, b: 0 for the group, 1 for the batch. Pushes the list of that global's
    /// values over the sample's group or batch (see `group(e)`). [] -> [list]
    case collect
    /// a: index into the chunk's types. Checks the value against the type, widening ints to
    /// floats. [value] -> [value]
    case convert
}

/// One instruction: an opcode and up to three operands whose meaning depends on the opcode.
/// `c` fits in what would otherwise be padding, so an instruction stays 12 bytes.
public struct Instruction: Sendable, Hashable {
    public var opcode: Opcode
    public var c: Int16
    public var a: Int32
    public var b: Int32

    public init(_ opcode: Opcode, _ a: Int32 = 0, _ b: Int32 = 0, c: Int16 = -1) {
        self.opcode = opcode
        self.c = c
        self.a = a
        self.b = b
    }
}
