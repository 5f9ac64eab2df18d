/// Bounds the nesting of values a script builds. A script can wrap a list in a list once per
/// binding or call, and Swift frees (and compares, and prints) nested arrays recursively, so
/// an unbounded depth would overflow the stack. The VM checks every container it builds
/// against `Limits.maxValueDepth`, the same bound that applies to input data.
enum ValueDepth {
    /// True when `value` nests deeper than `limit` levels of lists and maps, for values the
    /// host hands over (input data): trees whose walk costs their size.
    static func exceeds(_ value: Value, limit: Int) -> Bool {
        // Without a context to charge, the walk cannot fail.
        (try? exceeds(value, limit: limit, charging: nil)) ?? true
    }

    /// `exceeds`, charging `context` (when given) for every list and map visited: a value a
    /// script built may share one list many times, and its walk must stay within the budget.
    /// The walk recurses at most `limit + 1` levels, and visits only containers' elements.
    static func exceeds(_ value: Value, limit: Int, charging context: ExecutionContext?) throws(RuntimeError) -> Bool {
        switch value {
        case .list(let items):
            if limit <= 0 { return true }
            try context?.chargeWalk(elements: items.count)
            for item in items where isContainer(item) {
                if try exceeds(item, limit: limit - 1, charging: context) { return true }
            }
            return false
        case .map(let box):
            if limit <= 0 { return true }
            try context?.chargeWalk(elements: box.entries.count)
            for item in box.entries.values where isContainer(item) {
                if try exceeds(item, limit: limit - 1, charging: context) { return true }
            }
            return false
        default:
            return false
        }
    }

    /// Throws `valueTooDeep` when `value` nests deeper than `limit` levels. Scalars return
    /// at once, so checking every element a container receives stays cheap.
    @inline(__always)
    static func check(_ value: Value, limit: Int, _ context: ExecutionContext) throws(RuntimeError) {
        if isContainer(value), try exceeds(value, limit: limit, charging: context) { throw error(limit) }
    }

    /// Throws `valueTooDeep` when `element`, put into a container, would make that container
    /// nest deeper than `limit` levels.
    @inline(__always)
    static func checkElement(_ element: Value, limit: Int, _ context: ExecutionContext) throws(RuntimeError) {
        if isContainer(element), try exceeds(element, limit: limit - 1, charging: context) { throw error(limit) }
    }

    @inline(__always)
    static func isContainer(_ value: Value) -> Bool {
        switch value {
        case .list, .map: true
        default: false
        }
    }

    /// The error for a value nested too deeply.
    static func error(_ limit: Int) -> RuntimeError {
        RuntimeError(.valueTooDeep, "a value nests lists and maps deeper than \(limit) levels")
    }
}
