/// Text as the Python reference implementations of the translation and summarisation metrics
/// see it: a sequence of Unicode code points (what Python's `str` indexes), compared code point
/// by code point, never by Swift's canonical equivalence, and split at Python's whitespace.
enum MetricText {
    /// Returns the Unicode scalar values of `text`, the code points Python's `str` holds.
    static func scalars(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { result.append(scalar.value) }
        return result
    }

    /// Returns true when the code point is whitespace for Python's `str.split()` and
    /// `str.rstrip()` (the characters `str.isspace()` accepts).
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        Unicode.Scalar(value).map(TextSupport.isWhitespace) ?? false
    }

    /// Returns the number of code points left once trailing whitespace is removed, which is
    /// the length of Python's `text.rstrip()`.
    static func lengthWithoutTrailingWhitespace(_ text: [UInt32]) -> Int {
        var end = text.count
        while end > 0, isWhitespace(text[end - 1]) { end -= 1 }
        return end
    }

    /// Returns the ranges of the words of `text` in order, splitting at runs of whitespace as
    /// Python's `str.split()` with no separator does (so there are no empty words).
    static func splitWhitespace(_ text: [UInt32]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start = -1
        for index in text.indices {
            if isWhitespace(text[index]) {
                if start >= 0 {
                    words.append(start..<index)
                    start = -1
                }
            } else if start < 0 {
                start = index
            }
        }
        if start >= 0 { words.append(start..<text.count) }
        return words
    }

    /// Returns `text` with every non-overlapping occurrence of `old`, found from the left,
    /// replaced by `new`, as Python's `str.replace` does; `old` must not be empty.
    static func replaceAll(_ text: [UInt32], _ old: [UInt32], with new: [UInt32]) -> [UInt32] {
        guard let first = old.first, text.count >= old.count else { return text }
        var result: [UInt32] = []
        result.reserveCapacity(text.count)
        var index = 0
        let last = text.count - old.count
        while index < text.count {
            if index <= last, text[index] == first, matches(text, at: index, old) {
                result.append(contentsOf: new)
                index += old.count
            } else {
                result.append(text[index])
                index += 1
            }
        }
        return result
    }

    /// Returns true when `pattern` occurs in `text` starting at `index` (which must leave room
    /// for the whole pattern).
    @inline(__always)
    private static func matches(_ text: [UInt32], at index: Int, _ pattern: [UInt32]) -> Bool {
        for offset in pattern.indices where text[index + offset] != pattern[offset] { return false }
        return true
    }

    /// Returns the code points of an ASCII string literal, for the fixed patterns the
    /// tokenisers replace.
    static func ascii(_ literal: StaticString) -> [UInt32] {
        var result: [UInt32] = []
        literal.withUTF8Buffer { buffer in
            for byte in buffer { result.append(UInt32(byte)) }
        }
        return result
    }
}
