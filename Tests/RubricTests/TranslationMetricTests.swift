import Foundation
import Testing
@testable import Rubric

// MARK: - Helpers

/// A list of strings.
private func stringValues(_ values: [String]) -> Value { .list(values.map { .string($0) }) }

/// Returns the float a metric builtin returned, or nil for any other value.
private func floatResult(_ value: Value) -> Double? {
    if case .float(let number) = value { return number }
    return nil
}

/// Limits with the given fuel budget.
private func fuelLimits(_ units: Int) -> Limits {
    var limits = Limits()
    limits.fuel = units
    return limits
}

/// Returns the score in a peer's answer, parsed from its `repr` so no digit is lost, or nil
/// when the peer reported an error.
private func peerScore(_ answer: Any) -> Double? {
    guard let object = answer as? [String: Any], let text = object["repr"] as? String else { return nil }
    return Double(text)
}

/// Returns the error a peer reported, for failure messages.
private func peerError(_ answer: Any) -> String {
    (answer as? [String: Any])?["error"] as? String ?? "\(answer)"
}

/// Random choices for generating metric inputs from a fixed seed.
private struct MetricCaseGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(state: seed)
    }

    /// English words with the suffixes the Porter stemmer handles, in several cases.
    static let englishWords: [String] = [
        "the", "a", "an", "of", "and", "to", "in", "is", "was", "on", "for", "with", "as", "at", "by",
        "it", "that", "this", "he", "she", "they", "we", "you", "not", "but", "or", "be", "are",
        "cat", "cats", "dog", "dogs", "mat", "sat", "sits", "sitting", "run", "runs", "running", "ran",
        "runner", "quick", "quickly", "brown", "fox", "jumps", "jumped", "jumping", "over", "lazy",
        "connection", "connections", "connected", "connecting", "connective", "relational",
        "conditional", "rational", "generalization", "generalizations", "happiness", "happily", "happy",
        "hopeful", "hopefulness", "hoping", "hopping", "hoped", "caresses", "ponies", "ties", "caress",
        "agreed", "feed", "plastered", "bled", "motoring", "sing", "falling", "filing", "failing",
        "sky", "skies", "dying", "lying", "news", "innings", "outing", "proceed", "exceed", "succeed",
        "electrical", "electricity", "formalize", "formality", "sensitivity", "sensibility", "adjustable",
        "adjustment", "dependent", "adoption", "communism", "activate", "effective", "bowdlerize",
        "controlling", "rolling", "probate", "rate", "cease", "analogously", "vietnamization",
        "operator", "feudalism", "decisiveness", "callousness", "triplicate", "goodness", "revival",
        "allowance", "inference", "airliner", "gyroscopic", "defensible", "irritant", "replacement",
        "homologous", "angularity", "archaeology", "theology", "fully", "generously", "Translation",
        "The", "THE", "Running", "CONNECTED", "Model", "model", "models", "reward", "rewards",
        "answer", "answers", "correct", "correctly", "evaluation", "evaluations", "score", "scores",
    ]

    /// Numbers in the shapes the 13a tokeniser treats specially.
    static let numbers: [String] = [
        "0", "1", "42", "3.14", "1,000", "2-3", "1990s", "10%", "$5", "v1.2.3", "2023-01-01", "7.", ".5",
        "1,5", "3-", "-4", "12:30", "100", "0.001", "1e9",
    ]

    /// Punctuation, entities and markup the tokenisers replace or split.
    static let punctuation: [String] = [
        ".", ",", "!", "?", ";", ":", "(", ")", "\"", "'", "-", "--", "...", "&", "&amp;", "&quot;",
        "&lt;", "&gt;", "&amp;quot;", "<skipped>", "/", "@", "#", "[", "]", "{", "}", "~", "`", "^",
        "_", "|", "\\", "+", "=", "*", "<", ">", "%", "$",
    ]

    /// Non-ASCII words: accents composed and decomposed, other scripts, case mappings that
    /// produce ASCII (U+0130, U+212A), Unicode punctuation, digits and symbols.
    static let unicodeWords: [String] = [
        "café", "cafe\u{301}", "naïve", "Straße", "STRASSE", "日本語", "中文", "İstanbul", "\u{212A}elvin",
        "ǅungla", "Ωmega", "ΣΊΣΥΦΟΣ", "👍🏽", "مرحبا", "привет", "Привет", "‐", "–", "—", "…", "“quoted”",
        "«", "»", "¿", "¡", "½", "²", "٣", "１２３", "ﬁne", "ß", "Ⅻ", "\u{200B}", "x\u{0301}y", "🇫🇷",
    ]

    /// Separators between words: mostly a space, sometimes other whitespace, a newline, the
    /// hyphen-newline the 13a tokeniser joins, or nothing (so punctuation attaches to words).
    static let separators: [String] = [
        " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", " ", "  ", "\t", "\n", "", "",
        "\u{A0}", "\u{3000}", "-\n", "\r\n", "\u{2028}", "\u{1C}", "\u{85}", " \n",
    ]

    /// Returns a random integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// Returns true with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    /// Returns a random element of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// Returns a random word: mostly English, sometimes a number, punctuation or non-ASCII.
    mutating func word() -> String {
        let roll = int(0...99)
        if roll < 70 { return pick(Self.englishWords) }
        if roll < 80 { return pick(Self.punctuation) }
        if roll < 88 { return pick(Self.numbers) }
        return pick(Self.unicodeWords)
    }

    /// Returns `count` random words.
    mutating func words(_ count: Int) -> [String] { (0..<count).map { _ in word() } }

    /// Joins words with random separators, newlines more often when `lines` is set.
    mutating func render(_ words: [String], lines: Bool = false) -> String {
        var text = ""
        for (index, word) in words.enumerated() {
            if index > 0 { text += lines && chance(0.15) ? "\n" : pick(Self.separators) }
            text += word
        }
        if chance(0.1) { text += pick(["\n", " ", "-\n", "\u{3000}", " ."]) }
        if chance(0.05) { text = pick([" ", "\n", "\t"]) + text }
        return text
    }

    /// Returns a copy of `words` with some words replaced, dropped, inserted or swapped.
    mutating func mutate(_ words: [String]) -> [String] {
        var result: [String] = []
        for word in words {
            let roll = int(0...99)
            if roll < 12 { result.append(self.word()) }
            else if roll < 20 { continue }
            else if roll < 28 { result.append(word); result.append(self.word()) }
            else if roll < 31 { result.append(word.uppercased()) }
            else { result.append(word) }
        }
        if result.count > 1 && chance(0.3) {
            let index = int(0...(result.count - 2))
            result.swapAt(index, index + 1)
        }
        return result
    }

    /// Returns a length for a text: mostly short sentences, sometimes single words or a few
    /// hundred words (2-4 KB).
    mutating func length() -> Int {
        let roll = int(0...99)
        if roll < 5 { return 0 }
        if roll < 12 { return 1 }
        if roll < 85 { return int(2...30) }
        if roll < 95 { return int(30...120) }
        return int(300...700)
    }

    /// Returns a prediction and one to five references, derived from a common sentence so
    /// n-grams overlap often, with references of different lengths.
    mutating func textCase(lines: Bool = false) -> (prediction: String, references: [String]) {
        let base = words(length())
        let kind = int(0...99)
        let prediction: [String]
        if kind < 5 { prediction = base }
        else if kind < 10 { prediction = words(length()) }
        else if kind < 14 { prediction = Array(repeating: pick(Self.englishWords), count: int(1...12)) }
        else { prediction = mutate(base) }
        var references: [String] = []
        for _ in 0..<(chance(0.6) ? 1 : int(2...5)) {
            let reference: [String]
            let roll = int(0...99)
            if roll < 5 { reference = [] }
            else if roll < 15 { reference = Array(base.prefix(int(0...max(base.count, 0)))) }
            else if roll < 20 { reference = words(length()) }
            else { reference = mutate(base) }
            references.append(render(reference, lines: lines))
        }
        return (render(prediction, lines: lines), references)
    }

    /// Hand-picked edge cases every differential test includes.
    static let fixedCases: [(prediction: String, references: [String])] = [
        ("", [""]), ("", ["a"]), ("a", [""]), ("a", ["a"]), ("a", ["b"]), ("", ["", ""]),
        ("   ", ["\n\t"]), ("the the the the", ["the cat"]), ("the cat", ["the the the the"]),
        ("word", ["word", "word word"]), (". , ! ?", [". , ! ?"]), ("...", ["..."]),
        ("3.14 1,000 2-3", ["3.14 1,000 2 - 3"]), ("a.b,c 3.5 x,y 1,2", ["a . b , c 3.5"]),
        ("Hello, world!", ["Hello world", "hello, world!"]), ("café naïve", ["cafe\u{301} naïve"]),
        ("İstanbul \u{212A}elvin", ["istanbul kelvin"]), ("日本語 中文", ["日本語"]),
        ("hello there general kenobi", ["hello there general kenobi", "hello there!"]),
        ("The quick brown fox jumps over the lazy dog", ["The quick brown dog jumps on the log."]),
        ("end-\nof line", ["endof line"]), ("x-\n", ["x"]), ("&amp;quot; &lt;b&gt;", ["&quot; <b>"]),
        ("a <skipped> b", ["a b"]), ("line one\nline two\n\nline three", ["line one\nline three"]),
        ("(hi) [there] {you}", ["( hi ) there"]), ("a\u{A0}b\u{3000}c", ["a b c"]),
        (String(repeating: "the cat sat on the mat . ", count: 100), [String(repeating: "a cat sat on a mat ", count: 90)]),
        ("running connected generalization", ["runs connection general"]),
    ]
}

