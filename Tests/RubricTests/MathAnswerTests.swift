import Foundation
import Testing
@testable import Rubric

/// Tests of the math answer builtins: last_boxed, extract_answer, math_normalize and
/// math_equal, with a differential test against HuggingFace math-verify.
@Suite struct MathAnswerTests {
    // MARK: - Helpers

    func equal(_ prediction: String, _ gold: String, tolerance: Double = 1e-6) throws -> Bool {
        try callBuiltin("math_equal", [.string(prediction), .string(gold), .float(tolerance)]) == .bool(true)
    }

    func extract(_ text: String, _ mode: String = "auto") throws -> String? {
        if case .string(let answer) = try callBuiltin("extract_answer", [.string(text), .string(mode)]) { return answer }
        return nil
    }

    func normalize(_ answer: String) throws -> String {
        if case .string(let result) = try callBuiltin("math_normalize", [.string(answer)]) { return result }
        return "<not a string>"
    }

    /// The Swift side of a differential pair, timed.
    static func swiftVerdict(_ pair: MathAnswerPair) -> Bool {
        var prediction = pair.prediction
        if pair.isResponse {
            guard let answer = AnswerExtraction.extract(pair.prediction, mode: "auto") else { return false }
            prediction = answer
        }
        return MathAnswerComparison.equal(prediction: prediction, gold: pair.gold, places: 6)
    }

    // MARK: - Differential test against math-verify

    @Test func agreesWithMathVerify() throws {
        var generator = MathAnswerPairGenerator(seed: 20_240_601)
        let pairs = generator.pairs(perTemplate: 28)
        let cases: [Any] = pairs.map { pair in
            pair.isResponse ? ["gold": pair.gold, "text": pair.prediction] : ["gold": pair.gold, "pred": pair.prediction]
        }
        let peerStart = Date()
        let answers = try PythonPeer.run(script: "Tests/Peers/math_verify_peer.py", cases: cases)
        let peerSeconds = Date().timeIntervalSince(peerStart)
        var peerComputeSeconds = 0.0
        var agreements = 0, equalCount = 0
        var disagreements: [String] = []
        let swiftStart = Date()
        let verdicts = pairs.map(MathAnswerTests.swiftVerdict)
        let swiftSeconds = Date().timeIntervalSince(swiftStart)
        for (index, pair) in pairs.enumerated() {
            guard let answer = answers[index] as? [String: Any], let peerEqual = answer["equal"] as? Bool else {
                Issue.record("the peer gave no verdict for case \(index)")
                continue
            }
            peerComputeSeconds += answer["seconds"] as? Double ?? 0
            if peerEqual { equalCount += 1 }
            if peerEqual == verdicts[index] {
                agreements += 1
            } else {
                disagreements.append("[\(pair.kind)] gold=\(pair.gold.debugDescription) pred=\(pair.prediction.debugDescription) "
                                     + "math-verify=\(peerEqual) swift=\(verdicts[index]) "
                                     + "(parsed gold \(answer["gold"] ?? "?"), pred \(answer["pred"] ?? "?"))")
            }
        }
        let rate = Double(agreements) / Double(pairs.count)
        print("math_equal vs math-verify: \(agreements)/\(pairs.count) agree (\(String(format: "%.2f", rate * 100))%), "
              + "\(equalCount) pairs equal per math-verify")
        print(String(format: "speed: swift %.1f µs/pair (debug build), math-verify %.0f µs/pair (parse+verify), peer process %.1f s",
                     swiftSeconds / Double(pairs.count) * 1e6, peerComputeSeconds / Double(pairs.count) * 1e6, peerSeconds))
        for line in disagreements { print("disagreement: " + line) }
        #expect(pairs.count >= 600)
        #expect(rate >= 0.98, "agreement \(rate) below 98%")
    }

    // MARK: - last_boxed and extract_answer

    /// The shortcut for bare integers gives the answer the full comparison gives, and steps
    /// aside for everything else (signs, leading zeros, separators, decimals).
    @Test func plainIntegerShortcutAgreesWithTheFullComparison() {
        var generator = SeededGenerator(state: 41)
        for _ in 0..<400 {
            let a = Int.random(in: 0...2_000_000, using: &generator)
            let b = Bool.random(using: &generator) ? a : Int.random(in: 0...2_000_000, using: &generator)
            let shortcut = MathAnswerComparison.plainIntegersEqual(String(a), String(b))
            #expect(shortcut == (a == b))
            let full = MathAnswerReader.readGold(String(b)).flatMap { gold in
                MathAnswerReader.readPrediction(String(a)).map { prediction in
                    MathEquality(places: 6).equal(gold: gold.value!, prediction: prediction.value!)
                }
            }
            #expect(full == shortcut, "\(a) vs \(b)")
        }
        for text in ["-3", "03", "1,000", "3.0", " 3", "3 ", "", "٣", "+3"] {
            #expect(MathAnswerComparison.plainIntegersEqual(text, "3") == nil, "\(text)")
        }
    }

    @Test func lastBoxedFindsTheLastBalancedBox() throws {
        let cases: [(String, String?)] = [
            ("so \\boxed{5}", "5"),
            ("\\boxed{\\frac{1}{2}} and", "\\frac{1}{2}"),
            ("first \\boxed{1} then \\boxed{2}", "2"),
            ("nested \\boxed{\\boxed{3}}", "3"),
            ("\\boxed{a{b}c}", "a{b}c"),
            ("\\fbox{7}", "7"),
            ("\\boxed{1} \\fbox{2}", "2"),
            ("\\fbox{1} \\boxed{2}", "2"),
            ("The answer is \\boxed 5 here", "5"),
            ("The answer is \\boxed 7.", "7"),
            ("\\boxed 12$", "12"),
            ("empty \\boxed{}", ""),
            ("no box here", nil),
            ("truncated \\boxed{\\frac{1}{2}", nil),
            ("\\boxedx is not a box, \\boxed{4} is", "4"),
            ("\\boxed{4} then \\boxedfoo", "4"),
            ("", nil),
            ("é \\boxed{ü}", "ü"),
            ("\\boxed \u{00A0}\u{2003}9\u{3000}end", "9"),
            ("\\boxed{1} \\boxed ", "1"),
            ("\\boxed{1} \\boxed $", "1"),
            ("\\boxed{1} \\fbox", "1"),
            ("\\boxed  ", nil),
        ]
        for (text, expected) in cases {
            let value = try callBuiltin("last_boxed", [.string(text)])
            #expect(value == (expected.map { Value.string($0) } ?? .null), "last_boxed(\(text.debugDescription))")
        }
    }

    @Test func extractAnswerModes() throws {
        #expect(try extract("Thus \\boxed{42}.", "boxed") == "42")
        #expect(try extract("no box", "boxed") == nil)
        // hash: GSM8K style, commas removed, rest of the line only.
        #expect(try extract("Work...\n#### 1,234", "hash") == "1234")
        #expect(try extract("#### 5\nsome explanation", "hash") == "5")
        #expect(try extract("#### 1\n#### 2 ", "hash") == "2")
        #expect(try extract("#### ", "hash") == nil)
        #expect(try extract("no marker", "hash") == nil)
        // answer_is: after the last "answer is" or "Answer:", to the end of the sentence.
        #expect(try extract("The answer is 5.", "answer_is") == "5")
        #expect(try extract("The answer is 3.5. Next sentence.", "answer_is") == "3.5")
        #expect(try extract("So the answer is $\\frac{1}{2}$.", "answer_is") == "\\frac{1}{2}")
        #expect(try extract("Final Answer: 12\nmore text", "answer_is") == "12")
        #expect(try extract("**Answer:** 7", "answer_is") == "7")
        #expect(try extract("THE ANSWER IS: -4", "answer_is") == "-4")
        #expect(try extract("the answer is 1. No wait, the answer is 2.", "answer_is") == "2")
        #expect(try extract("The answer is \\(x+1\\).", "answer_is") == "x+1")
        #expect(try extract("the answer is", "answer_is") == nil)
        #expect(try extract("nothing here", "answer_is") == nil)
        // auto: boxed, then hash, then answer_is.
        #expect(try extract("The answer is 3. \\boxed{4}") == "4")
        #expect(try extract("The answer is 3.\n#### 5") == "5")
        #expect(try extract("The answer is 3.") == "3")
        #expect(try extract("I give up") == nil)
        #expect(builtinFailure("extract_answer", [.string("x"), .string("last")]) == .invalidArgument)
        #expect(builtinFailure("extract_answer", [.int(3), .string("auto")]) == .typeError)
    }

