import Testing
@testable import Rubric

/// Calls a builtin that returns a list of strings and unwraps it.
private func stringList(_ name: String, _ arguments: [Value]) throws -> [String] {
    guard case .list(let elements) = try call(name, arguments) else { throw RuntimeError(.typeError, "not a list") }
    return elements.map { element in
        if case .string(let text) = element { return text }
        return "<\(element.typeName)>"
    }
}

/// Limits with a small memory budget.
private func smallMemory(_ bytes: Int) -> Limits {
    var limits = Limits()
    limits.memoryBytes = bytes
    return limits
}

/// Tests of the string builtins code.
@Suite struct StringBuiltinTests {
    /// Checks split against values printed by CPython's str.split.
    @Test func splitMatchesPython() throws {
        let text = "  a  b\tc \n"
        #expect(try stringList("split", [.string(text), .null, .int(-1)]) == ["a", "b", "c"])
        #expect(try stringList("split", [.string(text), .null, .int(1)]) == ["a", "b\tc \n"])
        #expect(try stringList("split", [.string("a,b,,c"), .string(","), .int(-1)]) == ["a", "b", "", "c"])
        #expect(try stringList("split", [.string("a,b,,c"), .string(","), .int(2)]) == ["a", "b", ",c"])
        #expect(try stringList("split", [.string(""), .string(","), .int(-1)]) == [""])
        #expect(try stringList("split", [.string(""), .null, .int(-1)]) == [])
        #expect(try stringList("split", [.string("a<>b<>"), .string("<>"), .int(-1)]) == ["a", "b", ""])
        // U+3000 and U+0085 are whitespace to Python; U+200B (zero-width space) is not.
        #expect(try stringList("split", [.string("x\u{3000}y\u{85}z\u{200B}w"), .null, .int(-1)]) == ["x", "y", "z\u{200B}w"])
        #expect(failure("split", [.string("abc"), .string(""), .int(-1)]) == .invalidArgument)
    }

    /// Property: splitting on a separator and joining with it gives the original string back, and
    /// max_split bounds the number of pieces.
    @Test func splitAndJoinAreInverse() throws {
        var generator = SeededGenerator(state: 5)
        let alphabet: [Unicode.Scalar] = ["a", ",", " ", "é", "\u{1F600}", "\n"]
        for _ in 0..<300 {
            let text = builtinTestRandomString(alphabet, &generator)
            for separator in [",", ", ", "a", "\u{1F600}"] {
                let pieces = try stringList("split", [.string(text), .string(separator), .int(-1)])
                #expect(try call("join", [strings(pieces), .string(separator)]) == .string(text))
                let limited = try stringList("split", [.string(text), .string(separator), .int(1)])
                #expect(limited.count <= 2)
                #expect(limited.joined(separator: separator) == text)
            }
            let words = try stringList("words", [.string(text)])
            #expect(words.allSatisfy { !$0.isEmpty && !$0.unicodeScalars.contains(where: TextSupport.isWhitespace) })
            #expect(try call("normalize_whitespace", [.string(text)]) == .string(words.joined(separator: " ")))
            #expect(try call("word_count", [.string(text)]) == .int(words.count))
        }
    }

    /// Checks strip, lstrip and rstrip against CPython.
    @Test func stripMatchesPython() throws {
        #expect(try call("strip", [.string("xxhixx"), .string("x")]) == .string("hi"))
        #expect(try call("strip", [.string("  hi\u{3000}"), .null]) == .string("hi"))
        #expect(try call("lstrip", [.string("abcba"), .string("ab")]) == .string("cba"))
        #expect(try call("rstrip", [.string("abcba"), .string("ab")]) == .string("abc"))
        #expect(try call("strip", [.string("  "), .null]) == .string(""))
        #expect(try call("strip", [.string(" a "), .string("")]) == .string(" a "))
        // Stripping works on scalars: a combining accent is stripped on its own.
        #expect(try call("rstrip", [.string("e\u{301}"), .string("\u{301}")]) == .string("e"))
    }

