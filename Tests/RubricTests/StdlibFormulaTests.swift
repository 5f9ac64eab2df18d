import Foundation
import Testing
import OrderedCollections
@testable import Rubric

/// Differential tests of the standard library's reward formulas (Stdlib/*.rubric) against
/// Python transcriptions of the published code (Tests/Peers/formulas.py). For each function,
/// a small rubric calling it is compiled once per call shape (how many arguments it passes,
/// so defaults are exercised too) and evaluated on a few hundred generated argument lists,
/// edge cases first; the results must equal the peer's (floats within 1e-12 relative to
/// max(1, |value|); bools, ints, strings and nulls exactly), and an argument list that makes
/// one side fail must make the other fail too.
@Suite("Stdlib formulas")
struct StdlibFormulaTests {
    /// A JSON-like argument or result, the same on both sides of the comparison.
    indirect enum Datum: CustomStringConvertible {
        case null, bool(Bool), int(Int), float(Double), string(String), list([Datum])

        /// The Rubric value handed to the compiled program.
        var value: Value {
            switch self {
            case .null: .null
            case .bool(let flag): .bool(flag)
            case .int(let number): .int(number)
            case .float(let number): .float(number)
            case .string(let text): .string(text)
            case .list(let items): .list(items.map(\.value))
            }
        }

        /// The tagged form formulas.py decodes: numbers travel as text, so no JSON parser can
        /// round them (Foundation's parser on Linux is off by an ulp now and then).
        var tagged: [String: Any] {
            switch self {
            case .null: ["t": "n"]
            case .bool(let flag): ["t": "b", "v": flag]
            case .int(let number): ["t": "i", "v": String(number)]
            case .float(let number): ["t": "f", "v": "\(number)"]
            case .string(let text): ["t": "s", "v": text]
            case .list(let items): ["t": "l", "v": items.map(\.tagged)]
            }
        }

        /// Decodes a tagged value printed by formulas.py.
        init?(tagged object: Any) {
            guard let map = object as? [String: Any], let tag = map["t"] as? String else { return nil }
            switch tag {
            case "n": self = .null
            case "b":
                guard let flag = map["v"] as? Bool else { return nil }
                self = .bool(flag)
            case "i":
                guard let text = map["v"] as? String, let number = Int(text) else { return nil }
                self = .int(number)
            case "f":
                guard let text = map["v"] as? String, let number = Double(text) else { return nil }
                self = .float(number)
            case "s":
                guard let text = map["v"] as? String else { return nil }
                self = .string(text)
            case "l":
                guard let items = map["v"] as? [Any] else { return nil }
                var decoded: [Datum] = []
                for item in items {
                    guard let datum = Datum(tagged: item) else { return nil }
                    decoded.append(datum)
                }
                self = .list(decoded)
            default: return nil
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .bool(let flag): "\(flag)"
            case .int(let number): "\(number)"
            case .float(let number): "\(number)"
            case .string(let text): text.debugDescription
            case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            }
        }
    }

    /// One library function under test: its parameter types (as the rubric declares its
    /// inputs) and a generator of argument lists (a list shorter than `types` leaves the
    /// remaining parameters at their defaults).
    struct Formula: CustomStringConvertible, Sendable {
        var name: String
        var types: [String]
        var generate: @Sendable (inout Cases) -> Void
        var description: String { name }
    }

    /// The argument lists of one function and the random source they are drawn from.
    struct Cases {
        var random: SeededGenerator
        var lists: [[Datum]] = []

