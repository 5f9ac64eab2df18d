#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RubricSyntax

/// The ranges of the native builtins. Each rule states what the builtin's documented result
/// can be (the metrics in [0, 1], bools as 0 or 1, counts from 0 up, `clip` within its
/// bounds, ...); a builtin without a rule gets what its result type allows.
extension RangeAnalysis {
    /// Builtins whose result always lies in [0, 1]: similarity metrics and truth values.
    static let unitBuiltins: Set<String> = [
        "bleu", "sentence_bleu", "chrf", "rouge", "rouge1", "rouge2", "rouge_l", "exact_match", "token_f1",
        "edit_ratio", "indel_ratio", "matches", "full_match", "contains", "starts_with", "ends_with", "any", "all",
        "is_json", "math_equal", "is_nan", "is_finite", "is_null", "sigmoid",
    ]

    /// Builtins counting parts of their first argument: 0 or more, growing with its length.
    static let countBuiltins: Set<String> = [
        "len", "word_count", "token_count", "count_str", "count_matches", "edit_distance", "count",
    ]

    /// What is known about `name(arguments)`, whose values are `values`.
    mutating func builtin(_ name: String, _ arguments: [TypedExpr], _ values: [RangeValue], type: RType,
                          range: SourceRange) -> RangeValue {
        if values.contains(.never) { return .never }
        func fact(_ index: Int) -> NumberFact { number(values[index], at: arguments[index].range) }
        if Self.unitBuiltins.contains(name) { return .number(NumberFact(.unit)) }
        if Self.countBuiltins.contains(name) {
            if case .list(let list) = values[0] {
                if name == "len" { return .number(list.length) }
                return .number(NumberFact(Interval(0, list.length.interval.upper), upper: list.length.upperCauses))
            }
            return .number(NumberFact(.nonNegative, because: cause(.length, "\(name)(...) grows with the length of its argument", at: range)))
        }
        switch name {
        case "fail": return .never
        case "sum": return sum(of: values[0], at: range)
        case "mean":
            if case .list(let list) = values[0] { return .number(number(list.element, at: range)) }
        case "product": return product(of: values[0], at: range)
        case "min", "max": return extreme(name == "max", values, arguments)
        case "abs": return .number(fact(0).with(fact(0).interval.magnitude))
        case "clip": return clip(fact(0), fact(1), fact(2))
        case "round", "floor", "ceil", "int":
            if name == "round", arguments.count > 1, values[1] != .null {
                guard let digits = fact(1).interval.pointValue, digits >= 0 else {
                    return unbounded(.other, "round to a number of digits that may be negative", at: range)
                }
            }
            if case .number(let x) = values[0] { return .number(x.with(x.interval.integralHull)) }
            return unbounded(.other, "\(name)(...) of a value that is not known to be a number", at: range)
        case "float":
            if case .number = values[0] { return values[0] }
            return unbounded(.other, "float(...) of a value that is not known to be a number", at: range)
        case "sqrt": return .number(fact(0).with(fact(0).interval.intersection(.nonNegative).mapMonotone { $0.squareRoot() }))
        case "exp": return .number(fact(0).with(fact(0).interval.mapMonotone { exp($0) }))
        case "log", "log2", "log10": return logarithm(name, values, fact, range: range)
        case "pow": return .number(power(fact(0), fact(1), range: range))
        case "tanh": return .number(NumberFact(fact(0).interval.mapMonotone { tanh($0) }))
        case "cos", "sin": return .number(NumberFact(Interval(-1, 1)))
        case "sign": return .number(NumberFact(fact(0).interval.mapMonotone { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }))
        case "pi": return .number(NumberFact(.point(Double.pi)))
        case "e": return .number(NumberFact(.point(2.718281828459045)))
        case "find_str", "index_of":
            let upper = if case .list(let list) = values[0] { list.length.interval.upper - 1 } else { Double.infinity }
            return .number(NumberFact(Interval(-1, upper), because: cause(.length, "\(name)(...) grows with the length of its argument", at: range)))
        case "toolrl_correctness": return .number(NumberFact.combining(fact(2).interval.hull(fact(3).interval), fact(2), fact(3)))
        case "get":
            let element = if case .list(let list) = values[0] { list.element } else { member(of: values[0]) }
            return element.hull(values[2])
        case "range": return rangeList(values, fact, range: range)
        case "zip":
            guard case .list(let a) = values[0], case .list(let b) = values[1] else { break }
            let length = Interval(Swift.min(a.length.interval.lower, b.length.interval.lower),
                                  Swift.min(a.length.interval.upper, b.length.interval.upper))
            return .list(ListFact(element: .list(.of([a.element, b.element])),
                                  length: NumberFact.combining(length, a.length, b.length)))
        case "enumerate":
            guard case .list(let list) = values[0] else { break }
            let index = NumberFact.combining(fact(1).interval + Interval(0, Swift.max(list.length.interval.upper - 1, 0)),
                                             fact(1), list.length)
            return .list(ListFact(element: .list(.of([.number(index), list.element])), length: list.length))
        case "sort", "reverse":
            if case .list(var list) = values[0] {
                list.items = nil
                return .list(list)
            }
            return values[0]
        case "unique":
            if case .list(let list) = values[0] {
                let length = Interval(Swift.min(1, list.length.interval.lower), list.length.interval.upper)
                return .list(ListFact(element: list.element, length: list.length.with(length).keepingCauses(of: list.length)))
            }
            return values[0]
        case "values":
            if case .map(let value) = values[0] { return .list(ListFact(element: value, length: mapLength(range))) }
        case "items":
            if case .map(let value) = values[0] {
                return .list(ListFact(element: .list(.of([.opaque, value])), length: mapLength(range)))
            }
        case "flatten":
            if case .list(let outer) = values[0], case .list(let inner) = outer.element {
                return .list(ListFact(element: inner.element,
                                      length: NumberFact.combining(outer.length.interval * inner.length.interval,
                                                                   outer.length, inner.length)))
            }
        default:
            break
        }
        // Data of type `any` passed in explains a result that cannot be bounded.
        let passedOn = values.lazy.compactMap { value -> Unboundedness? in
            if case .unknown(let cause) = value { return cause }
            return nil
        }.first
        return byType(type, name: name, range: range, because: passedOn)
    }

