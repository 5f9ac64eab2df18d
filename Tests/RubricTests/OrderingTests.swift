import OrderedCollections
import Testing
@testable import Rubric

/// The outcome of a comparison: an order or the code of the error it raised.
private enum Outcome: Equatable {
    case order(Int)
    case error(RuntimeErrorCode)
}

/// Compares two values and returns the order, or the error code when comparison fails.
private func order(_ a: Value, _ b: Value) -> Outcome {
    do throws(RuntimeError) {
        return .order(try compareValues(a, b, nil))
    } catch {
        return .error(error.code)
    }
}

/// Tests of the ordering code.
@Suite struct OrderingTests {
    /// Checks that ints and floats compare numerically and exactly, without rounding the int.
    @Test func numbersCompareExactlyAcrossIntAndFloat() {
        #expect(order(.int(1), .int(2)) == .order(-1))
        #expect(order(.int(2), .float(2.0)) == .order(0))
        #expect(order(.float(2.5), .int(2)) == .order(1))
        #expect(order(.int(-3), .float(-2.5)) == .order(-1))
        #expect(order(.int(-2), .float(-2.5)) == .order(1))
        // 2^53 + 1 rounds to 2^53 as a double; an exact comparison still sees it as larger.
        let twoTo53 = 9_007_199_254_740_992
        #expect(order(.int(twoTo53 + 1), .float(9_007_199_254_740_992.0)) == .order(1))
        #expect(order(.float(9_007_199_254_740_992.0), .int(twoTo53 + 1)) == .order(-1))
        // Int.max is 2^63 - 1, below the double 2^63.
        #expect(order(.int(.max), .float(9_223_372_036_854_775_808.0)) == .order(-1))
        #expect(order(.int(.min), .float(-9_223_372_036_854_775_808.0)) == .order(0))
        #expect(order(.int(.min), .float(-.infinity)) == .order(1))
        #expect(order(.int(.max), .float(.infinity)) == .order(-1))
        #expect(order(.float(-0.0), .int(0)) == .order(0))
    }

    /// Checks that NaN cannot be ordered against anything, itself included.
    @Test func nanCannotBeOrdered() {
        #expect(order(.float(.nan), .float(1)) == .error(.notANumber))
        #expect(order(.int(1), .float(.nan)) == .error(.notANumber))
        #expect(order(.float(.nan), .float(.nan)) == .error(.notANumber))
        #expect(order(.list([.float(.nan)]), .list([.float(.nan)])) == .error(.notANumber))
    }

    /// Checks that strings order by Unicode scalar values as Python does, not by Swift's String `<`.
    @Test func stringsOrderByScalarValues() {
        #expect(order(.string("a"), .string("b")) == .order(-1))
        #expect(order(.string("B"), .string("a")) == .order(-1))
        #expect(order(.string("ab"), .string("a")) == .order(1))
        #expect(order(.string(""), .string("")) == .order(0))
        // Precomposed é (U+00E9) versus e + combining acute (U+0065 U+0301): Swift calls them
        // equal; Python orders them by scalars ('\xe9' > 'e\u0301').
        #expect(order(.string("\u{E9}"), .string("e\u{301}")) == .order(1))
        // Astral scalars sort after the BMP, as in Python (UTF-16 order would differ for U+FF61).
        #expect(order(.string("\u{1F600}"), .string("\u{FF61}")) == .order(1))
        // Property: for random strings the order matches the order of their scalar arrays.
        var generator = SeededGenerator(state: 7)
        let alphabet: [Unicode.Scalar] = ["a", "b", "\u{E9}", "e", "\u{301}", "\u{FF61}", "\u{1F600}", "\u{0}"]
        for _ in 0..<500 {
            let x = builtinTestRandomString(alphabet, &generator)
            let y = builtinTestRandomString(alphabet, &generator)
            let expected = Array(x.unicodeScalars).map(\.value).lexicographicallyPrecedes(Array(y.unicodeScalars).map(\.value))
                ? -1 : (Array(x.unicodeScalars) == Array(y.unicodeScalars) ? 0 : 1)
            #expect(order(.string(x), .string(y)) == .order(expected))
        }
    }

    /// Checks lexicographic list order, bools, and type errors for unorderable pairs.
    @Test func listsBoolsAndTypeErrors() {
        #expect(order(.list([.int(1), .int(2)]), .list([.int(1), .int(3)])) == .order(-1))
        #expect(order(.list([.int(1)]), .list([.int(1), .int(0)])) == .order(-1))
        #expect(order(.list([]), .list([])) == .order(0))
        #expect(order(.list([.list([.string("b")])]), .list([.list([.string("a"), .int(1)])])) == .order(1))
        // Like Python, equal leading elements are skipped even when they cannot be ordered.
        #expect(order(.list([.null, .int(1)]), .list([.null, .int(2)])) == .order(-1))
        #expect(order(.list([.null, .int(1)]), .list([.int(0), .int(2)])) == .error(.typeError))
        #expect(order(.bool(false), .bool(true)) == .order(-1))
        #expect(order(.bool(true), .int(1)) == .error(.typeError))
        #expect(order(.string("1"), .int(1)) == .error(.typeError))
        #expect(order(.null, .null) == .error(.typeError))
        let map = Value.map(["a": .int(1)])
        #expect(order(map, map) == .error(.typeError))
        do throws(RuntimeError) {
            _ = try compareValues(.int(1), .string("x"), nil)
            Issue.record("expected a type error")
        } catch {
            #expect(error.message == "cannot compare int and string")
        }
    }

