/// A size of one argument of a builtin call, the variable its cost formula is written in.
public enum ArgumentMeasure: String, Sendable, Hashable {
    /// UTF-8 bytes of a string; for lists and maps, of every string and key inside.
    case bytes
    /// Elements of a list or entries of a map; UTF-8 bytes of a string.
    case length
    /// The absolute value of an int.
    case magnitude
    /// Total size: UTF-8 bytes of strings and keys plus elements of lists and entries of
    /// maps, at every level.
    case size
    /// Bytes of the value written as text (`str`) or as JSON (`to_json`), the larger.
    case text
    /// UTF-8 bytes of the longest key of a map.
    case keyBytes
    /// UTF-8 bytes of a string; 0 for any other value (`len` and the conversions read text only).
    case stringBytes
}

/// A formula over the sizes of a call's arguments: the fuel a builtin charges, or a size of
/// its result, as an upper bound. The VM's meter and `check`'s cost bound read the same
/// formulas; a test runs every builtin on random arguments and checks the fuel it charged
/// against its formula.
public indirect enum CostFormula: Sendable, Hashable {
    case constant(Double)
    /// A size of the argument at this position (defaults filled in, then variadic ones).
    case measure(ArgumentMeasure, Int)
    /// The number of arguments of the call.
    case argumentCount
    case sum([CostFormula])
    case product([CostFormula])
    /// No bound follows from the arguments' sizes, for the reason given.
    case unbounded(String)

    /// The UTF-8 bytes of an argument.
    public static func bytes(_ argument: Int) -> CostFormula { .measure(.bytes, argument) }
    /// The length of an argument.
    public static func length(_ argument: Int) -> CostFormula { .measure(.length, argument) }
    /// The absolute value of an int argument.
    public static func magnitude(_ argument: Int) -> CostFormula { .measure(.magnitude, argument) }
    /// The total size of an argument.
    public static func size(_ argument: Int) -> CostFormula { .measure(.size, argument) }
    /// The size of an argument written as text.
    public static func text(_ argument: Int) -> CostFormula { .measure(.text, argument) }
    /// The bytes of a string argument, 0 for other values.
    public static func stringBytes(_ argument: Int) -> CostFormula { .measure(.stringBytes, argument) }
    /// The bytes of the longest key of a map argument.
    public static func keyBytes(_ argument: Int) -> CostFormula { .measure(.keyBytes, argument) }

    /// The least a metered builtin charges.
    public static var call: CostFormula { .constant(Double(FuelRates.builtinCall)) }

    /// What `chargeBytes(n)` charges: a call plus one unit per `bytesPerUnit` bytes.
    public static func perBytes(_ bytes: CostFormula) -> CostFormula {
        call + bytes / Double(FuelRates.bytesPerUnit)
    }

    /// What `chargeElements(n)` charges: a call plus one unit per `elementsPerUnit` elements.
    public static func perElements(_ elements: CostFormula) -> CostFormula {
        call + elements / Double(FuelRates.elementsPerUnit)
    }

    /// The sum of two formulas.
    public static func + (lhs: CostFormula, rhs: CostFormula) -> CostFormula {
        if case .sum(let terms) = lhs { return .sum(terms + [rhs]) }
        return .sum([lhs, rhs])
    }

    /// The product of two formulas.
    public static func * (lhs: CostFormula, rhs: CostFormula) -> CostFormula { .product([lhs, rhs]) }
    /// A formula times a constant.
    public static func * (lhs: Double, rhs: CostFormula) -> CostFormula { .product([.constant(lhs), rhs]) }
    /// A formula divided by a constant.
    public static func / (lhs: CostFormula, rhs: Double) -> CostFormula { .product([.constant(1 / rhs), lhs]) }

    /// The formula's value for arguments whose sizes `measure` gives.
    public func evaluate(_ measure: (ArgumentMeasure, Int) -> Double, argumentCount count: Int) -> Double {
        switch self {
        case .constant(let value): value
        case .measure(let kind, let index): measure(kind, index)
        case .argumentCount: Double(count)
        case .sum(let terms): terms.reduce(0) { $0 + $1.evaluate(measure, argumentCount: count) }
        case .product(let factors): factors.reduce(1) { $0 * $1.evaluate(measure, argumentCount: count) }
        case .unbounded: .infinity
        }
    }
}

/// The shape of a builtin's result, in sizes of its arguments, for bounding the work done
/// with the result (a comprehension over `split(text)` iterates at most `bytes(text) + 1`
/// times).
public indirect enum ResultShape: Sendable, Hashable {
    /// A float, bool or null: no size.
    case scalar
    /// An int whose absolute value is at most the formula.
    case int(CostFormula)
    /// A string of at most this many UTF-8 bytes.
    case string(CostFormula)
    /// A list of at most `length` elements, each of the element shape.
    case list(length: CostFormula, element: ResultShape)
    /// Any value of at most this total size (see `ArgumentMeasure.size`).
    case any(CostFormula)
    /// The argument at this position, or a part of it (a sorted list, a clipped number).
    case argument(Int)
    /// An element of a list, or a value of a map, of this shape.
    case elementOf(ResultShape)
    /// The argument's int when it is an int; an int of unknown size otherwise (rounding).
    case integer(Int)
    /// `min`/`max`: an element of the only argument, or one of two or more arguments.
    case extreme
    /// One of these shapes.
    case join([ResultShape])
    /// No value: the call always fails.
    case never
}

/// What a builtin costs: the fuel it charges, as a bound in its arguments' sizes, and the
/// shape of its result.
public struct BuiltinCost: Sendable, Hashable {
    public var fuel: CostFormula
    public var result: ResultShape

    /// A cost of `fuel` with a result of shape `result`.
    public init(fuel: CostFormula, result: ResultShape) {
        self.fuel = fuel
        self.result = result
    }
}