    /// What a result of static type `type` can be when nothing more is known about it,
    /// unbounded because of `known` when given.
    func byType(_ type: RType, name: String, range: SourceRange, because known: Unboundedness? = nil) -> RangeValue {
        switch type.nonNull {
        case .bool: return .number(NumberFact(.unit))
        case .int, .float, .number:
            return .number(NumberFact(.everything, because: known ?? cause(.other, "\(name)(...) has no known range", at: range)))
        case .list(let element):
            let length = NumberFact(.nonNegative, because: known ?? cause(.length, "\(name)(...) can return a list of any length", at: range))
            return .list(ListFact(element: byType(element, name: name, range: range, because: known), length: length))
        case .map(let element): return .map(byType(element, name: name, range: range, because: known))
        case .any: return .unknown(known ?? cause(.other, "\(name)(...) can return any value", at: range))
        case .null: return .null
        default: return .opaque
        }
    }

    /// The number of entries of a map, which nothing bounds.
    func mapLength(_ range: SourceRange) -> NumberFact {
        NumberFact(.nonNegative, because: cause(.length, "the number of entries of a map", at: range))
    }

    /// `sum(xs)`: the known sum of a telescoping list, else the length times the elements'
    /// interval, unbounded (as a sum over a growing list) when the length is.
    func sum(of value: RangeValue, at range: SourceRange) -> RangeValue {
        guard case .list(let list) = value else {
            return unbounded(.other, "sum(...) of a value that is not known to be a list", at: range)
        }
        if let known = list.sum { return .number(known) }
        let element = number(list.element, at: range)
        if element.interval.isEmpty { return .number(NumberFact(.point(0))) }
        let total = list.length.interval * element.interval
        var lower = element.lowerCauses, upper = element.upperCauses
        // The sum's own cause names where the length comes from; the length's causes are not
        // repeated (a long list is a problem here only because it is summed).
        let origin = list.length.upperCauses.first.map { " (\($0.message))" } ?? ""
        let growing = cause(.sum, "sum(...) over a list whose length has no bound\(origin) adds up elements in \(element.interval)", at: range)
        if total.lower == -.infinity && element.interval.lower.isFinite { lower = [growing] }
        if total.upper == .infinity && element.interval.upper.isFinite { upper = [growing] }
        return .number(NumberFact(total, lower: lower, upper: upper))
    }

