import OrderedCollections
import Testing
@testable import Rubric
@testable import RubricSemantics

/// The cost table (`BuiltinCosts`) against the builtins' own metering: every builtin has an
/// entry, and on random arguments of every size the fuel a builtin charges never exceeds its
/// fuel formula and its result never exceeds its result shape. `check`'s cost bound is only
/// as good as these entries.
@Suite("Builtin cost table")
struct BuiltinCostTests {
    @Test func everyBuiltinHasACostEntryAndEveryEntryABuiltin() {
        let missing = BuiltinLibrary.all.filter { $0.signature.cost == nil }.map(\.name)
        #expect(missing.isEmpty, "no cost entry for \(missing)")
        let names = Set(BuiltinLibrary.all.map(\.name))
        let stray = BuiltinCosts.table.keys.filter { !names.contains($0) }
        #expect(stray.isEmpty, "cost entries for unknown builtins \(stray)")
    }

    @Test("fuel and result size stay within the cost entry", arguments: BuiltinLibrary.all.map(\.name))
    func chargesStayWithinTheEntry(_ name: String) throws {
        let builtin = try #require(BuiltinLibrary.all.first { $0.name == name })
        let cost = try #require(builtin.signature.cost)
        var generator = SeededGenerator(state: UInt64(name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }.magnitude))
        for _ in 0..<60 {
            var arguments = builtin.signature.parameters.map { CostArguments.argument(for: $0, &generator) }
            if let variadic = builtin.signature.variadic, Bool.random(using: &generator) {
                arguments += (0..<Int.random(in: 1...4, using: &generator)).map { _ in CostArguments.value(variadic, &generator) }
            }
            Self.check(builtin, cost, arguments)
        }
    }

    /// Arguments at the edges of the formulas: empty matches at every position, expanding
    /// case mappings and LaTeX, long lists, quadratic tables.
    static let adversarial: [(String, [Value])] = [
        ("find_all", [.string(String(repeating: "aé", count: 3000)), .string("")]),
        ("count_matches", [.string(String(repeating: "ab", count: 3000)), .string("a*")]),
        ("split_regex", [.string(String(repeating: "b", count: 5000)), .string("b|")]),
        ("replace_regex", [.string(String(repeating: "ab", count: 2000)), .string("a|"), .string("\\U$0$0${0}")]),
        ("replace", [.string(String(repeating: "é", count: 2000)), .string(""), .string("xyz")]),
        ("upper", [.string(String(repeating: "ΐ", count: 5000))]),
        ("lower", [.string(String(repeating: "İ", count: 5000))]),
        ("squad_normalize", [.string(String(repeating: "İ ", count: 5000))]),
        ("math_normalize", [.string(String(repeating: "\\frac12", count: 800))]),
        ("math_normalize", [.string(String(repeating: "\\sqrt2^\\circ", count: 800))]),
        ("repeat", [.string("é"), .int(3000)]),
        ("range", [.int(-1000), .int(1000), .int(7)]),
        ("sort", [.list((0..<5000).reversed().map { .int($0) }), .bool(false)]),
        ("sort", [.list((0..<4097).map { .int(($0 * 7919) % 4097) }), .bool(true)]),
        ("words", [.string(String(repeating: "a ", count: 5000))]),
        ("split", [.string(String(repeating: "a,", count: 3000)), .string(","), .int(-1)]),
        ("lines", [.string(String(repeating: "\n", count: 5000))]),
        ("edit_distance", [.string(String(repeating: "ab", count: 1500)), .string(String(repeating: "ba", count: 1400))]),
        ("rouge", [.string(String(repeating: "a b\n", count: 400)), .string(String(repeating: "b a\n", count: 400)),
                   .string("rougeLsum"), .bool(true)]),
        ("chrf", [.string(String(repeating: "ab cd ", count: 300)), .list([.string("ab"), .string("cd ef")]),
                  .int(6), .int(2), .int(2)]),
        ("bleu", [.string(String(repeating: "a ", count: 2000)), .list([.string(String(repeating: "a ", count: 2000))]),
                  .int(9), .bool(true)]),
        ("extract_tags", [.string(String(repeating: "<a></a>", count: 1000)), .string("a")]),
        ("to_json", [.list((0..<500).map { _ in .list([.string("\u{1}\u{2}"), .null, .float(-1.2345678901234567e-308)]) })]),
        ("str", [.map(["k": .list((0..<300).map { .int(Int.min + $0) })])]),
        ("parse_json", [.string("[" + Array(repeating: "[]", count: 2000).joined(separator: ",") + "]")]),
        ("flatten", [.list((0..<100).map { _ in .list((0..<50).map { .int($0) }) })]),
        ("join", [.list((0..<1000).map { _ in .string("x") }), .string("--")]),
        ("toolrl_correctness", [.list((0..<40).map { _ in GeneratedSample.toolCall(&BuiltinCostTests.fixed) }),
                                .list((0..<30).map { _ in GeneratedSample.toolCall(&BuiltinCostTests.fixed) }),
                                .float(3), .float(-3)]),
    ]
    nonisolated(unsafe) static var fixed = SeededGenerator(state: 3)

    @Test("adversarial arguments stay within the cost entry")
    func adversarialArgumentsStayWithinTheEntry() throws {
        for (name, arguments) in Self.adversarial {
            let builtin = try #require(BuiltinLibrary.all.first { $0.name == name })
            Self.check(builtin, try #require(builtin.signature.cost), arguments)
        }
    }

    /// Calls `builtin` on `arguments` and checks the fuel it charged (even when it fails) and
    /// the size of its result against its cost entry.
    static func check(_ builtin: Builtin, _ cost: BuiltinCost, _ arguments: [Value]) {
        var limits = Limits()
        limits.memoryBytes = 1 << 30
        limits.deadlineNanoseconds = 0
        let context = ExecutionContext(limits: limits)
        context.beginSample()
        var result: Value?
        do throws(RuntimeError) {
            result = try arguments.withUnsafeBufferPointer { buffer throws(RuntimeError) in try builtin.body(buffer, context) }
        } catch {
            _ = error.code  // failing is fine; the fuel charged before failing is still checked
        }
        let used = Double(limits.fuel - context.fuel)
        let bound = cost.fuel.evaluate({ CostMeasurement.measure(arguments[$1], $0) }, argumentCount: arguments.count)
        let withinFuel = used <= bound + 1e-9
        #expect(withinFuel, "\(builtin.name) charged \(used) > \(bound) for \(CostArguments.describe(arguments))")
        let fits = result.map { CostArguments.fits($0, cost.result, arguments) } ?? true
        #expect(fits, "\(builtin.name) returned \(CostArguments.describe(result.map { [$0] } ?? [])) outside its shape for \(CostArguments.describe(arguments))")
    }
}

