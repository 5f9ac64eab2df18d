import Rubric

/// Reads a JSON options object passed across the C interface, refusing unknown keys so that
/// a misspelt option is an error rather than silently ignored.
struct Options {
    let entries: [(key: String, value: Value)]

    /// Parses `text` (nil or empty: no options) as a JSON object whose keys are in `known`.
    init(_ text: String?, known: [String], what: String) throws(Failure) {
        guard let text, !text.allSatisfy(\.isWhitespace) else {
            entries = []
            return
        }
        guard case .map(let box) = try parseObject(text, what: what) else { throw Failure(.invalidJSON, "\(what) must be a JSON object") }
        for key in box.entries.keys where !known.contains(key) {
            throw Failure(.invalidOption, "unknown option '\(key)' in \(what) (known: \(known.joined(separator: ", ")))")
        }
        entries = box.entries.map { ($0.key, $0.value) }
    }

    /// The value of `key`, or nil when absent or null.
    subscript(key: String) -> Value? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// A string option.
    func string(_ key: String) throws(Failure) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let text) = value else { throw Failure(.invalidOption, "option '\(key)' must be a string") }
        return text
    }

    /// A whole-number option within `range`.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(Failure) -> Int? {
        guard let value = self[key] else { return nil }
        guard case .int(let number) = value, range.contains(number) else {
            throw Failure(.invalidOption, "option '\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