    // MARK: - math_normalize

    @Test func normalizationRules() throws {
        let cases: [(String, String)] = [
            ("$5$", "5"),                                  // $ removed
            ("\\boxed{7}", "7"),                           // the box is taken
            ("\\left( 1, 2 \\right)", "(1,2)"),            // \left/\right and spaces
            ("\\left.x\\right|", "x|"),                    // \left. and \right. too
            ("1\\!000", "1000"),                           // \! removed
            ("3\\,\\text{cm}", "3"),                       // spacing and a unit
            ("5\\text{ meters}", "5"),                     // a trailing \text unit
            ("12 apples", "12"),                           // a unit word from math-verify's list
            ("\\text{Yes}", "Yes"),                        // text unwrapped, a word kept
            ("\\textbf{No Solution}", "NoSolution"),       // \textbf is text; spaces removed
            ("30^\\circ", "30"),                           // degrees
            ("30^{\\circ}", "30"),
            ("45°", "45"),
            ("50\\%", "50"),                               // percent signs
            ("50 percent", "50"),
            ("7.", "7"),                                   // trailing period
            ("\\dfrac{3}{4}", "\\frac{3}{4}"),             // \dfrac, \tfrac -> \frac
            ("\\tfrac34", "\\frac{3}{4}"),                 // and braces added
            ("\\frac1{2}", "\\frac{1}{2}"),
            ("\\sqrt2", "\\sqrt{2}"),
            ("2^(10)", "2^{10}"),                          // ^(x) -> ^{x}
            ("3/4", "\\frac{3}{4}"),                       // a/b of integers
            ("0.5", "\\frac{1}{2}"),                       // math-verify's 0.5 rule
            (".75", "0.75"),                               // leading 0 added
            ("1,000,000", "1000000"),                      // thousands separators
            ("1{,}000", "1000"),
            ("x = 5", "5"),                                // leading "x =" removed
            ("x_1 = -3", "-3"),
            ("\\theta = 90^\\circ", "90"),
            ("2x = 4", "2x=4"),                            // not a plain variable: kept
            ("x = y = 2", "x=y=2"),                        // two "=": kept
            ("1 and 2", "1,2"),                            // "and" becomes a comma
            ("infinity", "\\infty"),
            ("\\displaystyle\\frac{1}{2}", "\\frac{1}{2}"),
            ("\\mathrm{e}", "e"),
            ("", ""),
        ]
        for (answer, expected) in cases {
            #expect(try normalize(answer) == expected, "math_normalize(\(answer.debugDescription))")
        }
    }

    // MARK: - math_equal

    /// Pairs (prediction, gold, equal) checked one rule at a time; the verdicts are
    /// math-verify's (checked with the peer).
    @Test(arguments: [
        // Numbers: integers exact, floats rounded to 6 places, integer vs float exact.
        ("5", "5", true), ("5.0", "5", true), ("05", "5", true), ("5", "6", false), ("-5", "5", false),
        ("3.0000001", "3", false), ("0.333333", "\\frac13", true), ("0.3333", "\\frac13", false),
        ("0.3333333", "1/3", true), (".5", "0.5", true), ("0.50", "\\frac12", true),
        ("1,000", "1000", true), ("1{,}000", "1000", true), ("1\\,000", "1000", false),
        // Fractions, mixed numbers, roots, powers, π, scientific notation.
        ("\\dfrac{2}{4}", "\\frac12", true), ("5/2", "2\\frac{1}{2}", true), ("2.5", "2\\frac12", true),
        ("2\\sqrt{2}", "\\sqrt{8}", true), ("2.828427", "\\sqrt8", true), ("3\\sqrt2", "\\sqrt8", false),
        ("\\sqrt[3]{8}", "2", true), ("1024", "2^{10}", true), ("1025", "2^{10}", false),
        ("6.283185", "2\\pi", true), ("6.2832", "2\\pi", false), ("\\pi 2", "2\\pi", true),
        ("1500", "1.5\\times10^{3}", true), ("1.5E3", "1500", true), ("1.5e3", "1500", false),
        // Percentages: integers compare their numbers, otherwise the value /100.
        ("50", "50\\%", true), ("0.5", "50\\%", true), ("\\frac12", "50\\%", true), ("50.0", "50\\%", false),
        ("12.5", "12.5\\%", false), ("0.125", "12.5\\%", true), ("50 percent", "50", true),
        // Degrees and units are ignored.
        ("30", "30^\\circ", true), ("30^{\\circ}", "30", true), ("\\frac{\\pi}{6}", "30^\\circ", false),
        ("5 cm", "5\\text{ cm}", true), ("5", "5\\text{ cm}", true), ("6", "5\\text{ cm}", false),
        // Words: case-insensitive, \text{} or not.
        ("yes", "\\text{Yes}", true), ("YES", "\\text{yes}", true), ("\\text{No}", "\\text{Yes}", false),
        ("A", "\\text{(A)}", true), ("(B)", "\\text{(A)}", false), ("no solution", "\\text{No Solution}", true),
        // Equations: an assignment compares by value, but not across variables.
        ("5", "x=5", true), ("x=5", "5", true), ("x = 5", "x=5", true), ("y=5", "x=5", false), ("x=6", "x=5", false),
        // Tuples are ordered, sets are not; intervals keep their brackets.
        ("(1,2)", "(1, 2)", true), ("(2,1)", "(1,2)", false), ("\\{2,1\\}", "\\{1,2\\}", true), ("2,1", "1,2", true),
        ("[1,2)", "[1, 2)", true), ("(1,2)", "[1,2)", false), ("(-\\infty,3]", "(-\\infty, 3)", false),
        ("[2,+\\infty)", "[2, \\infty)", true), ("(3,4)\\cup(1,2)", "(1,2)\\cup(3,4)", true),
        // Asymmetries of math-verify kept on purpose: an open interval against a pair.
        ("1,2", "(1,2)", true), ("2,1", "(1,2)", false), ("(2,1)", "1,2", true),
        ("(1,2,3)", "1,2,3", true), ("3,2,1", "(1,2,3)", false), ("(3,2,1)", "1,2,3", true),
        // Relations and sets; expressions compared symbolically.
        ("(-\\infty, 3)", "x<3", true), ("1+x", "x+1", true), ("x^2+2x+1", "(x+1)^2", true), ("x+2", "x+1", false),
        ("-2, 2", "\\pm 2", true), ("\\begin{pmatrix}1\\\\2\\end{pmatrix}", "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", true),
        // Empty and unparseable answers.
        ("", "5", false), ("", "", false), ("@@", "@@", true), ("@@", "@", false), ("\\frac{1}{0}", "\\frac{1}{0}", true),
    ])
    func mathEqualRules(_ prediction: String, _ gold: String, _ expected: Bool) throws {
        #expect(try equal(prediction, gold) == expected, "math_equal(\(prediction.debugDescription), \(gold.debugDescription))")
    }