/// Returns the absolute difference, treating two equal values (including two zeros) as 0.
private func difference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b)
}

/// Tests of the translation and summarisation metric builtins: differential tests against the
/// Python implementations they reproduce, fuzzing, and metering.
@Suite struct TranslationMetricTests {
    /// The tolerance for agreeing with a Python peer; in practice the results are identical.
    static let tolerance = 1e-9

    /// Returns `count` generated cases after the fixed ones.
    static func cases(seed: UInt64, count: Int, lines: Bool = false) -> [(prediction: String, references: [String])] {
        var generator = MetricCaseGenerator(seed: seed)
        var result = MetricCaseGenerator.fixedCases
        while result.count < count { result.append(generator.textCase(lines: lines)) }
        return result
    }

    /// Compares our results with the peer's for every case and returns the largest difference.
    static func compare(_ name: String, ours: [Double], peers: [Any], scale: Double = 1,
                        describe: (Int) -> String) -> Double {
        var largest = 0.0
        for (index, answer) in peers.enumerated() {
            guard let peer = peerScore(answer) else {
                Issue.record("\(name) case \(index): the peer failed: \(peerError(answer)) for \(describe(index))")
                continue
            }
            let gap = difference(ours[index], peer / scale)
            largest = max(largest, gap)
            #expect(gap <= tolerance, "\(name) case \(index): ours \(ours[index]), peer \(peer / scale) for \(describe(index))")
        }
        let strictlyBetween = ours.filter { $0 > 0 && $0 < 1 }.count
        print("\(name): \(peers.count) cases (\(strictlyBetween) scoring strictly between 0 and 1), max |ours - peer| = \(largest)")
        return largest
    }

