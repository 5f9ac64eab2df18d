import RubricSemantics

/// The core builtins: sizes, arithmetic over lists, rounding, conversions and type tests
/// here, and the list and map helpers in `CoreCollectionBuiltins.swift`. Int arithmetic is
/// checked (overflow is an `integerOverflow` error), bools are never numbers, and every result
/// is deterministic. Metering follows the rules in `CoreSupport`.
extension BuiltinLibrary {
    /// Every core builtin, in registration order.
    static var core: [Builtin] { coreScalars + coreCollections + [fail] }

    /// fail(message) stops the sample with error E1110 and the message: a rubric's own
    /// assertion, for inputs its formula cannot score.
    static var fail: Builtin {
        Builtin(BuiltinSignature(
            "fail", [BuiltinParameter("message", .string)], returns: .any,
            summary: "Stops the sample with error E1110 and this message (a rubric's own assertion for inputs it cannot score).")
        ) { arguments, _ throws(RuntimeError) -> Value in
            let message = (try? CoreSupport.string(arguments[0], "fail")) ?? "fail"
            throw RuntimeError(.scriptFailure, message)
        }
    }

    /// The core builtins that compute with numbers and convert between types.
    static var coreScalars: [Builtin] {
        [
            // len(x) counts Unicode scalars of a string, elements of a list or entries of a map.
            Builtin(BuiltinSignature(
                "len", [BuiltinParameter("x", .any)], returns: { _ in .int },
                validate: { types in
                    let type = types[0]
                    return type == .string || CoreSupport.isList(type) || CoreSupport.isMap(type)
                        ? nil : "expected a string, list or map, but got \(CoreSupport.describe(type))"
                },
                summary: "Returns the number of characters (Unicode scalars) in a string, elements in a list or entries in a map.")
            ) { arguments, context throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .string(let text):
                    try CoreSupport.chargeBytes(context, text.utf8.count)
                    return .int(FastText.scalarCount(text))
                case .list(let elements): return .int(elements.count)
                case .map(let box): return .int(box.entries.count)
                default: throw CoreSupport.typeError("len", "a string, list or map", arguments[0])
                }
            },

            // sum(xs) adds ints exactly (failing on overflow) or, when any element is a float,
            // adds in floating point with Neumaier compensation as Python 3.12+ does.
            Builtin(BuiltinSignature(
                "sum", [BuiltinParameter("xs", .list(.number))],
                returns: { types in CoreSupport.numeric(CoreSupport.element(types[0])) },
                summary: "Returns the sum of a list of numbers: an int for ints (0 for an empty list), otherwise a float.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "sum", "a list of numbers")
                try CoreSupport.chargeElements(context, elements.count)
                return try CoreSupport.sum(elements, "sum")
            },

            // product(xs) multiplies ints exactly (failing on overflow) or floats left to right.
            Builtin(BuiltinSignature(
                "product", [BuiltinParameter("xs", .list(.number))],
                returns: { types in CoreSupport.numeric(CoreSupport.element(types[0])) },
                summary: "Returns the product of a list of numbers: an int for ints (1 for an empty list), otherwise a float.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "product", "a list of numbers")
                try CoreSupport.chargeElements(context, elements.count)
                let allInts = try CoreSupport.allInts(elements, "product")
                if allInts {
                    var total = 1
                    for case .int(let number) in elements {
                        let (next, overflow) = total.multipliedReportingOverflow(by: number)
                        if overflow { throw CoreSupport.overflow("product") }
                        total = next
                    }
                    return .int(total)
                }
                var total = 1.0
                for element in elements { total *= element.asDouble! }
                return .float(total)
            },

            // mean(xs) is the compensated float sum divided by the count; an empty list is an error.
            Builtin(BuiltinSignature(
                "mean", [BuiltinParameter("xs", .list(.number))], returns: .float,
                summary: "Returns the arithmetic mean of a non-empty list of numbers as a float.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "mean", "a list of numbers")
                try CoreSupport.chargeElements(context, elements.count)
                if elements.isEmpty { throw RuntimeError(.invalidArgument, "mean: the list is empty") }
                // An exact int sum is more accurate than adding ints as doubles; it falls back
                // to the compensated float sum when the ints overflow.
                let total: Double
                if try CoreSupport.allInts(elements, "mean"), let exact = CoreSupport.intSum(elements) {
                    total = Double(exact)
                } else {
                    total = CoreSupport.compensatedSum(elements)
                }
                return .float(total / Double(elements.count))
            },

            CoreSupport.extremeBuiltin("min", wantMax: false),
            CoreSupport.extremeBuiltin("max", wantMax: true),

            // abs(x) keeps the type of its argument; abs of the smallest int overflows.
            Builtin(BuiltinSignature(
                "abs", [BuiltinParameter("x", .number)], returns: { types in CoreSupport.numeric(types[0]) },
                summary: "Returns the absolute value of a number, keeping its type.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .int(let number):
                    if number == .min { throw CoreSupport.overflow("abs") }
                    return .int(abs(number))
                case .float(let number): return .float(number.magnitude)
                default: throw CoreSupport.typeError("abs", "a number", arguments[0])
                }
            },

            // clip(x, lo, hi) bounds x to [lo, hi]; the result is an int only if all three are.
            Builtin(BuiltinSignature(
                "clip", [BuiltinParameter("x", .number), BuiltinParameter("lo", .number), BuiltinParameter("hi", .number)],
                returns: { types in
                    if types.allSatisfy({ $0 == .int }) { return .int }
                    return types.contains(.float) ? .float : .number  // `any` or `number` may hold either
                },
                summary: "Returns x limited to the range [lo, hi]; an int when all arguments are ints, otherwise a float.")
            ) { arguments, context throws(RuntimeError) -> Value in
                var allInts = true
                for (index, what) in ["x", "lo", "hi"].enumerated() {
                    switch arguments[index] {
                    case .int: break
                    case .float(let number):
                        allInts = false
                        if number.isNaN { throw RuntimeError(.notANumber, "clip: \(what) is NaN") }
                    default: throw CoreSupport.typeError("clip", "a number for \(what)", arguments[index])
                    }
                }
                let (x, lo, hi) = (arguments[0], arguments[1], arguments[2])
                if try compareValues(lo, hi, context) > 0 {
                    throw RuntimeError(.invalidArgument, "clip: lo (\(displayString(lo, maxBytes: 100))) is greater than hi (\(displayString(hi, maxBytes: 100)))")
                }
                var result = x
                if try compareValues(x, lo, context) < 0 { result = lo } else if try compareValues(x, hi, context) > 0 { result = hi }
                return allInts ? result : .float(result.asDouble!)
            },

            // round(x) rounds half to even and returns an int, like Python's round(x);
            // round(x, digits) returns a float rounded half-even on the exact decimal value of x,
            // like Python's round(x, digits) on a float (an int x is converted to float first).
            Builtin(BuiltinSignature(
                "round", [BuiltinParameter("x", .number), BuiltinParameter("digits", .optional(.int), default: .null)],
                returns: { types in types[1] == .null ? .int : .float },
                summary: "Rounds half to even: round(x) returns an int, round(x, digits) a float with that many decimal places (negative digits round to tens, hundreds, ...).")
            ) { arguments, _ throws(RuntimeError) -> Value in
                if case .null = arguments[1] {
                    switch arguments[0] {
                    case .int: return arguments[0]
                    case .float(let number): return .int(try CoreSupport.exactInt(number.rounded(.toNearestOrEven), "round"))
                    default: throw CoreSupport.typeError("round", "a number", arguments[0])
                    }
                }
                let number = try CoreSupport.number(arguments[0], "round")
                let digits = try CoreSupport.int(arguments[1], "round", "an int for digits")
                guard let rounded = DecimalRounding.round(number, digits: digits) else {
                    throw RuntimeError(.invalidArgument, "round: the rounded value is too large to represent as a float")
                }
                return .float(rounded)
            },

            // floor(x) is the largest int not above x.
            CoreSupport.roundingBuiltin("floor", .down, "Returns the largest int less than or equal to x."),
            // ceil(x) is the smallest int not below x.
            CoreSupport.roundingBuiltin("ceil", .up, "Returns the smallest int greater than or equal to x."),

            // float(x) converts numbers, bools and numeric strings (Python's float() syntax);
            // a NaN result is refused, since NaN rewards poison training.
            Builtin(BuiltinSignature(
                "float", [BuiltinParameter("x", .any)], returns: { _ in .float },
                validate: { types in CoreSupport.isConvertible(types[0]) ? nil
                    : "expected a number, bool or string, but got \(CoreSupport.describe(types[0]))" },
                summary: "Converts an int, bool or numeric string (such as \" 2.5 \", \"1e-3\" or \"inf\") to a float.")
            ) { arguments, context throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .int(let number): return .float(Double(number))
                case .float: return arguments[0]
                case .bool(let flag): return .float(flag ? 1 : 0)
                case .string(let text):
                    try CoreSupport.chargePerByte(context, text.utf8.count, BuiltinCosts.floatParsingUnitsPerByte)
                    guard let number = NumberParsing.parseFloat(text) else {
                        throw RuntimeError(.invalidArgument, "float: cannot convert \(CoreSupport.preview(text)) to a float")
                    }
                    if number.isNaN { throw RuntimeError(.notANumber, "float: refusing to produce NaN") }
                    return .float(number)
                default: throw CoreSupport.typeError("float", "a number, bool or string", arguments[0])
                }
            },

            // int(x) truncates floats toward zero and parses base-10 strings (Python's int() syntax).
            Builtin(BuiltinSignature(
                "int", [BuiltinParameter("x", .any)], returns: { _ in .int },
                validate: { types in CoreSupport.isConvertible(types[0]) ? nil
                    : "expected a number, bool or string, but got \(CoreSupport.describe(types[0]))" },
                summary: "Converts a float (truncating toward zero), bool or base-10 integer string to an int.")
            ) { arguments, context throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .int: return arguments[0]
                case .float(let number): return .int(try CoreSupport.exactInt(number.rounded(.towardZero), "int"))
                case .bool(let flag): return .int(flag ? 1 : 0)
                case .string(let text):
                    try CoreSupport.chargePerByte(context, text.utf8.count, 1)
                    switch NumberParsing.parseInt(text) {
                    case .value(let number): return .int(number)
                    case .overflow: throw CoreSupport.overflow("int")
                    case .invalid:
                        throw RuntimeError(.invalidArgument, "int: cannot convert \(CoreSupport.preview(text)) to an int")
                    }
                default: throw CoreSupport.typeError("int", "a number, bool or string", arguments[0])
                }
            },

            // str(x) is the text string interpolation shows (see `displayString`).
            Builtin(BuiltinSignature(
                "str", [BuiltinParameter("x", .any)], returns: .string,
                summary: "Returns the text form of a value, as string interpolation shows it (floats as Python prints them, lists and maps as JSON-like text).")
            ) { arguments, context throws(RuntimeError) -> Value in
                if case .string = arguments[0] { return arguments[0] }
                let text = try displayString(arguments[0], context)
                try CoreSupport.chargeString(context, text.utf8.count)
                return .string(text)
            },

            // type_of(x) names the run-time type of a value.
            Builtin(BuiltinSignature(
                "type_of", [BuiltinParameter("x", .any)], returns: .string,
                summary: "Returns the run-time type of a value: \"null\", \"bool\", \"int\", \"float\", \"string\", \"list\" or \"map\".")
            ) { arguments, _ throws(RuntimeError) -> Value in
                .string(arguments[0].typeName)
            },

            // is_null(x) tests for null.
            Builtin(BuiltinSignature(
                "is_null", [BuiltinParameter("x", .any)], returns: .bool,
                summary: "Returns true if the value is null.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                .bool(arguments[0].isNull)
            },
        ]
    }
}

extension CoreSupport {
    /// Returns true when every element is an int; throws a type error at the first element
    /// that is not a number.
    static func allInts(_ elements: [Value], _ name: String) throws(RuntimeError) -> Bool {
        var allInts = true
        for element in elements {
            switch element {
            case .int: continue
            case .float: allInts = false
            default:
                throw RuntimeError(.typeError, "\(name): expected a list of numbers, got a list containing \(element.typeName)")
            }
        }
        return allInts
    }

