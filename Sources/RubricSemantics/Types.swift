/// The static types the checker reasons about. `any` is the escape hatch for data whose shape
/// is not declared (JSON fields typed `any`); operations on it are checked at run time.
public indirect enum RType: Sendable, Hashable, CustomStringConvertible {
    case any
    case null
    case bool
    case int
    case float
    /// int or float: what numeric builtins accept.
    case number
    case string
    case list(RType)
    case map(RType)
    /// The wrapped type, or null.
    case optional(RType)

    public var description: String {
        switch self {
        case .any: "any"
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .number: "number"
        case .string: "string"
        case .list(let element): "list[\(element)]"
        case .map(let element): "map[\(element)]"
        case .optional(let wrapped): "\(wrapped)?"
        }
    }

    /// Wraps the type in `optional` unless it already admits null.
    public var orNull: RType {
        switch self {
        case .any, .null, .optional: self
        default: .optional(self)
        }
    }

    /// The type with null removed: what `x ?? y` knows about `x` on its non-null path.
    public var nonNull: RType {
        switch self {
        case .optional(let wrapped): wrapped
        default: self
        }
    }

    /// True when a value of this type may be null at run time.
    public var admitsNull: Bool {
        switch self {
        case .any, .null, .optional: true
        default: false
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .int, .float, .number: true
        default: false
        }
    }

    /// Returns true when every value of `other` is also a value of `self` (with `any` both
    /// ways, since it is checked at run time).
    public func accepts(_ other: RType) -> Bool {
        if self == other { return true }
        switch (self, other) {
        case (.any, _), (_, .any): return true
        case (.number, .int), (.number, .float): return true
        case (.float, .int): return true  // ints widen to float where a float is declared
        case (.optional, .null): return true
        case (.optional(let wrapped), .optional(let inner)): return wrapped.accepts(inner)
        case (.optional(let wrapped), _): return wrapped.accepts(other)
        case (.list(let a), .list(let b)): return a.accepts(b)
        case (.map(let a), .map(let b)): return a.accepts(b)
        default: return false
        }
    }

    /// The least type containing both, used for `if` branches and list elements.
    public func join(_ other: RType) -> RType {
        if self == other { return self }
        switch (self, other) {
        case (.any, _), (_, .any): return .any
        case (.null, let t), (let t, .null): return t.orNull
        case (.optional(let a), .optional(let b)): return a.join(b).orNull
        case (.optional(let a), let b), (let b, .optional(let a)): return a.join(b).orNull
        case (.int, .float), (.float, .int): return .float
        case (.number, .int), (.number, .float), (.int, .number), (.float, .number): return .number
        case (.list(let a), .list(let b)): return .list(a.join(b))
        case (.map(let a), .map(let b)): return .map(a.join(b))
        default: return .any
        }
    }
}

/// A constant known at compile time: literal defaults of builtin parameters and the results
/// of constant folding.
public enum Constant: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    public var type: RType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .float: .float
        case .string: .string
        }
    }
}
