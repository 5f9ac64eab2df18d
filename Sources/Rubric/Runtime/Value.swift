import OrderedCollections

/// A Rubric value. Values are immutable; lists and maps share storage copy-on-write, so
/// passing them around is cheap. Maps keep insertion order, so every order a script can
/// observe is deterministic.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    case map(MapBox)

    /// Makes a map value from ordered entries.
    public static func map(_ entries: OrderedDictionary<String, Value>) -> Value {
        .map(MapBox(entries))
    }

    /// The name of this value's runtime type, as scripts and messages spell it.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .list: "list"
        case .map: "map"
        }
    }

    /// The value as a Double if it is a number (bools are not numbers).
    @inlinable
    public var asDouble: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// Immutable storage for a map value. A class keeps `Value` small; maps are read far more
/// often than they are built.
public final class MapBox: Sendable {
    public let entries: OrderedDictionary<String, Value>

    public init(_ entries: OrderedDictionary<String, Value>) {
        self.entries = entries
    }
}

extension Value: Equatable {
    /// Structural equality. Ints and floats compare numerically (1 == 1.0); NaN equals nothing.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.int(let a), .float(let b)): Double(a) == b && b.isFinite && Int(exactly: b) == a
        case (.float(let a), .int(let b)): Double(b) == a && a.isFinite && Int(exactly: a) == b
        case (.string(let a), .string(let b)): FastText.equal(a, b)
        case (.list(let a), .list(let b)): a == b
        case (.map(let a), .map(let b)):
            a === b || (a.entries.count == b.entries.count && a.entries.allSatisfy { key, value in
                b.entries[key].map { $0 == value } ?? false
            })
        default: false
        }
    }
}