    /// Sums numbers: exactly as ints when all are ints, otherwise with compensated floats.
    static func sum(_ elements: [Value], _ name: String) throws(RuntimeError) -> Value {
        guard try allInts(elements, name) else { return .float(compensatedSum(elements)) }
        guard let total = intSum(elements) else { throw CoreSupport.overflow(name) }
        return .int(total)
    }

    /// The exact sum of the int elements, or nil when it overflows 64 bits.
    static func intSum(_ elements: [Value]) -> Int? {
        var total = 0
        for case .int(let number) in elements {
            let (next, overflow) = total.addingReportingOverflow(number)
            if overflow { return nil }
            total = next
        }
        return total
    }

    /// Adds numbers as doubles with Neumaier's compensation, as Python 3.12's sum does; the
    /// compensation is left out when it is not finite so that infinities stay infinities.
    static func compensatedSum(_ elements: [Value]) -> Double {
        var total = 0.0
        var compensation = 0.0
        for element in elements {
            let x = element.asDouble ?? 0
            let next = total + x
            if total.magnitude >= x.magnitude {
                compensation += (total - next) + x
            } else {
                compensation += (x - next) + total
            }
            total = next
        }
        if compensation != 0, compensation.isFinite { total += compensation }
        return total
    }

    /// True when `float(x)` / `int(x)` accept a value of the static type.
    static func isConvertible(_ type: RType) -> Bool {
        switch type {
        case .any, .int, .float, .number, .bool, .string: true
        default: false
        }
    }