    /// `product(xs)`: in [0, 1] or [-1, 1] when the elements are, a power of the elements'
    /// interval for a fixed length, unbounded otherwise.
    func product(of value: RangeValue, at range: SourceRange) -> RangeValue {
        guard case .list(let list) = value else {
            return unbounded(.other, "product(...) of a value that is not known to be a list", at: range)
        }
        let element = number(list.element, at: range)
        if Interval.unit.contains(element.interval) { return .number(NumberFact(.unit)) }
        if Interval(-1, 1).contains(element.interval) { return .number(NumberFact(Interval(-1, 1))) }
        if let count = list.length.interval.pointValue {
            return .number(power(element, NumberFact(.point(count)), range: range))
        }
        return unbounded(.other, "product(...) of a list whose length and elements have no bound", at: range)
    }

    /// `min`/`max` of a list, or of two or more numbers.
    func extreme(_ isMax: Bool, _ values: [RangeValue], _ arguments: [TypedExpr]) -> RangeValue {
        if values.count == 1 {
            if case .list(let list) = values[0] { return .number(number(list.element, at: arguments[0].range)) }
            return .number(number(values[0], at: arguments[0].range))
        }
        let facts = zip(values, arguments).map { number($0, at: $1.range) }
        var result = facts[0]
        for fact in facts.dropFirst() {
            let a = result.interval, b = fact.interval
            let interval = isMax ? Interval(Swift.max(a.lower, b.lower), Swift.max(a.upper, b.upper))
                                 : Interval(Swift.min(a.lower, b.lower), Swift.min(a.upper, b.upper))
            result = NumberFact(interval, lower: Unboundedness.merge(result.lowerCauses, fact.lowerCauses),
                                upper: Unboundedness.merge(result.upperCauses, fact.upperCauses))
        }
        return .number(result)
    }

    /// `clip(x, lo, hi)`: never below `lo` nor above `hi` (a call with lo > hi fails).
    func clip(_ x: NumberFact, _ lo: NumberFact, _ hi: NumberFact) -> RangeValue {
        let lower = Swift.max(lo.interval.lower, Swift.min(x.interval.lower, hi.interval.lower))
        let upper = Swift.min(hi.interval.upper, Swift.max(x.interval.upper, lo.interval.upper))
        return .number(NumberFact(Interval(lower, upper),
                                  lower: Unboundedness.merge(lo.lowerCauses, x.lowerCauses),
                                  upper: Unboundedness.merge(hi.upperCauses, x.upperCauses)))
    }

    /// `log(x)`, `log(x, base)`, `log2(x)`, `log10(x)`: increasing in x; unbounded below when
    /// x may come near 0.
    func logarithm(_ name: String, _ values: [RangeValue], _ fact: (Int) -> NumberFact,
                   range: SourceRange) -> RangeValue {
        var divisor = 1.0
        switch name {
        case "log2": divisor = log(2)
        case "log10": divisor = log(10)
        default:
            if values.count > 1, values[1] != .null {
                guard let base = fact(1).interval.pointValue, base > 1 else {
                    return unbounded(.other, "log(...) in a base that is not a constant above 1", at: range)
                }
                divisor = log(base)
            }
        }
        let x = fact(0)
        let result = x.interval.intersection(Interval(0, .infinity)).mapMonotone { log($0) / divisor }
        var lower = x.lowerCauses
        if result.lower == -.infinity { lower = [cause(.division, "\(name)(...) of a value that may be 0", at: range)] }
        return .number(NumberFact(result, lower: lower, upper: x.upperCauses))
    }

    /// `range(stop)`, `range(start, stop)` or `range(start, stop, step)`: ints between the
    /// bounds, as many as their distance.
    func rangeList(_ values: [RangeValue], _ fact: (Int) -> NumberFact, range: SourceRange) -> RangeValue {
        let (start, stop) = values[1] == .null ? (NumberFact(.point(0)), fact(0)) : (fact(0), fact(1))
        let hull = start.interval.hull(stop.interval)
        let elements = NumberFact.combining(hull, start, stop)
        let distance = Swift.max((stop.interval.upper - start.interval.lower).magnitude,
                                 (start.interval.upper - stop.interval.lower).magnitude)
        let length = NumberFact.combining(Interval(0, distance.isNaN ? .infinity : distance), start, stop)
        return .list(ListFact(element: .number(elements), length: length))
    }
}
