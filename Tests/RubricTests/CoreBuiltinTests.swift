import OrderedCollections
import RubricSemantics
import Testing
@testable import Rubric

/// The static result type of `name` for the given argument types, or nil when `validate` rejects them.
private func resultType(_ name: String, _ types: [RType]) -> RType? {
    let signature = BuiltinLibrary.all.first { $0.name == name }!.signature
    if signature.validate?(types) != nil { return nil }
    return signature.result(types)
}

/// A list of ints.
private func ints(_ values: [Int]) -> Value { .list(values.map { .int($0) }) }

/// Limits with a small memory budget.
private func smallMemory(_ bytes: Int) -> Limits {
    var limits = Limits()
    limits.memoryBytes = bytes
    return limits
}

/// Tests of the core builtins (numbers, conversions, lists and maps) and the math builtins.
@Suite struct CoreBuiltinTests {
    /// Checks that every builtin has a summary and a unique name, and that the families are registered.
    @Test func registryIsConsistent() {
        #expect(BuiltinLibrary.indexByName.count == BuiltinLibrary.all.count)
        for builtin in BuiltinLibrary.all { #expect(!builtin.signature.summary.isEmpty, "\(builtin.name) has no summary") }
        for name in ["len", "sum", "sort", "range", "split", "token_count", "sqrt", "pi"] {
            #expect(BuiltinLibrary.indexByName[name] != nil, "\(name) is registered")
        }
    }

    /// Checks len on strings (Unicode scalars, like Python), lists and maps.
    @Test func lenCountsScalarsElementsAndEntries() throws {
        #expect(try call("len", [.string("héllo")]) == .int(5))
        #expect(try call("len", [.string("e\u{301}")]) == .int(2))
        #expect(try call("len", [.string("👨‍👩‍👧")]) == .int(5))
        #expect(try call("len", [ints([1, 2, 3])]) == .int(3))
        #expect(try call("len", [.map(["a": .null])]) == .int(1))
        #expect(failure("len", [.int(3)]) == .typeError)
        #expect(resultType("len", [.int]) == nil)
        #expect(resultType("len", [.any]) == .int)
    }

    /// Checks sum, product and mean: exact ints with overflow errors, compensated floats, type errors.
    @Test func sumProductAndMean() throws {
        #expect(try call("sum", [ints([1, 2, 3])]) == .int(6))
        #expect(try call("sum", [.list([])]) == .int(0))
        #expect(try call("sum", [.list([.int(1), .float(2.5)])]) == .float(3.5))
        // Compensated like Python 3.12+ and math.fsum (plain addition gives 0.9999999999999999).
        #expect(try call("sum", [.list(Array(repeating: .float(0.1), count: 10))]) == .float(1.0))
        #expect(failure("sum", [ints([.max, 1])]) == .integerOverflow)
        #expect(failure("sum", [.list([.bool(true)])]) == .typeError)
        #expect(try call("product", [ints([2, 3, 4])]) == .int(24))
        #expect(try call("product", [.list([])]) == .int(1))
        #expect(try call("product", [.list([.int(2), .float(0.5)])]) == .float(1.0))
        #expect(failure("product", [ints([1 << 32, 1 << 32])]) == .integerOverflow)
        #expect(try call("mean", [ints([1, 2, 3, 4])]) == .float(2.5))
        #expect(try call("mean", [ints([.max, .max])]) == .float(Double(Int.max)))
        #expect(failure("mean", [.list([])]) == .invalidArgument)
        #expect(resultType("sum", [.list(.int)]) == .int)
        #expect(resultType("sum", [.list(.float)]) == .float)
        #expect(resultType("sum", [.list(.number)]) == .number)
        #expect(resultType("mean", [.list(.int)]) == .float)
    }

    /// Checks min and max in both forms, mixed numbers, strings, and their errors.
    @Test func minAndMax() throws {
        #expect(try call("min", [ints([3, 1, 2])]) == .int(1))
        #expect(try call("max", [ints([3, 1, 2])]) == .int(3))
        #expect(try call("max", [.int(1), .float(2.5)]) == .float(2.5))
        // Mixed ints and floats give a float, matching the static type join(int, float).
        let mixed = try call("max", [.int(3), .float(2.5)])
        guard case .float(3.0) = mixed else { Issue.record("expected 3.0, got \(mixed)"); return }
        #expect(try call("min", [.string("b"), .string("a"), .string("B")]) == .string("B"))
        #expect(try call("max", [.list([.list([.int(1), .int(2)]), .list([.int(1), .int(3)])])]) == ints([1, 3]))
        #expect(failure("max", [.list([])]) == .invalidArgument)
        #expect(failure("max", [.list([.float(.nan)])]) == .notANumber)
        #expect(failure("min", [.list([.int(1), .float(.nan)])]) == .notANumber)
        #expect(failure("min", [.int(1), .string("a")]) == .typeError)
        #expect(failure("min", [.int(1)]) == .typeError)
        #expect(resultType("min", [.list(.int)]) == .int)
        #expect(resultType("max", [.int, .int, .int]) == .int)
        #expect(resultType("max", [.int, .float]) == .float)
        #expect(resultType("max", [.string, .string]) == .string)
        #expect(resultType("max", [.int]) == nil)
        #expect(resultType("max", [.list(.optional(.int))]) == nil)
        #expect(resultType("max", [.int, .string]) == nil)
    }

    /// Checks abs and clip, including their result types.
    @Test func absAndClip() throws {
        #expect(try call("abs", [.int(-3)]) == .int(3))
        #expect(try call("abs", [.float(-2.5)]) == .float(2.5))
        #expect(failure("abs", [.int(.min)]) == .integerOverflow)
        #expect(try call("clip", [.int(5), .int(0), .int(3)]) == .int(3))
        #expect(try call("clip", [.int(-5), .int(0), .int(3)]) == .int(0))
        let clipped = try call("clip", [.int(2), .float(0), .int(3)])
        guard case .float(2.0) = clipped else { Issue.record("expected 2.0, got \(clipped)"); return }
        #expect(try call("clip", [.float(0.25), .int(0), .int(1)]) == .float(0.25))
        #expect(failure("clip", [.int(1), .int(3), .int(0)]) == .invalidArgument)
        #expect(failure("clip", [.float(.nan), .int(0), .int(1)]) == .notANumber)
        #expect(resultType("clip", [.int, .int, .int]) == .int)
        #expect(resultType("clip", [.float, .int, .int]) == .float)
        #expect(resultType("clip", [.any, .int, .int]) == .number)
        #expect(resultType("abs", [.float]) == .float)
    }

    /// Checks round against CPython: half-even, exact decimal value of the double, signed zeros,
    /// negative digits and overflow.
    @Test func roundMatchesPython() throws {
        let toInt: [(Double, Int)] = [(2.5, 2), (-2.5, -2), (0.5, 0), (1.5, 2), (-0.4, 0), (2.6, 3)]
        for (x, expected) in toInt { #expect(try call("round", [.float(x), .null]) == .int(expected), "round(\(x))") }
        #expect(try call("round", [.int(7), .null]) == .int(7))
        let toFloat: [(Double, Int, Double)] = [
            (2.675, 2, 2.67), (0.125, 2, 0.12), (0.375, 2, 0.38), (1234.5678, -2, 1200.0),
            (5.0, -1, 0.0), (15.0, -1, 20.0), (0.1 + 0.2, 15, 0.3), (1e-7, 6, 0.0),
            (5e-324, 400, 5e-324), (123.456, -400, 0.0), (1.7976931348623157e308, 0, 1.7976931348623157e308),
        ]
        for (x, digits, expected) in toFloat {
            #expect(try call("round", [.float(x), .int(digits)]) == .float(expected), "round(\(x), \(digits))")
        }
        guard case .float(let negativeZero) = try call("round", [.float(-0.4), .int(0)]) else { Issue.record("not a float"); return }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        #expect(failure("round", [.float(1.7976931348623157e308), .int(-308)]) == .invalidArgument)
        #expect(failure("round", [.float(.infinity), .null]) == .invalidArgument)
        #expect(failure("round", [.float(.nan), .null]) == .notANumber)
        #expect(failure("round", [.float(1e19), .null]) == .integerOverflow)
        #expect(resultType("round", [.float, .null]) == .int)
        #expect(resultType("round", [.float, .int]) == .float)
    }

    /// Checks floor and ceil on ints, floats and values that do not fit an int.
    @Test func floorAndCeil() throws {
        #expect(try call("floor", [.float(-2.5)]) == .int(-3))
        #expect(try call("ceil", [.float(-2.5)]) == .int(-2))
        #expect(try call("floor", [.int(4)]) == .int(4))
        #expect(try call("ceil", [.float(2.000001)]) == .int(3))
        #expect(failure("floor", [.float(.infinity)]) == .invalidArgument)
        #expect(failure("ceil", [.float(1e19)]) == .integerOverflow)
    }

    /// Checks float() and int() conversions with Python's string syntax.
    @Test func conversions() throws {
        #expect(try call("float", [.string(" 2.5 ")]) == .float(2.5))
        #expect(try call("float", [.string("1_000.5e-1")]) == .float(100.05))
        #expect(try call("float", [.string("-Infinity")]) == .float(-.infinity))
        #expect(try call("float", [.string("1e400")]) == .float(.infinity))
        #expect(try call("float", [.string(".5")]) == .float(0.5))
        #expect(try call("float", [.bool(true)]) == .float(1))
        #expect(try call("float", [.int(3)]) == .float(3))
        #expect(failure("float", [.string("nan")]) == .notANumber)
        for bad in ["", "1__0", "_1", "0x10", "1e", "abc", "1.5.2", "١٫٥"] {
            #expect(failure("float", [.string(bad)]) == .invalidArgument, "float(\"\(bad)\")")
        }
        #expect(failure("float", [.null]) == .typeError)
        #expect(try call("int", [.float(-2.9)]) == .int(-2))
        #expect(try call("int", [.float(2.9)]) == .int(2))
        #expect(try call("int", [.string(" -42\n")]) == .int(-42))
        #expect(try call("int", [.string("1_000")]) == .int(1000))
        #expect(try call("int", [.string("٣٤")]) == .int(34))
        #expect(try call("int", [.string("-9223372036854775808")]) == .int(.min))
        #expect(try call("int", [.bool(false)]) == .int(0))
        #expect(failure("int", [.string("9223372036854775808")]) == .integerOverflow)
        #expect(failure("int", [.string("4.5")]) == .invalidArgument)
        #expect(failure("int", [.float(.nan)]) == .notANumber)
        #expect(failure("int", [.float(-.infinity)]) == .invalidArgument)
        #expect(resultType("int", [.list(.int)]) == nil)
    }

    /// Checks str, type_of and is_null.
    @Test func strTypeOfAndIsNull() throws {
        #expect(try call("str", [.float(1e-5)]) == .string("1e-05"))
        #expect(try call("str", [.list([.string("a"), .int(1)])]) == .string("[\"a\", 1]"))
        #expect(try call("str", [.string("as is")]) == .string("as is"))
        #expect(try call("type_of", [.float(1)]) == .string("float"))
        #expect(try call("type_of", [.map([:])]) == .string("map"))
        #expect(try call("is_null", [.null]) == .bool(true))
        #expect(try call("is_null", [.int(0)]) == .bool(false))
    }

    /// Checks that sort is stable in both directions (1 and 1.0 compare equal but are distinguishable)
    /// and agrees with Swift's sort on random ints.
    @Test func sortIsStableAndCorrect() throws {
        let sorted = try call("sort", [.list([.float(1), .int(1), .int(0)]), .bool(false)])
        guard case .list(let ascending) = sorted, ascending.count == 3,
              case .int(0) = ascending[0], case .float(1) = ascending[1], case .int(1) = ascending[2] else {
            Issue.record("expected [0, 1.0, 1], got \(sorted)"); return
        }
        let reversed = try call("sort", [.list([.int(1), .float(1), .int(2)]), .bool(true)])
        guard case .list(let descending) = reversed, descending.count == 3,
              case .int(2) = descending[0], case .int(1) = descending[1], case .float(1) = descending[2] else {
            Issue.record("expected [2, 1, 1.0], got \(reversed)"); return
        }
        var generator = SeededGenerator(state: 3)
        for length in [0, 1, 2, 3, 7, 8, 9, 31, 100, 257] {
            let values = (0..<length).map { _ in Int.random(in: -20...20, using: &generator) }
            #expect(try call("sort", [ints(values), .bool(false)]) == ints(values.sorted()))
            #expect(try call("sort", [ints(values), .bool(true)]) == ints(values.sorted(by: >)))
        }
        #expect(try call("sort", [.list([.string("b"), .string("B"), .string("a")]), .bool(false)])
            == .list([.string("B"), .string("a"), .string("b")]))
        #expect(failure("sort", [.list([.int(1), .string("a")]), .bool(false)]) == .typeError)
        #expect(failure("sort", [.list([.float(.nan), .int(1)]), .bool(false)]) == .notANumber)
        #expect(resultType("sort", [.list(.int), .bool]) == .list(.int))
        #expect(resultType("sort", [.list(.map(.int)), .bool]) == nil)
    }

    /// Checks reverse, unique, count, index_of and flatten.
    @Test func listHelpers() throws {
        #expect(try call("reverse", [ints([1, 2, 3])]) == ints([3, 2, 1]))
        #expect(try call("reverse", [.string("ab\u{301}c")]) == .string("c\u{301}ba"))
        let unique = try call("unique", [.list([.int(1), .float(1), .string("a"), .string("a"), ints([1]),
                                                .list([.float(1)]), .map(["k": .int(1)]), .map(["k": .float(1)])])])
        #expect(unique == .list([.int(1), .string("a"), ints([1]), .map(["k": .int(1)])]))
        guard case .list(let withNaN) = try call("unique", [.list([.float(.nan), .float(.nan)])]) else { return }
        #expect(withNaN.count == 2, "NaN equals nothing, so each NaN is kept")
        #expect(try call("count", [ints([1, 2, 1]), .float(1)]) == .int(2))
        #expect(try call("index_of", [ints([5, 6, 7]), .int(7)]) == .int(2))
        #expect(try call("index_of", [ints([5, 6, 7]), .int(8)]) == .int(-1))
        #expect(try call("flatten", [.list([ints([1, 2]), ints([]), ints([3])])]) == ints([1, 2, 3]))
        #expect(failure("flatten", [.list([ints([1]), .int(2)])]) == .typeError)
        #expect(resultType("flatten", [.list(.list(.string))]) == .list(.string))
        #expect(resultType("reverse", [.string]) == .string)
        #expect(resultType("unique", [.list(.float)]) == .list(.float))
    }

    /// Checks keys, values, items and get, including insertion order and negative list indices.
    @Test func mapHelpersAndGet() throws {
        var entries = OrderedDictionary<String, Value>()
        entries["z"] = .int(1)
        entries["a"] = .int(2)
        let map = Value.map(entries)
        #expect(try call("keys", [map]) == .list([.string("z"), .string("a")]))
        #expect(try call("values", [map]) == ints([1, 2]))
        #expect(try call("items", [map]) == .list([.list([.string("z"), .int(1)]), .list([.string("a"), .int(2)])]))
        #expect(try call("get", [map, .string("a"), .null]) == .int(2))
        #expect(try call("get", [map, .string("b"), .null]) == .null)
        #expect(try call("get", [map, .string("b"), .int(0)]) == .int(0))
        #expect(try call("get", [ints([1, 2, 3]), .int(-1), .null]) == .int(3))
        #expect(try call("get", [ints([1, 2, 3]), .int(3), .string("none")]) == .string("none"))
        #expect(try call("get", [ints([1, 2, 3]), .int(-4), .null]) == .null)
        #expect(failure("get", [map, .int(0), .null]) == .typeError)
        #expect(failure("get", [.string("abc"), .int(0), .null]) == .typeError)
        #expect(resultType("get", [.map(.int), .string, .null]) == .optional(.int))
        #expect(resultType("get", [.map(.int), .string, .int]) == .int)
        #expect(resultType("get", [.list(.string), .int, .null]) == .optional(.string))
        #expect(resultType("get", [.map(.int), .int, .null]) == nil)
        #expect(resultType("get", [.list(.int), .string, .null]) == nil)
        #expect(resultType("values", [.map(.float)]) == .list(.float))
        #expect(resultType("items", [.map(.string)]) == .list(.list(.string)))
        #expect(resultType("keys", [.map(.int)]) == .list(.string))
    }

    /// Checks range against Python and its memory and argument checks.
    @Test func rangeMatchesPythonAndChargesMemory() throws {
        #expect(try call("range", [.int(4), .null, .int(1)]) == ints([0, 1, 2, 3]))
        #expect(try call("range", [.int(-5), .null, .int(1)]) == ints([]))
        #expect(try call("range", [.int(2), .int(9), .int(2)]) == ints([2, 4, 6, 8]))
        #expect(try call("range", [.int(10), .int(0), .int(-3)]) == ints([10, 7, 4, 1]))
        #expect(try call("range", [.int(0), .int(-10), .int(-4)]) == ints([0, -4, -8]))
        #expect(try call("range", [.int(.max - 1), .int(.max), .int(5)]) == ints([.max - 1]))
        #expect(failure("range", [.int(0), .int(5), .int(0)]) == .invalidArgument)
        // 16 bytes per element: 1000 elements need 16 000 bytes.
        #expect(failure("range", [.int(1000), .null, .int(1)], limits: smallMemory(15_999)) == .memoryExceeded)
        #expect(failure("range", [.int(1000), .null, .int(1)], limits: smallMemory(16_000)) == nil)
        #expect(failure("range", [.int(.min), .int(.max), .int(1)]) == .memoryExceeded)
        var lowFuel = Limits()
        lowFuel.fuel = 100
        #expect(failure("range", [.int(100_000), .null, .int(1)], limits: lowFuel) == .fuelExhausted)
    }

    /// Checks zip, enumerate, any and all.
    @Test func zipEnumerateAnyAll() throws {
        #expect(try call("zip", [ints([1, 2, 3]), .list([.string("a"), .string("b")])])
            == .list([.list([.int(1), .string("a")]), .list([.int(2), .string("b")])]))
        #expect(try call("enumerate", [.list([.string("a"), .string("b")]), .int(1)])
            == .list([.list([.int(1), .string("a")]), .list([.int(2), .string("b")])]))
        #expect(failure("enumerate", [ints([1, 2]), .int(.max)]) == .integerOverflow)
        #expect(try call("any", [.list([.bool(false), .bool(true)])]) == .bool(true))
        #expect(try call("any", [.list([])]) == .bool(false))
        #expect(try call("all", [.list([])]) == .bool(true))
        #expect(try call("all", [.list([.bool(true), .bool(false)])]) == .bool(false))
        #expect(failure("all", [.list([.int(1)])]) == .typeError)
        #expect(resultType("zip", [.list(.int), .list(.float)]) == .list(.list(.float)))
        #expect(resultType("zip", [.list(.int), .list(.string)]) == .list(.list(.any)))
        #expect(resultType("enumerate", [.list(.int), .int]) == .list(.list(.int)))
    }

    /// Checks the math builtins against CPython's math module, and that they refuse to produce NaN.
    @Test func mathBuiltinsMatchPythonAndNeverReturnNaN() throws {
        #expect(try call("sqrt", [.int(2)]) == .float(1.4142135623730951))
        #expect(try call("log", [.int(8), .int(2)]) == .float(3.0))
        #expect(try call("log", [.float(1), .null]) == .float(0))
        #expect(try call("log10", [.int(1000)]) == .float(3))
        #expect(try call("log2", [.float(0.25)]) == .float(-2))
        #expect(try call("pow", [.int(2), .int(10)]) == .float(1024))
        #expect(try call("pow", [.int(-8), .int(3)]) == .float(-512))
        #expect(try call("exp", [.float(-.infinity)]) == .float(0))
        #expect(try call("sigmoid", [.int(0)]) == .float(0.5))
        #expect(try call("sigmoid", [.float(-1000)]) == .float(0))
        #expect(try call("sigmoid", [.float(1000)]) == .float(1))
        #expect(try call("tanh", [.float(0)]) == .float(0))
        #expect(try call("sign", [.float(-2.5)]) == .int(-1))
        #expect(try call("sign", [.float(-0.0)]) == .int(0))
        #expect(try call("sign", [.int(7)]) == .int(1))
        #expect(try call("is_nan", [.float(.nan)]) == .bool(true))
        #expect(try call("is_finite", [.float(.infinity)]) == .bool(false))
        #expect(try call("is_finite", [.int(3)]) == .bool(true))
        #expect(try call("pi", []) == .float(3.141592653589793))
        #expect(try call("e", []) == .float(2.718281828459045))
        #expect(failure("sqrt", [.int(-1)]) == .invalidArgument)
        #expect(failure("log", [.int(0), .null]) == .invalidArgument)
        #expect(failure("log", [.int(8), .int(1)]) == .invalidArgument)
        #expect(failure("log10", [.float(-1)]) == .invalidArgument)
        #expect(failure("exp", [.int(1000)]) == .invalidArgument)
        #expect(failure("pow", [.int(-8), .float(1.0 / 3)]) == .invalidArgument)
        #expect(failure("pow", [.int(0), .int(-1)]) == .invalidArgument)
        #expect(failure("pow", [.float(10), .float(400)]) == .invalidArgument)
        #expect(failure("sin", [.float(.infinity)]) == .invalidArgument)
        #expect(failure("cos", [.float(.nan)]) == .notANumber)
        #expect(failure("sqrt", [.bool(true)]) == .typeError)
        #expect(resultType("sign", [.float]) == .int)
        #expect(resultType("sqrt", [.int]) == .float)
    }
}
