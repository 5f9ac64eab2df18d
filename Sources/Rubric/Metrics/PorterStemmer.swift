/// The Porter stemmer exactly as NLTK's `nltk.stem.porter.PorterStemmer()` applies it in its
/// default `NLTK_EXTENSIONS` mode, for lowercase ASCII words (the only words ROUGE's tokeniser
/// produces: runs of `a-z` and `0-9`). Each step transcribes the method of the same name in
/// NLTK's `porter.py`, including NLTK's departures from the 1980 paper: the table of
/// irregular forms, words of one or two letters left alone, `ies`/`ied` on four-letter
/// words, `y` to `i` only after a consonant, the `alli`, `fulli` and `logi` rules of step 2,
/// and a two-letter vowel-consonant word counting as ending consonant-vowel-consonant.
/// Digits count as consonants, as every character other than a vowel or `y` does in NLTK.
enum PorterStemmer {
    /// A word as bytes of lowercase ASCII.
    typealias Word = [UInt8]

    /// Returns the stem of `word`, which must be lowercase ASCII, as NLTK's `stem(word)` does.
    static func stem(_ word: Word) -> Word {
        if let irregular = irregularForms[word] { return irregular }
        if word.count <= 2 { return word }
        var stem = step1a(word)
        stem = step1b(stem)
        stem = step1c(stem)
        stem = step2(stem)
        stem = step3(stem)
        stem = step4(stem)
        stem = step5a(stem)
        stem = step5b(stem)
        return stem
    }

    /// NLTK's table of irregular forms, from each form to its stem.
    private static let irregularForms: [Word: Word] = {
        let table: [(String, [String])] = [
            ("sky", ["sky", "skies"]), ("die", ["dying"]), ("lie", ["lying"]), ("tie", ["tying"]),
            ("news", ["news"]), ("inning", ["innings", "inning"]), ("outing", ["outings", "outing"]),
            ("canning", ["cannings", "canning"]), ("howe", ["howe"]), ("proceed", ["proceed"]),
            ("exceed", ["exceed"]), ("succeed", ["succeed"]),
        ]
        var pool: [Word: Word] = [:]
        for (stem, forms) in table {
            for form in forms { pool[Array(form.utf8)] = Array(stem.utf8) }
        }
        return pool
    }()

    // MARK: - Letters and measures