    /// bleu agrees with Hugging Face evaluate's "bleu" (nmt compute_bleu over sacrebleu's 13a
    /// tokens) on 800 cases with max_order 1-40 and smoothing on and off.
    @Test(.timeLimit(.minutes(2))) func bleuMatchesEvaluate() throws {
        let cases = Self.cases(seed: 11, count: 800)
        var generator = MetricCaseGenerator(seed: 12)
        var ours: [Double] = []
        var inputs: [Any] = []
        for (prediction, references) in cases {
            // Orders past the hypothesis length (up to 40) exercise the smoothed and unsmoothed
            // treatment of orders with no possible match.
            let maxOrder = generator.chance(0.6) ? 4 : generator.chance(0.8) ? generator.int(1...6) : generator.int(7...40)
            let smooth = generator.chance(0.5)
            let value = try callBuiltin("bleu", [.string(prediction), stringValues(references), .int(maxOrder), .bool(smooth)])
            ours.append(floatResult(value) ?? .nan)
            inputs.append(["prediction": prediction, "references": references, "max_order": maxOrder, "smooth": smooth])
        }
        let peers = try PythonPeer.run(script: "Tests/Peers/nmt_bleu.py", cases: inputs)
        _ = Self.compare("bleu", ours: ours, peers: peers) { "\(inputs[$0])" }
    }