    @Test func toleranceSetsTheDecimalPlaces() throws {
        #expect(try !equal("0.333", "\\frac13"))
        #expect(try equal("0.333", "\\frac13", tolerance: 1e-3))
        #expect(try equal("3.14", "\\pi", tolerance: 0.01))
        #expect(try !equal("3.14", "\\pi", tolerance: 0.001))
        #expect(try !equal("0.3333333", "\\frac13", tolerance: 0))
        #expect(try equal("0.25", "\\frac14", tolerance: 0))
        // math-verify's verify(..., float_rounding=r) verdicts, with tolerance 10^-r.
        let rounding: [(String, String, Int, Bool)] = [
            ("0.333", "\\frac13", 3, true), ("0.3334", "\\frac13", 3, true), ("0.3335", "\\frac13", 3, false),
            ("3.14", "\\pi", 2, true), ("3.15", "\\pi", 2, false), ("3.1416", "\\pi", 4, true), ("3.1415", "\\pi", 4, false),
            ("2.4999", "2.5", 3, true), ("2.51", "2.5", 1, true), ("0.12", "0.125", 2, true), ("0.13", "0.125", 2, false),
            ("1234.57", "1234.5678", 2, true), ("1234.56", "1234.5678", 2, false), ("0.67", "\\frac{2}{3}", 2, true),
            ("0.5001", "50\\%", 3, true),
        ]
        for (prediction, gold, places, expected) in rounding {
            let tolerance = pow(10.0, -Double(places))
            #expect(try equal(prediction, gold, tolerance: tolerance) == expected, "\(prediction) vs \(gold) at \(places) places")
        }
        #expect(builtinFailure("math_equal", [.string("1"), .string("1"), .float(-1)]) == .invalidArgument)
        #expect(builtinFailure("math_equal", [.string("1"), .string("1"), .float(.nan)]) == .invalidArgument)
        #expect(try callBuiltin("math_equal", [.string("2"), .string("2"), .int(0)]) == .bool(true))
        #expect(builtinFailure("math_equal", [.string("1"), .null, .float(1e-6)]) == .typeError)
    }

    @Test func roundingFollowsSympy() {
        // Half to even at the 6th place after taking 15 significant digits.
        func rounded(_ text: String) -> SympyRounding.Decimal? {
            SympyRounding.round(DecimalValue.exact(text), places: 6)
        }
        #expect(rounded("0.3333333") == rounded("0.333333"))
        #expect(rounded("0.1234565") == rounded("0.123456"))
        #expect(rounded("0.1234575") == rounded("0.123458"))
        #expect(rounded("2.9999995") == rounded("3.0"))
        #expect(rounded("-1.0000004") == rounded("-1"))
        #expect(rounded("0.0000004") == rounded("0"))
        #expect(rounded("1e-300") == rounded("0"))
        #expect(SympyRounding.round(.approximate(.infinity), places: 6) == nil)
    }

    // MARK: - Fuzzing: bounded time, a value or a clean error

    /// Calls every builtin of the family on `text` (as answer, gold and response) and fails
    /// when a call takes longer than `limit` seconds.
    static func exercise(_ text: String, limit: Double = 2.0, other: String = "5") {
        let calls: [(String, [Value])] = [
            ("last_boxed", [.string(text)]),
            ("extract_answer", [.string(text), .string("auto")]),
            ("extract_answer", [.string(text), .string("hash")]),
            ("extract_answer", [.string(text), .string("answer_is")]),
            ("math_normalize", [.string(text)]),
            ("math_equal", [.string(text), .string(other), .float(1e-6)]),
            ("math_equal", [.string(other), .string(text), .float(1e-6)]),
            ("math_equal", [.string(text), .string(text), .float(1e-6)]),
        ]
        for (name, arguments) in calls {
            let start = Date()
            do {
                _ = try callBuiltin(name, arguments, limits: Limits())
            } catch {
                // A clean RuntimeError (fuel or memory for huge inputs) is acceptable.
                _ = error.code
            }
            let seconds = Date().timeIntervalSince(start)
            #expect(seconds < limit, "\(name) took \(seconds) s on \(CoreSupport.preview(text))")
        }
    }

    @Test func pathologicalInputsStayBounded() {
        let nested = { (open: String, inner: String, close: String, depth: Int) -> String in
            String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
        }
        let inputs: [String] = [
            String(repeating: "{", count: 10_000),
            String(repeating: "}", count: 5_000),
            nested("\\frac{", "1", "}{2}", 1_000),
            nested("\\sqrt{", "2", "}", 1_000),
            nested("(", "1", ")", 5_000),
            nested("\\boxed{", "1", "}", 2_000),
            String(repeating: "\\boxed{", count: 3_000),
            String(repeating: "\\text{", count: 3_000),
            String(repeating: "x(", count: 2_000) + "1" + String(repeating: ")", count: 2_000),
            String(repeating: "|", count: 5_000),
            String(repeating: "2^", count: 3_000) + "2",
            String(repeating: "x!", count: 2_000),
            String(repeating: "1/", count: 3_000) + "1",
            String(repeating: "-", count: 5_000) + "1",
            String(repeating: "(1,2)\\cup", count: 1_000) + "(3,4)",
            "10^{10^{10^{10}}}", "10^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}", "99999!", "170!", "171!", "(10^{100})!",
            "\\binom{100000}{50000}", "\\sqrt[100000]{2}", "\\log_{1}1", "\\frac{0}{0}", "0^{-1}", "(-8)^{1/3}",
            String(repeating: "9", count: 100_000),
            "0." + String(repeating: "3", count: 20_000),
            String(repeating: "1,000", count: 3_000),
            String(repeating: "\\pm", count: 3_000) + "1",
            String(repeating: "x", count: 20_000),
            String(repeating: "a=", count: 3_000) + "1",
            String(repeating: "####", count: 3_000),
            String(repeating: "The answer is ", count: 1_000),
            String(repeating: "\\fbox", count: 3_000) + "{1}",
            String(repeating: "\\left(", count: 3_000),
            String(repeating: " ", count: 20_000) + "and",
            String(repeating: "\\frac12", count: 2_000),
            String(repeating: "5 \\text{ cm}", count: 1_000),
            String(repeating: "\\begin{pmatrix}1&", count: 1_000),
            String(repeating: "e^{", count: 2_000),
            String(repeating: "\\sin ", count: 2_000) + "x",
            String(repeating: "x_{", count: 2_000),
            "\u{0}\u{1}\u{7F}\u{FFFF}\u{10FFFF}\u{E000}",
            "1E99999999999999999999", "1.5E-99999", "2^{1E400}",
            // Nesting levels that each nest further inside: tree depth must stay bounded.
            String(repeating: "(", count: 60) + String(repeating: "2^", count: 300) + "2" + String(repeating: ")^2!/3", count: 60),
            String(repeating: "{(", count: 60) + String(repeating: "x!", count: 300) + String(repeating: ")}", count: 60),
        ]
        for input in inputs { MathAnswerTests.exercise(input, limit: 5.0) }
    }

    @Test func randomInputsStayBounded() {
        var random = SeededGenerator(state: 77)
        let pieces = ["1", "2", "0.5", ".5", "10", "x", "y", "e", "E", "i", "\\pi", "+", "-", "*", "/", "^", "_", "(", ")",
                      "[", "]", "{", "}", "\\{", "\\}", ",", ";", "=", "<", "\\le", "\\frac", "\\dfrac", "\\sqrt", "\\cdot",
                      "\\times", "\\%", "%", " ", "\\infty", "\\text{cm}", "\\text{", "!", "|", "\\left(", "\\right)", "\\pm",
                      "\\cup", "\\cap", "\\setminus", "^\\circ", "\\,", "\\!", "\\boxed{", "\\fbox{", "####", "answer is",
                      "Answer:", "$", "\\$", "\\\\", "&", "\\begin{pmatrix}", "\\end{pmatrix}", "\\ln", "\\log_", "\\sin",
                      "\\mathbb{R}", "\\emptyset", "d", "dx", "\\text{and}", " or ", "\\approx", "\\in", "\n", "\t", "é", "π", "×"]
        for _ in 0..<300 {
            var soup = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) { soup += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            MathAnswerTests.exercise(soup, limit: 2.0, other: pieces[Int.random(in: 0..<pieces.count, using: &random)])
        }
        for _ in 0..<200 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...60, using: &random) {
                let value = Bool.random(using: &random) ? UInt32.random(in: 0...0x7F, using: &random)
                    : UInt32.random(in: 0...0x10FFFF, using: &random)
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            MathAnswerTests.exercise(String(scalars), limit: 2.0)
        }
    }
}

