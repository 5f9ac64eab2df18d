import OrderedCollections
import Testing
@testable import Rubric

/// Equality that also distinguishes ints from floats (`Value.==` treats 1 and 1.0 as equal)
/// and compares map key order, which is what a JSON round trip must preserve.
private func identical(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy(identical)
    case (.map(let a), .map(let b)):
        return a.entries.keys.elementsEqual(b.entries.keys)
            && zip(a.entries.values, b.entries.values).allSatisfy(identical)
    default: return false
    }
}

/// Parses `text` with the default depth bound.
private func parse(_ text: String, maxDepth: Int = 128) throws(RuntimeError) -> Value {
    try JSON.parse(text, maxDepth: maxDepth)
}

/// Returns the error `JSON.parse` raises for `text`, or nil if it parses.
private func parseError(_ text: String, maxDepth: Int = 128) -> RuntimeError? {
    do {
        _ = try JSON.parse(text, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

/// A random value at most `depth` levels deep, for round-trip testing.
private func randomValue(depth: Int, using generator: inout SeededGenerator) -> Value {
    let pieces = ["a", "é", "🎉", "\"", "\\", "\n", "\u{1}", "\u{7F}", "日本", " ", "\u{2028}"]
    switch Int.random(in: 0..<(depth > 0 ? 8 : 6), using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .int(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0..<64, using: &generator))
    case 3: return .float(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
    case 4: return .float(Double(Int.random(in: -1000...1000, using: &generator)) / 8)
    case 5:
        let count = Int.random(in: 0..<6, using: &generator)
        return .string((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
    case 6:
        let count = Int.random(in: 0..<5, using: &generator)
        return .list((0..<count).map { _ in randomValue(depth: depth - 1, using: &generator) })
    default:
        var members: OrderedDictionary<String, Value> = [:]
        for _ in 0..<Int.random(in: 0..<5, using: &generator) {
            members["k\(Int.random(in: 0..<10, using: &generator))"] = randomValue(depth: depth - 1, using: &generator)
        }
        return .map(members)
    }
}

/// Checks that numbers parse as ints only without fraction or exponent and when they fit, and literals parse.
@Test func scalarsParseWithIntFloatDistinction() throws {
    #expect(identical(try parse("0"), .int(0)))
    #expect(identical(try parse("-0"), .int(0)))
    #expect(identical(try parse("-0.0"), .float(-0.0)))
    #expect(identical(try parse(" 42 "), .int(42)))
    #expect(identical(try parse("1.0"), .float(1.0)))
    #expect(identical(try parse("1e2"), .float(100)))
    #expect(identical(try parse("2.5E-3"), .float(0.0025)))
    #expect(identical(try parse("9223372036854775807"), .int(Int.max)))
    #expect(identical(try parse("-9223372036854775808"), .int(Int.min)))
    #expect(identical(try parse("9223372036854775808"), .float(9223372036854775808.0)))
    #expect(identical(try parse("true"), .bool(true)))
    #expect(identical(try parse("false"), .bool(false)))
    #expect(identical(try parse("null"), .null))
}

/// Checks that every escape decodes, surrogate pairs combine and unpaired surrogates become U+FFFD.
@Test func stringsDecodeEveryEscapeAndSurrogatePairs() throws {
    let text = #""a\"b\\c\/d\b\f\n\r\t\u00e9\u65E5\ud83c\udf89""#
    #expect(identical(try parse(text), .string("a\"b\\c/d\u{8}\u{C}\n\r\té日🎉")))
    #expect(identical(try parse(#""\ud800x""#), .string("\u{FFFD}x")), "an unpaired surrogate becomes U+FFFD")
    #expect(identical(try parse(#""\udc00\ud800""#), .string("\u{FFFD}\u{FFFD}")))
    #expect(identical(try parse(#""raw é 🎉""#), .string("raw é 🎉")))
    #expect(identical(try parse(#""""#), .string("")))
}

/// Strings with quotes, backslashes, control and non-ASCII characters at every position
/// across a few 16-byte vector widths decode exactly, an unescaped control character is
/// reported at its own byte wherever it is, and a string with escapes longer than the
/// decoder's first allocation (1 MiB) decodes whole.
@Test func stringsDecodeAtEveryPositionAndLength() throws {
    let specials = ["\"", "\\", "\n", "\u{1}", "é", "🎉", "\u{7F}", "\u{1F}", " "]
    for length in 0..<50 {
        for special in specials {
            let text = String(repeating: "a", count: length) + special + String(repeating: "b", count: 50 - length)
            #expect(identical(try parse(JSON.serialize(.string(text))), .string(text)), "\(text.debugDescription)")
        }
        let raw = "\"" + String(repeating: "x", count: length) + "\u{1}\""
        #expect(parseError(raw)?.message.hasPrefix("invalid JSON at byte \(length + 1):") == true, "\(length)")
    }
    let long = String(repeating: "ab\n\"", count: 400_000)
    #expect(identical(try parse(JSON.serialize(.string(long))), .string(long)))
}

/// Checks that objects keep key order and that a repeated key keeps its first position with its last value.
@Test func objectsKeepKeyOrderAndLastDuplicateWinsInFirstPosition() throws {
    guard case .map(let box) = try parse(#"{"b": 1, "a": [true, null], "c": {"z": 0, "y": 1}}"#) else {
        Issue.record("expected a map")
        return
    }
    #expect(Array(box.entries.keys) == ["b", "a", "c"])
    guard case .map(let inner) = box.entries["c"]! else {
        Issue.record("expected a nested map")
        return
    }
    #expect(Array(inner.entries.keys) == ["z", "y"])
    let duplicated = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
    #expect(identical(duplicated, .map(["a": .int(3), "b": .int(2)])))
}

/// Checks that each kind of syntax error fails with invalidSample at the right byte offset.
@Test func invalidJSONIsInvalidSampleWithAByteOffset() {
    let cases: [(String, Int)] = [
        ("", 0), ("   ", 3), ("[1,]", 3), ("[1 2]", 3), (#"{"a" 1}"#, 5), (#"{"a":1,}"#, 7), ("{1:2}", 1),
        ("01", 1), ("1.", 2), ("1e", 2), ("-", 1), ("+1", 0), ("tru", 0), ("nul", 0), ("NaN", 0),
        ("[1] x", 4), ("\"abc", 0), ("\"a\tb\"", 2), (#""\x""#, 1), (#""\u12G4""#, 1), ("{'a':1}", 1),
        ("\u{FEFF}1", 0), ("[", 1), ("{", 1), (#"{"a":"#, 5), ("1 2", 2),
    ]
    for (text, offset) in cases {
        let error = parseError(text)
        #expect(error?.code == .invalidSample, "\(text.debugDescription)")
        #expect(error?.message.hasPrefix("invalid JSON at byte \(offset):") == true,
                "\(text.debugDescription): \(error?.message ?? "no error")")
    }
}

/// Checks that nesting up to the bound parses and one level more fails with valueTooDeep.
@Test func nestingDeeperThanTheLimitIsValueTooDeep() throws {
    #expect(identical(try parse("[[[1]]]", maxDepth: 3), .list([.list([.list([.int(1)])])])))
    #expect(parseError("[[[[1]]]]", maxDepth: 3)?.code == .valueTooDeep)
    #expect(parseError(#"{"a":{"b":{"c":{}}}}"#, maxDepth: 3)?.code == .valueTooDeep)
    #expect(identical(try parse("7", maxDepth: 0), .int(7)))
    #expect(parseError("[]", maxDepth: 0)?.code == .valueTooDeep)
}

/// Checks that 100000 levels of brackets fail cleanly instead of overflowing the stack.
@Test func hundredThousandDeepInputErrorsWithoutCrashing() {
    let brackets = String(repeating: "[", count: 100_000)
    #expect(parseError(brackets)?.code == .valueTooDeep)
    #expect(parseError(String(repeating: #"{"a":"#, count: 100_000))?.code == .valueTooDeep)
    // Even with no practical depth bound the parser uses no recursion: the unclosed input
    // is a syntax error, not a stack overflow.
    #expect(parseError(brackets, maxDepth: 1_000_000)?.code == .invalidSample)
    #expect(parseError(brackets + "1" + String(repeating: "]", count: 100_000))?.code == .valueTooDeep)
}

/// Fuzzes the parser with random bytes and JSON-like noise; it must only ever raise JSON errors.
@Test func randomInputNeverCrashesAndOnlyRaisesJSONErrors() {
    var generator = SeededGenerator(state: 0x5EED)
    let alphabet = Array(#"[]{},:"\u0aeE+-.19tfnrl dD8"#.utf8) + [0x00, 0x0A, 0x1F, 0xC3, 0xA9]
    for iteration in 0..<30_000 {
        let length = Int.random(in: 0..<40, using: &generator)
        let bytes: [UInt8] = (0..<length).map { _ in
            iteration % 2 == 0 ? UInt8.random(in: 0...255, using: &generator)
                               : alphabet.randomElement(using: &generator)!
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let error = parseError(text, maxDepth: 8) {
            #expect(error.code == .invalidSample || error.code == .valueTooDeep, "\(text.debugDescription)")
        }
    }
}

/// Fuzzes the parser with slightly damaged valid documents; it must only ever raise JSON errors.
@Test func mutatedDocumentsNeverCrash() {
    var generator = SeededGenerator(state: 42)
    for _ in 0..<3_000 {
        var bytes = Array(JSON.serialize(randomValue(depth: 4, using: &generator)).utf8)
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: bytes.remove(at: index)
            case 1: bytes[index] = UInt8.random(in: 0x20...0x7E, using: &generator)
            default: bytes.insert(UInt8.random(in: 0x20...0x7E, using: &generator), at: index)
            }
        }
        if let error = parseError(String(decoding: bytes, as: UTF8.self)) {
            #expect(error.code == .invalidSample || error.code == .valueTooDeep)
        }
    }
}

/// Checks compact serialization: insertion order, no whitespace, RFC 8259 escapes and UTF-8 left as is.
@Test func serializeIsCompactDeterministicAndEscaped() {
    let value: Value = .map([
        "b": .list([.int(1), .float(2), .null, .bool(true), .float(0.1)]),
        "a": .string("q\"\\\n\r\t\u{1}\u{1F}é🎉/"),
        "": .map([:]),
        "e": .list([]),
    ])
    #expect(JSON.serialize(value)
        == #"{"b":[1,2.0,null,true,0.1],"a":"q\"\\\n\r\t\u0001\u001fé🎉/","":{},"e":[]}"#)
}

/// Checks that floats keep a float form, use the shortest round-trip text, and NaN and infinities become null.
@Test func floatsSerializeAsShortestRoundTripAndNonFiniteAsNull() {
    #expect(JSON.serialize(.float(1)) == "1.0")
    #expect(JSON.serialize(.float(-0.0)) == "-0.0")
    #expect(JSON.serialize(.float(0.1)) == "0.1")
    #expect(JSON.serialize(.float(1e20)) == "1e+20")
    #expect(JSON.serialize(.float(1.5e-7)) == "1.5e-07")
    #expect(JSON.serialize(.float(.nan)) == "null")
    #expect(JSON.serialize(.float(.infinity)) == "null")
    #expect(JSON.serialize(.float(-.infinity)) == "null")
    #expect(JSON.serialize(.int(Int.min)) == "-9223372036854775808")
}

/// Checks that pretty serialization puts each element on its own indented line.
@Test func serializePrettyIndentsNestedContainers() {
    let value: Value = .map(["a": .list([.int(1), .map(["b": .null])]), "c": .list([]), "d": .string("x")])
    let expected = """
    {
      "a": [
        1,
        {
          "b": null
        }
      ],
      "c": [],
      "d": "x"
    }
    """
    #expect(JSON.serializePretty(value) == expected)
    #expect(JSON.serializePretty(.list([.int(1)]), indent: 4) == "[\n    1\n]")
    #expect(JSON.serializePretty(.int(3)) == "3")
}

/// Checks that random values survive serialize-then-parse exactly, including int/float kind and key order.
@Test func randomValuesRoundTripExactly() throws {
    var generator = SeededGenerator(state: 7)
    for _ in 0..<2_000 {
        var value = randomValue(depth: 5, using: &generator)
        // JSON has no NaN or infinity; they serialize as null, which is tested separately.
        if case .float(let number) = value, !number.isFinite { value = .null }
        let compact = JSON.serialize(value)
        let reparsed = try parse(compact)
        if JSON.serialize(reparsed) != compact || !identical(reparsed, replacingNonFinite(value)) {
            Issue.record("round trip changed \(compact)")
        }
        #expect(identical(try parse(JSON.serializePretty(value)), reparsed))
    }
}

/// `value` with every NaN or infinite float replaced by null, as serialization does.
private func replacingNonFinite(_ value: Value) -> Value {
    switch value {
    case .float(let number) where !number.isFinite: .null
    case .list(let elements): .list(elements.map(replacingNonFinite))
    case .map(let box): .map(box.entries.mapValues(replacingNonFinite))
    default: value
    }
}
