import Foundation
import OrderedCollections
import Testing
@testable import Rubric

/// A map value from ordered pairs.
private func map(_ pairs: [(String, Value)]) -> Value {
    .map(OrderedDictionary(uniqueKeysWithValues: pairs))
}

/// A uniformly chosen element of `choices`.
private func pick<T>(_ choices: [T], _ generator: inout SeededGenerator) -> T {
    choices[Int(generator.next() % UInt64(choices.count))]
}

/// A number in `0..<bound`.
private func below(_ bound: Int, _ generator: inout SeededGenerator) -> Int {
    Int(generator.next() % UInt64(bound))
}

/// Limits with the given fuel, memory and value depth.
private func limits(fuel: Int? = nil, memory: Int? = nil, depth: Int? = nil) -> Limits {
    var limits = Limits()
    if let fuel { limits.fuel = fuel }
    if let memory { limits.memoryBytes = memory }
    if let depth { limits.maxValueDepth = depth }
    return limits
}

/// Parses YAML with parse_yaml under default limits.
private func yaml(_ text: String) throws(RuntimeError) -> Value {
    try call("parse_yaml", [.string(text)])
}

// MARK: - YAML documents for the differential test

/// Writes random YAML documents whose meaning is the same under PyYAML's YAML 1.1 resolver and
/// the YAML 1.2 core schema: plain scalars avoid yes/no/on/off, sexagesimal and octal-looking
/// numbers, timestamps, `=` and `<<`; floats always have a dot and exponents a sign; anchors are
/// never redefined; there is no NaN; plain scalars hold no tabs (PyYAML's scanner rejects a
/// tab inside a plain scalar, which YAML and libyaml allow). Styles vary: block and flow
/// collections, compact nested block sequences, plain, single- and double-quoted and literal block scalars, comments,
/// explicit document markers, anchors and aliases, repeated keys.
private struct YAMLDocumentWriter {
    var generator: SeededGenerator
    var anchors: [String] = []
    var anchorCount = 0

    /// Plain strings that resolve to strings in both schemas, valid in block and flow context.
    static let words = ["apple", "zebra", "hello world", "x1", "café", "東京", "emoji 🙂", "a-b", "snake_case",
                        "CamelCase", "path/to/file", "dots.in.name", "semi;colon", "at@sign", "Ωmega", "naïve text",
                        "trailing.", "v2", "e5", "inf", "nan", "Yesterday", "Nothing", "0x", "12abc"]
    /// Mapping keys: plain words, with a few that look like other scalars only when quoted.
    static let keys = ["name", "id", "value", "items", "é", "key with spaces", "k-1", "数据", "_private", "CamelKey",
                       "'true'", "\"123\"", "\"null\"", "'0x1F'"]

    init(seed: UInt64) {
        generator = SeededGenerator(state: seed)
    }

    /// A plain or quoted scalar usable in block and flow context.
    mutating func flowScalar() -> String {
        switch below(16, &generator) {
        case 0, 1, 2: return pick(Self.words, &generator)
        case 3: return String(Int(generator.next() >> UInt64(1 + below(63, &generator))) * (below(2, &generator) == 0 ? 1 : -1))
        case 4: return pick(["0", "-0", "+7", "42", "-17", "9007199254740993"], &generator)
        case 5: return "0x" + String(generator.next() >> 4, radix: 16, uppercase: below(2, &generator) == 0)
        case 6:
            let whole = below(100_000, &generator), fraction = below(1000, &generator)
            let exponent = below(3, &generator) == 0 ? "e" + pick(["+", "-"], &generator) + String(below(300, &generator)) : ""
            return pick(["", "-", "+"], &generator) + "\(whole).\(fraction)" + exponent
        case 7: return pick(["3.", "0.5", ".5", ".25e+3", "1.0E-3", "007.5", "1.7976931348623157e+308", "4.9e-324", "2.5e-310"], &generator)
        case 8: return pick(["true", "True", "TRUE", "false", "False", "FALSE"], &generator)
        case 9: return pick(["null", "Null", "NULL", "~"], &generator)
        case 10: return pick([".inf", "-.inf", "+.inf", ".Inf", "-.INF"], &generator)
        case 11: return "'" + pick(["it''s", "123", "true", "null", " spaced ", "a: b", "#hash", "[x]", "", "é"], &generator) + "'"
        case 12: return "\"" + pick(["line\\nbreak", "tab\\t", "quote\\\"", "back\\\\slash", "\\u00e9\\U0001F600", "0x1F", "1.5", "~", "", "\\x41", "tab\tinside"], &generator) + "\""
        case 13: return "\"" + pick(Self.words, &generator) + "\""
        case 14: return pick(Self.words, &generator) + " " + pick(Self.words, &generator)
        default:
            if !anchors.isEmpty && below(2, &generator) == 0 { return "*" + pick(anchors, &generator) }
            return pick(Self.words, &generator)
        }
    }