    /// Checks that very deep lists fail or are elided instead of exhausting the stack.
    @Test func deepNestingIsBounded() {
        var deep = Value.int(1)
        var twin = Value.int(1)
        for _ in 0..<2_000 {
            deep = .list([deep])
            twin = .list([twin])
        }
        #expect(order(deep, twin) == .error(.valueTooDeep))
        // A list compared with itself is equal without a walk.
        #expect(order(deep, deep) == .order(0))
        let text = displayString(deep, maxBytes: .max)
        #expect(text.hasPrefix("[[[") && text.contains("[...]"))
        #expect(text.utf8.count == 2 * maxNestingWalked + 5)
        var shallow = Value.int(1)
        for _ in 0..<100 { shallow = .list([shallow]) }
        #expect(order(shallow, shallow) == .order(0))
    }

    /// Checks `pythonFloatRepr` against values printed by CPython's `repr(float)`.
    @Test func floatReprMatchesPython() {
        let cases: [(Double, String)] = [
            (1.0, "1.0"), (0.1, "0.1"), (1e-05, "1e-05"), (1e20, "1e+20"), (1e16, "1e+16"),
            (9999999999999998.0, "9999999999999998.0"), (1e15, "1000000000000000.0"), (0.0001, "0.0001"),
            (1e22, "1e+22"), (-1.5e-07, "-1.5e-07"), (123456.789, "123456.789"),
            (9007199254740992.0, "9007199254740992.0"), (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (2.5e-05, "2.5e-05"),
            (1.234e-05, "1.234e-05"), (9.5e15, "9500000000000000.0"), (100.0, "100.0"), (1234.5, "1234.5"),
            (-0.0, "-0.0"), (0.0, "0.0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
            (1.2345678901234568e+17, "1.2345678901234568e+17"), (1e-4 / 3, "3.3333333333333335e-05"),
        ]
        for (value, expected) in cases {
            #expect(pythonFloatRepr(value) == expected, "repr of \(value)")
        }
    }

    /// Property: the repr reads back as the same double, and uses exponent form exactly where
    /// Python does (decimal exponent below -4 or at least 16).
    @Test func floatReprRoundTripsAndChoosesLayoutLikePython() {
        var generator = SeededGenerator(state: 11)
        for _ in 0..<5_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite, value != 0 else { continue }
            let text = pythonFloatRepr(value)
            #expect(Double(text) == value, "\(text) should read back as \(value)")
            let exponent = Int(value.magnitude.exponent)  // binary exponent; decimal is ~0.301 of it
            let decimalExponent = Int((Double(exponent) * 0.30103).rounded(.down))
            if decimalExponent < -6 || decimalExponent > 17 { #expect(text.contains("e")) }
            if decimalExponent > -3 && decimalExponent < 15 { #expect(!text.contains("e") && text.contains(".")) }
        }
    }

    /// Checks how `str` and interpolation show values, including nested quoting and map order.
    @Test func displayStringShowsValuesLikeJSON() {
        #expect(displayString(.string("plain \"text\""), maxBytes: .max) == "plain \"text\"")
        #expect(displayString(.int(-42), maxBytes: .max) == "-42")
        #expect(displayString(.float(2.5), maxBytes: .max) == "2.5")
        #expect(displayString(.float(3), maxBytes: .max) == "3.0")
        #expect(displayString(.bool(true), maxBytes: .max) == "true")
        #expect(displayString(.null, maxBytes: .max) == "null")
        #expect(displayString(.list([.string("a"), .int(1)]), maxBytes: .max) == "[\"a\", 1]")
        #expect(displayString(.list([]), maxBytes: .max) == "[]")
        var entries = OrderedDictionary<String, Value>()
        entries["z"] = .float(2.5)
        entries["a"] = .list([.null, .bool(false)])
        #expect(displayString(.map(entries), maxBytes: .max) == "{\"z\": 2.5, \"a\": [null, false]}")
        #expect(displayString(.map([:]), maxBytes: .max) == "{}")
        #expect(displayString(.list([.string("q\"\\\n\t\u{1}é")]), maxBytes: .max) == "[\"q\\\"\\\\\\n\\t\\u0001é\"]")
    }
}


/// A random string of up to 6 scalars from `alphabet`.
func builtinTestRandomString(_ alphabet: [Unicode.Scalar], _ generator: inout SeededGenerator) -> String {
    var scalars = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...6, using: &generator) {
        scalars.append(alphabet.randomElement(using: &generator)!)
    }
    return String(scalars)
}