// MARK: - Generated pairs for the differential test

/// Generated (gold, prediction) pairs for the math-verify differential test. Each template
/// writes one value in several forms: an equal pair rewrites it, an unequal pair perturbs it.
/// Deterministic for a seed (SeededGenerator).
struct MathAnswerPair {
    var kind: String
    var gold: String
    /// An extracted answer, compared with math_equal(prediction, gold).
    var prediction: String
    /// When true, `prediction` is a whole response: the Swift side extracts the answer with
    /// extract_answer(text, "auto") first, and math-verify parses the response itself.
    var isResponse = false
}

struct MathAnswerPairGenerator {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func coin() -> Bool { Bool.random(using: &random) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `count` pairs per template, cycling through every template.
    mutating func pairs(perTemplate count: Int) -> [MathAnswerPair] {
        var result: [MathAnswerPair] = []
        let templates: [(String, (inout MathAnswerPairGenerator, Bool) -> (String, String))] = [
            ("integer", { g, eq in g.integerPair(eq) }),
            ("negative", { g, eq in g.negativePair(eq) }),
            ("decimal", { g, eq in g.decimalPair(eq) }),
            ("thousands", { g, eq in g.thousandsPair(eq) }),
            ("fraction", { g, eq in g.fractionPair(eq) }),
            ("mixed", { g, eq in g.mixedPair(eq) }),
            ("root", { g, eq in g.rootPair(eq) }),
            ("pi", { g, eq in g.piPair(eq) }),
            ("power", { g, eq in g.powerPair(eq) }),
            ("scientific", { g, eq in g.scientificPair(eq) }),
            ("percent", { g, eq in g.percentPair(eq) }),
            ("degree", { g, eq in g.degreePair(eq) }),
            ("unit", { g, eq in g.unitPair(eq) }),
            ("tuple", { g, eq in g.tuplePair(eq) }),
            ("interval", { g, eq in g.intervalPair(eq) }),
            ("set", { g, eq in g.setPair(eq) }),
            ("text", { g, eq in g.textPair(eq) }),
            ("equation", { g, eq in g.equationPair(eq) }),
            ("expression", { g, eq in g.expressionPair(eq) }),
            ("plusminus", { g, eq in g.plusMinusPair(eq) }),
            ("precision", { g, eq in g.precisionPair(eq) }),
            ("inequality", { g, eq in g.inequalityPair(eq) }),
            ("matrix", { g, eq in g.matrixPair(eq) }),
            ("complex", { g, eq in g.complexPair(eq) }),
            ("choice", { g, eq in g.choicePair(eq) }),
            ("function", { g, eq in g.functionPair(eq) }),
            ("arithmetic", { g, eq in g.arithmeticPair(eq) }),
            ("family", { g, _ in g.familyPair() }),
            ("family", { g, _ in g.familyPair() }),
            ("empty", { g, eq in g.emptyPair(eq) }),
            ("garbage", { g, eq in g.garbagePair(eq) }),
        ]
        for index in 0..<count {
            for (kind, template) in templates {
                let (gold, prediction) = template(&self, index % 2 == 0)
                result.append(MathAnswerPair(kind: kind, gold: gold, prediction: prediction))
            }
            let (gold, response) = responsePair(index % 2 == 0)
            result.append(MathAnswerPair(kind: "response", gold: gold, prediction: response, isResponse: true))
        }
        return result
    }

    // MARK: - Templates

