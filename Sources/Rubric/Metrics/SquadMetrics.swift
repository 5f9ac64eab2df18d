/// The answer metrics of the official SQuAD v1.1 evaluation script (`evaluate-v1.1.py`):
/// answer normalisation, exact match and token F1, each taking the best score over the gold
/// answers. Everything works on Unicode scalars with Python 3's rules, so results agree with
/// the script run on the same strings.
enum SquadMetrics {
    /// Normalises an answer as the script's `normalize_answer` does, in its order: lowercase
    /// (Python's `str.lower`), remove the ASCII punctuation of `string.punctuation`, replace
    /// the articles matched by `\b(a|an|the)\b` with a space, and join the whitespace-separated
    /// words (Python's `str.split()`) with single spaces.
    static func normalize(_ text: String) -> String {
        String(decoding: normalizedBytes(text), as: UTF8.self)
    }

    /// The normalised answer's tokens, as the script's `normalize_answer(s).split()`, each as
    /// its UTF-8 bytes: tokens are compared scalar by scalar as Python compares `str`s, never
    /// by Swift's canonical equivalence (which would equate "é" and "e\u{301}").
    static func tokens(_ text: String) -> [ArraySlice<UInt8>] {
        normalizedBytes(text).split(separator: 0x20)
    }

    /// 1.0 when the normalised prediction equals the normalised form of any gold answer, else
    /// 0.0 (also for an empty list of golds, where the script's `max` would fail).
    static func exactMatch(_ prediction: String, golds: [String]) -> Double {
        let normalized = normalize(prediction)
        return golds.contains { FastText.equal(normalize($0), normalized) } ? 1.0 : 0.0
    }

    /// The best token F1 over the gold answers (0.0 for an empty list of golds). For one gold,
    /// the common tokens are the multiset intersection of the two token lists (Python's
    /// `Counter(a) & Counter(b)`); with none in common the score is 0, which includes the case
    /// where both normalise to no tokens at all (v1.1 behaviour; v2.0 scores that case 1).
    /// Otherwise it is `2 * p * r / (p + r)` with precision `p` and recall `r`, computed in
    /// the script's order of floating-point operations.
    static func tokenF1(_ prediction: String, golds: [String]) -> Double {
        let predicted = tokens(prediction)
        var predictedCounts: [ArraySlice<UInt8>: Int] = [:]
        for token in predicted { predictedCounts[token, default: 0] += 1 }
        var best = 0.0
        for gold in golds {
            let goldTokens = tokens(gold)
            var remaining = predictedCounts
            var same = 0
            for token in goldTokens {
                if let count = remaining[token], count > 0 {
                    remaining[token] = count - 1
                    same += 1
                }
            }
            if same == 0 { continue }
            let precision = Double(same) / Double(predicted.count)
            let recall = Double(same) / Double(goldTokens.count)
            let f1 = (2 * precision * recall) / (precision + recall)
            best = max(best, f1)
        }
        return best
    }

    /// The scalars of `text` lowercased as Python's `str.lower` does. ASCII and scalars that
    /// lowercasing leaves alone are copied directly; only a text with a capital sigma, whose
    /// mapping depends on its neighbours, goes through `TextSupport.changeCase` whole.
    static func lowercased(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                output.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value) | 0x20) : scalar)
            } else if scalar.value == 0x03A3 {
                return Array(TextSupport.changeCase(text, upper: false).unicodeScalars)
            } else if scalar.properties.changesWhenLowercased {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return output
    }

    /// True for the 32 ASCII punctuation characters of Python's `string.punctuation`
    /// (every printable ASCII character that is neither a letter, a digit nor a space).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    /// The UTF-8 bytes of the normalised answer. After lowercasing and removing punctuation,
    /// a single pass replaces each article with a space, as `re.sub(r'\b(a|an|the)\b', ' ',
    /// text)` does on a `str` (a match must start and end at word boundaries, so it is exactly
    /// a maximal run of word characters that reads "a", "an" or "the"), and writes the
    /// whitespace-separated words with one space between them.
    private static func normalizedBytes(_ text: String) -> [UInt8] {
        var scalars = lowercased(text)
        scalars.removeAll(where: isPunctuation)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard isWordCharacter(scalar) else {
                if TextSupport.isWhitespace(scalar) {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace { output.append(0x20); pendingSpace = false }
                    UTF8.encode(scalar) { output.append($0) }
                }
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isWordCharacter(scalars[end]) { end += 1 }
            if isArticle(scalars[index..<end]) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20); pendingSpace = false }
                for scalar in scalars[index..<end] { UTF8.encode(scalar) { output.append($0) } }
            }
            index = end
        }
        return output
    }

    /// True when `word` is "a", "an" or "the".
    private static func isArticle(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        switch word.count {
        case 1: return word.first == "a"
        case 2: return word.first == "a" && word.last == "n"
        case 3: return word.first == "t" && word[word.startIndex + 1] == "h" && word.last == "e"
        default: return false
        }
    }

    /// True for the characters Python's `re` treats as `\w` in a `str` pattern: those for
    /// which `str.isalnum()` is true (letters of categories L*, and characters with a numeric
    /// type: decimal, digit or numeric), and the underscore.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return properties.numericType != nil
        }
    }
}
