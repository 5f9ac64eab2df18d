/// Bounds the nesting of values a script builds. A script can wrap a list in a list once per
/// binding or call, and Swift frees (and compares, and prints) nested arrays recursively, so
/// an unbounded depth would overflow the stack. The VM checks every container it builds
/// against `Limits.maxValueDepth`, the same bound that applies to input data.
enum ValueDepth {
    /// True when `value` nests deeper than `limit` levels of lists and maps. The walk itself
    /// recurses at most `limit + 1` levels, and visits only containers' elements.
    static func exceeds(_ value: Value, limit: Int) -> Bool {
        switch value {
        case .list(let items):
            if limit <= 0 { return true }
            for item in items where isContainer(item) {
                if exceeds(item, limit: limit - 1) { return true }
            }
            return false
        case .map(let box):
            if limit <= 0 { return true }
            for item in box.entries.values where isContainer(item) {
                if exceeds(item, limit: limit - 1) { return true }
            }
            return false
        default:
            return false
        }
    }

    /// Throws `valueTooDeep` when `value` nests deeper than `limit` levels. Scalars return
    /// at once, so checking every element a container receives stays cheap.
    @inline(__always)
    static func check(_ value: Value, limit: Int) throws(RuntimeError) {
        if isContainer(value) && exceeds(value, limit: limit) { throw error(limit) }
    }

    /// Throws `valueTooDeep` when `element`, put into a container, would make that container
    /// nest deeper than `limit` levels.
    @inline(__always)
    static func checkElement(_ element: Value, limit: Int) throws(RuntimeError) {
        if isContainer(element) && exceeds(element, limit: limit - 1) { throw error(limit) }
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