/// Random arguments for the cost checks, from tiny to large, and the check that a result
/// fits a `ResultShape`.
enum CostArguments {
    static let patterns = ["a", "\\d+", "(a)(b)?", "", "x*", "\\s", "(?s).*", "[a-z]+", "(\\w)(\\w)?", "b|", "(?i)É"]

    /// An argument for `parameter`: its default now and then, a valid value where the
    /// parameter takes one of a few words, else a random value of its type.
    static func argument(for parameter: BuiltinParameter, _ generator: inout SeededGenerator) -> Value {
        if let constant = parameter.defaultValue, Int.random(in: 0..<3, using: &generator) == 0 {
            return BuiltinFuzzTests.value(constant)
        }
        let choices: [String]? = switch parameter.name {
        case "pattern": patterns
        case "kind": ["rouge1", "rouge2", "rouge9", "rougeL", "rougeLsum", "nope"]
        case "mode": ["auto", "boxed", "hash", "answer_is"]
        case "tag": ["answer", "think", "tool_call"]
        case "replacement": ["", "$1", "<$0>", "${1:+yes:no}", "\\U$0"]
        default: nil
        }
        if let choices, Int.random(in: 0..<8, using: &generator) != 0 {
            return .string(choices.randomElement(using: &generator)!)
        }
        // Counts that size a result (range, repeat) get large values too.
        if parameter.type == .int, ["n", "start", "stop"].contains(parameter.name) {
            return .int([-7, 0, 3, 100, 1000, 5000].randomElement(using: &generator)!)
        }
        return value(parameter.type, &generator)
    }

    /// A random value of `type`; `any` gets any JSON-like value.
    static func value(_ type: RType, _ generator: inout SeededGenerator, depth: Int = 0) -> Value {
        switch type {
        case .optional(let wrapped):
            return Int.random(in: 0..<5, using: &generator) == 0 ? .null : value(wrapped, &generator, depth: depth)
        case .string: return .string(text(&generator))
        case .int: return .int([-7, -1, 0, 1, 2, 3, 4, 9, 20].randomElement(using: &generator)!)
        case .float, .number:
            return Bool.random(using: &generator) ? .float(Double.random(in: -10...10, using: &generator))
                : .int(Int.random(in: -5...50, using: &generator))
        case .bool: return .bool(Bool.random(using: &generator))
        case .null: return .null
        case .list(let element):
            // Long lists of numbers; lists of texts (which may be long themselves) stay short.
            let numeric = element == .int || element == .float || element == .number || element == .bool
            let count = [0, 1, 2, 3, 8, 40, 200].randomElement(using: &generator)!
            let cap = depth > 0 ? 8 : (numeric ? 200 : 12)
            return .list((0..<min(count, cap)).map { _ in value(element, &generator, depth: depth + 1) })
        case .map(let element):
            let count = [0, 1, 2, 5, 20].randomElement(using: &generator)!
            var entries: OrderedDictionary<String, Value> = [:]
            for index in 0..<count {
                entries["k\(index)" + String(repeating: "é", count: index % 3)] = value(element, &generator, depth: depth + 1)
            }
            return .map(entries)
        case .any:
            if depth > 2 { return .string(text(&generator)) }
            let types: [RType] = [.string, .int, .float, .bool, .null, .list(.any), .map(.any)]
            return value(types.randomElement(using: &generator)!, &generator, depth: depth + 1)
        }
    }

