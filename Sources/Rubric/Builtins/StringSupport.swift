/// Text algorithms behind the string builtins. Everything works on Unicode scalars or on
/// UTF-8 bytes, never on Swift's grapheme-cluster `Character`s, so lengths, indices and
/// matches agree with Python's `str`. Searching on UTF-8 bytes is equivalent to searching on
/// scalars: a valid UTF-8 needle can only match a valid UTF-8 haystack at a scalar boundary.
enum TextSupport {
    /// True for the characters Python's `str.isspace()` accepts: the ASCII whitespace and
    /// separator controls (U+0009-U+000D, U+001C-U+001F, space), U+0085, U+00A0, U+1680,
    /// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// The byte offsets of the non-overlapping occurrences of `needle` in `haystack`, scanning
    /// from the left, at most `limit` of them. Knuth-Morris-Pratt keeps the work linear in the
    /// input even for adversarial patterns. `needle` must not be empty.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], limit: Int = .max) -> [Int] {
        var found: [Int] = []
        let m = needle.count
        guard m > 0, haystack.count >= m, limit > 0 else { return found }
        // failure[i]: length of the longest proper border of needle[0...i].
        var failure = [Int](repeating: 0, count: m)
        var border = 0
        for index in 1..<m {
            while border > 0, needle[index] != needle[border] { border = failure[border - 1] }
            if needle[index] == needle[border] { border += 1 }
            failure[index] = border
        }
        var matched = 0
        for (index, byte) in haystack.enumerated() {
            while matched > 0, byte != needle[matched] { matched = failure[matched - 1] }
            if byte == needle[matched] { matched += 1 }
            if matched == m {
                found.append(index - m + 1)
                if found.count == limit { break }
                matched = 0  // non-overlapping: start afresh after a match
            }
        }
        return found
    }

    /// Makes a string from a slice of valid UTF-8 bytes.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Splits on runs of whitespace as Python's `str.split(None, maxsplit)` does: leading and
    /// trailing whitespace yields no empty pieces, and after `maxSplit` splits (negative: no
    /// limit) the rest, with its leading whitespace removed, is the last piece.
    static func splitWhitespace(_ text: String, maxSplit: Int) -> [Substring] {
        let scalars = text.unicodeScalars
        var pieces: [Substring] = []
        var remaining = maxSplit < 0 ? Int.max : maxSplit
        var index = scalars.startIndex
        while remaining > 0 {
            while index < scalars.endIndex, isWhitespace(scalars[index]) { index = scalars.index(after: index) }
            if index == scalars.endIndex { break }
            let start = index
            while index < scalars.endIndex, !isWhitespace(scalars[index]) { index = scalars.index(after: index) }
            pieces.append(Substring(scalars[start..<index]))
            remaining -= 1
        }
        if index < scalars.endIndex {
            while index < scalars.endIndex, isWhitespace(scalars[index]) { index = scalars.index(after: index) }
            if index < scalars.endIndex { pieces.append(Substring(scalars[index...])) }
        }
        return pieces
    }

    /// Splits on every occurrence of a non-empty separator as Python's `str.split(sep,
    /// maxsplit)` does: empty pieces are kept, and at most `maxSplit` splits are made
    /// (negative: no limit).
    static func split(_ text: String, separator: String, maxSplit: Int) -> [String] {
        let bytes = Array(text.utf8)
        let needle = Array(separator.utf8)
        let positions = occurrences(of: needle, in: bytes, limit: maxSplit < 0 ? .max : maxSplit)
        var pieces: [String] = []
        pieces.reserveCapacity(positions.count + 1)
        var start = 0
        for position in positions {
            pieces.append(string(bytes[start..<position]))
            start = position + needle.count
        }
        pieces.append(string(bytes[start...]))
        return pieces
    }

    /// Removes scalars from the ends of `text`: those in `characters`, or whitespace when it
    /// is nil, as Python's `strip`, `lstrip` and `rstrip` do.
    static func strip(_ text: String, characters: String?, leading: Bool, trailing: Bool) -> String {
        let set = characters.map { Set($0.unicodeScalars) }
        let remove = { (scalar: Unicode.Scalar) -> Bool in set.map { $0.contains(scalar) } ?? isWhitespace(scalar) }
        var scalars = Substring(text).unicodeScalars[...]
        if leading { while let first = scalars.first, remove(first) { scalars.removeFirst() } }
        if trailing { while let last = scalars.last, remove(last) { scalars.removeLast() } }
        return String(Substring(scalars))
    }

    /// Maps every scalar to its full lowercase or uppercase mapping, as Python's `lower` and
    /// `upper` do (so "ß" uppercases to "SS"). Lowercasing applies Unicode's Final_Sigma rule
    /// like Python: a capital sigma that ends a word becomes "ς", otherwise "σ".
    static func changeCase(_ text: String, upper: Bool) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII maps byte for byte, without building a string per character.
            let (from, to): (UInt8, UInt8) = upper ? (0x61, 0x7A) : (0x41, 0x5A)
            return String(decoding: text.utf8.map { (from...to).contains($0) ? $0 ^ 0x20 : $0 }, as: UTF8.self)
        }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if upper {
                output.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
            } else if scalar.value == 0x03A3 {
                output.append(isFinalSigma(scalars, at: index) ? "\u{03C2}" : "\u{03C3}")
            } else {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(output)
    }

    /// The Final_Sigma condition: a cased letter before (skipping case-ignorable scalars) and
    /// no cased letter after (skipping case-ignorable scalars).
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at position: Int) -> Bool {
        var before = position - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = position + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }

    /// Replaces every occurrence of `old` with `new` as Python's `str.replace` does; an empty
    /// `old` inserts `new` before every scalar and at the end. Returns nil without building
    /// anything when `allowance` (bytes) is too small for the result.
    static func replace(_ text: String, _ old: String, _ new: String,
                        allowance: Int) -> (result: String, bytes: Int)? {
        let bytes = Array(text.utf8)
        let replacement = Array(new.utf8)
        if old.isEmpty {
            let slots = text.unicodeScalars.count + 1
            let (extra, overflowA) = slots.multipliedReportingOverflow(by: replacement.count)
            let (size, overflowB) = extra.addingReportingOverflow(bytes.count)
            if overflowA || overflowB || size > allowance { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(size)
            for byte in bytes {
                if byte & 0xC0 != 0x80 { output += replacement }
                output.append(byte)
            }
            output += replacement
            return (String(decoding: output, as: UTF8.self), size)
        }
        let needle = Array(old.utf8)
        let positions = occurrences(of: needle, in: bytes)
        if positions.isEmpty { return (text, 0) }
        let (delta, overflowA) = positions.count.multipliedReportingOverflow(by: replacement.count - needle.count)
        let (size, overflowB) = bytes.count.addingReportingOverflow(delta)
        if overflowA || overflowB || size > allowance { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(size)
        var start = 0
        for position in positions {
            output += bytes[start..<position]
            output += replacement
            start = position + needle.count
        }
        output += bytes[start...]
        return (String(decoding: output, as: UTF8.self), size)
    }

    /// Splits into lines at "\n" and "\r\n", dropping the line breaks; a final line break does
    /// not start an empty last line, and a lone "\r" is not a line break.
    static func lines(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var lines: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let end = index > start && bytes[index - 1] == 0x0D ? index - 1 : index
            lines.append(string(bytes[start..<end]))
            start = index + 1
        }
        if start < bytes.count { lines.append(string(bytes[start...])) }
        return lines
    }

    /// Approximates how many tokens a BPE tokenizer would produce, without a vocabulary.
    /// Scanning the Unicode scalars left to right:
    /// - whitespace (as `isWhitespace`) separates pieces and counts nothing;
    /// - a maximal run of letters (Unicode Alphabetic, plus combining marks) counts one token
    ///   per 4 scalars, rounded up ("the" 1, "reward" 2, "tokenization" 3);
    /// - a maximal run of decimal digits counts one token per 3 digits, rounded up;
    /// - each Han ideograph, Hiragana, Katakana or Hangul syllable counts 1 on its own, since
    ///   these scripts are written without spaces and tokenizers split them finely;
    /// - every other scalar (punctuation, symbols, emoji, controls) counts 1.
    /// The rule is deterministic but depends on the Unicode tables of the Swift runtime for
    /// letters outside ASCII; hosts that know the real token counts should pass those in.
    static func approximateTokenCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            asciiTokenClasses.withUnsafeBufferPointer { ascii in
                var tally = TokenTally()
                var index = 0
                while index < bytes.count {
                    // ASCII from the table; other scalars decoded from their (valid) UTF-8 bytes.
                    let lead = bytes[index]
                    if lead < 0x80 {
                        tally.add(ascii[Int(lead)])
                        index += 1
                    } else {
                        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                        var value = UInt32(lead) & (0x7F >> UInt32(length))
                        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                        tally.add(unicodeTokenClass(Unicode.Scalar(value)!))
                        index += length
                    }
                }
                tally.flush()
                return tally.total
            }
        }
    }

    /// The running count of `approximateTokenCount`: tokens so far and the open run.
    private struct TokenTally {
        var total = 0
        /// The class of the open run: `.letter`, `.digit`, or `.separator` for none.
        var run = TokenClass.separator
        var runLength = 0

        /// Counts one scalar of class `tokenClass`.
        @inline(__always)
        mutating func add(_ tokenClass: TokenClass) {
            switch tokenClass {
            case .separator:
                flush()
            case .single:
                flush()
                total += 1
            case .letter, .digit:
                if tokenClass != run { flush(); run = tokenClass }
                runLength += 1
            }
        }

        /// Closes the open run: letters count one token per 4, digits one per 3, rounded up.
        mutating func flush() {
            switch run {
            case .letter: total += (runLength + 3) / 4
            case .digit: total += (runLength + 2) / 3
            case .separator, .single: break
            }
            run = .separator
            runLength = 0
        }
    }

    /// How one scalar counts in `approximateTokenCount`.
    enum TokenClass {
        /// Whitespace: ends a run, counts nothing.
        case separator
        /// Part of a run of letters (or combining marks).
        case letter
        /// Part of a run of decimal digits.
        case digit
        /// A token on its own (dense scripts, punctuation, symbols, controls).
        case single
    }

    /// The class of each ASCII scalar, computed once by the general rule, so both agree (Unicode
    /// property lookups cost far more than the rest of the count).
    static let asciiTokenClasses: [TokenClass] = (0..<128).map { unicodeTokenClass(Unicode.Scalar(UInt8($0))) }

    /// The class of `scalar` by its Unicode properties.
    static func unicodeTokenClass(_ scalar: Unicode.Scalar) -> TokenClass {
        let properties = scalar.properties
        if isWhitespace(scalar) { return .separator }
        if isDenseScript(scalar) { return .single }
        if properties.numericType == .decimal { return .digit }
        if properties.isAlphabetic || isMark(properties.generalCategory) { return .letter }
        return .single
    }

    /// True for Han ideographs, Hiragana, Katakana and Hangul syllables.
    private static func isDenseScript(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isIdeographic { return true }
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, 0xAC00...0xD7AF: return true
        default: return false
        }
    }

    /// True for the combining mark categories.
    private static func isMark(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