    /// Checks replace, count_str, find_str and the predicates against CPython.
    @Test func replaceAndSearchMatchPython() throws {
        #expect(try call("replace", [.string("aaa"), .string("a"), .string("b")]) == .string("bbb"))
        #expect(try call("replace", [.string("abc"), .string(""), .string("-")]) == .string("-a-b-c-"))
        #expect(try call("replace", [.string(""), .string(""), .string("-")]) == .string("-"))
        #expect(try call("replace", [.string("aaaa"), .string("aa"), .string("b")]) == .string("bb"))
        #expect(try call("replace", [.string("héllo"), .string("é"), .string("e")]) == .string("hello"))
        // Precomposed é is not e + U+0301, even though Swift's String == says they are equal.
        #expect(try call("replace", [.string("e\u{301}"), .string("\u{E9}"), .string("x")]) == .string("e\u{301}"))
        #expect(try call("count_str", [.string("aaaa"), .string("aa")]) == .int(2))
        #expect(try call("count_str", [.string("abc"), .string("")]) == .int(4))
        #expect(try call("find_str", [.string("héllo wörld"), .string("wö")]) == .int(6))
        #expect(try call("find_str", [.string("abc"), .string("d")]) == .int(-1))
        #expect(try call("find_str", [.string("abc"), .string("")]) == .int(0))
        #expect(try call("contains", [.string("abc"), .string("")]) == .bool(true))
        #expect(try call("contains", [.string("a\u{1F600}b"), .string("\u{1F600}")]) == .bool(true))
        #expect(try call("contains", [.string("e\u{301}"), .string("\u{E9}")]) == .bool(false))
        #expect(try call("starts_with", [.string("prefix"), .string("pre")]) == .bool(true))
        #expect(try call("ends_with", [.string("prefix"), .string("fix")]) == .bool(true))
        #expect(try call("ends_with", [.string("fix"), .string("prefix")]) == .bool(false))
        // Overlapping partial matches must not confuse the search (KMP borders).
        #expect(try call("find_str", [.string("aabaabaaab"), .string("aaab")]) == .int(6))
        #expect(try call("count_str", [.string("abababab"), .string("aba")]) == .int(2))
    }

    /// Searches, counts, slices and lengths agree with plain scalar-by-scalar definitions on
    /// random texts over a small alphabet, where needles have many false candidates (past
    /// the point where the search hands over to memmem) and non-ASCII scalars shift byte
    /// offsets.
    @Test func searchesAndSlicesAgreeWithScalarDefinitions() throws {
        var generator = SeededGenerator(state: 99)
        let alphabet: [Unicode.Scalar] = ["a", "a", "a", "b", "é", "\n", "🎉"]
        func text(_ count: Int) -> [Unicode.Scalar] {
            (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        }
        func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }
        for _ in 0..<300 {
            let haystack = text(Int.random(in: 0...300, using: &generator))
            let needle = Int.random(in: 0...3, using: &generator) == 0 ? ["a", "a", "b"] : text(Int.random(in: 1...4, using: &generator))
            var first = -1, count = 0, position = 0
            while position + needle.count <= haystack.count {
                if Array(haystack[position..<(position + needle.count)]) == needle {
                    if first < 0 { first = position }
                    count += 1
                    position += needle.count
                } else {
                    position += 1
                }
            }
            let h = Value.string(string(haystack)), n = Value.string(string(needle))
            #expect(try call("find_str", [h, n]) == .int(first))
            #expect(try call("count_str", [h, n]) == .int(count))
            #expect(try call("contains", [h, n]) == .bool(first >= 0))
            #expect(try call("len", [h]) == .int(haystack.count))
            let lower = Int.random(in: -5...(haystack.count + 5), using: &generator)
            let start = min(max(lower < 0 ? lower + haystack.count : lower, 0), haystack.count)
            let slice = try Indexing.slice(h, .int(lower), .null, ExecutionContext(limits: Limits()))
            #expect(slice == .string(string(haystack[start...])))
        }
    }

    /// Checks lower and upper with full Unicode case mappings, as CPython does.
    @Test func caseMappingMatchesPython() throws {
        #expect(try call("lower", [.string("ΟΔΟΣ ΣΑΣ")]) == .string("οδος σας"))
        #expect(try call("upper", [.string("straße")]) == .string("STRASSE"))
        #expect(try call("lower", [.string("İ")]) == .string("i\u{307}"))
        #expect(try call("lower", [.string("Σ")]) == .string("σ"))
        #expect(try call("upper", [.string("abc123")]) == .string("ABC123"))
    }

    /// Checks lines: "\n" and "\r\n" only, no empty last line after a final break.
    @Test func linesSplitsOnNewlines() throws {
        #expect(try stringList("lines", [.string("a\nb\r\nc")]) == ["a", "b", "c"])
        #expect(try stringList("lines", [.string("a\n\nb\n")]) == ["a", "", "b"])
        #expect(try stringList("lines", [.string("")]) == [])
        #expect(try stringList("lines", [.string("\n")]) == [""])
        #expect(try stringList("lines", [.string("a\rb")]) == ["a\rb"])
        #expect(try stringList("lines", [.string("a\r")]) == ["a\r"])
    }