    /// Families of answers written in many ways (some equal, some not), including the
    /// corner cases found while matching math-verify; a pair takes two members of one family.
    static let families: [[String]] = [
        ["\\frac{1}{2}", "0.5", ".5", "1/2", "\\frac12", "50\\%", "0.50", "\\dfrac{1}{2}", "2^{-1}", "\\frac{2}{4}",
         "0.500000", "\\frac{1}{2}\\%", "50", "5/10", "\\left(\\frac{1}{2}\\right)", "{1}/{2}", "1:2",
         "\\frac{\\sqrt{4}}{4}", "0.5\\%", "\\frac{1.5}{3}"],
        ["3", "3.0", "03", "\\sqrt{9}", "3.000001", "2.9999999", "3\\%", "300\\%", "\\frac{6}{2}", "\\frac{9}{3}",
         "1+2", "3^1", "\\boxed{3}", "{3}", "(3)", "3 ", "x=3", "3=x", "\\text{3}", "three", "III"],
        ["2\\pi", "6.283185", "6.28", "\\pi 2", "2\\times\\pi", "\\frac{4\\pi}{2}", "360^\\circ", "2 \\pi",
         "6.2831853", "\\tau", "2\\pi r", "2\\cdot3.14159265"],
        ["\\sqrt{2}", "1.414214", "\\frac{2}{\\sqrt{2}}", "2^{1/2}", "2^{\\frac{1}{2}}", "\\sqrt[2]{2}", "1.4142",
         "\\sqrt{2}/1", "\\frac{\\sqrt{8}}{2}", "\\sqrt 2"],
        ["(1,2)", "(1, 2)", "[1,2]", "[1,2)", "(1,2]", "\\{1,2\\}", "1,2", "2,1", "(2,1)", "\\{2,1\\}", "1 and 2",
         "1, 2", "\\left(1,2\\right)", "(1;2)", "\\langle 1,2\\rangle", "x=1, y=2", "1 \\text{ and } 2", "[2,1]"],
        ["(-\\infty, 0)", "(-\\infty,0)", "x<0", "x \\lt 0", "0>x", "(-\\infty, 0]", "x\\le 0", "(-\\infty, -0)",
         "(-\\infty,0)\\cup(0,\\infty)", "\\mathbb{R}\\setminus\\{0\\}", "x\\neq 0"],
        ["\\text{Yes}", "yes", "YES", "Yes", "\\text{yes}", "\\textbf{Yes}", "\\mathrm{Yes}", "\\text{ Yes }", "Y",
         "\\text{No}", "no", "\\text{Yes.}", "Yes."],
        ["x^2+2x+1", "(x+1)^2", "(1+x)^2", "x^2+1+2x", "(x+1)(x+1)", "x^{2}+2x+1", "x^2+2\\cdot x+1", "X^2+2X+1",
         "y^2+2y+1", "(x+1)^{2}", "x^2+2x+1.0"],
        ["10\\%", "10", "0.1", "\\frac{1}{10}", "10 \\%", "10 percent", "10\\text{ percent}", "0.10", "10.0\\%",
         "1/10", "10.0"],
        ["1000", "1,000", "1{,}000", "1\\,000", "10^3", "1E3", "1e3", "1000.0", "1 000", "\\$1,000",
         "1000 \\text{ dollars}", "1.0\\times10^3", "10^{3}"],
        ["45^\\circ", "45", "45^{\\circ}", "\\frac{\\pi}{4}", "45 degrees", "45\\text{ degrees}", "45°", "45.0",
         "0.785398", "45^\\circ C"],
        ["\\frac{3}{4}", "0.75", "75\\%", "\\frac{6}{8}", "3/4", "\\tfrac34", "0.750", ".75", "\\frac{3}{4}x", "75",
         "\\frac{0.75}{1}"],
        ["-\\frac{1}{3}", "-0.333333", "-1/3", "\\frac{-1}{3}", "-\\dfrac13", "-0.3333", "\\frac{1}{-3}", "-(1/3)",
         "- \\frac{1}{3}", "-0.3333333"],
        ["\\{1,2,3\\}", "1,2,3", "3,2,1", "(1,2,3)", "(3,2,1)", "\\{3,1,2\\}", "[1,2,3]", "1;2;3", "\\{1,2\\}",
         "\\{1,2,3,3\\}", "1, 2, and 3", "1,2 and 3"],
        ["x=5", "5", "x = 5", "y=5", "5=x", "x=5.0", "x = \\frac{10}{2}", "x \\approx 5", "x=5,", "x:5", "x=-5",
         "X=5", "k=5"],
        ["2\\sqrt{3}", "\\sqrt{12}", "3.464102", "2 \\sqrt 3", "2\\sqrt3", "\\sqrt{3}\\cdot2", "3.4641",
         "\\frac{6}{\\sqrt{3}}", "2\\times\\sqrt{3}", "\\sqrt{12.0}"],
        ["e", "2.718282", "e^1", "\\exp(1)", "E", "\\mathrm{e}", "2.71828", "e^{1}", "\\ln(e^2)/2"],
        ["\\text{(A)}", "A", "(A)", "\\textbf{(A)}", "a", "\\text{A}", "B", "\\text{(B)}", "A.", "\\text{Option A}",
         "A)"],
        ["120", "5!", "\\binom{10}{3}", "2\\cdot60", "120.0", "1.2\\times10^2", "\\frac{240}{2}", "120^\\circ",
         "12\\cdot10"],
        ["\\infty", "+\\infty", "\\infty\\%", "oo", "infinity", "\\text{infinity}", "-\\infty", "\\infty^2"],
        ["\\text{true}", "True", "true", "TRUE", "\\text{True}", "\\text{false}", "False", "\\mathrm{true}"],
        ["\\text{north}", "north", "North", "\\text{North}", "\\text{south}", "south", "N"],
        ["\\text{odd}", "odd", "Odd", "\\text{even}", "even", "\\text{Odd}", "\\text{odd number}", "odd number"],
        ["\\text{infinitely many}", "infinitely many", "\\text{infinite}", "\\infty", "infinite"],
        ["\\text{Tuesday}", "Tuesday", "tuesday", "\\text{Wednesday}", "Wednesday", "\\textit{Tuesday}"],
        ["\\text{circle}", "circle", "\\text{ellipse}", "ellipse", "\\text{parabola}", "parabola", "Circle"],
        ["5\\text{ cm}", "5 cm", "5cm", "5\\,\\text{cm}", "5 \\mathrm{cm}", "5\\text{cm}^2", "5\\text{ m}",
         "5 meters", "5\\text{ cm}^3", "0.05\\text{ m}", "50\\text{ mm}", "5"],
        ["30\\text{ minutes}", "30 minutes", "30 min", "0.5\\text{ hours}", "30", "\\frac{1}{2}\\text{ hour}",
         "30\\text{min}", "30 \\text{mins}"],
        ["\\$12.50", "12.50", "12.5", "\\$12.5", "12.50 dollars", "\\$ 12.50", "12\\frac{1}{2}", "25/2",
         "1250\\text{ cents}"],
        ["x > 2", "x>2", "2 < x", "(2, \\infty)", "(2,\\infty)", "x \\geq 2", "[2, \\infty)", "x>2.0", "y > 2"],
        ["-2 \\le x \\le 3", "[-2, 3]", "[-2,3]", "x \\in [-2,3]", "-2 \\leq x \\leq 3", "(-2, 3)", "-2<x<3"],
        ["3+4i", "4i+3", "3+4\\cdot i", "3 + 4 i", "3-4i", "(3+4i)", "4i + 3"],
        ["\\sin x", "\\sin(x)", "sin x", "\\sin{x}", "\\cos x", "\\sin (x)"],
        ["\\log_2 8", "3", "\\log_{2}8", "\\frac{\\ln 8}{\\ln 2}", "\\log 8", "\\lg 8"],
        ["\\frac{1}{\\sqrt{2}}", "\\frac{\\sqrt{2}}{2}", "0.707107", "\\frac{\\sqrt2}{2}", "\\sqrt{\\frac{1}{2}}",
         "\\sqrt{0.5}", "2^{-1/2}", "0.7071"],
        ["1.5", "\\frac{3}{2}", "1\\frac{1}{2}", "1 \\frac{1}{2}", "3/2", "1.50", "150\\%", "1,5", "1.5000001"],
        ["0", "0.0", "-0", "\\frac{0}{5}", "0\\%", "00", "\\text{zero}", "zero", "0.", "\\emptyset"],
        ["-7", "-7.0", "- 7", "{-7}", "(-7)", "7", "-(7)", "-7\\%", "−7"],
        ["100", "100\\%", "1", "1.0", "10^2", "10^{2}", "1\\times10^2", "1E2", "99.9999999", "100.0000001"],
        ["2,3", "3,2", "\\{2,3\\}", "(2,3)", "(3,2)", "2 \\text{ or } 3", "2 or 3", "x=2 \\text{ or } x=3",
         "x = 2, 3", "x=2, x=3", "2;3"],
        ["\\begin{pmatrix}1\\\\2\\end{pmatrix}", "(1,2)", "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}", "[1,2]"],
        ["f(x)=2x", "2x", "f(x) = 2x", "y=2x", "2 x", "x \\cdot 2", "g(x)=2x"],
        ["\\frac{a+b}{2}", "\\frac{b+a}{2}", "(a+b)/2", "\\frac12(a+b)", "0.5a+0.5b", "\\frac{a}{2}+\\frac{b}{2}",
         "a+b/2"],
        ["#$%", "#$%", "@", "??", "\\unknown{5}", "5", "{{", "}}"],
        ["\\frac{1}{", "\\frac{1}{", "\\sqrt{", "1/", "5", "\\left(", "(1,", "(1"],
    ]

    /// Two members of one family (equal or not, as math-verify decides).
    mutating func familyPair() -> (String, String) {
        let family = pick(MathAnswerPairGenerator.families)
        return (pick(family), pick(family))
    }

    mutating func integerPair(_ equal: Bool) -> (String, String) {
        let n = pick([int(0...9), int(10...999), int(1000...999_999)])
        if equal { return ("\(n)", pick(["\(n)", " \(n) ", "{\(n)}", "\(n).0", "+\(n)", "0\(n)", "(\(n))", "\(n)\\,"])) }
        return ("\(n)", pick(["\(n + 1)", "\(n - 1)", "-\(n)", "\(n)0", "\(n).5", "\(n + 10)"]))
    }

    mutating func negativePair(_ equal: Bool) -> (String, String) {
        let n = int(1...500)
        if equal { return ("-\(n)", pick(["-\(n)", "- \(n)", "-(\(n))", "{-\(n)}", "-\(n).0", "−\(n)"])) }
        return ("-\(n)", pick(["\(n)", "-\(n + 1)", "--\(n)", "-\(n)1"]))
    }

    mutating func decimalPair(_ equal: Bool) -> (String, String) {
        let whole = int(0...20), fraction = pick([5, 25, 75, 125, 2, 4, 6, 8])
        let text = "\(whole).\(fraction)"
        let short = whole == 0 ? ".\(fraction)" : text
        if equal { return (text, pick([text, short, text + "0", text + "00", "0" + text])) }
        return (text, pick(["\(whole).\(fraction + 1)", "\(whole + 1).\(fraction)", "\(whole)\(fraction)", "-\(text)"]))
    }