    /// sentence_bleu agrees with sacrebleu.sentence_bleu (divided by 100) on 800 cases.
    @Test(.timeLimit(.minutes(2))) func sentenceBleuMatchesSacrebleu() throws {
        let cases = Self.cases(seed: 21, count: 800)
        var ours: [Double] = []
        var inputs: [Any] = []
        for (prediction, references) in cases {
            let value = try callBuiltin("sentence_bleu", [.string(prediction), stringValues(references)])
            ours.append(floatResult(value) ?? .nan)
            inputs.append(["metric": "sentence_bleu", "prediction": prediction, "references": references])
        }
        let peers = try PythonPeer.run(script: "Tests/Peers/sacrebleu_peer.py", cases: inputs)
        _ = Self.compare("sentence_bleu", ours: ours, peers: peers, scale: 100) { "\(inputs[$0])" }
    }

    /// chrf agrees with sacrebleu.sentence_chrf (divided by 100) on 800 cases, chrF and chrF++,
    /// with various character and word orders and betas.
    @Test(.timeLimit(.minutes(2))) func chrfMatchesSacrebleu() throws {
        let cases = Self.cases(seed: 31, count: 800)
        var generator = MetricCaseGenerator(seed: 32)
        var ours: [Double] = []
        var inputs: [Any] = []
        for (prediction, references) in cases {
            var charOrder = generator.chance(0.6) ? 6 : generator.chance(0.8) ? generator.int(0...8) : generator.int(9...30)
            let wordOrder = generator.chance(0.5) ? 0 : generator.pick([1, 2, 2, 3])
            if charOrder == 0 && wordOrder == 0 { charOrder = 1 }
            let beta = generator.chance(0.7) ? 2 : generator.int(0...4)
            let value = try callBuiltin("chrf", [.string(prediction), stringValues(references), .int(charOrder),
                                                 .int(wordOrder), .int(beta)])
            ours.append(floatResult(value) ?? .nan)
            inputs.append(["metric": "chrf", "prediction": prediction, "references": references,
                           "char_order": charOrder, "word_order": wordOrder, "beta": beta])
        }
        let peers = try PythonPeer.run(script: "Tests/Peers/sacrebleu_peer.py", cases: inputs)
        _ = Self.compare("chrf", ours: ours, peers: peers, scale: 100) { "\(inputs[$0])" }
    }

    /// rouge agrees with rouge-score's RougeScorer F-measure on 1000 cases over rouge1, rouge2,
    /// rouge3, rouge9, rougeL and rougeLsum, with and without stemming; the shorthands agree
    /// with rouge.
    @Test(.timeLimit(.minutes(2))) func rougeMatchesRougeScore() throws {
        let cases = Self.cases(seed: 41, count: 1000, lines: true)
        var generator = MetricCaseGenerator(seed: 42)
        var ours: [Double] = []
        var inputs: [Any] = []
        for (prediction, references) in cases {
            let kind = generator.pick(["rouge1", "rouge2", "rougeL", "rougeLsum", "rouge1", "rouge2", "rougeL", "rougeLsum", "rouge3", "rouge9"])
            let stem = generator.chance(0.5)
            let reference = references[0]
            let value = try callBuiltin("rouge", [.string(prediction), .string(reference), .string(kind), .bool(stem)])
            ours.append(floatResult(value) ?? .nan)
            inputs.append(["metric": "rouge", "prediction": prediction, "reference": reference, "kind": kind, "stem": stem])
            let shorthand = ["rouge1": "rouge1", "rouge2": "rouge2", "rougeL": "rouge_l"][kind]
            if let shorthand {
                #expect(try callBuiltin(shorthand, [.string(prediction), .string(reference), .bool(stem)]) == value)
            }
        }
        let peers = try PythonPeer.run(script: "Tests/Peers/rouge_peer.py", cases: inputs)
        _ = Self.compare("rouge", ours: ours, peers: peers) { "\(inputs[$0])" }
    }