    /// A fresh anchor name, registered once the node it marks is complete.
    mutating func newAnchor() -> String {
        anchorCount += 1
        return "anchor\(anchorCount)"
    }

    /// A flow collection or scalar nested at most `depth` more levels.
    mutating func flowNode(depth: Int) -> String {
        if depth == 0 || below(3, &generator) > 0 { return flowScalar() }
        let anchor = below(6, &generator) == 0 ? newAnchor() : nil
        var text: String
        if below(2, &generator) == 0 {
            text = "[" + (0..<below(4, &generator)).map { _ in flowNode(depth: depth - 1) }.joined(separator: ", ") + "]"
        } else {
            var keys = Self.keys.shuffled(using: &generator).prefix(below(4, &generator)).map { $0 }
            if let first = keys.first, below(8, &generator) == 0 { keys.append(first) }  // a repeated key
            text = "{" + keys.map { "\($0): \(flowNode(depth: depth - 1))" }.joined(separator: ", ") + "}"
        }
        if let anchor {
            anchors.append(anchor)
            text = "&\(anchor) " + text
        }
        return text
    }

    /// Lines of a block collection at indentation `indent`, nested at most `depth` more levels.
    mutating func blockCollection(indent: Int, depth: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        if below(2, &generator) == 0 {
            var lines: [String] = []
            for _ in 0..<(1 + below(4, &generator)) {
                var item = blockValue(indent: indent + 2, depth: depth - 1)
                if item.inline != nil {
                    lines.append(pad + "- " + item.inline!)
                } else if below(2, &generator) == 0 {
                    // Compact form: the first line of the nested block shares the dash's line.
                    item.lines[0] = pad + "- " + item.lines[0].dropFirst(indent + 2)
                    lines += item.lines
                } else {
                    lines.append(pad + "-")
                    lines += item.lines
                }
            }
            return lines
        }
        var lines: [String] = []
        var keys = Self.keys.shuffled(using: &generator).prefix(1 + below(4, &generator)).map { $0 }
        if let first = keys.first, below(8, &generator) == 0 { keys.append(first) }  // a repeated key
        for key in keys {
            let comment = below(10, &generator) == 0 ? "  # note" : ""
            if below(12, &generator) == 0 {
                lines.append(pad + key + ":" + comment)  // an empty value is null
                continue
            }
            if below(10, &generator) == 0 {
                lines.append(pad + key + ": |")
                for _ in 0..<(1 + below(3, &generator)) { lines.append(pad + "  " + pick(Self.words, &generator) + " #not a comment") }
                continue
            }
            let item = blockValue(indent: indent + 2, depth: depth - 1)
            if let inline = item.inline {
                lines.append(pad + key + ": " + inline + comment)
            } else {
                let anchor = below(6, &generator) == 0 ? newAnchor() : nil
                lines.append(pad + key + ":" + (anchor.map { " &\($0)" } ?? "") + comment)
                lines += item.lines
                if let anchor { anchors.append(anchor) }
            }
        }
        return lines
    }

    /// A value for a block collection: either text for the same line or nested lines.
    mutating func blockValue(indent: Int, depth: Int) -> (inline: String?, lines: [String]) {
        if depth == 0 || below(3, &generator) == 0 { return (flowNode(depth: 2), []) }
        return (nil, blockCollection(indent: indent, depth: depth))
    }

    /// A whole document.
    mutating func document() -> String {
        anchors = []
        var text: String
        switch below(10, &generator) {
        case 0: text = flowNode(depth: 4)
        case 1: text = flowScalar()
        default: text = blockCollection(indent: 0, depth: 4).joined(separator: "\n")
        }
        if text.hasPrefix("*") { text = "plain" }  // an alias needs an anchor before it
        if below(5, &generator) == 0 { text = "---\n" + text }
        if below(5, &generator) == 0 { text = "# leading comment\n" + text }
        if below(2, &generator) == 0 { text += "\n" }
        return text
    }
}

