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
