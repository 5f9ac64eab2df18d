import Foundation
import Testing
@testable import Rubric

/// The float a builtin returned, or NaN when it returned something else (so checks fail).
private func float(_ value: Value) -> Double {
    if case .float(let number) = value { return number }
    return .nan
}

/// A uniformly chosen element of `choices`.
private func pick<T>(_ choices: [T], _ generator: inout SeededGenerator) -> T {
    choices[Int(generator.next() % UInt64(choices.count))]
}

/// A number in `0..<bound`.
private func below(_ bound: Int, _ generator: inout SeededGenerator) -> Int {
    Int(generator.next() % UInt64(bound))
}

/// The pieces answers are made of: articles in several cases and inside other words, ASCII
/// and non-ASCII punctuation, letters with case mappings (Σ, İ, ß), digits and numerals that
/// are word characters to Python's `re` (½, ², Ⅻ), underscores, CJK and emoji.
private let answerPieces: [String] = [
    "a", "an", "the", "A", "An", "The", "THE", "aN", "tHe", "a.", "the,", "(an)", "\"the\"",
    "cat", "Cat", "cats", "theory", "another", "ant", "banana", "thea", "athe", "the_cat", "_a_", "a_",
    "über", "naïve", "Café", "ΣΑΣ", "ὈΔΥΣΣΕΎΣ", "İstanbul", "straße", "東京", "日本語", "🙂", "👍🏽",
    "!", ",", ".", "...", "'s", "-", "—", "–", "«", "»", "¿", "¡", "“", "”", "’", "@#$", "%^&*", "[x]", "{y}", "~`|\\",
    "3", "42", "3.14", "1,000", "½", "²", "Ⅻ", "٣", "a1", "1a", "an2",
    "é", "e\u{301}", "\u{301}the", "the\u{301}", "x\u{200B}the", "the\u{00AD}",
]

/// Separators between pieces: nothing (so pieces run together), spaces, Python whitespace
/// (tab, newline, U+3000, U+00A0, U+0085) and characters that are not whitespace (U+200B).
private let answerSeparators: [String] = ["", " ", " ", " ", "  ", "\t", "\n", "\u{3000}", "\u{A0}", "\u{85}", "\u{200B}", "-", "/"]

/// A random answer of up to `maxPieces` pieces.
private func randomAnswer(_ generator: inout SeededGenerator, maxPieces: Int = 8) -> String {
    let count = below(maxPieces + 1, &generator)
    var text = ""
    for index in 0..<count {
        if index > 0 || below(4, &generator) == 0 { text += pick(answerSeparators, &generator) }
        text += pick(answerPieces, &generator)
    }
    if below(5, &generator) == 0 { text += pick(answerSeparators, &generator) }
    return text
}

/// A variant of `answer`: the same pieces with some dropped, repeated, re-cased or padded, so
/// that predictions and golds often overlap.
private func perturbed(_ answer: String, _ generator: inout SeededGenerator) -> String {
    var words = answer.split(separator: " ").map(String.init)
    switch below(5, &generator) {
    case 0: if !words.isEmpty { words.remove(at: below(words.count, &generator)) }
    case 1: if !words.isEmpty { words.append(words[below(words.count, &generator)]) }
    case 2: words = words.map { $0.uppercased() }
    case 3: words.insert(pick(["the", "a", "An", ",", "!"], &generator), at: below(words.count + 1, &generator))
    default: words.append(pick(answerPieces, &generator))
    }
    return words.joined(separator: pick([" ", "  ", "\t"], &generator))
}

/// A random string over `alphabet` of length `0..<maxLength`.
private func randomText(_ alphabet: [Unicode.Scalar], maxLength: Int, _ generator: inout SeededGenerator) -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<below(maxLength, &generator) { scalars.append(pick(alphabet, &generator)) }
    return String(scalars)
}

