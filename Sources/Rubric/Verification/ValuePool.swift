import OrderedCollections
import RubricSemantics

/// The values `rubric verify` tries for an input of a declared type: the edge cases that
/// break reward code (empty and huge strings, unicode, malformed R1-style completions, zero,
/// extreme and negative numbers, empty collections, null) plus random values. Only values of
/// the declared type are produced: an ill-typed sample is a documented per-sample error
/// (E1002), not a finding. NaN and infinities never occur, since JSON samples cannot carry them.
enum ValuePool {
    /// Collection types nested deeper than this get only their empty value: the edge cases of
    /// a type are at its surface, and a bound keeps generation finite for any declared type.
    static let maxTypeDepth = 8

    /// A completion in the DeepSeek-R1 format with a correct boxed answer: the typical string.
    static let r1Completion = "<think>\nLet me compute 6 * 7 = 42.\n</think>\n<answer>\n\\boxed{42}\n</answer>"

    /// Strings that exercise text, regex, tag and math builtins; the first is the typical one.
    static let strings: [String] = [
        r1Completion,
        "",
        "a",
        "42",
        "-3.5",
        "1/2",
        "hello world",
        "  padded\t\n",
        "   \n\t  ",
        "Hello, World! How are you today?",
        "héllo wörld — naïve café",
        "你好，世界。答案是四十二。",
        "emoji 🎉👍🏽 family 👨‍👩‍👧",
        "e\u{301} combining",
        "مرحبا بالعالم",
        "nul\u{0}byte",
        "<think>\n</think>\n<answer>\n</answer>",
        "<think>reasoning that never closes <answer>42",
        "</answer><think>\nbackwards\n</think><answer>",
        "<answer>\\boxed{\\frac{1}{2}}</answer>",
        "\\boxed{}",
        "\\boxed{",
        "\\boxed{1} then \\boxed{2}",
        "\\boxed{\\boxed{3}}",
        "\\boxed{\\sqrt{2}\\pi}",
        "The answer is 42.",
        "#### 42",
        "<tool_call>\n{\"name\": \"search\", \"arguments\": {\"q\": \"x\"}}\n</tool_call>",
        "{\"a\": [1, 2, {\"b\": null}]}",
        "[1, 2",
        "key: value\nlist:\n  - 1\n  - 2",
        "((((((((((a",
        "\\d+.*?[",
        "<think>\n" + String(repeating: "Step. ", count: 600) + "\n</think>\n<answer>\n\\boxed{7}\n</answer>",
        String(repeating: "word ", count: 1600),
        String(repeating: "a", count: 8000),
        String(repeating: "é🎉", count: 2000),
    ]

    static let ints: [Int] = [
        7, 0, 1, -1, 2, 100, -100, 4096, 16384, 1_000_000, Int(Int32.max), Int(Int32.min),
        Int.max, Int.min, Int.max - 1, Int.min + 1,
    ]

    static let floats: [Double] = [
        0.5, 0.0, -0.0, 1.0, -1.0, 0.1, 3.141592653589793, 1e-9, -1e-9, 1e9, 1e15, 1e308, -1e308,
        Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 9007199254740992,
    ]

    /// The edge cases of `type`; the first element is the typical value that other inputs
    /// keep while one input runs through its list.
    static func values(for type: RType, depth: Int = 0) -> [Value] {
        switch type {
        case .any:
            return [.string("text"), .null, .bool(true), .int(0), .float(1.5), .string(""), .list([]),
                    .list([.int(1), .string("a")]), .map([:]), .map(["k": .int(1)])]
        case .null: return [.null]
        case .bool: return [.bool(true), .bool(false)]
        case .int: return ints.map(Value.int)
        case .float: return floats.map(Value.float)
        case .number:
            return [.int(3), .float(0.5)] + ints.dropFirst().map(Value.int) + floats.dropFirst().map(Value.float)
        case .string:
            return strings.map(Value.string)
        case .optional(let wrapped):
            let inner = values(for: wrapped, depth: depth)
            return [inner[0], .null] + inner.dropFirst()
        case .list(let element):
            guard depth < maxTypeDepth else { return [.list([])] }
            let inner = values(for: element, depth: depth + 1)
            return [.list([inner[0]]), .list([]), .list(Array(inner.prefix(3))), .list(inner),
                    .list(Array(repeating: inner[0], count: 200))]
        case .map(let element):
            guard depth < maxTypeDepth else { return [.map([:])] }
            let inner = values(for: element, depth: depth + 1)
            var several: OrderedDictionary<String, Value> = [:]
            for (index, value) in inner.prefix(3).enumerated() { several["k\(index)"] = value }
            return [.map(["a": inner[0]]), .map([:]), .map(several), .map(["": inner[0]]),
                    .map(["ключ 🎉": inner.last ?? inner[0]])]
        }
    }

    /// A chat conversation whose last assistant message is `text`, as trainers pass
    /// completions; a string input (not a string inside a list or map) reads that message.
    static func conversation(_ text: String) -> Value {
        .list([.map(["role": .string("user"), "content": .string("What is 6 * 7?")]),
               .map(["role": .string("assistant"), "content": .string(text)])])
    }

    /// Characters random strings are drawn from: letters, digits, spaces, newlines, the
    /// punctuation of tags and LaTeX, and multi-byte characters.
    static let alphabet: [Character] = Array("aZ09 \n\t<>/\\{}()[].,:;-+*=#\"'?!|boxedthinkanswer") + ["é", "中", "🎉", "\u{301}"]

    /// A random value of `type`, for the cases after the systematic ones.
    static func random(for type: RType, using random: inout SplitMix64, depth: Int = 0) -> Value {
        switch type {
        case .any:
            let options: [RType] = [.null, .bool, .int, .float, .string, .list(.int), .map(.string)]
            return Self.random(for: options.randomElement(using: &random)!, using: &random, depth: depth)
        case .null: return .null
        case .bool: return .bool(Bool.random(using: &random))
        case .int:
            return .int(Int.random(in: 0..<10, using: &random) == 0 ? ints.randomElement(using: &random)!
                                                                     : Int.random(in: -1000...1000, using: &random))
        case .float:
            return .float(Int.random(in: 0..<10, using: &random) == 0 ? floats.randomElement(using: &random)!
                                                                      : Double.random(in: -10...10, using: &random))
        case .number:
            return Bool.random(using: &random) ? Self.random(for: .int, using: &random, depth: depth)
                                               : Self.random(for: .float, using: &random, depth: depth)
        case .string:
            if Int.random(in: 0..<4, using: &random) == 0 { return .string(strings.randomElement(using: &random)!) }
            let count = Int.random(in: 0...64, using: &random)
            return .string(String((0..<count).map { _ in alphabet.randomElement(using: &random)! }))
        case .optional(let wrapped):
            return Int.random(in: 0..<5, using: &random) == 0 ? .null : Self.random(for: wrapped, using: &random, depth: depth)
        case .list(let element):
            guard depth < maxTypeDepth else { return .list([]) }
            let count = Int.random(in: 0...6, using: &random)
            return .list((0..<count).map { _ in Self.random(for: element, using: &random, depth: depth + 1) })
        case .map(let element):
            guard depth < maxTypeDepth else { return .map([:]) }
            var entries: OrderedDictionary<String, Value> = [:]
            for index in 0..<Int.random(in: 0...4, using: &random) {
                entries["k\(index)"] = Self.random(for: element, using: &random, depth: depth + 1)
            }
            return .map(entries)
        }
    }
}