    /// A random text: the builtin fuzzer's adversarial strings, words, markup or nothing.
    static func text(_ generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: return ""
        case 1: return (0..<Int.random(in: 1...60, using: &generator)).map { _ in
            ["the", "cat", "a", "Solution:", "2", "\\frac{1}{2}", "ΐ", "ß", "日本", "\n", "  ", "ﬃ", "İ"].randomElement(using: &generator)!
        }.joined(separator: " ")
        case 2: return "<think>\nwork\n</think>\n<answer>\n\\boxed{\(Int.random(in: 0...99, using: &generator))}\n</answer>"
        default: return BuiltinFuzzTests.randomText(&generator)
        }
    }

    /// True when `value` fits `shape` for these arguments: every size it has is within the
    /// shape's formula (evaluated on the arguments' sizes), or within the argument or element
    /// it is said to come from.
    static func fits(_ value: Value, _ shape: ResultShape, _ arguments: [Value]) -> Bool {
        func evaluate(_ formula: CostFormula) -> Double {
            formula.evaluate({ CostMeasurement.measure(arguments[$1], $0) }, argumentCount: arguments.count)
        }
        switch shape {
        case .never: return false
        case .scalar:
            switch value {
            case .string, .list, .map: return false
            default: return true
            }
        case .int(let magnitude):
            switch value {
            case .int(let number): return Double(number.magnitude) <= evaluate(magnitude)
            case .float, .null: return true  // the int bound is all a number result promises
            default: return false
            }
        case .string(let bytes):
            guard case .string(let text) = value else { return value == .null }
            return Double(text.utf8.count) <= evaluate(bytes)
        case .list(let length, let element):
            guard case .list(let items) = value else { return value == .null }
            return Double(items.count) <= evaluate(length) && items.allSatisfy { fits($0, element, arguments) }
        case .any(let size):
            return CostMeasurement.measure(value, .size) <= evaluate(size)
        case .argument(let index):
            return within(value, arguments[index])
        case .elementOf:
            return candidates(shape, arguments).contains { within(value, $0) } || value == .null
        case .integer(let index):
            guard case .int(let number) = value else { return value == .null || value.asDouble != nil }
            if case .int(let argument) = arguments[index] { return number.magnitude <= argument.magnitude }
            return true
        case .extreme:
            let pool = arguments.count == 1 ? elements(of: arguments[0]) : arguments
            return pool.contains { within(value, $0) }
        case .join(let parts):
            return parts.contains { fits(value, $0, arguments) }
        }
    }

    /// The concrete values a result shape that names arguments stands for.
    static func candidates(_ shape: ResultShape, _ arguments: [Value]) -> [Value] {
        switch shape {
        case .argument(let index): [arguments[index]]
        case .elementOf(let inner): candidates(inner, arguments).flatMap(elements(of:))
        default: []
        }
    }

    /// A list's elements or a map's values.
    static func elements(of value: Value) -> [Value] {
        switch value {
        case .list(let items): items
        case .map(let box): Array(box.entries.values)
        default: []
        }
    }

    /// True when no size of `value` exceeds the same size of `source` (a number counts by
    /// its absolute value, and a float fits wherever a number does).
    static func within(_ value: Value, _ source: Value) -> Bool {
        switch (value, source) {
        case (.int(let a), .int(let b)): return a.magnitude <= b.magnitude
        case (.int, .float), (.float, _), (.bool, _), (.null, _): return true
        default:
            return [ArgumentMeasure.bytes, .length, .size].allSatisfy {
                CostMeasurement.measure(value, $0) <= CostMeasurement.measure(source, $0)
            }
        }
    }

    /// Arguments, shortened, for failure messages.
    static func describe(_ values: [Value]) -> String {
        values.map { value in
            let text = displayString(value, maxBytes: 200)
            return text.count > 80 ? String(text.prefix(80)) + "…(\(text.utf8.count) bytes)" : text
        }.joined(separator: ", ")
    }
}

