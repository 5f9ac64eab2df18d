/// Text as an array of Unicode scalars, the unit Python strings index by, with the handful of
/// character classes and searches the math answer code needs. Every helper is linear in the
/// length it looks at.
typealias Scalars = [Unicode.Scalar]

enum ScalarText {
    /// Converts a string to scalars.
    static func scalars(_ text: String) -> Scalars { Array(text.unicodeScalars) }

    /// Converts scalars back to a string.
    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Returns true for the characters Python's `\s` and `str.isspace` accept.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x20 || (0x09...0x0D).contains(value) || (0x1C...0x1F).contains(value) { return true }
        return value >= 0x80 && scalar.properties.isWhitespace
    }

    /// Returns true for the characters Python's `\d` accepts (Unicode decimal digits).
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x30 && scalar.value <= 0x39 }
        return scalar.properties.numericType == .decimal
    }

    /// Returns true for ASCII digits only, the digits LaTeX number tokens use.
    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    /// Returns true for ASCII letters.
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value | 0x20
        return value >= 0x61 && value <= 0x7A
    }

    /// Returns true for the characters Python's `\w` accepts (letters, digits, underscore).
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return isASCIILetter(scalar) || isASCIIDigit(scalar) || scalar == "_"
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Returns true when `pattern` occurs in `text` starting at `index`.
    static func matches(_ text: Scalars, _ pattern: Scalars, at index: Int) -> Bool {
        if index < 0 || index + pattern.count > text.count { return false }
        var offset = 0
        while offset < pattern.count {
            if text[index + offset] != pattern[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Returns true when the literal string occurs in `text` at `index` (without allocating).
    static func matches(_ text: Scalars, _ literal: String, at index: Int) -> Bool {
        guard index >= 0 else { return false }
        var position = index
        for scalar in literal.unicodeScalars {
            if position >= text.count || text[position] != scalar { return false }
            position += 1
        }
        return true
    }

    /// Returns the index of the last occurrence of `pattern` that ends at or before `end`.
    static func lastIndex(of pattern: Scalars, in text: Scalars, before end: Int) -> Int? {
        var start = min(end, text.count) - pattern.count
        while start >= 0 {
            if matches(text, pattern, at: start) { return start }
            start -= 1
        }
        return nil
    }

    /// Returns the index of the first occurrence of `pattern` at or after `start`.
    static func firstIndex(of pattern: Scalars, in text: Scalars, from start: Int = 0) -> Int? {
        if pattern.isEmpty { return start <= text.count ? start : nil }
        var index = max(start, 0)
        while index + pattern.count <= text.count {
            if text[index] == pattern[0] && matches(text, pattern, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Replaces every non-overlapping occurrence of `old` with `new`, scanning left to right.
    static func replacingAll(_ text: Scalars, _ old: String, _ new: String) -> Scalars {
        let oldScalars = scalars(old), newScalars = scalars(new)
        guard !oldScalars.isEmpty, firstIndex(of: oldScalars, in: text) != nil else { return text }
        var output = Scalars()
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == oldScalars[0] && matches(text, oldScalars, at: index) {
                output.append(contentsOf: newScalars)
                index += oldScalars.count
            } else {
                output.append(text[index])
                index += 1
            }
        }
        return output
    }

    /// Strips Python whitespace from both ends.
    static func trimmed(_ text: Scalars) -> Scalars {
        var start = 0, end = text.count
        while start < end && isSpace(text[start]) { start += 1 }
        while end > start && isSpace(text[end - 1]) { end -= 1 }
        return Array(text[start..<end])
    }

    /// Returns the index just past a run of whitespace starting at `index`.
    static func skipSpaces(_ text: Scalars, from index: Int) -> Int {
        var position = index
        while position < text.count && isSpace(text[position]) { position += 1 }
        return position
    }

    /// Returns true when there is a word boundary (Python `\b`) before `index`.
    static func isWordBoundary(_ text: Scalars, at index: Int) -> Bool {
        let before = index > 0 && isWordCharacter(text[index - 1])
        let after = index < text.count && isWordCharacter(text[index])
        return before != after
    }
}
