import RubricSyntax

/// What the cost analysis knows about the size of a value, as bounds in size variables:
/// the absolute value of an int, the UTF-8 bytes of a string, the length of a list or map
/// and the shape of its elements. Data of type `any` has a total size instead (see
/// `ArgumentMeasure.size`), which bounds every string, list and map inside it.
public indirect enum ValueShape: Sendable, Hashable {
    /// A float, bool or null: nothing to measure.
    case scalar
    case int(magnitude: SizeBound)
    case string(bytes: SizeBound)
    case list(length: SizeBound, element: ValueShape)
    /// A map: its number of entries, the bytes of its longest key and its values' shape.
    case map(length: SizeBound, keyBytes: SizeBound, value: ValueShape)
    case any(size: SizeBound)
    /// No value: the expression always fails.
    case never

    /// A shape at least as large as both.
    public func join(_ other: ValueShape) -> ValueShape {
        switch (self, other) {
        case (.never, let shape), (let shape, .never): return shape
        case (.scalar, .int), (.int, .scalar):
            return .int(magnitude: .unbounded(Unboundedness(.other, "a number that may be a float has no bound as an int", at: SourceRange(0, 0))))
        // Null (or a float) with another shape: it adds nothing to measure (its text is
        // covered by the 24 bytes every text measure starts with).
        case (.scalar, let shape), (let shape, .scalar): return shape
        case (.int(let a), .int(let b)): return .int(magnitude: a.max(b))
        case (.string(let a), .string(let b)): return .string(bytes: a.max(b))
        case (.list(let a, let x), .list(let b, let y)): return .list(length: a.max(b), element: x.join(y))
        case (.map(let a, let k, let x), .map(let b, let l, let y)):
            return .map(length: a.max(b), keyBytes: k.max(l), value: x.join(y))
        default: return .any(size: measure(.size).max(other.measure(.size)))
        }
    }

    /// A bound on one size of the value.
    public func measure(_ kind: ArgumentMeasure) -> SizeBound {
        switch (kind, self) {
        case (_, .never): return .zero
        case (.bytes, .string(let bytes)): return bytes
        case (.bytes, .list(let length, let element)): return length * element.measure(.bytes)
        case (.bytes, .map(let length, let keyBytes, let value)): return length * (keyBytes + value.measure(.bytes))
        case (.length, .string(let bytes)): return bytes
        case (.length, .list(let length, _)), (.length, .map(let length, _, _)): return length
        case (.magnitude, .int(let magnitude)): return magnitude
        case (.size, .string(let bytes)): return bytes
        case (.size, .list(let length, let element)): return length * (.constant(1) + element.measure(.size))
        case (.size, .map(let length, let keyBytes, let value)):
            return length * (.constant(1) + keyBytes + value.measure(.size))
        case (.keyBytes, .map(_, let keyBytes, _)): return keyBytes
        case (.stringBytes, .string(let bytes)): return bytes
        case (.stringBytes, .list), (.stringBytes, .map): return .zero
        // Every text measure starts at 24 bytes, the longest number (such as
        // -1.2345678901234567e-308) or null, so a value that may also be one stays covered.
        case (.text, .scalar), (.text, .int): return .constant(24)
        case (.text, .string(let bytes)): return 6 * bytes + .constant(24)  // quoted, each byte escaped at worst
        case (.text, .list(let length, let element)): return .constant(24) + length * (element.measure(.text) + .constant(1))
        case (.text, .map(let length, let keyBytes, let value)):
            return .constant(24) + length * (6 * keyBytes + value.measure(.text) + .constant(4))
        case (.text, .any(let size)): return 40 * size + .constant(32)
        case (.magnitude, .any):
            return .unbounded(Unboundedness(.other, "an int read from data of type any has no bound", at: SourceRange(0, 0)))
        case (.magnitude, .scalar): return .zero  // null, as an omitted int argument
        case (_, .any(let size)): return size
        default: return .zero
        }
    }

    /// The shape of the elements of a list (or values of a map, or characters of a string).
    public var element: ValueShape {
        switch self {
        case .list(_, let element): element
        case .map(_, _, let value): value
        case .string: .string(bytes: .constant(4))
        case .any: self
        case .never: .never
        default: .scalar
        }
    }

    /// The same value seen with a more precise static type: data of type `any` whose type is
    /// now known keeps its total size as the bound of each part.
    public func viewed(as type: RType) -> ValueShape {
        guard case .any(let size) = self else { return self }
        switch type.nonNull {
        case .string: return .string(bytes: size)
        case .int:
            return .int(magnitude: .unbounded(Unboundedness(.other, "an int read from data of type any has no bound", at: SourceRange(0, 0))))
        case .list(let element): return .list(length: size, element: ValueShape.any(size: size).viewed(as: element))
        case .map(let element):
            return .map(length: size, keyBytes: size, value: ValueShape.any(size: size).viewed(as: element))
        case .float, .bool, .number, .null: return .scalar
        default: return self
        }
    }
}
