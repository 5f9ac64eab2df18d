/// The default tokeniser of Google's `rouge-score` package (`rouge_score/tokenize.py`):
/// lowercase the text with Python's `str.lower()`, replace every run of characters outside
/// `[a-z0-9]` with a space, split at whitespace, optionally stem each token longer than three
/// characters with NLTK's Porter stemmer, and drop empty tokens.
///
/// Only ASCII letters and digits survive the replacement, so the full Unicode lowercase
/// mapping matters only for the characters whose lowercase contains one: A-Z, U+0130 (LATIN
/// CAPITAL LETTER I WITH DOT ABOVE, lowercased to "i" followed by a combining dot, which is
/// then a separator) and U+212A (KELVIN SIGN, lowercased to "k"). Every other character
/// outside `[A-Za-z0-9]` is a separator, so no case tables are needed and the text is scanned
/// as UTF-8 bytes.
enum RougeTokenizer {
    /// The numbered words of the texts being compared, with the stem of each word computed
    /// once however often the word occurs.
    struct Vocabulary {
        /// The tokens as they appear after lowercasing.
        var words = SymbolTable()
        /// The stems, numbered separately; the symbols of a stemmed text.
        var stems = SymbolTable()
        /// For each word id, its stem's id, -1 when not yet computed, -2 for an empty stem.
        var stemOfWord: [Int] = []
    }

    /// Returns the tokens of `text` before stemming: lowercase ASCII letters and digits as code
    /// points, and the range of each token in them.
    static func tokens<Text: StringProtocol>(_ text: Text) -> (text: [UInt32], ranges: [Range<Int>]) {
        let bytes = Array(text.utf8)
        var buffer: [UInt32] = []
        buffer.reserveCapacity(bytes.count)
        var ranges: [Range<Int>] = []
        var start = 0
        /// Ends the token being built, if there is one.
        func flush() {
            if buffer.count > start { ranges.append(start..<buffer.count) }
            start = buffer.count
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x61...0x7A, 0x30...0x39:
                buffer.append(UInt32(byte))
                index += 1
            case 0x41...0x5A:
                buffer.append(UInt32(byte) + 0x20)
                index += 1
            case 0xC4 where index + 1 < bytes.count && bytes[index + 1] == 0xB0:
                // U+0130 lowercases to "i" and a combining dot, which ends the token.
                buffer.append(0x69)
                flush()
                index += 2
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA:
                // U+212A KELVIN SIGN lowercases to "k".
                buffer.append(0x6B)
                index += 3
            default:
                flush()
                index += 1
            }
        }
        flush()
        return (buffer, ranges)
    }

    /// Returns the symbols of the tokens of `text`: word ids, or with `stem` the ids of their
    /// Porter stems (tokens of three characters or fewer are their own stems).
    static func symbols<Text: StringProtocol>(_ text: Text, stem: Bool, _ vocabulary: inout Vocabulary) -> [Int] {
        let (buffer, ranges) = tokens(text)
        var symbols: [Int] = []
        symbols.reserveCapacity(ranges.count)
        for range in ranges {
            let word = vocabulary.words.id(of: buffer[range])
            guard stem else {
                symbols.append(word)
                continue
            }
            while vocabulary.stemOfWord.count <= word { vocabulary.stemOfWord.append(-1) }
            if vocabulary.stemOfWord[word] == -1 {
                if range.count > 3 {
                    let stemmed = PorterStemmer.stem(buffer[range].map { UInt8(truncatingIfNeeded: $0) })
                    vocabulary.stemOfWord[word] = stemmed.isEmpty
                        ? -2 : vocabulary.stems.id(of: stemmed.map { UInt32($0) }[...])
                } else {
                    vocabulary.stemOfWord[word] = vocabulary.stems.id(of: buffer[range])
                }
            }
            let symbol = vocabulary.stemOfWord[word]
            if symbol >= 0 { symbols.append(symbol) }
        }
        return symbols
    }

    /// Returns the sentences rouge-score's `rougeLsum` scores separately: the pieces of `text`
    /// between newline characters (U+000A only), without the empty ones.
    static func sentences(_ text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true).map { Substring($0) }
    }
}