    mutating func thousandsPair(_ equal: Bool) -> (String, String) {
        let n = int(1000...9_999_999)
        let grouped = Self.grouped(n)
        let (gold, other) = coin() ? (grouped, "\(n)") : ("\(n)", grouped)
        if equal { return (gold, pick([other, grouped.replacingOccurrences(of: ",", with: "{,}"), "\(n)"])) }
        return (gold, pick([Self.grouped(n + 1), "\(n + 1000)", Self.grouped(n) + "1"]))
    }

    static func grouped(_ n: Int) -> String {
        var digits = String(n), groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }

    mutating func fractionPair(_ equal: Bool) -> (String, String) {
        let b = int(2...12), a = int(1...(b * 2))
        let gold = pick(["\\frac{\(a)}{\(b)}", "\\dfrac{\(a)}{\(b)}", "\(a)/\(b)"])
        if equal {
            var forms = ["\\frac{\(a)}{\(b)}", "\\dfrac{\(a)}{\(b)}", "\\tfrac{\(a)}{\(b)}", "\(a)/\(b)", "\\frac{\(2 * a)}{\(2 * b)}",
                         "\\left(\\frac{\(a)}{\(b)}\\right)"]
            if a < 10 && b < 10 { forms.append("\\frac\(a)\(b)") }
            let value = Double(a) / Double(b)
            if (value * 1_000_000).rounded() == value * 1_000_000 { forms.append(Self.decimal(value)) }
            forms.append(String(format: "%.6f", value))
            return (gold, pick(forms))
        }
        return (gold, pick(["\\frac{\(b)}{\(a)}", "\\frac{\(a + 1)}{\(b)}", "\(a)/\(b + 1)", String(format: "%.3f", Double(a) / Double(b)),
                            "-\\frac{\(a)}{\(b)}"]))
    }