    /// The Porter stemmer agrees with NLTK's PorterStemmer word by word on about 5000 words:
    /// English words, NLTK's irregular forms, and generated words built from random stems and
    /// every suffix the rules mention (also doubled consonants, y runs and digits).
    @Test(.timeLimit(.minutes(2))) func porterStemmerMatchesNLTK() throws {
        var generator = MetricCaseGenerator(seed: 51)
        var words = MetricCaseGenerator.englishWords.map { $0.lowercased() }
        words += ["skies", "sky", "dying", "lying", "tying", "news", "innings", "inning", "outings", "outing",
                  "cannings", "canning", "howe", "proceed", "exceed", "succeed", "ies", "dies", "flies", "spied",
                  "died", "eed", "feed", "agreed", "yyyy", "yyyyy", "syzygy", "toy", "enjoy", "happy", "spy",
                  "a", "ab", "abc", "y", "by", "ay", "ion", "sses", "ss", "s", "ll", "all", "roll", "controll",
                  "geology", "theology", "archaeology", "radically", "fully", "hopefully", "logically",
                  "1234", "12ing", "a1b2", "0ed", "9ies", "sing1", "eeing", "aaed", "hoped", "hopped", "hoping"]
        let vowels = Array("aeiouy"), consonants = Array("bcdfghjklmnpqrstvwxzy"), digits = Array("0123456789")
        let suffixes = [
            "", "s", "ss", "sses", "ies", "ied", "eed", "ed", "ing", "at", "bl", "iz", "y", "ational", "tional",
            "enci", "anci", "izer", "bli", "abli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator",
            "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "fulli", "logi", "icate",
            "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible",
            "ant", "ement", "ment", "ent", "sion", "tion", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
            "e", "ll", "le", "ly", "ally", "ingly", "ities", "ations", "izations", "ers", "ings", "edly",
        ]
        while words.count < 5000 {
            var stem = ""
            for _ in 0..<generator.int(1...4) {
                if generator.chance(0.7) { stem.append(generator.pick(consonants)) }
                stem.append(generator.pick(vowels))
                if generator.chance(0.5) { stem.append(generator.pick(consonants)) }
            }
            if generator.chance(0.05) { stem.append(generator.pick(digits)) }
            if generator.chance(0.15), let last = stem.last { stem.append(last) }
            var word = stem + generator.pick(suffixes)
            if generator.chance(0.3) { word += generator.pick(suffixes) }
            if generator.chance(0.02) { word = String(repeating: "y", count: generator.int(1...8)) + word }
            words.append(word)
        }
        let answers = try PythonPeer.run(script: "Tests/Peers/rouge_peer.py", cases: [["metric": "stem", "words": words]])
        let stems = try #require((answers.first as? [String: Any])?["stems"] as? [String])
        try #require(stems.count == words.count)
        var mismatches = 0
        for (word, expected) in zip(words, stems) {
            let ours = String(decoding: PorterStemmer.stem(Array(word.utf8)), as: UTF8.self)
            if ours != expected {
                mismatches += 1
                Issue.record("stem(\(word)): ours \(ours), NLTK \(expected)")
            }
        }
        print("porter: \(words.count) words, \(mismatches) mismatches")
    }