        mutating func add(_ arguments: Datum...) { lists.append(arguments) }
        mutating func add(_ arguments: [Datum]) { lists.append(arguments) }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func double(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &random) }
        mutating func chance(_ probability: Double) -> Bool { double(0...1) < probability }
        mutating func bool() -> Bool { Bool.random(using: &random) }
        mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }

        /// A number as an int or a float, from a range that may include negatives.
        mutating func number(_ range: ClosedRange<Double>) -> Datum {
            chance(0.3) ? .int(Int(double(range).rounded())) : .float(double(range))
        }

        /// A list of floats (or ints) of the given length.
        mutating func numbers(_ count: Int, _ range: ClosedRange<Double>) -> Datum {
            .list((0..<count).map { _ in number(range) })
        }

        /// A list of probabilities in [0, 1], sometimes with repeated values and exact ends.
        mutating func probabilities(_ count: Int) -> [Double] {
            (0..<count).map { _ in chance(0.15) ? pick([0.0, 1.0, 0.5]) : double(0...1) }
        }

        /// Text assembled from fragments that the formulas look for (tags, step markers,
        /// reasoning phrases, "user: "), plain words, unicode letters, digits and white space
        /// that Python and PCRE2 might treat differently.
        mutating func text(maxPieces: Int = 40) -> String {
            let fragments = [
                "<think>\n", "\n</think>\n", "\n<answer>\n", "\n</answer>", "<think>", "</think>", "<answer>",
                "</answer>", "Step 1:", "Step 12:", "Step x:", "1.", "23. ", "٣.", "\n-", "\n*", "First,", "Second,",
                "Next,", "Finally,", "first, ", "Wait", "wait", " let me check ", "We need to ", "so that", "makes sence",
                "Therefore", "thus", "for example ", "for example", "since we ", "USER: ", "user: ", "If we",
                "the", "a", "cat", "sat", "on", "mat", "42", "x", "é", "ΑΣ", "İ", "ß", "日本語", "解", "かいせつ", "🙂",
                " ", " ", " ", "  ", "\n", "\n", "\r\n", "\t", "\u{3000}", "\u{a0}", "\u{1c}", "\u{85}", "\u{180e}",
                "\u{2028}", ".", ":", ",", "!", "?", "$", "Solution", "Thought process:",
            ]
            let count = int(0...maxPieces)
            return (0..<count).map { _ in pick(fragments) }.joined()
        }

        /// Text with many repeated word n-grams: a few short "sentences" over a tiny
        /// vocabulary, repeated, with an occasional changed word.
        mutating func repetitiveText(words count: Int) -> String {
            let vocabulary = ["the", "cat", "sat", "on", "mat", "wait", "so", "then", "Cat", "É", "x"]
            let sentenceLength = int(1...25)
            let sentence = (0..<sentenceLength).map { _ in pick(vocabulary) }
            var words: [String] = []
            while words.count < count {
                for word in sentence where words.count < count {
                    words.append(chance(0.05) ? pick(vocabulary) : word)
                }
            }
            let separators = [" ", " ", " ", "\n", "  ", "\t"]
            return words.map { $0 + pick(separators) }.joined()
        }

        /// A text in the r1 format, or a near miss of it.
        mutating func formattedText() -> String {
            let body = ["", "x", "reasoning\nover lines", "a\n</think>\nb", "日本語 🙂", "\n"]
            let prefix = pick(["", "", "", " ", "\n", "x"])
            let suffix = pick(["", "", "\n", "\nmore", "x", " ", "\r\n", "\n\n", "\n</answer>"])
            return prefix + "<think>\n" + pick(body) + "\n</think>\n<answer>\n" + pick(body) + "\n</answer>" + suffix
        }
    }

    // MARK: - The formulas and their cases

    static let formulas: [Formula] = [
        // length.rubric
        Formula(name: "soft_overlong", types: ["number", "number", "number", "number"]) { cases in
            for length in [0, 16383, 16384, 16385, 20479, 20480, 20481, 30000] { cases.add(.int(length)) }
            for (length, max, cache) in [(80, 100, 20), (100, 100, 20), (81, 100, 20), (101, 100, 20), (0, 10, 10)] {
                cases.add(.int(length), .int(max), .int(cache))
            }
            while cases.lists.count < 240 {
                let max = cases.int(10...30000)
                let cache = cases.int(1...max)
                let length = cases.pick([max - cache, max, max - cache + 1, max + 1, cases.int(0...(2 * max))])
                cases.add([.int(length), .int(max), .int(cache)] + (cases.bool() ? [cases.number(0...3)] : []))
            }
        },
        Formula(name: "overlong_linear", types: ["number", "number", "number", "number"]) { cases in
            for length in [0, 16383, 16384, 16385, 20480, 24576, 30000] { cases.add(.int(length)) }
            while cases.lists.count < 240 {
                let max = cases.int(10...30000)
                let cache = cases.int(1...max)
                let length = cases.pick([max - cache, max, max - cache - 1, max + cache, cases.int(0...(2 * max))])
                cases.add([.int(length), .int(max), .int(cache)] + (cases.bool() ? [cases.number(0...3)] : []))
            }
        },
        Formula(name: "cosine_length", types: ["number", "number", "bool", "float", "float", "float", "float", "bool"]) { cases in
            for length in [0, 500, 1000, 1500, 2000, 3000] {
                for correct in [true, false] {
                    cases.add(.int(length), .int(1000), .bool(correct))
                    cases.add(.int(length), .int(1000), .bool(correct), .float(-1), .float(-0.5), .float(0.5), .float(1), .bool(false))
                    cases.add(.int(length), .int(1000), .bool(correct), .float(0), .float(-0.5), .float(0.5), .float(1), .bool(true))
                }
            }
            while cases.lists.count < 260 {
                let max = cases.int(1...5000)
                var arguments: [Datum] = [cases.number(0...Double(3 * max)), .int(max), .bool(cases.bool())]
                if cases.bool() {
                    arguments += [.float(cases.double(-2...0)), .float(cases.double(-1...0)),
                                  .float(cases.double(0...1)), .float(cases.double(0.5...2)), .bool(cases.bool())]
                }
                cases.add(arguments)
            }
        },
        Formula(name: "kimi_length", types: ["number", "bool", "list[number]"]) { cases in
            cases.add(.int(5), .bool(true), .list([.int(5)]))
            cases.add(.int(5), .bool(false), .list([.int(5), .int(5), .int(5)]))
            for length in [10, 20, 30] {
                for correct in [true, false] { cases.add(.int(length), .bool(correct), .list([.int(10), .int(20), .int(30)])) }
            }
            while cases.lists.count < 240 {
                let size = cases.int(1...8)
                let equal = cases.chance(0.15)
                let first = cases.int(0...4000)
                let lengths = (0..<size).map { _ in equal ? first : cases.int(0...4000) }
                let own: Datum = cases.chance(0.85) ? .int(cases.pick(lengths)) : cases.number(0...4000)
                cases.add(own, .bool(cases.bool()), .list(lengths.map { .int($0) }))
            }
        },
        Formula(name: "linear_length", types: ["number", "number", "number", "number", "number"]) { cases in
            for length in [0, 100, 150, 200, 300] { cases.add(.int(length), .int(100), .int(200), .int(1), .int(0)) }
            cases.add(.int(100), .int(100), .int(100), .float(1), .float(-1))
            cases.add(.int(101), .int(100), .int(50), .float(1), .float(-1))
            while cases.lists.count < 240 {
                let start = cases.int(0...1000)
                let end = cases.chance(0.1) ? cases.int(0...start) : start + cases.int(1...1000)
                let length = cases.pick([start, end, cases.int(0...2000)])
                cases.add(.int(length), .int(start), .int(end), cases.number(-1...1), cases.number(-1...1))
            }
        },
        Formula(name: "repetition_penalty", types: ["string", "int", "float"]) { cases in
            for text in ["", " ", "a", "a b", "a b c", "A a A a", "The the THE the", "x x x x x x", "İ i̇ İ i̇"] {
                cases.add(.string(text))
                cases.add(.string(text), .int(1), .float(-0.5))
            }
            while cases.lists.count < 260 {
                let text = cases.chance(0.5) ? cases.repetitiveText(words: cases.int(0...120)) : cases.text()
                if cases.bool() {
                    cases.add(.string(text))
                } else {
                    cases.add(.string(text), .int(cases.int(1...5)), .float(cases.double(-2...0)))
                }
            }
        },

        // format.rubric
        textFormula("r1_format"),
        textFormula("think_format"),
        textFormula("tag_count_reward"),
        textFormula("reasoning_steps_reward"),

        // normalize.rubric
        Formula(name: "stdev", types: ["list[number]", "bool"]) { cases in
            cases.add(.list([.int(3)]))
            cases.add(.list([.int(3)]), .bool(true))
            cases.add(.list([.float(1), .float(1), .float(1)]))
            cases.add(.list([.int(0), .int(1)]), .bool(true))
            while cases.lists.count < 240 {
                let values = cases.numbers(cases.int(1...16), -5...5)
                cases.add(cases.bool() ? [values] : [values, .bool(cases.bool())])
            }
        },
        Formula(name: "zscore", types: ["number", "list[number]", "float", "bool"]) { cases in
            cases.add(.int(1), .list([.int(1)]))
            cases.add(.float(0.5), .list([.float(0.5), .float(0.5)]))
            cases.add(.int(1), .list([.int(1), .int(0), .int(0)]), .float(1e-6), .bool(true))
            while cases.lists.count < 240 {
                let group = cases.groupWithMember(range: -3...3)
                cases.add(cases.bool() ? group : group + [.float(cases.pick([1e-4, 1e-6, 0.01])), .bool(cases.bool())])
            }
        },
        groupFormula("centred"),
        groupFormula("minmax"),
        groupFormula("rank"),
        groupFormula("rank_fraction"),
        Formula(name: "percentile", types: ["list[number]", "number"]) { cases in
            for q in [0, 5, 50, 95, 100] {
                cases.add(.list([.int(7)]), .int(q))
                cases.add(.list([.int(1), .int(2), .int(3), .int(4)]), .int(q))
            }
            while cases.lists.count < 240 {
                let q: Datum = cases.chance(0.3) ? .int(cases.pick([0, 5, 25, 50, 75, 95, 100])) : .float(cases.double(0...100))
                cases.add(cases.numbers(cases.int(1...20), -100...100), q)
            }
        },
        Formula(name: "router_cost_score", types: ["number", "list[number]"]) { cases in
            cases.add(.int(4), .list([.int(4)]))
            cases.add(.int(4), .list([.int(4), .int(4), .int(4)]))
            cases.add(.int(0), .list([.int(0), .int(100)]))
            cases.add(.int(100), .list([.int(0), .int(100)]))
            while cases.lists.count < 240 {
                let raws = (0..<cases.int(1...30)).map { _ in cases.chance(0.1) ? 0.0 : cases.double(0...500) }
                let raw = cases.chance(0.7) ? cases.pick(raws) : cases.double(0...600)
                cases.add(.float(raw), .list(raws.map { .float($0) }))
            }
        },

        // steps.rubric
        Formula(name: "clip_steps", types: ["list[number]", "number"]) { cases in
            cases.add(.list([]), .float(0.5))
            while cases.lists.count < 240 {
                cases.add(.list(cases.probabilities(cases.int(0...12)).map { .float($0) }), cases.number(0...1))
            }
        },
        Formula(name: "delta_steps", types: ["list[number]", "bool"]) { cases in
            cases.add(.list([]))
            cases.add(.list([.float(0.7)]))
            cases.add(.list([.float(0.7)]), .bool(true))
            while cases.lists.count < 240 {
                let rewards = cases.numbers(cases.int(0...12), -1...1)
                cases.add(cases.bool() ? [rewards] : [rewards, .bool(cases.bool())])
            }
        },
        Formula(name: "clip_delta", types: ["list[number]", "number", "bool"]) { cases in
            cases.add(.list([]), .float(0.5))
            cases.add(.list([.float(0.9)]), .float(0.5), .bool(true))
            while cases.lists.count < 240 {
                let rewards = Datum.list(cases.probabilities(cases.int(0...12)).map { .float($0) })
                let eta = cases.number(0...1)
                cases.add(cases.bool() ? [rewards, eta] : [rewards, eta, .bool(cases.bool())])
            }
        },
        stepsFormula("scale_steps", second: "number") { cases in cases.number(-2...2) },
        stepsFormula("add_success", second: "number") { cases in cases.pick([Datum.int(0), .int(1), .float(0.5), .float(-1)]) },
        Formula(name: "renorm", types: ["list[number]", "number", "bool"]) { cases in
            cases.add(.list([]), .int(1))
            cases.add(.list([.float(0.3)]), .int(0), .bool(true))
            while cases.lists.count < 240 {
                let process = Datum.list(cases.probabilities(cases.int(0...12)).map { .float($0) })
                let outcome = Datum.int(cases.int(0...1))
                cases.add(cases.bool() ? [process, outcome] : [process, outcome, .bool(cases.bool())])
            }
        },
        Formula(name: "prm_aggregate", types: ["list[number]", "string"]) { cases in
            for how in ["min", "mean", "last", "product", "median"] {
                cases.add(.list([]), .string(how))
                cases.add(.list([.float(0.2), .float(0.9)]), .string(how))
            }
            cases.add(.list([]))
            while cases.lists.count < 240 {
                let rewards = Datum.list(cases.probabilities(cases.int(0...12)).map { .float($0) })
                let how = cases.pick(["min", "mean", "last", "product", "min", "mean", "last", "product", "MIN"])
                cases.add(cases.chance(0.2) ? [rewards] : [rewards, .string(how)])
            }
        },
        Formula(name: "implicit_process_rewards", types: ["list[number]", "float"]) { cases in
            cases.add(.list([]))
            while cases.lists.count < 240 {
                let ratios = cases.numbers(cases.int(0...30), -8...8)
                cases.add(cases.bool() ? [ratios] : [ratios, .float(cases.double(0...1))])
            }
        },
        Formula(name: "information_gain", types: ["list[number]"]) { cases in
            cases.add(.list([]))
            cases.add(.list([.float(0.25)]))
            while cases.lists.count < 240 {
                cases.add(.list(cases.probabilities(cases.int(0...10)).map { .float($0) }))
            }
        },

        // nuggets.rubric
        Formula(name: "nugget_score", types: ["list[string]", "list[bool]", "bool", "bool"]) { cases in
            cases.add(.list([]), .list([]))
            for strict in [false, true] {
                for vitalOnly in [false, true] {
                    cases.add(.list([]), .list([]), .bool(strict), .bool(vitalOnly))
                    cases.add(.list([.string("support"), .string("partial_support")]), .list([.bool(false), .bool(false)]),
                              .bool(strict), .bool(vitalOnly))
                }
            }
            cases.add(.list([.string("support")]), .list([]), .bool(false), .bool(true))
            while cases.lists.count < 260 {
                let (labels, vital) = cases.nuggets()
                let arguments: [Datum] = [labels, vital, .bool(cases.bool()), .bool(cases.bool())]
                cases.add(Array(arguments.prefix(cases.int(2...4))))
            }
        },
        nuggetFormula("nugget_all", withVital: false),
        nuggetFormula("nugget_vital", withVital: true),
        nuggetFormula("nugget_all_strict", withVital: false),
        nuggetFormula("nugget_vital_strict", withVital: true),
        weightsFormula("weighted_nugget_score"),
        Formula(name: "choice_score", types: ["int", "int"]) { cases in
            cases.add(.int(0), .int(1))
            cases.add(.int(1), .int(1))
            cases.add(.int(-1), .int(3))
            cases.add(.int(0), .int(0))
            while cases.lists.count < 240 {
                let n = cases.int(1...10)
                cases.add(.int(cases.chance(0.05) ? n : cases.int(0...(n - 1))), .int(n))
            }
        },

        // match.rubric and the lexical nugget judge
        matchFormula("contains_any", types: ["string", "list[string]", "bool"]),
        matchFormula("contains_all", types: ["string", "list[string]", "bool"]),
        matchFormula("token_recall", types: ["string", "string"]),
        matchFormula("nugget_label", types: ["string", "string", "float", "float"]),
        matchFormula("nugget_labels", types: ["string", "list[string]", "float", "float"]),

        // aggregate.rubric
        weightsFormula("weighted_sum"),
        weightsFormula("weighted_mean"),
        Formula(name: "gated", types: ["bool", "number", "number"]) { cases in
            while cases.lists.count < 240 {
                let arguments: [Datum] = [.bool(cases.bool()), cases.number(-2...2), cases.number(-2...2)]
                cases.add(Array(arguments.prefix(cases.int(2...3))))
            }
        },
        Formula(name: "majority", types: ["list[string?]"]) { cases in
            cases.add(.list([]))
            cases.add(.list([.null, .null]))
            cases.add(.list([.string("a"), .string("b")]))
            cases.add(.list([.string("b"), .string("a"), .string("a"), .string("b")]))
            while cases.lists.count < 240 { cases.add(cases.answers(cases.int(0...10))) }
        },
        Formula(name: "majority_vote", types: ["string?", "list[string?]"]) { cases in
            cases.add(.null, .list([]))
            cases.add(.string("a"), .list([.null, .null]))
            cases.add(.null, .list([.null, .string("a")]))
            cases.add(.string("a"), .list([.string("a")]))
            while cases.lists.count < 240 {
                let answers = cases.answers(cases.int(1...10))
                guard case .list(let items) = answers else { continue }
                let own = cases.chance(0.8) ? cases.pick(items) : cases.pick([Datum.null, .string("z"), .string("4")])
                cases.add(own, answers)
            }
        },
        Formula(name: "is_master_key", types: ["string", "list[string]?"]) { cases in
            let keys = ["", " ", ":", ".", ",", "\n", "Thought process:", "Let's solve this problem step by step.",
                        "Solution", "解", "かいせつ", "solution:", " SOLUTION ", "Solution 42", "42", "x", "«…»", "🙂",
                        "Thought  process :", "\u{1c}", "\u{85}", "\u{180e}", "Respuesta"]
            for key in keys {
                cases.add(.string(key))
                cases.add(.string(key), .list([.string("Respuesta"), .string("Answer:")]))
                cases.add(.string(key), .null)
            }
            while cases.lists.count < 240 {
                let text = cases.chance(0.5) ? cases.pick(keys) + cases.pick(["", " ", ".", "!", "\n", "x"]) : cases.text(maxPieces: 4)
                cases.add(cases.bool() ? [.string(text)] : [.string(text), .list([.string(cases.pick(keys))])])
            }
        },
        Formula(name: "judge_guard", types: ["string", "number", "list[string]?"]) { cases in
            while cases.lists.count < 240 {
                let text = cases.chance(0.5) ? cases.pick([":", " ", "Solution", "解", "The answer is 4.", "Respuesta"]) : cases.text(maxPieces: 5)
                let arguments: [Datum] = [.string(text), cases.number(0...1), cases.chance(0.3) ? .null : .list([.string("Respuesta")])]
                cases.add(Array(arguments.prefix(cases.int(2...3))))
            }
        },
        Formula(name: "reasoning_pattern_reward", types: ["string"]) { cases in
            for text in ["", "Wait", "user: user: wait", "WAIT, let me check. Therefore we need to thus hence",
                         "first,second", "first, second", "makes sense", "makes sence", "for example\n", "for example x"] {
                cases.add(.string(text))
            }
            let phrases = ["i need to", "we need to", "wait", "alternatively", "let me check", "let me see",
                           "let's focus on", "we know that", "we can observe ", "we can see ", "let me try", "let's try",
                           "let us try", "first, ", "firstly, ", "next, ", "finally, ", "let us first", "let's first",
                           "let me first", "try again", "still not", "not working", "not correct", "does not work",
                           "doesn't work", "makes sence", "since we ", "because we ", "consequently", "as a result",
                           "thus", "therefore", "hence", "so that", "thereby", "if we", "given there ", "for instance ",
                           "for example "]
            cases.add(.string(phrases.joined(separator: " ")))
            cases.add(.string(phrases.joined().uppercased()))
            while cases.lists.count < 260 {
                var text = cases.chance(0.5) ? cases.repetitiveText(words: cases.int(0...200)) : cases.text(maxPieces: 60)
                for _ in 0..<cases.int(0...12) { text += cases.pick(phrases) + cases.pick([" ", "", "\n", ". "]) }
                if cases.chance(0.3) { text = text.uppercased() }
                cases.add(.string(text))
            }
        },
        Formula(name: "noisy_rm_calibrate", types: ["number", "number", "float", "float"]) { cases in
            for rm in [0.0, 0.49, 0.5, 0.51, 1.0] { cases.add(.float(rm), .float(1)) }
            while cases.lists.count < 240 {
                let arguments: [Datum] = [.float(cases.double(0...1)), .float(cases.double(0...1)),
                                          .float(cases.double(0...1)), .float(cases.double(0...1))]
                cases.add(cases.bool() ? Array(arguments.prefix(2)) : arguments)
            }
        },
    ]

    /// A matching function of a response and one or several expected texts, often sharing
    /// words (in other cases and with punctuation and articles around them); trailing
    /// arguments (flags, thresholds) are drawn or left to their defaults.
    static func matchFormula(_ name: String, types: [String]) -> Formula {
        Formula(name: name, types: types) { cases in
            let words = ["Paris", "paris", "the", "The", "capital", "of", "France", "france.", "an", "a", "Spain,",
                         "Éclair", "éclair", "İstanbul", "straße", "STRASSE", "42", "4.2", "-", "!", "日本"]
            func phrase(_ generator: inout Cases) -> String {
                (0..<generator.int(0...6)).map { _ in generator.pick(words) }.joined(separator: generator.pick([" ", "  ", ", ", "\n"]))
            }
            while cases.lists.count < 240 {
                let response = Datum.string(phrase(&cases))
                let expected: Datum = types[1] == "string" ? .string(phrase(&cases))
                    : .list((0..<cases.int(0...4)).map { _ in .string(phrase(&cases)) })
                var arguments = [response, expected]
                if types.count == 3, cases.bool() { arguments.append(.bool(cases.bool())) }
                if types.count == 4, cases.bool() {
                    let support = cases.pick([0.5, 0.8, 1.0, 0.3])
                    arguments.append(.float(support))
                    if cases.bool() { arguments.append(.float(cases.pick([0.0, 0.2, 0.4, 0.5]))) }
                }
                cases.add(arguments)
            }
        }
    }

    /// A function of one text.
    static func textFormula(_ name: String) -> Formula {
        Formula(name: name, types: ["string"]) { cases in
            let fixed = [
                "", "<think>\n\n</think>\n<answer>\n\n</answer>", "<think>\nx\n</think>\n<answer>\ny\n</answer>",
                "<think>\nx\n</think>\n<answer>\ny\n</answer>\n", "<think>\nx\n</think>\n<answer>\ny\n</answer>\nmore",
                "<think>\nx\n</think>\n<answer>\ny\n</answer>x", " <think>\nx\n</think>\n<answer>\ny\n</answer>",
                "<think>a</think>", "<think>a<think>b</think>", "<think></think>", "<think>", "</think><think>",
                "<think>\n<think>\n</think>\n", "Step 1: a Step 2: b", "1. a\n2. b\n3. c", "\n- a\n- b\n* c",
                "First, Second, Next, Finally,", "٣. x", "Step ٣:", "1.", "x1.",
                "<think>\n</think>\n<answer>\nx\n</answer>", "<think>\né\n</think>\n<answer>\nü\n</answer>",
                "<think>\nx\n</think>\n<answer>\n\n</answer>\r\n", "<think>\nx\n</think>\n<answer>\ny\n</answer>\n</answer>",
                "<think>\nx\n</think>\n<answer>\n</answer>", "<think>\nx\n</think>\n<answer>\n\n</answer>\n</think>\n<answer>\n",
                // Texts that make open-r1's lazy pattern backtrack quadratically.
                "<think>\n" + String(repeating: "\n</think>\n<answer>\n", count: 300) + "x",
                "<think>\n" + String(repeating: "\n</think>\n<answer>\n", count: 300) + "\n</answer>",
                "<think>\n" + String(repeating: "\n</answer>\n</think>\n<answer>\n", count: 100),
            ]
            for text in fixed { cases.add(.string(text)) }
            while cases.lists.count < 300 {
                cases.add(.string(cases.chance(0.3) ? cases.formattedText() : cases.text()))
            }
        }
    }

    /// A function of a value and the group it belongs to.
    static func groupFormula(_ name: String) -> Formula {
        Formula(name: name, types: ["number", "list[number]"]) { cases in
            cases.add(.int(1), .list([.int(1)]))
            cases.add(.float(0.5), .list([.float(0.5), .float(0.5), .float(0.5)]))
            cases.add(.int(0), .list([.int(0), .int(1), .int(1), .int(0)]))
            while cases.lists.count < 240 { cases.add(cases.groupWithMember(range: -3...3)) }
        }
    }

    /// A function of a list of step rewards and one more argument.
    static func stepsFormula(_ name: String, second: String,
                             _ argument: @escaping @Sendable (inout Cases) -> Datum) -> Formula {
        Formula(name: name, types: ["list[number]", second]) { cases in
            cases.add(.list([]), argument(&cases))
            while cases.lists.count < 240 {
                let rewards = cases.numbers(cases.int(0...12), -1...1)
                cases.add(rewards, argument(&cases))
            }
        }
    }

    /// A nugget convenience function: labels, and the vital flags when it takes them.
    static func nuggetFormula(_ name: String, withVital: Bool) -> Formula {
        Formula(name: name, types: withVital ? ["list[string]", "list[bool]"] : ["list[string]"]) { cases in
            cases.add(withVital ? [.list([]), .list([])] : [.list([])])
            while cases.lists.count < 240 {
                let (labels, vital) = cases.nuggets()
                cases.add(withVital ? [labels, vital] : [labels])
            }
        }
    }

    /// A function of values and weights.
    static func weightsFormula(_ name: String) -> Formula {
        Formula(name: name, types: ["list[number]", "list[number]"]) { cases in
            cases.add(.list([]), .list([]))
            cases.add(.list([.int(1), .int(2)]), .list([.int(0), .int(0)]))
            cases.add(.list([.int(1), .int(2)]), .list([.int(1), .int(-1)]))
            cases.add(.list([.int(1), .int(2)]), .list([.int(1)]))
            cases.add(.list([.int(1)]), .list([.int(1), .int(2)]))
            while cases.lists.count < 240 {
                let count = cases.int(0...8)
                let weights: Datum = cases.chance(0.1) ? .list((0..<count).map { _ in .int(0) }) : cases.numbers(count, 0...3)
                cases.add(cases.numbers(count, 0...1), weights)
            }
        }
    }

    // MARK: - Running

    /// Compiles one program per call shape, evaluates every case and compares with the peer.
    @Test(arguments: formulas)
    func matchesThePythonPeer(_ formula: Formula) throws {
        var cases = Cases(random: SeededGenerator(state: UInt64(abs(formula.name.hashValueStable)) &+ 7))
        formula.generate(&cases)
        let lists = cases.lists
        #expect(lists.count >= 200, "\(formula.name): only \(lists.count) cases")

        var evaluators: [Int: Evaluator] = [:]
        for arity in Set(lists.map(\.count)).sorted() {
            let inputs = (0..<arity).map { "input a\($0): \(formula.types[$0])\n" }.joined()
            let call = (0..<arity).map { "a\($0)" }.joined(separator: ", ")
            let source = inputs + "let out = \(formula.name)(\(call))\nreward = 0\n"
            evaluators[arity] = Evaluator(program: try Program.compile(source: source))
        }

        let peer = try PythonPeer.run(script: "Tests/Peers/formulas.py",
                                      cases: lists.map { ["fn": formula.name, "args": $0.map(\.tagged)] as [String: Any] })
        var worst = 0.0
        var failures = 0
        var bothFailed = 0
        var distinct: Set<String> = []
        for (index, arguments) in lists.enumerated() {
            let evaluator = evaluators[arguments.count]!
            var sample: [String: Value] = [:]
            for (position, argument) in arguments.enumerated() { sample["a\(position)"] = argument.value }
            let result = evaluator.evaluate(sample: .map(OrderedDictionary<String, Value>(uniqueKeysWithValues: sample.sorted { $0.key < $1.key })))
            let answer = peer[index] as? [String: Any] ?? [:]
            let call = "\(formula.name)(\(arguments.map(\.description).joined(separator: ", ")))"
            if let error = result.error {
                if answer["error"] == nil {
                    failures += 1
                    Issue.record("\(call): Rubric failed (\(error.message)) but Python returned \(answer["ok"] ?? "nothing")")
                } else {
                    bothFailed += 1
                }
                continue
            }
            guard let ok = answer["ok"], let expected = Datum(tagged: ok) else {
                failures += 1
                Issue.record("\(call): Python failed (\(answer["error"] ?? "?")) but Rubric succeeded")
                continue
            }
            let actual = evaluator.global(named: "out") ?? .null
            distinct.insert(expected.description)
            switch Self.compare(actual, expected) {
            case .some(let difference):
                worst = max(worst, difference)
            case .none:
                failures += 1
                Issue.record("\(call): Rubric \(actual) but Python \(expected)")
            }
        }
        print("stdlib formula \(formula.name): \(lists.count) cases (\(bothFailed) fail on both sides, "
              + "\(distinct.count) distinct results), max |difference| \(worst), mismatches \(failures)")
        #expect(failures == 0)
        #expect(distinct.count >= 2, "\(formula.name): the cases never change the result")
    }

    /// The largest absolute difference between a Rubric result and the peer's, or nil when
    /// they disagree: floats beyond 1e-12 (relative to max(1, |value|)), other kinds unequal.
    static func compare(_ actual: Value, _ expected: Datum) -> Double? {
        switch (actual, expected) {
        case (.null, .null): return 0
        case (.bool(let a), .bool(let b)): return a == b ? 0 : nil
        case (.string(let a), .string(let b)): return a == b ? 0 : nil
        case (.int(let a), .int(let b)): return a == b ? 0 : nil
        case (.float(let a), .float(let b)):
            return close(a, b)
        case (.float(let a), .int(let b)):
            return close(a, Double(b))
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return nil }
            var worst = 0.0
            for (x, y) in zip(a, b) {
                guard let difference = compare(x, y) else { return nil }
                worst = max(worst, difference)
            }
            return worst
        default: return nil
        }
    }

    static func close(_ a: Double, _ b: Double) -> Double? {
        if a == b { return 0 }
        let difference = abs(a - b)
        return difference <= 1e-12 * max(1, abs(a), abs(b)) ? difference : nil
    }
}

