/// Structural equality for the operations a script performs (`==`, `!=`, `in`, `count`,
/// `index_of`, `unique`…), with the rules of `Value.==` (1 == 1.0, NaN equals nothing, maps
/// ignore entry order) and the work charged to the sample as it is done. `Value.==` itself is
/// unmetered and stays for the host: a script can build a value that shares one list many
/// times over (`let b = [a, a]`, forty times), and an unmetered walk over two such values would
/// run for hours inside a single instruction, out of reach of both fuel and the deadline.
enum Equality {
    /// Returns whether `a` equals `b`, charging `context` for every list and map pair compared
    /// and for the bytes of long strings. Lists sharing their storage are equal at once.
    static func equal(_ a: Value, _ b: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Bool {
        try equal(a, b, context, depth: 0)
    }

    /// `equal` at a nesting depth, bounded like every recursive walk over values.
    private static func equal(_ a: Value, _ b: Value, _ context: ExecutionContext?, depth: Int) throws(RuntimeError) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            let count = x.utf8.count
            guard count == y.utf8.count else { return false }
            try context?.chargeWalk(bytes: count)
            return FastText.equal(x, y)
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            if sameStorage(x, y) { return true }
            try enter(depth, context, elements: x.count)
            for index in x.indices where !(try equal(x[index], y[index], context, depth: depth + 1)) {
                return false
            }
            return true
        case (.map(let x), .map(let y)):
            if x === y { return true }
            guard x.entries.count == y.entries.count else { return false }
            try enter(depth, context, elements: x.entries.count)
            for (key, value) in x.entries {
                guard let other = y.entries[key], try equal(value, other, context, depth: depth + 1) else { return false }
            }
            return true
        default:
            return a == b
        }
    }

    /// Returns whether `items` holds an element equal to `element`, charging the comparisons.
    static func contains(_ items: [Value], _ element: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Bool {
        try firstIndex(of: element, in: items, context) != nil
    }

    /// The index of the first element of `items` equal to `element`, charging the comparisons.
    static func firstIndex(of element: Value, in items: [Value], _ context: ExecutionContext?) throws(RuntimeError) -> Int? {
        try context?.chargeWalk(elements: items.count)
        for index in items.indices where try equal(items[index], element, context) { return index }
        return nil
    }

    /// The number of elements of `items` equal to `element`, charging the comparisons.
    static func count(of element: Value, in items: [Value], _ context: ExecutionContext?) throws(RuntimeError) -> Int {
        try context?.chargeWalk(elements: items.count)
        var count = 0
        for item in items where try equal(item, element, context) { count += 1 }
        return count
    }

    /// Charges for comparing two containers of `elements` elements at `depth`, refusing to go
    /// deeper than any walk over values may.
    @inline(__always)
    private static func enter(_ depth: Int, _ context: ExecutionContext?, elements: Int) throws(RuntimeError) {
        if depth >= maxNestingWalked {
            throw RuntimeError(.valueTooDeep, "cannot compare values nested more than \(maxNestingWalked) levels deep")
        }
        try context?.chargeWalk(elements: elements)
    }

    /// True when two lists share one buffer (and so are equal without looking inside).
    @inline(__always)
    static func sameStorage(_ x: [Value], _ y: [Value]) -> Bool {
        x.withUnsafeBufferPointer { p in y.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress } }
    }
}
