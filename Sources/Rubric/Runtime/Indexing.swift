/// Indexing and slicing with Python's conventions: negative indexes count from the end,
/// slices clamp to the bounds, and strings are indexed by Unicode scalar.
enum Indexing {
    static func index(_ container: Value, _ key: Value) throws(RuntimeError) -> Value {
        switch (container, key) {
        case (.list(let items), .int(let position)):
            let resolved = position < 0 ? position + items.count : position
            guard resolved >= 0 && resolved < items.count else {
                throw RuntimeError(.indexOutOfRange, "index \(position) is out of range for a list of \(items.count)")
            }
            return items[resolved]
        case (.string(let text), .int(let position)):
            let scalars = text.unicodeScalars
            let count = scalars.count
            let resolved = position < 0 ? position + count : position
            guard resolved >= 0 && resolved < count else {
                throw RuntimeError(.indexOutOfRange, "index \(position) is out of range for a string of \(count) characters")
            }
            return .string(String(scalars[scalars.index(scalars.startIndex, offsetBy: resolved)]))
        case (.map(let box), .string(let name)):
            guard let found = box.entries[name] else {
                throw RuntimeError(.keyNotFound, "the map has no key '\(name)'")
            }
            return found
        case (.null, _):
            throw RuntimeError(.nullValue, "cannot index null")
        default:
            throw RuntimeError(.typeError, "cannot index \(container.typeName) with \(key.typeName)")
        }
    }

    /// Resolves Python-style slice bounds against a length.
    static func bounds(_ start: Value, _ end: Value, count: Int) throws(RuntimeError) -> Range<Int> {
        func resolve(_ bound: Value, _ fallback: Int) throws(RuntimeError) -> Int {
            switch bound {
            case .null: return fallback
            case .int(let value):
                let shifted = value < 0 ? value + count : value
                return min(max(shifted, 0), count)
            default: throw RuntimeError(.typeError, "slice bounds must be ints, not \(bound.typeName)")
            }
        }
        let lower = try resolve(start, 0)
        let upper = try resolve(end, count)
        return lower..<max(lower, upper)
    }

    static func slice(_ container: Value, _ start: Value, _ end: Value,
                      _ context: ExecutionContext) throws(RuntimeError) -> Value {
        switch container {
        case .list(let items):
            let range = try bounds(start, end, count: items.count)
            try context.allocate(16 * range.count)
            return .list(Array(items[range]))
        case .string(let text):
            let count = FastText.scalarCount(text)
            let range = try bounds(start, end, count: count)
            try context.allocate(range.count * 2)
            return .string(FastText.scalarSlice(text, range, scalarCount: count))
        case .null:
            throw RuntimeError(.nullValue, "cannot slice null")
        default:
            throw RuntimeError(.typeError, "cannot slice \(container.typeName)")
        }
    }
}