/// True when `value` is what PyYAML loaded, in yaml_peer.py's tagged form.
private func agreesWithPyYAML(_ value: Value, _ peer: Any) -> Bool {
    if peer is NSNull { return value == .null }
    if let text = peer as? String {
        if case .string(let string) = value { return FastText.equal(string, text) }
        return false
    }
    if let tagged = peer as? [Any], tagged.count == 2, let kind = tagged[0] as? String {
        switch (kind, value) {
        case ("int", .int(let number)): return String(number) == tagged[1] as? String
        case ("float", .float(let number)):
            guard let hex = tagged[1] as? String, let expected = Double(hex) else { return false }
            return number == expected && number.sign == expected.sign
        case ("list", .list(let items)):
            guard let expected = tagged[1] as? [Any], expected.count == items.count else { return false }
            return zip(items, expected).allSatisfy { agreesWithPyYAML($0, $1) }
        case ("map", .map(let box)):
            guard let expected = tagged[1] as? [Any], expected.count == box.entries.count else { return false }
            return zip(box.entries, expected).allSatisfy { entry, pair in
                guard let pair = pair as? [Any], pair.count == 2, let key = pair[0] as? String else { return false }
                return FastText.equal(entry.key, key) && agreesWithPyYAML(entry.value, pair[1])
            }
        default: return false
        }
    }
    if let number = peer as? NSNumber, case .bool(let flag) = value { return number.boolValue == flag }
    return false
}

/// Random values for round trips: every type, awkward strings and floats, nesting.
private func randomValue(_ generator: inout SeededGenerator, depth: Int) -> Value {
    switch below(depth > 0 ? 9 : 6, &generator) {
    case 0: return .null
    case 1: return .bool(below(2, &generator) == 0)
    case 2: return .int(Int(bitPattern: UInt(generator.next())) >> below(64, &generator))
    case 3:
        let special: [Double] = [0, -0.0, 1e16, 1e-7, 0.1, -2.5, 1.7976931348623157e308, 5e-324, 123456789.125]
        return .float(below(2, &generator) == 0 ? pick(special, &generator)
                                                : Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF))
    case 4, 5:
        let pieces = ["a", "é", "\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "😀", "/", "\u{2028}", " ", "\u{8}", "\u{C}"]
        return .string((0..<below(8, &generator)).map { _ in pick(pieces, &generator) }.joined())
    case 6, 7:
        return .list((0..<below(5, &generator)).map { _ in randomValue(&generator, depth: depth - 1) })
    default:
        var entries: OrderedDictionary<String, Value> = [:]
        for _ in 0..<below(5, &generator) {
            entries[pick(["k", "key", "é", "\"q\"", "", "a\nb", "数"], &generator)] = randomValue(&generator, depth: depth - 1)
        }
        return .map(entries)
    }
}

/// Pieces of texts for the tag tests: opening and closing tags (whole, broken, nested,
/// other names, other case), newlines and non-ASCII text.
private let tagPieces = ["<a>", "</a>", "<a>", "</a>", "<a>", "</a>", "<a", "a>", "</a", "<b>", "</b>", "<A>", "x", "yz", "\n", "é",
                         "😀", "<<a>>", "</a></a>", "<a><a>", " ", "<think>", "</think>", "<a x=1>", "<>", "</>"]

/// Tests of the JSON, YAML and tag builtins: fixed cases, a differential test against PyYAML
/// and Python's `re`, round trips, metering, limits and fuzzing.
@Suite struct DataFormatTests {
    // MARK: - JSON