    static func decimal(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    mutating func mixedPair(_ equal: Bool) -> (String, String) {
        let whole = int(1...9), b = pick([2, 3, 4, 5, 8]), a = int(1...(b - 1))
        let gold = "\(whole)\\frac{\(a)}{\(b)}"
        let improper = whole * b + a
        if equal {
            var forms = ["\\frac{\(improper)}{\(b)}", "\(improper)/\(b)", "\(whole) \\frac{\(a)}{\(b)}"]
            if [2, 4, 5, 8].contains(b) { forms.append(Self.decimal(Double(improper) / Double(b))) }
            return (coin() ? gold : "\\frac{\(improper)}{\(b)}", pick(forms + [gold]))
        }
        return (gold, pick(["\\frac{\(whole * a)}{\(b)}", "\(whole)\\cdot\\frac{\(a)}{\(b)}", "\\frac{\(improper + 1)}{\(b)}", "\(whole + 1)\\frac{\(a)}{\(b)}"]))
    }

    mutating func rootPair(_ equal: Bool) -> (String, String) {
        let k = int(2...6), r = pick([2, 3, 5, 6, 7])
        let gold = "\(k)\\sqrt{\(r)}"
        if equal {
            return (coin() ? gold : "\\sqrt{\(k * k * r)}", pick(["\\sqrt{\(k * k * r)}", "\(k)\\sqrt{\(r)}", "\(k) \\sqrt \(r)",
                                                                  "\(k)\\cdot\\sqrt{\(r)}", String(format: "%.6f", Double(k) * Double(r).squareRoot()),
                                                                  "\\sqrt{\(r)}\\cdot \(k)", "\(k)\\sqrt\(r)"]))
        }
        return (gold, pick(["\\sqrt{\(k * r)}", "\(k + 1)\\sqrt{\(r)}", "\(k)\\sqrt{\(r + 1)}", String(format: "%.2f", Double(k) * Double(r).squareRoot()),
                            "\\sqrt[3]{\(k * k * r)}"]))
    }

    mutating func piPair(_ equal: Bool) -> (String, String) {
        let k = int(1...9), d = pick([1, 2, 3, 4, 6])
        let value = Double(k) * Double.pi / Double(d)
        let gold = d == 1 ? "\(k)\\pi" : "\\frac{\(k)\\pi}{\(d)}"
        if equal {
            var forms = [String(format: "%.6f", value), String(format: "%.8f", value), "\\frac{\(k)}{\(d)}\\pi"]
            if d == 1 { forms += ["\(k) \\cdot \\pi", "\(k)\\times\\pi", "\\pi \(k)"] } else { forms.append("\\frac{\(k) \\pi}{\(d)}") }
            return (gold, pick(forms))
        }
        return (gold, pick([String(format: "%.4f", value), String(format: "%.2f", value), "\\frac{\(k + 1)\\pi}{\(d)}", "\(k)", "\(k)\\pi^2"]))
    }

    mutating func powerPair(_ equal: Bool) -> (String, String) {
        let base = int(2...5), exponent = int(2...9)
        var value = 1
        for _ in 0..<exponent { value *= base }
        let gold = coin() ? "\(base)^{\(exponent)}" : "\(value)"
        if equal { return (gold, pick(["\(value)", "\(base)^{\(exponent)}", "\(base)^\(exponent)", "{\(base)}^{\(exponent)}"])) }
        return (gold, pick(["\(value + 1)", "\(base)^{\(exponent + 1)}", "\(exponent)^{\(base)}", "\(base * exponent)"]))
    }

    mutating func scientificPair(_ equal: Bool) -> (String, String) {
        let mantissa = int(11...99), exponent = int(2...7)
        var value = mantissa
        for _ in 0..<(exponent - 1) { value *= 10 }
        let m = "\(mantissa / 10).\(mantissa % 10)"
        let gold = pick(["\(value)", "\(m)\\times10^{\(exponent)}", "\(m) \\times 10^\(exponent)"])
        if equal { return (gold, pick(["\(value)", "\(m)\\times 10^{\(exponent)}", "\(m)\\cdot10^{\(exponent)}", "\(m)E\(exponent)", "\(m)e\(exponent)", Self.grouped(value)])) }
        return (gold, pick(["\(value * 10)", "\(m)\\times10^{\(exponent + 1)}", "\(m)E\(exponent - 1)", "\(value + 1)"]))
    }

    mutating func percentPair(_ equal: Bool) -> (String, String) {
        let p = pick([5, 10, 12.5, 20, 25, 37.5, 40, 50, 62.5, 75, 80])
        let whole = p == p.rounded()
        let pText = whole ? "\(Int(p))" : "\(p)"
        let fraction = Self.decimal(p / 100)
        let gold = pick(["\(pText)\\%", "\(pText)\\%", fraction, pText])
        if equal {
            return (gold, pick(["\(pText)\\%", "\(pText)%", "\(pText) \\%", "\(pText) percent", fraction, pText, "\(pText)\\text{ percent}"]))
        }
        return (gold, pick(["\(Int(p) + 1)\\%", Self.decimal(p / 10), "\(pText)0\\%", Self.decimal((p + 1) / 100)]))
    }

    mutating func degreePair(_ equal: Bool) -> (String, String) {
        let angle = pick([15, 30, 45, 60, 90, 120, 135, 150, 180, 270])
        let gold = pick(["\(angle)^\\circ", "\(angle)^{\\circ}", "\(angle)"])
        if equal { return (gold, pick(["\(angle)", "\(angle)^\\circ", "\(angle)^{\\circ}", "\(angle) degrees", "\(angle)\\text{ degrees}", "\(angle)°"])) }
        return (gold, pick(["\(angle + 1)", "\(angle + 10)^\\circ", "\\frac{\\pi}{\(180 / max(angle, 1))}", "\(angle)0"]))
    }

    mutating func unitPair(_ equal: Bool) -> (String, String) {
        let n = int(1...500)
        let unit = pick(["cm", "m", "meters", "km", "kg", "inches", "feet", "apples", "dollars", "hours", "cm^2", "units"])
        let gold = pick(["\(n)", "\(n)\\text{ \(unit)}", "\(n) \\text{\(unit)}"])
        if equal { return (gold, pick(["\(n)", "\(n)\\text{ \(unit)}", "\(n) \(unit)", "\(n)\\ \\text{\(unit)}", "\(n)\\mbox{ \(unit)}", "\\$\(n)"])) }
        return (gold, pick(["\(n + 1)\\text{ \(unit)}", "\(n + 1)", "\(n * 2) \(unit)", "\(n)\(n)"]))
    }

    mutating func tuplePair(_ equal: Bool) -> (String, String) {
        let a = int(-9...9), b = int(-9...9), c = int(-9...9)
        let three = coin()
        let items = three ? [a, b, c] : [a, b]
        let plain = items.map(String.init).joined(separator: ",")
        let spaced = items.map(String.init).joined(separator: ", ")
        let gold = "(\(spaced))"
        if equal { return (gold, pick(["(\(plain))", "(\(spaced))", "\\left(\(spaced)\\right)", "( \(plain) )"])) }
        let swapped = items.reversed().map(String.init).joined(separator: ",")
        return (gold, pick(["(\(swapped))", "(\(items.map { String($0 + 1) }.joined(separator: ",")))", "(\(plain),0)", "[\(plain)]"]))
    }

    mutating func intervalPair(_ equal: Bool) -> (String, String) {
        let low = int(-9...5), high = low + int(1...9)
        let lowText = coin() ? "\(low)" : "-\\infty", highText = coin() ? "\(high)" : "\\infty"
        let open = pick(["(", "["]), close = pick([")", "]"])
        let leftBracket = lowText == "-\\infty" ? "(" : open, rightBracket = highText == "\\infty" ? ")" : close
        let gold = "\(leftBracket)\(lowText), \(highText)\(rightBracket)"
        if equal {
            return (gold, pick(["\(leftBracket)\(lowText),\(highText)\(rightBracket)",
                                "\\left\(leftBracket)\(lowText), \(highText)\\right\(rightBracket)",
                                "\(leftBracket)\(lowText), \(highText == "\\infty" ? "+\\infty" : highText)\(rightBracket)"]))
        }
        let flippedLeft = leftBracket == "(" ? "[" : "(", flippedRight = rightBracket == ")" ? "]" : ")"
        return (gold, pick(["\(flippedLeft)\(lowText), \(highText)\(rightBracket)", "\(leftBracket)\(lowText), \(highText)\(flippedRight)",
                            "\(leftBracket)\(lowText), \(high + 1)\(rightBracket)", "\(leftBracket)\(low - 1), \(highText)\(rightBracket)"]))
    }

    mutating func setPair(_ equal: Bool) -> (String, String) {
        var items: [Int] = []
        while items.count < int(2...4) {
            let value = int(-9...12)
            if !items.contains(value) { items.append(value) }
        }
        let text = items.map(String.init)
        let shuffled = text.shuffled(using: &random)
        let gold = coin() ? "\\{\(text.joined(separator: ", "))\\}" : text.joined(separator: ", ")
        if equal { return (gold, pick(["\\{\(shuffled.joined(separator: ","))\\}", shuffled.joined(separator: ", "), text.joined(separator: ","), "\\{\(text.joined(separator: ", "))\\}"])) }
        return (gold, pick([shuffled.dropLast().joined(separator: ","), (shuffled + ["13"]).joined(separator: ","),
                            "\\{\(shuffled.dropFirst().joined(separator: ","))\\}", "\\{\(text.map { String(Int($0)! + 1) }.joined(separator: ","))\\}"]))
    }

    mutating func textPair(_ equal: Bool) -> (String, String) {
        let words = ["Yes", "No", "even", "odd", "Monday", "Friday", "east", "west", "always", "never", "A", "B", "C", "D",
                     "None", "increasing", "decreasing", "impossible"]
        let word = pick(words)
        let gold = pick(["\\text{\(word)}", "\\text{\(word)}", word, "\\textbf{\(word)}"])
        if equal {
            let forms = ["\\text{\(word)}", word, word.lowercased(), word.uppercased(), "\\text{\(word.lowercased())}",
                         "\\textbf{\(word)}", "\\mathrm{\(word)}", word.count == 1 ? "(\(word))" : word]
            return (gold, pick(forms))
        }
        var other = pick(words)
        while other == word { other = pick(words) }
        return (gold, pick(["\\text{\(other)}", other, other.lowercased(), "\\text{\(word)s}"]))
    }

    mutating func equationPair(_ equal: Bool) -> (String, String) {
        let variable = pick(["x", "y", "k", "n", "a"]), n = int(-20...40)
        let gold = pick(["\(variable)=\(n)", "\(variable) = \(n)", "\(n)"])
        if equal { return (gold, pick(["\(n)", "\(variable)=\(n)", "\(variable) = \(n)", "\(variable)=\(n).0"])) }
        let other = variable == "x" ? "y" : "x"
        return (gold, pick(["\(variable)=\(n + 1)", "\(n - 1)", "\(variable)=-\(n)", gold.contains("=") ? "\(other)=\(n)" : "\(other)=\(n + 2)"]))
    }

    mutating func expressionPair(_ equal: Bool) -> (String, String) {
        let a = int(1...9), b = int(1...9)
        let forms: [(String, [String], [String])] = [
            ("x+\(a)", ["\(a)+x", "x + \(a)"], ["x-\(a)", "\(a)x"]),
            ("\(a)x+\(b)", ["\(b)+\(a)x", "\(a)\\cdot x+\(b)"], ["\(b)x+\(a)", "\(a)x-\(b)"]),
            ("(x+\(a))^2", ["x^2+\(2 * a)x+\(a * a)", "(x+\(a))(x+\(a))"], ["x^2+\(a * a)", "(x-\(a))^2"]),
            ("\\frac{x}{\(a + 1)}", ["\\frac{1}{\(a + 1)}x", "x/\(a + 1)"], ["\(a + 1)x", "\\frac{\(a + 1)}{x}"]),
            ("\(a)(x+\(b))", ["\(a)x+\(a * b)", "\(a) \\cdot (x+\(b))"], ["\(a)x+\(b)", "\(a + 1)(x+\(b))"]),
            ("x^2-\(a * a)", ["(x-\(a))(x+\(a))", "-\(a * a)+x^2"], ["(x-\(a))^2", "x^2+\(a * a)"]),
        ]
        let (gold, same, different) = pick(forms)
        return (gold, equal ? pick(same) : pick(different))
    }

    mutating func plusMinusPair(_ equal: Bool) -> (String, String) {
        let n = int(1...9)
        let gold = pick(["\\pm \(n)", "\(n), -\(n)"])
        if equal { return (gold, pick(["-\(n), \(n)", "\(n),-\(n)", "\\pm\(n)", "\\pm \(n)"])) }
        return (gold, pick(["\(n)", "-\(n)", "\\pm \(n + 1)", "\(n), \(n)"]))
    }

    mutating func precisionPair(_ equal: Bool) -> (String, String) {
        let b = pick([3, 6, 7, 9, 11, 13]), a = int(1...(b - 1))
        let value = Double(a) / Double(b)
        let gold = "\\frac{\(a)}{\(b)}"
        if equal { return (gold, pick([String(format: "%.6f", value), String(format: "%.7f", value), String(format: "%.9f", value)])) }
        return (gold, pick([String(format: "%.3f", value), String(format: "%.4f", value), String(format: "%.6f", value + 0.00001)]))
    }

    mutating func inequalityPair(_ equal: Bool) -> (String, String) {
        let a = int(-9...9), b = a + int(1...9)
        switch int(0...2) {
        case 0:
            let gold = pick(["x > \(a)", "x>\(a)", "\(a) < x"])
            if equal { return (gold, pick(["(\(a), \\infty)", "x>\(a)", "\(a)<x", "(\(a),+\\infty)"])) }
            return (gold, pick(["[\(a), \\infty)", "x \\geq \(a)", "(\(a + 1), \\infty)", "x<\(a)"]))
        case 1:
            let gold = pick(["x \\leq \(b)", "x\\le \(b)"])
            if equal { return (gold, pick(["(-\\infty, \(b)]", "x \\le \(b)", "\(b) \\geq x"])) }
            return (gold, pick(["(-\\infty, \(b))", "x < \(b)", "(-\\infty, \(b + 1)]"]))
        default:
            let gold = pick(["\(a) < x < \(b)", "\(a) \\le x \\le \(b)"])
            let closed = gold.contains("le")
            let interval = closed ? "[\(a), \(b)]" : "(\(a), \(b))"
            if equal { return (gold, pick([interval, gold.replacingOccurrences(of: " ", with: "")])) }
            return (gold, pick([closed ? "(\(a), \(b))" : "[\(a), \(b)]", closed ? "[\(a), \(b + 1)]" : "(\(a - 1), \(b))"]))
        }
    }

    mutating func matrixPair(_ equal: Bool) -> (String, String) {
        let entries = (0..<int(2...4)).map { _ in int(-9...9) }
        let column = entries.map(String.init).joined(separator: " \\\\ ")
        let gold = "\\begin{pmatrix} \(column) \\end{pmatrix}"
        if equal {
            let decimals = entries.map { "\($0).0" }.joined(separator: "\\\\")
            return (gold, pick(["\\begin{pmatrix}\(entries.map(String.init).joined(separator: "\\\\"))\\end{pmatrix}",
                                "\\begin{bmatrix} \(column) \\end{bmatrix}", "\\begin{pmatrix} \(decimals) \\end{pmatrix}"]))
        }
        var changed = entries
        changed[int(0...(changed.count - 1))] += 1
        return (gold, pick(["\\begin{pmatrix} \(changed.map(String.init).joined(separator: " \\\\ ")) \\end{pmatrix}",
                            "\\begin{pmatrix} \(entries.map(String.init).joined(separator: " & ")) \\end{pmatrix}",
                            "(\(entries.map(String.init).joined(separator: ", ")))"]))
    }

    mutating func complexPair(_ equal: Bool) -> (String, String) {
        let a = int(1...9), b = int(1...9)
        let gold = "\(a)+\(b)i"
        if equal { return (gold, pick(["\(a)+\(b)i", "\(b)i+\(a)", "\(a) + \(b)i", "\(a)+\(b) i"])) }
        return (gold, pick(["\(a)-\(b)i", "\(b)+\(a)i", "\(a)+\(b + 1)i", "\(a)"]))
    }

    mutating func choicePair(_ equal: Bool) -> (String, String) {
        let letters = ["A", "B", "C", "D", "E"]
        let letter = pick(letters)
        let gold = pick(["\\text{(\(letter))}", letter, "(\(letter))", "\\textbf{\(letter)}"])
        if equal { return (gold, pick([letter, "(\(letter))", "\\text{\(letter)}", "\\text{(\(letter))}", letter.lowercased(), "\\mathrm{\(letter)}"])) }
        var other = pick(letters)
        while other == letter { other = pick(letters) }
        return (gold, pick([other, "(\(other))", "\\text{(\(other))}", "\(letter)\(other)"]))
    }

    mutating func functionPair(_ equal: Bool) -> (String, String) {
        let base = pick([2, 3, 5]), exponent = int(2...5)
        var power = 1
        for _ in 0..<exponent { power *= base }
        let forms: [(String, [String], [String])] = [
            ("\\log_{\(base)} \(power)", ["\(exponent)", "\\log_\(base) \(power)", "\(exponent).0"], ["\(exponent + 1)", "\\log_{\(base)} \(power + 1)"]),
            ("e^{\(exponent)}", [String(format: "%.6f", exp(Double(exponent))), "e^\(exponent)", "\\exp(\(exponent))"], [String(format: "%.3f", exp(Double(exponent))), "e^{\(exponent + 1)}"]),
            ("\\sin\\frac{\\pi}{6}", ["\\frac12", "0.5", "\\sin(\\frac{\\pi}{6})"], ["\\frac{\\sqrt{3}}{2}", "\\cos\\frac{\\pi}{6}"]),
            ("\\ln 2", [String(format: "%.6f", log(2.0)), "\\ln(2)", "\\log_e 2"], [String(format: "%.2f", log(2.0)), "\\ln 3", "\\log 2"]),
            ("\(exponent)!", ["\([1, 1, 2, 6, 24, 120][exponent])", "\(exponent)!"], ["\(exponent + 1)!", "\(exponent * 2)"]),
            ("|{-\(power)}|", ["\(power)", "\\left|-\(power)\\right|"], ["-\(power)", "\(power + 1)"]),
        ]
        let (gold, same, different) = pick(forms)
        return (gold, equal ? pick(same) : pick(different))
    }

    mutating func arithmeticPair(_ equal: Bool) -> (String, String) {
        let a = int(1...9), b = int(2...9), c = int(1...9)
        let forms: [(String, [String], [String])] = [
            ("\(a + b + c)", ["\(a)+\(b)+\(c)", "\(a + b)+\(c)"], ["\(a)+\(b)-\(c)", "\(a)\\cdot\(b)+\(c)"]),
            ("\(a * b)", ["\(a)\\times \(b)", "\(a)\\cdot \(b)", "\(a) * \(b)"], ["\(a)+\(b)", "\(a)\\times\(b + 1)"]),
            ("\\frac{\(a * c + b)}{\(b * c)}", ["\\frac{\(a)}{\(b)}+\\frac{1}{\(c)}", "\\frac{1}{\(c)}+\\frac{\(a)}{\(b)}"], ["\\frac{\(a + 1)}{\(b + c)}", "\\frac{\(a)}{\(b)}-\\frac{1}{\(c)}"]),
            ("\(a - b)", ["\(a)-\(b)", "-\(b)+\(a)"], ["\(b)-\(a)", "\(a + b)"]),
        ]
        let (gold, same, different) = pick(forms)
        return (gold, equal ? pick(same) : pick(different))
    }

    mutating func emptyPair(_ equal: Bool) -> (String, String) {
        let n = int(0...99)
        if equal { return (pick(["\\text{(A)}", "\(n)", "\\frac{1}{2}"]), pick(["", " ", "{}", "\\text{}"])) }
        return ("\(n)", pick(["", "}{", "\\boxed{}", "{", "\\{\(n)"]))
    }

    mutating func garbagePair(_ equal: Bool) -> (String, String) {
        let pieces = ["@", "#", "?", "!!", "\\frac{", "}", "{", "\\sqrt", "^^", "__", "&", "\\unknown", "%", ";", "..", "$",
                      "\\left(", "~", "'", "\"", "<>", "||", "\\\\", "x", "7", " "]
        var text = ""
        for _ in 0..<int(1...6) { text += pick(pieces) }
        if equal { return (text, text) }
        return (coin() ? text : "\(int(0...9))", coin() ? text + "1" : "@\(int(0...9))")
    }

    mutating func responsePair(_ equal: Bool) -> (String, String) {
        let n = int(2...999)
        let value = equal ? n : n + 1
        let response = pick([
            "Adding the parts gives \(value). Therefore the answer is $\\boxed{\(value)}$.",
            "We compute step by step.\n#### \(Self.grouped(value))",
            "So the final answer is \(value).",
            "Answer: \(value)",
            "The total is \\boxed{\\frac{\(value * 2)}{2}} units.",
            "I could not finish the computation.",
        ])
        return ("\(n)", response)
    }
}