    /// Checks the documented token-count approximation on fixed inputs and its additivity over
    /// whitespace-separated pieces.
    @Test func tokenCountFollowsItsDocumentedRule() throws {
        let cases: [(String, Int)] = [
            ("", 0), ("   ", 0), ("the cat", 2), ("Hello, world!", 6), ("12345", 2), ("abc123", 2),
            ("tokenization", 3), ("日本語", 3), ("\u{1F44D}\u{1F44D}", 2), ("cafe\u{301}", 2), ("a-b", 3),
        ]
        for (text, expected) in cases {
            #expect(try call("token_count", [.string(text)]) == .int(expected), "token_count(\"\(text)\")")
        }
        var generator = SeededGenerator(state: 9)
        let alphabet: [Unicode.Scalar] = ["a", "b", "1", ".", "日", "é", "\u{301}"]
        for _ in 0..<200 {
            let first = builtinTestRandomString(alphabet, &generator)
            let second = builtinTestRandomString(alphabet, &generator)
            guard case .int(let a) = try call("token_count", [.string(first)]),
                  case .int(let b) = try call("token_count", [.string(second)]) else { return }
            #expect(try call("token_count", [.string(first + " " + second)]) == .int(a + b))
        }
    }

    /// Checks that the byte-level token count (an ASCII table, UTF-8 decoded by hand) agrees
    /// with the rule applied scalar by scalar, on strings of 1- to 4-byte scalars.
    @Test func tokenCountDecodesEveryScalarWidth() {
        func reference(_ text: String) -> Int {
            var total = 0, runKind = TextSupport.TokenClass.separator, runLength = 0
            func flush() {
                if runKind == .letter { total += (runLength + 3) / 4 }
                if runKind == .digit { total += (runLength + 2) / 3 }
                runKind = .separator
                runLength = 0
            }
            for scalar in text.unicodeScalars {
                let kind = TextSupport.unicodeTokenClass(scalar)
                switch kind {
                case .separator: flush()
                case .single: flush(); total += 1
                case .letter, .digit:
                    if kind != runKind { flush(); runKind = kind }
                    runLength += 1
                }
            }
            flush()
            return total
        }
        var generator = SeededGenerator(state: 21)
        let alphabet: [Unicode.Scalar] = ["a", "Z", "7", " ", "\n", "-", "\u{7F}", "é", "\u{A0}", "ß", "\u{301}", "Ω",
                                          "٣", "日", "ア", "한", "\u{2003}", "€", "\u{FFFD}", "\u{1F44D}", "\u{1D7D8}",
                                          "\u{20000}", "\u{10FFFF}"]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<4 { text += builtinTestRandomString(alphabet, &generator) }
            #expect(TextSupport.approximateTokenCount(text) == reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Checks that repeat, replace and join charge memory before building their result.
    @Test func stringOutputsChargeMemory() throws {
        #expect(try call("repeat", [.string("ab"), .int(3)]) == .string("ababab"))
        #expect(try call("repeat", [.string("ab"), .int(-2)]) == .string(""))
        #expect(failure("repeat", [.string("ab"), .int(1000)], limits: smallMemory(1999)) == .memoryExceeded)
        #expect(failure("repeat", [.string("ab"), .int(1000)], limits: smallMemory(2000)) == nil)
        #expect(failure("repeat", [.string("ab"), .int(.max)]) == .memoryExceeded)
        let long = String(repeating: "a", count: 1000)
        #expect(failure("replace", [.string(long), .string("a"), .string("bbbb")], limits: smallMemory(3999)) == .memoryExceeded)
        #expect(failure("replace", [.string(long), .string(""), .string(long)], limits: smallMemory(100_000)) == .memoryExceeded)
        #expect(failure("join", [strings(Array(repeating: long, count: 10)), .string(",")], limits: smallMemory(10_000)) == .memoryExceeded)
        #expect(failure("join", [strings(Array(repeating: long, count: 10)), .string(",")], limits: smallMemory(10_009)) == nil)
    }

    /// Checks run-time type errors for values that reach string builtins unchecked.
    @Test func stringBuiltinsRejectWrongTypes() {
        #expect(failure("lower", [.int(1)]) == .typeError)
        #expect(failure("join", [.list([.string("a"), .int(1)]), .string("")]) == .typeError)
        #expect(failure("split", [.string("a"), .int(1), .int(-1)]) == .typeError)
        do throws(RuntimeError) {
            _ = try call("upper", [.list([])])
            Issue.record("expected a type error")
        } catch {
            #expect(error.message == "upper: expected a string, got list")
        }
    }
}