/// A copy of `text` with a few random single-scalar edits.
private func mutated(_ text: String, _ alphabet: [Unicode.Scalar], _ generator: inout SeededGenerator) -> String {
    var scalars = Array(text.unicodeScalars)
    for _ in 0..<below(6, &generator) {
        switch below(3, &generator) {
        case 0: scalars.insert(pick(alphabet, &generator), at: below(scalars.count + 1, &generator))
        case 1: if !scalars.isEmpty { scalars.remove(at: below(scalars.count, &generator)) }
        default: if !scalars.isEmpty { scalars[below(scalars.count, &generator)] = pick(alphabet, &generator) }
        }
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
}

/// Scalars for edit-distance tests: a small alphabet (many matches), punctuation, accented
/// and combining characters, CJK, and scalars outside the BMP.
private let editAlphabet: [Unicode.Scalar] = [
    "a", "b", "c", "a", "b", " ", ".", "é", "e", "\u{301}", "中", "文", "😀", "🙂", "Σ", "σ", "\n", "\u{0}",
]

/// The Levenshtein distance by the textbook dynamic programme, the oracle for the bit-parallel
/// code.
private func naiveLevenshtein(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        if !b.isEmpty {
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The length of a longest common subsequence by the textbook dynamic programme.
private func naiveLCS(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.isEmpty || b.isEmpty { return 0 }
    var previous = [Int](repeating: 0, count: b.count + 1)
    var current = previous
    for i in 1...a.count {
        for j in 1...b.count {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// Limits with the given fuel.
private func fuel(_ units: Int) -> Limits {
    var limits = Limits()
    limits.fuel = units
    return limits
}

/// Tests of the SQuAD and edit-distance builtins: fixed cases, differential tests against the
/// official SQuAD v1.1 script and rapidfuzz, properties against textbook algorithms, metering
/// and fuzzing.
@Suite struct OverlapMetricTests {
    // MARK: - SQuAD

    /// Checks normalisation, exact match and F1 on cases worked out by hand from the script.
    @Test func squadFixedCases() throws {
        #expect(try call("squad_normalize", [.string("The  Cat, sat on A mat!")]) == .string("cat sat on mat"))
        #expect(try call("squad_normalize", [.string("theater an-ant")]) == .string("theater anant"))
        // Punctuation goes before articles: "a." loses its dot and then is an article.
        #expect(try call("squad_normalize", [.string("a.b the,")]) == .string("ab"))
        // "_" is punctuation, removed before articles; "é" and "½" are word characters to \b.
        #expect(try call("squad_normalize", [.string("the_cat théa ½a a½ a_")]) == .string("thecat théa ½a a½"))
        // Non-ASCII punctuation is kept but is no word character; U+3000 is whitespace, U+200B is not.
        #expect(try call("squad_normalize", [.string("«the»\u{3000}x\u{200B}y")]) == .string("« » x\u{200B}y"))
        // Tokens compare scalar by scalar, as Python's str does: "é" is not "e" + U+0301.
        #expect(try call("exact_match", [.string("caf\u{E9}"), strings(["cafe\u{301}"])]) == .float(0.0))
        #expect(try call("token_f1", [.string("caf\u{E9}"), strings(["cafe\u{301}"])]) == .float(0.0))
        #expect(try call("squad_normalize", [.string("")]) == .string(""))

        #expect(try call("exact_match", [.string("The cat."), strings(["dog", "a  cat"])]) == .float(1.0))
        #expect(try call("exact_match", [.string("cat"), strings(["cats"])]) == .float(0.0))
        #expect(try call("exact_match", [.string("cat"), strings([])]) == .float(0.0))
        // Both normalise to nothing: exact match says equal, F1 says nothing shared (v1.1).
        #expect(try call("exact_match", [.string("the"), strings(["a!"])]) == .float(1.0))
        #expect(try call("token_f1", [.string("the"), strings(["a!"])]) == .float(0.0))

        // p = 2/3, r = 2/3.
        #expect(try call("token_f1", [.string("the big cat sat"), strings(["a cat sat down"])]) == .float(2.0 / 3.0))
        // Counter intersection: "cat cat cat" vs "cat cat" shares 2 tokens; p = 2/3, r = 1.
        let f1 = (2 * (2.0 / 3.0) * 1.0) / (2.0 / 3.0 + 1.0)
        #expect(try call("token_f1", [.string("cat cat cat"), strings(["cat cat"])]) == .float(f1))
        // The best gold wins.
        #expect(try call("token_f1", [.string("red cat"), strings(["dog", "red cat", "cat"])]) == .float(1.0))
        #expect(try call("token_f1", [.string("cat"), strings([])]) == .float(0.0))

        #expect(failure("exact_match", [.string("x"), .list([.string("a"), .int(1)])]) == .typeError)
        #expect(failure("token_f1", [.string("x"), .string("golds")]) == .typeError)
        #expect(failure("squad_normalize", [.int(3)]) == .typeError)
    }

    /// Differential test: 1,200 generated predictions, each with 1 to 3 golds, against the
    /// official SQuAD v1.1 script (Tests/Peers/squad_peer.py): the normalised prediction must be
    /// identical, exact match and F1 equal to 1e-12.
    @Test func squadMatchesOfficialScript() throws {
        var generator = SeededGenerator(state: 0x5A0AD)
        var cases: [(String, [String])] = []
        for _ in 0..<1200 {
            let prediction = randomAnswer(&generator)
            var golds: [String] = []
            for _ in 0..<(1 + below(3, &generator)) {
                golds.append(below(2, &generator) == 0 ? perturbed(prediction, &generator) : randomAnswer(&generator))
            }
            cases.append((prediction, golds))
        }
        let answers = try PythonPeer.run(script: "Tests/Peers/squad_peer.py",
                                         cases: cases.map { ["prediction": $0.0, "golds": $0.1] as [String: Any] })
        var mismatches = 0
        var exactMatches = 0, partial = 0
        for ((prediction, golds), answer) in zip(cases, answers) {
            let expected = answer as! [String: Any]
            let normalized = try call("squad_normalize", [.string(prediction)])
            let em = float(try call("exact_match", [.string(prediction), strings(golds)]))
            let f1 = float(try call("token_f1", [.string(prediction), strings(golds)]))
            let expectedEM = (expected["em"] as! NSNumber).doubleValue
            let expectedF1 = (expected["f1"] as! NSNumber).doubleValue
            if expectedEM == 1 { exactMatches += 1 }
            if expectedF1 > 0 && expectedF1 < 1 { partial += 1 }
            let agrees = normalized == .string(expected["normalized"] as! String)
                && abs(em - expectedEM) <= 1e-12 && abs(f1 - expectedF1) <= 1e-12
            if !agrees {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("prediction \(prediction.debugDescription) golds \(golds.debugDescription): got \(normalized) \(em) \(f1), script \(expected)")
                }
            }
        }
        #expect(mismatches == 0)
        // The generator must exercise every branch: exact matches, partial overlaps, misses.
        #expect(exactMatches > 50 && partial > 200)
    }

    // MARK: - Edit distances

    /// Checks the edit distances on classic examples.
    @Test func editDistanceFixedCases() throws {
        #expect(try call("edit_distance", [.string("kitten"), .string("sitting")]) == .int(3))
        #expect(try call("edit_distance", [.string(""), .string("abc")]) == .int(3))
        #expect(try call("edit_distance", [.string(""), .string("")]) == .int(0))
        #expect(try call("edit_distance", [.string("flaw"), .string("lawn")]) == .int(2))
        // Scalars, not graphemes: "é" precomposed vs "e" + combining acute differ by 2 edits.
        #expect(try call("edit_distance", [.string("\u{E9}"), .string("e\u{301}")]) == .int(2))
        #expect(try call("edit_distance", [.string("😀x"), .string("x")]) == .int(1))
        #expect(try call("edit_ratio", [.string(""), .string("")]) == .float(1.0))
        #expect(try call("edit_ratio", [.string("abc"), .string("")]) == .float(0.0))
        #expect(try call("edit_ratio", [.string("kitten"), .string("sitting")]) == .float(1 - 3.0 / 7.0))
        #expect(try call("indel_ratio", [.string(""), .string("")]) == .float(1.0))
        #expect(try call("indel_ratio", [.string("abc"), .string("")]) == .float(0.0))
        // LCS("kitten", "sitting") = 4 ("ittn"): indel = 13 - 8 = 5.
        #expect(try call("indel_ratio", [.string("kitten"), .string("sitting")]) == .float(1 - 5.0 / 13.0))
        #expect(failure("edit_distance", [.string("a"), .null]) == .typeError)
        #expect(failure("indel_ratio", [.list([]), .string("a")]) == .typeError)
    }

    /// Property: the bit-parallel Levenshtein and LCS agree with the textbook dynamic programme
    /// on 2,000 pairs whose lengths cross the 64- and 128-scalar block boundaries.
    @Test func bitParallelMatchesDynamicProgramming() {
        var generator = SeededGenerator(state: 0xED17)
        let alphabets: [[Unicode.Scalar]] = [["a", "b"], ["a", "b", "c", "d"], editAlphabet]
        for index in 0..<2000 {
            let alphabet = alphabets[index % alphabets.count]
            let a = randomText(alphabet, maxLength: index % 10 == 0 ? 300 : 140, &generator)
            let b = below(2, &generator) == 0 ? mutated(a, alphabet, &generator)
                                              : randomText(alphabet, maxLength: 140, &generator)
            let x = a.unicodeScalars.map(\.value), y = b.unicodeScalars.map(\.value)
            let distance = EditDistance.levenshtein(x, y)
            let lcs = EditDistance.longestCommonSubsequence(x, y)
            #expect(distance == naiveLevenshtein(x, y), "\(a.debugDescription) / \(b.debugDescription)")
            #expect(lcs == naiveLCS(x, y), "\(a.debugDescription) / \(b.debugDescription)")
            #expect(distance == EditDistance.levenshtein(y, x))
        }
    }

    /// Differential test: 1,000 pairs (random, mutated copies, empty strings, unicode, lengths
    /// up to 600 scalars) against rapidfuzz (Tests/Peers/edit_peer.py): the distance must be
    /// identical and the ratios equal to 1e-12.
    @Test func editDistancesMatchRapidfuzz() throws {
        var generator = SeededGenerator(state: 0xF022)
        var pairs: [(String, String)] = [("", ""), ("", "a"), ("😀", ""), ("a", "a")]
        while pairs.count < 1000 {
            let maxLength = pick([5, 20, 70, 140, 600], &generator)
            let a = randomText(editAlphabet, maxLength: maxLength, &generator)
            let b = below(3, &generator) == 0 ? randomText(editAlphabet, maxLength: maxLength, &generator)
                                              : mutated(a, editAlphabet, &generator)
            pairs.append((a, b))
        }
        let answers = try PythonPeer.run(script: "Tests/Peers/edit_peer.py",
                                         cases: pairs.map { ["a": $0.0, "b": $0.1] as [String: Any] })
        var mismatches = 0
        for ((a, b), answer) in zip(pairs, answers) {
            let expected = answer as! [String: Any]
            let distance = try call("edit_distance", [.string(a), .string(b)])
            let ratio = float(try call("edit_ratio", [.string(a), .string(b)]))
            let indel = float(try call("indel_ratio", [.string(a), .string(b)]))
            let agrees = distance == .int((expected["distance"] as! NSNumber).intValue)
                && abs(ratio - (expected["ratio"] as! NSNumber).doubleValue) <= 1e-12
                && abs(ratio - (expected["similarity"] as! NSNumber).doubleValue) <= 1e-12
                && abs(indel - (expected["indel"] as! NSNumber).doubleValue) <= 1e-12
                && abs(indel - (expected["indel_exact"] as! NSNumber).doubleValue) <= 1e-12
            if !agrees {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(a.debugDescription) / \(b.debugDescription): got \(distance) \(ratio) \(indel), rapidfuzz \(expected)")
                }
            }
        }
        #expect(mismatches == 0)
    }

    // MARK: - Limits

    /// The edit distances charge fuel for the whole n × m table before computing it: two
    /// different 1 MB strings fail at once on the default fuel, well within the deadline, and
    /// a small fuel budget stops even short inputs.
    @Test(.timeLimit(.minutes(1))) func editDistanceFuelStopsHugeInputs() throws {
        let a = String(repeating: "ab", count: 500_000)
        let b = String(repeating: "ba", count: 500_000)
        let start = Date()
        for name in ["edit_distance", "edit_ratio", "indel_ratio"] {
            #expect(failure(name, [.string(a), .string(b)]) == .fuelExhausted)
        }
        #expect(Date().timeIntervalSince(start) < 5)
        // Identical strings need no table: only the bytes are charged.
        #expect(try call("edit_distance", [.string(a), .string(a)]) == .int(0))
        #expect(failure("edit_distance", [.string(a), .string(a)], limits: fuel(1000)) == .fuelExhausted)
        // 2,000 × 2,000 scalars is 32 × 2,000 = 64,000 steps: more than 50,000 units of fuel.
        let c = String(repeating: "x", count: 2000), d = String(repeating: "y", count: 2000)
        #expect(failure("edit_distance", [.string(c), .string(d)], limits: fuel(50_000)) == .fuelExhausted)
        #expect(try call("edit_distance", [.string(c), .string(d)], limits: fuel(70_000)) == .int(2000))
    }

    /// The SQuAD builtins charge fuel for every byte they read and memory for the string
    /// squad_normalize returns.
    @Test func squadLimits() throws {
        let big = String(repeating: "The cat sat. ", count: 80_000)  // ~1 MB
        #expect(failure("token_f1", [.string(big), strings(["cat"])], limits: fuel(10_000)) == .fuelExhausted)
        #expect(failure("exact_match", [.string("cat"), strings([big])], limits: fuel(10_000)) == .fuelExhausted)
        #expect(failure("squad_normalize", [.string(big)], limits: fuel(10_000)) == .fuelExhausted)
        var small = Limits()
        small.memoryBytes = 100_000
        #expect(failure("squad_normalize", [.string(big)], limits: small) == .memoryExceeded)
        #expect(try call("token_f1", [.string(big), strings(["cat sat"])]) != .null)
    }

    // MARK: - Fuzzing

    /// Fuzz test: 400 random byte strings (decoded with UTF-8 replacement) and adversarial
    /// inputs (400 kB of articles or emoji, NUL bytes) through every builtin of the family,
    /// under default and small limits: each call returns a value of the declared type, never
    /// NaN, or fails with a clean runtime error; 1 MB strings under small fuel fail on fuel.
    @Test(.timeLimit(.minutes(2))) func fuzzOverlapBuiltins() throws {
        var generator = SeededGenerator(state: 0xF0F0)
        var inputs: [String] = ["", " ", "the", String(repeating: "a ", count: 200_000),
                                String(repeating: "😀", count: 100_000), String(repeating: "\u{0}", count: 1000)]
        for _ in 0..<400 {
            let bytes = (0..<below(200, &generator)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        var small = Limits()
        small.fuel = 5_000
        small.memoryBytes = 20_000
        for (index, text) in inputs.enumerated() {
            let other = inputs[(index * 7 + 3) % inputs.count]
            for limits in [Limits(), small] {
                let calls: [(String, [Value])] = [
                    ("squad_normalize", [.string(text)]),
                    ("exact_match", [.string(text), strings([other, text])]),
                    ("token_f1", [.string(text), strings([other])]),
                    ("edit_distance", [.string(text), .string(other)]),
                    ("edit_ratio", [.string(text), .string(other)]),
                    ("indel_ratio", [.string(other), .string(text)]),
                ]
                for (name, arguments) in calls {
                    do throws(RuntimeError) {
                        let result = try call(name, arguments, limits: limits)
                        switch result {
                        case .string: #expect(name == "squad_normalize")
                        case .int(let distance): #expect(name == "edit_distance" && distance >= 0)
                        case .float(let number): #expect(number >= 0 && number <= 1, "\(name) gave \(number)")
                        default: Issue.record("\(name) returned \(result.typeName)")
                        }
                    } catch {
                        #expect([.fuelExhausted, .memoryExceeded].contains(error.code), "\(name): \(error.message)")
                    }
                }
            }
        }
        // 1 MB strings under small fuel fail on fuel before any work.
        let megabyte = String(repeating: "The ánswer, ", count: 80_000)
        for name in ["squad_normalize", "exact_match", "token_f1", "edit_distance", "edit_ratio", "indel_ratio"] {
            let arguments: [Value] = name == "squad_normalize" ? [.string(megabyte)]
                : name.hasPrefix("edit") || name.hasPrefix("indel") ? [.string(megabyte), .string("x")]
                : [.string("x"), strings([megabyte])]
            #expect(failure(name, arguments, limits: small) == .fuelExhausted, "\(name)")
        }
    }
}