    /// Builds `floor` or `ceil`: ints pass through, floats round in `rule` to an int.
    static func roundingBuiltin(_ name: String, _ rule: FloatingPointRoundingRule, _ summary: String) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("x", .number)], returns: .int, summary: summary)) {
            arguments, _ throws(RuntimeError) -> Value in
            switch arguments[0] {
            case .int: return arguments[0]
            case .float(let number): return .int(try exactInt(number.rounded(rule), name))
            default: throw typeError(name, "a number", arguments[0])
            }
        }
    }

    /// Builds `min` or `max`: one list argument, or two or more numbers or strings. Ties keep
    /// the first candidate, as Python does; when ints and floats are mixed the result is a
    /// float (unlike Python), matching the static type `join(int, float) = float`.
    static func extremeBuiltin(_ name: String, wantMax: Bool) -> Builtin {
        let adjective = wantMax ? "largest" : "smallest"
        return Builtin(BuiltinSignature(
            name, [BuiltinParameter("xs", .any)], variadic: .any,
            returns: { types in
                if types.count == 1 { return element(types[0]) }
                return types.dropFirst().reduce(types[0]) { $0.join($1) }
            },
            validate: { types in
                if types.count == 1 {
                    guard isList(types[0]) else {
                        return "expected a list, or two or more numbers or strings, but got \(describe(types[0]))"
                    }
                    let elementType = element(types[0])
                    return isOrderable(elementType) ? nil : "cannot order elements of type \(describe(elementType))"
                }
                let allNumbers = types.allSatisfy { $0.isNumeric || $0 == .any }
                let allStrings = types.allSatisfy { $0 == .string || $0 == .any }
                if allNumbers || allStrings { return nil }
                return "expected numbers or strings, but got \(types.map(describe).joined(separator: ", "))"
            },
            summary: "Returns the \(adjective) element of a list, or the \(adjective) of two or more numbers or strings; an empty list is an error.")
        ) { arguments, context throws(RuntimeError) -> Value in
            let candidates: [Value]
            if arguments.count == 1 {
                candidates = try list(arguments[0], name, "a list, or two or more numbers or strings")
                if candidates.isEmpty { throw RuntimeError(.invalidArgument, "\(name): the list is empty") }
            } else {
                candidates = Array(arguments)
            }
            try chargeElements(context, candidates.count)
            if let fast = fastFloatExtreme(candidates, wantMax: wantMax) { return .float(fast) }
            var best = candidates[0]
            _ = try compareValues(best, best, context)  // rejects a lone NaN, null or map
            var sawInt = false
            var sawFloat = false
            for candidate in candidates {
                if case .int = candidate { sawInt = true } else if case .float = candidate { sawFloat = true }
            }
            for candidate in candidates.dropFirst() {
                let order = try compareValues(candidate, best, context)
                if wantMax ? order > 0 : order < 0 { best = candidate }
            }
            if sawInt, sawFloat, case .int(let number) = best { return .float(Double(number)) }
            return best
        }
    }

    /// The extreme of a list of floats without NaNs, or nil when the list has anything else:
    /// the common case (per-step scores) without the general ordering's dispatch.
    @inline(__always)
    static func fastFloatExtreme(_ candidates: [Value], wantMax: Bool) -> Double? {
        guard case .float(var best) = candidates[0], !best.isNaN else { return nil }
        for candidate in candidates {
            guard case .float(let number) = candidate, !number.isNaN else { return nil }
            if wantMax ? number > best : number < best { best = number }
        }
        return best
    }
}