    /// Checks parse_json and is_json on valid, invalid and edge-case texts.
    @Test func parseJSONFixedCases() throws {
        #expect(try call("parse_json", [.string(#" {"b": [1, 2.5, "x"], "a": null, "b": true} "#)])
                == map([("b", .bool(true)), ("a", .null)]))
        #expect(try call("parse_json", [.string("-12")]) == .int(-12))
        #expect(try call("parse_json", [.string("1e400")]) == .float(.infinity))
        #expect(try call("parse_json", [.string(#""\u00e9\ud83d\ude00""#)]) == .string("é😀"))
        // Invalid JSON is null, and so is the JSON text null: is_json tells them apart.
        for text in ["", "nul", "{", "[1,]", "{'a': 1}", "01", "NaN", "1 2", "\"\u{1}\"", "[1] x"] {
            #expect(try call("parse_json", [.string(text)]) == .null, "\(text.debugDescription)")
            #expect(try call("is_json", [.string(text)]) == .bool(false), "\(text.debugDescription)")
        }
        #expect(try call("parse_json", [.string("null")]) == .null)
        #expect(try call("is_json", [.string(" null ")]) == .bool(true))
        #expect(failure("parse_json", [.int(1)]) == .typeError)
        #expect(failure("is_json", [.null]) == .typeError)
    }

    /// Nesting past the value-depth limit is a limit error (E1206) for both parse_json and
    /// is_json, not invalid JSON; the limit itself is accepted.
    @Test func jsonDepthLimit() throws {
        let atLimit = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        let overLimit = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(try call("is_json", [.string(atLimit)]) == .bool(true))
        #expect(failure("parse_json", [.string(overLimit)]) == .valueTooDeep)
        #expect(failure("is_json", [.string(overLimit)]) == .valueTooDeep)
        #expect(failure("parse_json", [.string(#"{"a": [[[1]]]}"#)], limits: limits(depth: 3)) == .valueTooDeep)
        #expect(try call("parse_json", [.string(#"{"a": [[1]]}"#)], limits: limits(depth: 3)) != .null)
        // An unclosed megabyte of brackets fails on depth at once, without building anything.
        #expect(failure("parse_json", [.string(String(repeating: "[", count: 1 << 20))]) == .valueTooDeep)
    }

    /// parse_json charges memory for the value it returns (16 bytes per element or entry plus
    /// string bytes) and fuel for the bytes it reads.
    @Test func jsonMeteringLimits() throws {
        let numbers = "[" + Array(repeating: "0", count: 10_000).joined(separator: ",") + "]"
        // 10,000 elements cost 160,000 bytes.
        #expect(failure("parse_json", [.string(numbers)], limits: limits(memory: 150_000)) == .memoryExceeded)
        #expect(try call("parse_json", [.string(numbers)], limits: limits(memory: 170_000)) != .null)
        let text = "\"" + String(repeating: "x", count: 1 << 20) + "\""
        #expect(failure("parse_json", [.string(text)], limits: limits(memory: 1 << 19)) == .memoryExceeded)
        #expect(failure("parse_json", [.string(text)], limits: limits(fuel: 10_000)) == .fuelExhausted)
        #expect(failure("is_json", [.string(text)], limits: limits(fuel: 10_000)) == .fuelExhausted)
    }

    /// Checks to_json's compact output.
    @Test func toJSONFixedCases() throws {
        let value = map([("b", .list([.int(1), .float(2.5), .float(3), .null])), ("a", .string("é\"\n\u{1}")),
                         ("c", .float(.nan)), ("d", .float(-.infinity)), ("e", .bool(false))])
        #expect(try call("to_json", [value]) == .string(#"{"b":[1,2.5,3.0,null],"a":"é\"\n\u0001","c":null,"d":null,"e":false}"#))
        #expect(try call("to_json", [.string("")]) == .string(#""""#))
        #expect(try call("to_json", [.list([])]) == .string("[]"))
        #expect(try call("to_json", [map([])]) == .string("{}"))
        #expect(try call("to_json", [.int(Int.min)]) == .string("-9223372036854775808"))
    }

    /// Property: for 600 random values, to_json's length is what ValueCost predicts (so the
    /// memory charged is exact), and parse_json(to_json(v)) gives v back.
    @Test func jsonRoundTrip() throws {
        var generator = SeededGenerator(state: 0x1503)
        for _ in 0..<600 {
            let value = randomValue(&generator, depth: 4)
            guard case .string(let text) = try call("to_json", [value]) else { Issue.record("not a string"); continue }
            #expect(ValueCost.serializedLength(value, limit: .max)?.bytes == text.utf8.count)
            let back = try call("parse_json", [.string(text)])
            // NaN and infinities become null; everything else comes back equal.
            if !text.contains("null") || value == back { #expect(back == value, "\(text)") }
        }
    }

    /// to_json charges the memory and fuel of the text it writes before writing it: a list
    /// sharing one long string a thousand times fails on memory at once.
    @Test(.timeLimit(.minutes(1))) func toJSONLimits() throws {
        let long = Value.string(String(repeating: "x", count: 100_000))
        let shared = Value.list(Array(repeating: long, count: 1000))  // 100 MB of JSON
        let start = Date()
        #expect(failure("to_json", [shared]) == .memoryExceeded)
        let nested = Value.list(Array(repeating: shared, count: 1000))  // 100 GB of JSON
        #expect(failure("to_json", [nested]) == .memoryExceeded)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(failure("to_json", [long], limits: limits(fuel: 1000)) == .fuelExhausted)
        #expect(failure("to_json", [long], limits: limits(memory: 50_000)) == .memoryExceeded)
        #expect(try call("to_json", [long], limits: limits(memory: 100_002)) != .null)
    }

    // MARK: - YAML

    /// Checks the core schema's resolution of plain, quoted and tagged scalars.
    @Test func yamlScalarResolution() throws {
        let cases: [(String, Value)] = [
            ("~", .null), ("null", .null), ("NULL", .null), ("", .null), ("true", .bool(true)), ("False", .bool(false)),
            ("yes", .string("yes")), ("off", .string("off")), ("12", .int(12)), ("-0", .int(0)), ("+7", .int(7)),
            ("012", .int(12)), ("0o17", .int(15)), ("0x1F", .int(31)), ("0x", .string("0x")), ("-0x1F", .string("-0x1F")),
            ("1_000", .string("1_000")), ("9223372036854775807", .int(.max)), ("9223372036854775808", .float(9223372036854775808)),
            ("0xFFFFFFFFFFFFFFFFF", .float(295147905179352825855)), ("1.5", .float(1.5)), ("1e3", .float(1000)),
            (".5", .float(0.5)), ("-.5", .float(-0.5)), ("3.", .float(3)), ("1.0e+3", .float(1000)), ("1e", .string("1e")),
            (".", .string(".")), ("+", .string("+")), ("1.2.3", .string("1.2.3")), (".inf", .float(.infinity)),
            ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)), (".nan", .string(".nan")), (".NaN", .string(".NaN")),
            ("1:30", .string("1:30")), ("2001-12-14", .string("2001-12-14")), ("'12'", .string("12")),
            ("\"true\"", .string("true")), ("'~'", .string("~")), ("|\n  12\n", .string("12\n")),
            ("!!str 12", .string("12")), ("!!int \"12\"", .int(12)), ("!!float 1", .float(1)), ("!!bool 'true'", .bool(true)),
            ("!!null ''", .null), ("! 12", .string("12")), ("!!int 1.5", .null), ("!!float .nan", .null),
            ("!!binary aGk=", .null), ("!custom x", .null), ("\"\\u00e9\\0\"", .string("é\u{0}")),
        ]
        for (text, expected) in cases {
            let value = try yaml(text)
            // Floats must match exactly, ints must stay ints.
            #expect(value == expected && value.typeName == expected.typeName, "\(text.debugDescription) gave \(value)")
        }
    }

    /// Checks documents, keys, aliases and the cases that make a document invalid (null).
    @Test func yamlDocuments() throws {
        #expect(try yaml("b: 1\na: [x, {c: d}]\nb: 2\n")
                == map([("b", .int(2)), ("a", .list([.string("x"), map([("c", .string("d"))])]))]))
        // Keys are the scalar's text as written, whatever it resolves to.
        #expect(try yaml("1: a\n~: b\ntrue: c\n'q': d\n0x1F: e\n")
                == map([("1", .string("a")), ("~", .string("b")), ("true", .string("c")), ("q", .string("d")), ("0x1F", .string("e"))]))
        #expect(try yaml("? complex\n: value\n") == map([("complex", .string("value"))]))
        // Aliases repeat the anchored value; an alias of a scalar can be a key.
        #expect(try yaml("a: &x [1, 2]\nb: *x\n&k key: v\n*k : w\n")
                == map([("a", .list([.int(1), .int(2)])), ("b", .list([.int(1), .int(2)])), ("key", .string("w"))]))
        // `<<` is an ordinary key in YAML 1.2 (PyYAML merges it).
        #expect(try yaml("a: &m {x: 1}\nb:\n  <<: *m\n")
                == map([("a", map([("x", .int(1))])), ("b", map([("<<", map([("x", .int(1))]))]))]))
        // An anchor may be redefined (PyYAML refuses); later aliases see the new node.
        #expect(try yaml("a: &x 1\nb: &x 2\nc: *x\n") == map([("a", .int(1)), ("b", .int(2)), ("c", .int(2))]))
        #expect(try yaml("---\n- a\n...\n") == .list([.string("a")]))
        #expect(try yaml("# only a comment\n") == .null)
        #expect(try yaml("%YAML 1.2\n---\nx\n") == .string("x"))
        for invalid in ["a: b: c", "[1, 2", "- a\nb: c", "a\n---\nb", "--- a\n--- b", "*undefined", "&a [*a]", "? [a]\n: b",
                        "{[1]: 2}", "a: !!python/object:os.system x", "!!set {a}", "\"\\ud800\"", "\u{1}", "key: 'open",
                        "\t- a", "a: &x 1\nb: *y"] {
            #expect(try yaml(invalid) == .null, "\(invalid.debugDescription)")
        }
    }

    /// An alias bomb (nine levels of ten aliases: a billion strings) fails on the memory limit
    /// at once; aliases count in full towards the nesting depth.
    @Test(.timeLimit(.minutes(1))) func yamlAliasLimits() throws {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
            let name = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let start = Date()
        #expect(failure("parse_yaml", [.string(bomb)]) == .memoryExceeded)
        #expect(Date().timeIntervalSince(start) < 5)
        // Three levels: 9 + 81 + 729 strings and lists, well within the default budget.
        let small = bomb.split(separator: "\n").prefix(3).joined(separator: "\n")
        guard case .map(let box) = try yaml(small), case .list(let items)? = box.entries["c"] else {
            Issue.record("the small bomb did not parse"); return
        }
        #expect(items.count == 9)
        // Each alias adds the anchored value's height to the depth at which it appears.
        let deep = "a: &a " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(try yaml(deep + "b: " + String(repeating: "[", count: 27) + "*a" + String(repeating: "]", count: 27)) != .null)
        #expect(failure("parse_yaml", [.string(deep + "b: " + String(repeating: "[", count: 28) + "*a"
                                              + String(repeating: "]", count: 28))]) == .valueTooDeep)
    }

    /// Nesting, memory and fuel limits of parse_yaml on large documents.
    @Test(.timeLimit(.minutes(1))) func yamlLimits() throws {
        let atLimit = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(try yaml(atLimit) != .null)
        #expect(failure("parse_yaml", [.string("[" + atLimit + "]")]) == .valueTooDeep)
        #expect(failure("parse_yaml", [.string(String(repeating: "- ", count: 200) + "x")]) == .valueTooDeep)
        // Depth fails as soon as it is passed, before the text is read to its (invalid) end.
        #expect(failure("parse_yaml", [.string(String(repeating: "[", count: 1 << 20))]) == .valueTooDeep)
        #expect(failure("parse_yaml", [.string(String(repeating: "{a: ", count: 1 << 18))]) == .valueTooDeep)
        let items = String(repeating: "- 0\n", count: 10_000)  // 10,000 elements: 160,000 bytes
        #expect(failure("parse_yaml", [.string(items)], limits: limits(memory: 150_000)) == .memoryExceeded)
        #expect(try call("parse_yaml", [.string(items)], limits: limits(memory: 170_000)) != .null)
        let long = String(repeating: "word ", count: 200_000)  // one 1 MB plain scalar
        #expect(failure("parse_yaml", [.string(long)], limits: limits(fuel: 10_000)) == .fuelExhausted)
        #expect(failure("parse_yaml", [.string(long)], limits: limits(memory: 500_000)) == .memoryExceeded)
        #expect(try yaml(long) == .string(String(long.dropLast())))
    }

    /// Differential test: 800 generated documents against PyYAML's safe_load
    /// (Tests/Peers/yaml_peer.py) must load to identical values: same types, ints, floats
    /// bit for bit, strings scalar by scalar and key order.
    @Test func yamlMatchesPyYAML() throws {
        var writer = YAMLDocumentWriter(seed: 0x7A41)
        let documents = (0..<800).map { _ in writer.document() }
        let answers = try PythonPeer.run(script: "Tests/Peers/yaml_peer.py", cases: documents)
        var mismatches = 0, loaded = 0
        for (document, answer) in zip(documents, answers) {
            let value = try yaml(document)
            if !(answer is [String: Any]) { loaded += 1 }
            if !agreesWithPyYAML(value, answer) {
                mismatches += 1
                if mismatches <= 5 { Issue.record("document:\n\(document)\ngot \(value)\nPyYAML \(answer)") }
            }
        }
        #expect(mismatches == 0)
        // The writer must produce valid YAML (nearly every document loads) with aliases, literal
        // block scalars and flow collections in many of them.
        #expect(loaded >= 780)
        #expect(documents.filter { $0.contains("*anchor") }.count > 50)
        #expect(documents.filter { $0.contains(": |") }.count > 100)
        #expect(documents.filter { $0.contains("{") }.count > 300)
    }

    // MARK: - Tags

    /// Checks the tag builtins on hand-made cases.
    @Test func tagFixedCases() throws {
        let text = "x <think>\nstep 1\n</think> <answer>42</answer> <answer>43</answer>"
        #expect(try call("extract_tag", [.string(text), .string("think")]) == .string("\nstep 1\n"))
        #expect(try call("extract_tag", [.string(text), .string("answer")]) == .string("42"))
        #expect(try call("last_tag", [.string(text), .string("answer")]) == .string("43"))
        #expect(try call("extract_tags", [.string(text), .string("answer")]) == strings(["42", "43"]))
        #expect(try call("extract_tag", [.string(text), .string("missing")]) == .null)
        #expect(try call("last_tag", [.string(text), .string("missing")]) == .null)
        #expect(try call("extract_tags", [.string(text), .string("missing")]) == strings([]))
        // Non-greedy and non-overlapping, as re.findall: the first match runs from the first
        // opening tag to the first closing tag after it.
        #expect(try call("extract_tags", [.string("<a>1<a>2</a>3</a><a></a>"), .string("a")]) == strings(["1<a>2", ""]))
        #expect(try call("last_tag", [.string("<t>a<t>b</t>"), .string("t")]) == .string("a<t>b"))
        #expect(try call("extract_tag", [.string("<a>open only"), .string("a")]) == .null)
        #expect(try call("extract_tag", [.string("<A>case</A><a x>attr</a>"), .string("a")]) == .null)
        #expect(try call("extract_tag", [.string("<ns:t-1_é>ok</ns:t-1_é>"), .string("ns:t-1_é")]) == .string("ok"))
        for bad in ["", "a b", "<a>", "a>", "a/b", "a\n", "a.b"] {
            #expect(failure("extract_tag", [.string("x"), .string(bad)]) == .invalidArgument, "\(bad.debugDescription)")
            #expect(failure("extract_tags", [.string("x"), .string(bad)]) == .invalidArgument)
            #expect(failure("last_tag", [.string("x"), .string(bad)]) == .invalidArgument)
        }
        #expect(failure("extract_tag", [.null, .string("a")]) == .typeError)
    }

    /// Differential test: 800 generated texts against Python's
    /// `re.findall(r"<tag>(.*?)</tag>", text, re.DOTALL)` (Tests/Peers/tags_peer.py):
    /// extract_tags must return the same list, extract_tag its first element and last_tag its
    /// last (or null when it is empty).
    @Test func tagsMatchPythonRegex() throws {
        var generator = SeededGenerator(state: 0x7A65)
        var cases: [(String, String)] = []
        for _ in 0..<800 {
            let text = (0..<below(14, &generator)).map { _ in pick(tagPieces, &generator) }.joined()
            cases.append((text, pick(["a", "a", "a", "b", "think", "A"], &generator)))
        }
        let answers = try PythonPeer.run(script: "Tests/Peers/tags_peer.py",
                                         cases: cases.map { ["text": $0.0, "tag": $0.1] as [String: Any] })
        var found = 0
        for ((text, tag), answer) in zip(cases, answers) {
            let expected = answer as! [String]
            if !expected.isEmpty { found += 1 }
            #expect(try call("extract_tags", [.string(text), .string(tag)]) == strings(expected), "\(text.debugDescription) \(tag)")
            #expect(try call("extract_tag", [.string(text), .string(tag)]) == (expected.first.map { .string($0) } ?? .null))
            #expect(try call("last_tag", [.string(text), .string(tag)]) == (expected.last.map { .string($0) } ?? .null))
        }
        #expect(found > 100)
    }

    /// The tag builtins charge fuel for the text and memory for the strings they return.
    @Test func tagLimits() throws {
        let text = String(repeating: "<a>xxxxxxxxxx</a>", count: 60_000)  // ~1 MB, 600 kB inside tags
        #expect(failure("extract_tags", [.string(text), .string("a")], limits: limits(fuel: 10_000)) == .fuelExhausted)
        #expect(failure("extract_tags", [.string(text), .string("a")], limits: limits(memory: 1_000_000)) == .memoryExceeded)
        #expect(try call("last_tag", [.string(text), .string("a")], limits: limits(memory: 1_000)) == .string("xxxxxxxxxx"))
        let inside = "<a>" + String(repeating: "y", count: 1 << 20) + "</a>"
        #expect(failure("extract_tag", [.string(inside), .string("a")], limits: limits(memory: 1 << 19)) == .memoryExceeded)
    }

    // MARK: - Fuzzing

    /// Fuzz test: 500 random byte strings (decoded with UTF-8 replacement), mutations of valid
    /// JSON and YAML, and adversarial inputs (deep brackets, alias bombs, recursive aliases,
    /// 1 MB texts) through every builtin of the family under default and small limits: each
    /// call returns a value (never NaN) or fails with a clean limit or argument error.
    @Test(.timeLimit(.minutes(2))) func fuzzDataFormatBuiltins() throws {
        var generator = SeededGenerator(state: 0xDA7A)
        var writer = YAMLDocumentWriter(seed: 0xF022)
        var inputs: [String] = [
            "", "\u{FEFF}", "\u{FEFF}a: 1", "[[[[[[[[", String(repeating: "[", count: 100_000),
            String(repeating: "{\"a\":", count: 100_000), String(repeating: "- ", count: 100_000),
            String(repeating: "? ", count: 100_000), "&a [*a]", "a: &a\n  b: *a", "*a", "!!python/name:os.system",
            "%YAML 9.9\n--- x", "%TAG ! tag:x,2000:\n--- !a b", String(repeating: "<a>", count: 100_000),
            String(repeating: "x", count: 1 << 20), String(repeating: "&a x\n", count: 1000), "a: !!float .nan",
            "[.nan, -.nan, .NAN]", "\"\\U0010FFFF\\U00110000\"", String(repeating: "a: ", count: 10_000) + "b",
        ]
        var bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        for level in 1...12 { bomb += "l\(level): &a [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" }
        inputs.append(bomb)
        for _ in 0..<300 {
            let bytes = (0..<below(300, &generator)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        for _ in 0..<200 {
            // Valid documents with a few bytes changed to YAML and JSON syntax characters.
            var bytes = Array(writer.document().utf8)
            for _ in 0..<(1 + below(4, &generator)) where !bytes.isEmpty {
                bytes[below(bytes.count, &generator)] = pick(Array("[]{}:,-?&*!|>'\"#%@` \n\t\0".utf8), &generator)
            }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        let allowed: Set<RuntimeErrorCode> = [.fuelExhausted, .memoryExceeded, .valueTooDeep, .invalidArgument]
        for (index, text) in inputs.enumerated() {
            for budget in [Limits(), limits(fuel: 3_000, memory: 50_000, depth: 16)] {
                var calls: [(String, [Value])] = [("parse_json", [.string(text)]), ("is_json", [.string(text)]),
                                                  ("parse_yaml", [.string(text)]), ("to_json", [.string(text)])]
                let tag = index % 3 == 0 ? String(text.prefix(5)) : pick(["a", "think", "x:y"], &generator)
                for name in ["extract_tag", "extract_tags", "last_tag"] { calls.append((name, [.string(text), .string(tag)])) }
                for (name, arguments) in calls {
                    do throws(RuntimeError) {
                        let result = try call(name, arguments, limits: budget)
                        #expect(!ValueDepth.exceeds(result, limit: budget.maxValueDepth), "\(name) returned too deep a value")
                        if case .float(let number) = result { #expect(!number.isNaN, "\(name) returned NaN") }
                        if name.hasPrefix("parse") {
                            // Whatever was parsed can be written back as JSON.
                            _ = try? call("to_json", [result], limits: budget)
                        }
                    } catch {
                        #expect(allowed.contains(error.code), "\(name) on input \(index): \(error.code) \(error.message)")
                    }
                }
            }
        }
    }
}