    /// Returns true for the vowels a, e, i, o and u (`y` is decided by its position).
    @inline(__always)
    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
    }

    /// Returns true when `word[index]` is a consonant: any letter but a vowel, where `y` is a
    /// consonant exactly when the letter before it is not one (or it starts the word).
    private static func isConsonant(_ word: ArraySlice<UInt8>, _ index: Int) -> Bool {
        var position = index
        if isVowel(word[position]) { return false }
        guard word[position] == y else { return true }
        var negate = false
        while position > word.startIndex && word[position] == y {
            negate.toggle()
            position -= 1
        }
        return (!isVowel(word[position])) != negate
    }

    /// Returns whether each letter of `word` is a consonant, in one left-to-right pass.
    private static func consonantFlags(_ word: ArraySlice<UInt8>) -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(word.count)
        for (offset, byte) in word.enumerated() {
            if isVowel(byte) {
                flags.append(false)
            } else if byte == y {
                flags.append(offset == 0 ? true : !flags[offset - 1])
            } else {
                flags.append(true)
            }
        }
        return flags
    }

    /// Returns the measure m of `stem`, the number of vowel-consonant transitions in it.
    private static func measure(_ stem: ArraySlice<UInt8>) -> Int {
        let flags = consonantFlags(stem)
        var count = 0
        for index in flags.indices.dropLast() where !flags[index] && flags[index + 1] { count += 1 }
        return count
    }

    /// Returns true when the measure of `stem` is positive.
    private static func hasPositiveMeasure(_ stem: ArraySlice<UInt8>) -> Bool {
        measure(stem) > 0
    }

    /// Returns true when `stem` contains a vowel (condition *v*).
    private static func containsVowel(_ stem: ArraySlice<UInt8>) -> Bool {
        consonantFlags(stem).contains(false)
    }

    /// Returns true when `word` ends with a double consonant (condition *d).
    private static func endsDoubleConsonant(_ word: ArraySlice<UInt8>) -> Bool {
        word.count >= 2 && word[word.endIndex - 1] == word[word.endIndex - 2]
            && isConsonant(word, word.endIndex - 1)
    }

    /// Returns true when `word` ends consonant-vowel-consonant with the last consonant not w,
    /// x or y, or (an NLTK extension) is a two-letter word vowel-consonant (condition *o).
    private static func endsCVC(_ word: ArraySlice<UInt8>) -> Bool {
        let end = word.endIndex
        if word.count >= 3 && isConsonant(word, end - 3) && !isConsonant(word, end - 2)
            && isConsonant(word, end - 1) && word[end - 1] != w && word[end - 1] != x && word[end - 1] != y {
            return true
        }
        return word.count == 2 && !isConsonant(word, word.startIndex) && isConsonant(word, word.startIndex + 1)
    }

    private static let w = UInt8(ascii: "w"), x = UInt8(ascii: "x"), y = UInt8(ascii: "y")

    // MARK: - Rules

    /// A condition on the stem left once a rule's suffix is removed.
    private typealias Condition = @Sendable (ArraySlice<UInt8>) -> Bool

    /// A suffix rule: a suffix, its replacement, and the condition the remaining stem must meet
    /// (none when nil).
    private struct Rule: Sendable {
        var suffix: Word
        var replacement: Word
        var condition: Condition?

        /// Makes a rule replacing `suffix` with `replacement` when `condition` (if any) holds.
        init(_ suffix: String, _ replacement: String, _ condition: Condition?) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    /// Returns true when `word` ends with `suffix`.
    private static func endsWith(_ word: Word, _ suffix: Word) -> Bool {
        word.count >= suffix.count && word[(word.count - suffix.count)...].elementsEqual(suffix)
    }

    /// Returns `word` without its last `count` letters.
    private static func dropping(_ word: Word, _ count: Int) -> ArraySlice<UInt8> {
        word[..<(word.count - count)]
    }

    /// Applies the first rule whose suffix `word` ends with: the stem with the replacement if
    /// its condition holds, else the word unchanged, with no later rule tried (NLTK's
    /// `_apply_rule_list`).
    private static func applyFirstRule(_ word: Word, _ rules: [Rule]) -> Word {
        for rule in rules where endsWith(word, rule.suffix) {
            let stem = dropping(word, rule.suffix.count)
            if rule.condition?(stem) ?? true { return Array(stem) + rule.replacement }
            return word
        }
        return word
    }

    private static let ies = Array("ies".utf8), ied = Array("ied".utf8), eed = Array("eed".utf8)
    private static let ed = Array("ed".utf8), ing = Array("ing".utf8), alli = Array("alli".utf8)
    private static let l = UInt8(ascii: "l"), s = UInt8(ascii: "s"), z = UInt8(ascii: "z")
    private static let t = UInt8(ascii: "t"), e = UInt8(ascii: "e")

    /// The rules of step 1a: sses to ss, ies to i, ss kept, s removed.
    private static let step1aRules = [
        Rule("sses", "ss", nil), Rule("ies", "i", nil), Rule("ss", "ss", nil), Rule("s", "", nil),
    ]

    /// The rule of step 1c as NLTK changes it: y to i when the letter before it is a consonant
    /// that is not the whole stem.
    private static let step1cRules = [
        Rule("y", "i", { $0.count > 1 && isConsonant($0, $0.endIndex - 1) }),
    ]

    /// The rules of step 2, (m>0) double suffixes to single ones, with NLTK's fulli and logi
    /// rules at the end; the l of logi stays with the stem, so its condition looks at the word
    /// without "ogi".
    private static let step2Rules: [Rule] = {
        let positive: Condition = { hasPositiveMeasure($0) }
        return [
            Rule("ational", "ate", positive), Rule("tional", "tion", positive),
            Rule("enci", "ence", positive), Rule("anci", "ance", positive),
            Rule("izer", "ize", positive), Rule("bli", "ble", positive),
            Rule("alli", "al", positive), Rule("entli", "ent", positive),
            Rule("eli", "e", positive), Rule("ousli", "ous", positive),
            Rule("ization", "ize", positive), Rule("ation", "ate", positive),
            Rule("ator", "ate", positive), Rule("alism", "al", positive),
            Rule("iveness", "ive", positive), Rule("fulness", "ful", positive),
            Rule("ousness", "ous", positive), Rule("aliti", "al", positive),
            Rule("iviti", "ive", positive), Rule("biliti", "ble", positive),
            Rule("fulli", "ful", positive),
            Rule("logi", "log", { hasPositiveMeasure((Array($0) + [l])[...]) }),
        ]
    }()

    /// The rules of step 3: (m>0) icate, iciti and ical to ic, alize to al, and ative, ful and
    /// ness removed.
    private static let step3Rules: [Rule] = {
        let positive: Condition = { hasPositiveMeasure($0) }
        return [
            Rule("icate", "ic", positive), Rule("ative", "", positive), Rule("alize", "al", positive),
            Rule("iciti", "ic", positive), Rule("ical", "ic", positive), Rule("ful", "", positive),
            Rule("ness", "", positive),
        ]
    }()

    /// The rules of step 4: (m>1) suffixes removed, ion only after s or t.
    private static let step4Rules: [Rule] = {
        let above1: Condition = { measure($0) > 1 }
        return [
            Rule("al", "", above1), Rule("ance", "", above1), Rule("ence", "", above1),
            Rule("er", "", above1), Rule("ic", "", above1), Rule("able", "", above1),
            Rule("ible", "", above1), Rule("ant", "", above1), Rule("ement", "", above1),
            Rule("ment", "", above1), Rule("ent", "", above1),
            Rule("ion", "", { stem in measure(stem) > 1 && (stem.last == s || stem.last == t) }),
            Rule("ou", "", above1), Rule("ism", "", above1), Rule("ate", "", above1),
            Rule("iti", "", above1), Rule("ous", "", above1), Rule("ive", "", above1),
            Rule("ize", "", above1),
        ]
    }()

    /// The rule of step 5b: a final ll becomes l when the word without its last letter (the
    /// stem followed by one l) has m>1.
    private static let step5bRules = [
        Rule("ll", "l", { measure((Array($0) + [l])[...]) > 1 }),
    ]

    // MARK: - Steps

    /// Applies step 1a, where NLTK turns ies into ie in a four-letter word.
    private static func step1a(_ word: Word) -> Word {
        if word.count == 4 && endsWith(word, ies) { return Array(dropping(word, 3)) + [UInt8(ascii: "i"), e] }
        return applyFirstRule(word, step1aRules)
    }

    /// Applies step 1b: ied to ie in a four-letter word and to i otherwise (NLTK), (m>0) eed
    /// to ee, and (*v*) ed or ing removed followed by the tidying rules: at, bl and iz get an
    /// e back; a double consonant other than l, s or z is undoubled; and (m=1 and *o) gets an e.
    private static func step1b(_ word: Word) -> Word {
        if endsWith(word, ied) {
            return Array(dropping(word, 3)) + (word.count == 4 ? [UInt8(ascii: "i"), e] : [UInt8(ascii: "i")])
        }
        if endsWith(word, eed) {
            let stem = dropping(word, 3)
            return measure(stem) > 0 ? Array(stem) + [e, e] : word
        }
        var intermediate: Word?
        for suffix in [ed, ing] where endsWith(word, suffix) {
            let stem = dropping(word, suffix.count)
            if containsVowel(stem) {
                intermediate = Array(stem)
                break
            }
        }
        guard let stem = intermediate, let last = stem.last else { return word }
        for (suffix, replacement) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] where endsWith(stem, Array(suffix.utf8)) {
            return Array(dropping(stem, suffix.count)) + Array(replacement.utf8)
        }
        if endsDoubleConsonant(stem[...]) {
            return last != l && last != s && last != z ? Array(dropping(stem, 1)) : stem
        }
        return measure(stem[...]) == 1 && endsCVC(stem[...]) ? stem + [e] : stem
    }

    /// Applies step 1c.
    private static func step1c(_ word: Word) -> Word {
        applyFirstRule(word, step1cRules)
    }

    /// Applies step 2, where NLTK tries alli to al first and then step 2 again.
    private static func step2(_ word: Word) -> Word {
        if endsWith(word, alli) && hasPositiveMeasure(dropping(word, 4)) {
            return step2(Array(dropping(word, 4)) + [UInt8(ascii: "a"), l])
        }
        return applyFirstRule(word, step2Rules)
    }

    /// Applies step 3.
    private static func step3(_ word: Word) -> Word {
        applyFirstRule(word, step3Rules)
    }

    /// Applies step 4.
    private static func step4(_ word: Word) -> Word {
        applyFirstRule(word, step4Rules)
    }

    /// Applies step 5a: a final e removed when m>1, or when m=1 and the stem does not end *o.
    private static func step5a(_ word: Word) -> Word {
        guard word.last == e else { return word }
        let stem = dropping(word, 1)
        if measure(stem) > 1 { return Array(stem) }
        if measure(stem) == 1 && !endsCVC(stem) { return Array(stem) }
        return word
    }

    /// Applies step 5b.
    private static func step5b(_ word: Word) -> Word {
        applyFirstRule(word, step5bRules)
    }
}