extension StdlibFormulaTests.Cases {
    /// A group of numbers (sometimes all equal, sometimes one) and one of its members, or
    /// now and then a value outside it.
    mutating func groupWithMember(range: ClosedRange<Double>) -> [StdlibFormulaTests.Datum] {
        let size = int(1...10)
        let equal = chance(0.15)
        let first = number(range)
        let members = (0..<size).map { _ in equal ? first : number(range) }
        let member = chance(0.9) ? pick(members) : number(range)
        return [member, .list(members)]
    }

    /// Nugget labels (mostly the three AutoNuggetizer labels) and vital flags of equal length.
    mutating func nuggets() -> (StdlibFormulaTests.Datum, StdlibFormulaTests.Datum) {
        let count = int(0...10)
        let labels = (0..<count).map { _ in
            StdlibFormulaTests.Datum.string(pick(["support", "partial_support", "not_support", "support", "Support", "failed"]))
        }
        let vital = (0..<count).map { _ in StdlibFormulaTests.Datum.bool(chance(0.5)) }
        return (.list(labels), .list(vital))
    }

    /// Extracted answers: a few short strings with nulls, so ties and all-null lists occur.
    mutating func answers(_ count: Int) -> StdlibFormulaTests.Datum {
        let pool: [StdlibFormulaTests.Datum] = [.string("4"), .string("5"), .string("x"), .string("四"), .null, .string("")]
        let size = int(1...pool.count)
        return .list((0..<count).map { _ in pick(Array(pool.prefix(size))) })
    }
}

private extension String {
    /// A hash that is the same on every run (Swift's hashValue is seeded per process).
    var hashValueStable: Int {
        var hash: UInt64 = 1469598103934665603
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}