    /// Hand-checked values, including the examples in the packages' documentation.
    @Test func knownValues() throws {
        // evaluate's docstring example: a perfect match scores 1.
        #expect(try callBuiltin("bleu", [.string("hello there general kenobi"),
                                         stringValues(["hello there general kenobi", "hello there!"]), .int(4), .bool(false)]) == .float(1))
        // Empty prediction or empty shortest reference: defined as 0.
        #expect(try callBuiltin("bleu", [.string(""), stringValues(["a b"]), .int(4), .bool(true)]) == .float(0))
        #expect(try callBuiltin("bleu", [.string("a b"), stringValues(["a b", ""]), .int(4), .bool(true)]) == .float(0))
        // With smoothing every order gets (m + 1) / (c + 1): "a b c" vs "a b d": p = 3/4, 2/3, 1/2, 1/1.
        let smoothed = try #require(floatResult(try callBuiltin("bleu", [.string("a b c"), stringValues(["a b d"]), .int(4), .bool(true)])))
        #expect(abs(smoothed - pow(0.75 * (2.0 / 3) * 0.5 * 1, 0.25)) < 1e-12)
        // sacrebleu reports 100.00000000000004 for identical sentences; we clamp to 1.
        #expect(try callBuiltin("sentence_bleu", [.string("a b c d"), stringValues(["a b c d"])]) == .float(1))
        #expect(try callBuiltin("chrf", [.string("abc"), stringValues(["abc"]), .int(6), .int(0), .int(2)]) == .float(1))
        // rouge-score's README example (target first there): precision 6/8 and recall 6/9 for
        // rouge1, 5/8 and 5/9 for rougeL.
        let fox = "The quick brown fox jumps over the lazy dog", dog = "The quick brown dog jumps on the log."
        #expect(try callBuiltin("rouge1", [.string(dog), .string(fox), .bool(false)]) == .float(0.7058823529411765))
        #expect(try callBuiltin("rouge_l", [.string(dog), .string(fox), .bool(false)]) == .float(0.5882352941176471))
        #expect(try callBuiltin("rouge", [.string("cats running"), .string("cat runs"), .string("rouge1"), .bool(true)]) == .float(1))
        #expect(try callBuiltin("rouge", [.string(""), .string("a"), .string("rougeLsum"), .bool(false)]) == .float(0))
    }

    /// Bad arguments are clean errors: empty reference lists, non-string references, orders
    /// out of range, unknown ROUGE kinds.
    @Test func argumentErrors() {
        #expect(builtinFailure("bleu", [.string("a"), .list([]), .int(4), .bool(false)]) == .invalidArgument)
        #expect(builtinFailure("sentence_bleu", [.string("a"), .list([])]) == .invalidArgument)
        #expect(builtinFailure("chrf", [.string("a"), .list([]), .int(6), .int(0), .int(2)]) == .invalidArgument)
        #expect(builtinFailure("bleu", [.string("a"), .list([.int(1)]), .int(4), .bool(false)]) == .typeError)
        #expect(builtinFailure("bleu", [.string("a"), stringValues(["a"]), .int(0), .bool(false)]) == .invalidArgument)
        #expect(builtinFailure("chrf", [.string("a"), stringValues(["a"]), .int(0), .int(0), .int(2)]) == .invalidArgument)
        #expect(builtinFailure("chrf", [.string("a"), stringValues(["a"]), .int(-1), .int(2), .int(2)]) == .invalidArgument)
        #expect(builtinFailure("chrf", [.string("a"), stringValues(["a"]), .int(6), .int(0), .int(Int.min)]) == .invalidArgument)
        for kind in ["rouge0", "rouge10", "rougel", "ROUGEL", "rouge", "", "rougeLSum", "rouge1 "] {
            #expect(builtinFailure("rouge", [.string("a"), .string("a"), .string(kind), .bool(false)]) == .invalidArgument)
        }
        #expect(builtinFailure("rouge1", [.int(1), .string("a"), .bool(false)]) == .typeError)
    }

    /// Random bytes (decoded as UTF-8 with replacement), up to 4 KB, with random parameters:
    /// every builtin returns a finite float in [0, 1] or a clean invalid-argument error.
    @Test(.timeLimit(.minutes(2))) func fuzzRandomBytes() {
        var generator = MetricCaseGenerator(seed: 61)
        /// Returns random text: raw bytes, or bytes biased towards ASCII words and punctuation.
        func text(_ generator: inout MetricCaseGenerator) -> String {
            let length = generator.chance(0.1) ? generator.int(1000...4096) : generator.int(0...200)
            let biased = generator.chance(0.5)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                if biased && generator.chance(0.8) {
                    bytes.append(generator.pick(Array("aaeeiioouuy bcdnrst  .,-&;\n0123456789".utf8)))
                } else {
                    bytes.append(UInt8(truncatingIfNeeded: generator.int(0...255)))
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var calls = 0
        for _ in 0..<400 {
            let prediction = text(&generator)
            let references = (0..<generator.int(1...3)).map { _ in text(&generator) }
            let kind = generator.pick(["rouge1", "rouge2", "rouge4", "rougeL", "rougeLsum", "rouge0", "bogus"])
            let stem = generator.chance(0.5)
            let calls_: [(String, [Value])] = [
                ("bleu", [.string(prediction), stringValues(references), .int(generator.int(-1...8)), .bool(generator.chance(0.5))]),
                ("sentence_bleu", [.string(prediction), stringValues(references)]),
                ("chrf", [.string(prediction), stringValues(references), .int(generator.int(-1...8)),
                          .int(generator.int(-1...3)), .int(generator.int(-2...4))]),
                ("rouge", [.string(prediction), .string(references[0]), .string(kind), .bool(stem)]),
                ("rouge1", [.string(prediction), .string(references[0]), .bool(stem)]),
                ("rouge2", [.string(prediction), .string(references[0]), .bool(stem)]),
                ("rouge_l", [.string(prediction), .string(references[0]), .bool(stem)]),
            ]
            for (name, arguments) in calls_ {
                calls += 1
                do throws(RuntimeError) {
                    let value = try callBuiltin(name, arguments)
                    guard let number = floatResult(value) else {
                        Issue.record("\(name) returned \(value.typeName)")
                        continue
                    }
                    #expect(number.isFinite && number >= 0 && number <= 1, "\(name) returned \(number)")
                } catch {
                    #expect(error.code == .invalidArgument, "\(name) failed with \(error.code): \(error.message)")
                }
            }
        }
        print("fuzz: \(calls) calls")
    }

    /// Huge inputs under a small fuel budget fail with fuelExhausted before the work runs, and
    /// quadratic or high-order work on large inputs fails even under the default budget
    /// without taking long.
    @Test(.timeLimit(.minutes(1))) func meteringStopsHugeInputs() {
        let huge = String(repeating: "the cat sat on the mat . ", count: 40_000)
        let other = String(repeating: "a dog sat on a log , ", count: 40_000)
        let small = fuelLimits(20_000)
        let calls: [(String, [Value])] = [
            ("bleu", [.string(huge), stringValues([other]), .int(4), .bool(false)]),
            ("sentence_bleu", [.string(huge), stringValues([other])]),
            ("chrf", [.string(huge), stringValues([other]), .int(6), .int(2), .int(2)]),
            ("rouge", [.string(huge), .string(other), .string("rougeLsum"), .bool(true)]),
            ("rouge1", [.string(huge), .string(other), .bool(false)]),
            ("rouge2", [.string(huge), .string(other), .bool(true)]),
            ("rouge_l", [.string(huge), .string(other), .bool(false)]),
        ]
        for (name, arguments) in calls {
            #expect(builtinFailure(name, arguments, limits: small) == .fuelExhausted, "\(name)")
        }
        // 60,000 x 60,000 LCS cells, or n-grams of every order up to 100,000 of 60,000 tokens: far
        // over the default budget, refused once the texts are tokenised (doing the work would
        // take minutes in a debug build).
        let large = String(huge.prefix(250_000)), otherLarge = String(other.prefix(250_000))
        let start = DispatchTime.now().uptimeNanoseconds
        #expect(builtinFailure("rouge_l", [.string(large), .string(otherLarge), .bool(false)]) == .fuelExhausted)
        #expect(builtinFailure("rouge", [.string(large), .string(otherLarge), .string("rougeLsum"), .bool(false)]) == .fuelExhausted)
        #expect(builtinFailure("bleu", [.string(large), stringValues([large]), .int(100_000), .bool(true)]) == .fuelExhausted)
        #expect(builtinFailure("chrf", [.string(large), stringValues([large]), .int(100_000), .int(0), .int(2)]) == .fuelExhausted)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(seconds < 20, "refusing took \(seconds) s")
        // A small memory budget refuses the working memory of a large input.
        var tight = Limits()
        tight.memoryBytes = 1 << 20
        #expect(builtinFailure("bleu", [.string(huge), stringValues([other]), .int(4), .bool(false)], limits: tight) == .memoryExceeded)
        // The same builtins on 2 KB texts fit the default budget easily.
        let prediction = String(huge.prefix(2000)), reference = String(other.prefix(2000))
        for name in ["rouge1", "rouge2", "rouge_l"] {
            #expect(builtinFailure(name, [.string(prediction), .string(reference), .bool(true)]) == nil)
        }
        #expect(builtinFailure("bleu", [.string(prediction), stringValues([reference]), .int(4), .bool(true)]) == nil)
        #expect(builtinFailure("chrf", [.string(prediction), stringValues([reference]), .int(6), .int(2), .int(2)]) == nil)
    }
}
