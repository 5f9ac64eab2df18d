import OrderedCollections
import RubricSemantics

/// The core builtins over lists and maps. Orders a script can see are always defined: `sort`
/// is stable, `unique` keeps first occurrences, and map functions follow insertion order.
/// Metering follows the rules in `CoreSupport`.
extension BuiltinLibrary {
    /// The core list and map builtins.
    static var coreCollections: [Builtin] {
        [
            // sort(xs, reverse) is a stable merge sort using compareValues; with reverse the
            // order is descending and equal elements still keep their original order (Python's
            // sorted(xs, reverse=True)).
            Builtin(BuiltinSignature(
                "sort", [BuiltinParameter("xs", .list(.any)), BuiltinParameter("reverse", .bool, default: .bool(false))],
                returns: { types in types[0] == .any ? .list(.any) : types[0] },
                validate: { types in
                    let element = CoreSupport.element(types[0])
                    return CoreSupport.isOrderable(element) ? nil : "cannot order elements of type \(CoreSupport.describe(element))"
                },
                summary: "Returns the list sorted in ascending order (descending with reverse: true); the sort is stable.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "sort")
                let descending = try CoreSupport.bool(arguments[1], "sort", "a bool for reverse")
                try CoreSupport.allocateList(context, elements.count)
                return .list(try CoreSupport.mergeSort(elements, descending: descending, context))
            },

            // reverse(xs) reverses a list, or the Unicode scalars of a string.
            Builtin(BuiltinSignature(
                "reverse", [BuiltinParameter("xs", .any)],
                returns: { types in types[0] },
                validate: { types in
                    types[0] == .string || CoreSupport.isList(types[0]) ? nil
                        : "expected a list or string, but got \(CoreSupport.describe(types[0]))"
                },
                summary: "Returns a list with its elements in reverse order, or a string with its characters reversed.")
            ) { arguments, context throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .list(let elements):
                    try CoreSupport.allocateList(context, elements.count)
                    try CoreSupport.chargeElements(context, elements.count)
                    return .list(elements.reversed())
                case .string(let text):
                    try CoreSupport.chargePerByte(context, text.utf8.count, 1)
                    try CoreSupport.allocate(context, count: text.utf8.count, size: 1)
                    var reversed = String.UnicodeScalarView()
                    reversed.append(contentsOf: text.unicodeScalars.reversed())
                    return .string(String(reversed))
                default:
                    throw CoreSupport.typeError("reverse", "a list or string", arguments[0])
                }
            },

            // unique(xs) drops elements equal (by ==) to an earlier one.
            Builtin(BuiltinSignature(
                "unique", [BuiltinParameter("xs", .list(.any))],
                returns: { types in types[0] == .any ? .list(.any) : types[0] },
                summary: "Returns the list without repeated elements, keeping the first occurrence of each (1 and 1.0 count as equal).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "unique")
                try CoreSupport.chargeElements(context, elements.count)
                var kept: [Value] = []
                var buckets: [Int: [Int]] = [:]  // hash -> indices in `kept`; only looked up, never iterated
                elementLoop: for element in elements {
                    let hash = try CoreSupport.hashValue(element, context)
                    for candidate in buckets[hash] ?? [] where try Equality.equal(kept[candidate], element, context) {
                        continue elementLoop
                    }
                    buckets[hash, default: []].append(kept.count)
                    kept.append(element)
                }
                try CoreSupport.allocateList(context, kept.count)
                return .list(kept)
            },

            // keys(m) lists the keys in insertion order.
            Builtin(BuiltinSignature(
                "keys", [BuiltinParameter("m", .map(.any))], returns: .list(.string),
                summary: "Returns the keys of a map, in insertion order.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let box = try CoreSupport.map(arguments[0], "keys")
                try CoreSupport.allocateList(context, box.entries.count)
                try CoreSupport.chargeElements(context, box.entries.count)
                return .list(box.entries.keys.map { .string($0) })
            },
            // values(m) lists the values in insertion order.
            Builtin(BuiltinSignature(
                "values", [BuiltinParameter("m", .map(.any))],
                returns: { types in .list(CoreSupport.mapValue(types[0])) },
                summary: "Returns the values of a map, in insertion order.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let box = try CoreSupport.map(arguments[0], "values")
                try CoreSupport.allocateList(context, box.entries.count)
                try CoreSupport.chargeElements(context, box.entries.count)
                return .list(Array(box.entries.values))
            },
            // items(m) lists [key, value] pairs in insertion order.
            Builtin(BuiltinSignature(
                "items", [BuiltinParameter("m", .map(.any))],
                returns: { types in .list(.list(RType.string.join(CoreSupport.mapValue(types[0])))) },
                summary: "Returns the entries of a map as [key, value] pairs, in insertion order.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let box = try CoreSupport.map(arguments[0], "items")
                try CoreSupport.allocateList(context, box.entries.count * 3)
                try CoreSupport.chargeElements(context, box.entries.count * 3)
                return .list(box.entries.map { key, value in .list([.string(key), value]) })
            },

            // get(container, key, default) looks up a map key or a list index (negative
            // indices count from the end), returning `default` when it is absent.
            Builtin(BuiltinSignature(
                "get", [BuiltinParameter("container", .any), BuiltinParameter("key", .any),
                        BuiltinParameter("default", .any, default: .null)],
                returns: { types in
                    switch types[0] {
                    case .map(let element), .list(let element): element.join(types[2])
                    default: .any
                    }
                },
                validate: { types in
                    switch types[0] {
                    case .map:
                        return RType.string.accepts(types[1]) ? nil : "a map key must be a string, but got \(CoreSupport.describe(types[1]))"
                    case .list:
                        return RType.int.accepts(types[1]) ? nil : "a list index must be an int, but got \(CoreSupport.describe(types[1]))"
                    case .any:
                        return nil
                    default:
                        return "expected a map or list, but got \(CoreSupport.describe(types[0]))"
                    }
                },
                summary: "Returns the value for a key of a map or an index of a list (negative indices count from the end), or default (null unless given) when there is none.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                switch arguments[0] {
                case .map(let box):
                    let key = try CoreSupport.string(arguments[1], "get", "a string key for a map")
                    return box.entries[key] ?? arguments[2]
                case .list(let elements):
                    var index = try CoreSupport.int(arguments[1], "get", "an int index for a list")
                    if index < 0 { index += elements.count }
                    return elements.indices.contains(index) ? elements[index] : arguments[2]
                default:
                    throw CoreSupport.typeError("get", "a map or list", arguments[0])
                }
            },

            // range(n), range(start, stop) and range(start, stop, step) as in Python; memory
            // and fuel are charged for the whole list before it is built.
            Builtin(BuiltinSignature(
                "range", [BuiltinParameter("start", .int), BuiltinParameter("stop", .optional(.int), default: .null),
                          BuiltinParameter("step", .int, default: .int(1))],
                returns: .list(.int),
                summary: "Returns the ints from start up to but excluding stop in steps of step (range(n) counts from 0 to n - 1); step must not be 0.")
            ) { arguments, context throws(RuntimeError) -> Value in
                var start = try CoreSupport.int(arguments[0], "range", "an int for start")
                var stop = 0
                if case .null = arguments[1] {
                    stop = start
                    start = 0
                } else {
                    stop = try CoreSupport.int(arguments[1], "range", "an int or null for stop")
                }
                let step = try CoreSupport.int(arguments[2], "range", "an int for step")
                if step == 0 { throw RuntimeError(.invalidArgument, "range: step must not be 0") }
                // Distances as UInt cannot overflow, whatever the bounds.
                var count: UInt = 0
                if step > 0, start < stop {
                    count = (UInt(bitPattern: stop &- start) - 1) / step.magnitude + 1
                } else if step < 0, start > stop {
                    count = (UInt(bitPattern: start &- stop) - 1) / step.magnitude + 1
                }
                let elements = count > UInt(Int.max) ? Int.max : Int(count)
                try CoreSupport.allocateList(context, elements)
                try CoreSupport.chargeElements(context, elements)
                var result: [Value] = []
                result.reserveCapacity(elements)
                var value = start
                for _ in 0..<elements {
                    result.append(.int(value))
                    value &+= step  // the last increment may leave the range unused
                }
                return .list(result)
            },

            // zip(a, b) pairs elements up to the length of the shorter list.
            Builtin(BuiltinSignature(
                "zip", [BuiltinParameter("a", .list(.any)), BuiltinParameter("b", .list(.any))],
                returns: { types in .list(.list(CoreSupport.element(types[0]).join(CoreSupport.element(types[1])))) },
                summary: "Returns [a[i], b[i]] pairs for each index of the shorter of the two lists.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let first = try CoreSupport.list(arguments[0], "zip")
                let second = try CoreSupport.list(arguments[1], "zip")
                let count = min(first.count, second.count)
                try CoreSupport.allocateList(context, count * 3)
                try CoreSupport.chargeElements(context, count * 3)
                return .list((0..<count).map { .list([first[$0], second[$0]]) })
            },

            // enumerate(xs, start) pairs each element with its index, counting from start.
            Builtin(BuiltinSignature(
                "enumerate", [BuiltinParameter("xs", .list(.any)), BuiltinParameter("start", .int, default: .int(0))],
                returns: { types in .list(.list(RType.int.join(CoreSupport.element(types[0])))) },
                summary: "Returns [index, element] pairs for the elements of a list, with indices counting from start (0 by default).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "enumerate")
                let start = try CoreSupport.int(arguments[1], "enumerate", "an int for start")
                if !elements.isEmpty, start.addingReportingOverflow(elements.count - 1).overflow {
                    throw CoreSupport.overflow("enumerate")
                }
                try CoreSupport.allocateList(context, elements.count * 3)
                try CoreSupport.chargeElements(context, elements.count * 3)
                return .list(elements.enumerated().map { .list([.int(start + $0.offset), $0.element]) })
            },

            // any(xs) is true if some element is true; all(xs) if no element is false.
            CoreSupport.quantifier("any", isAny: true, "Returns true if at least one element of a list of bools is true (false for an empty list)."),
            CoreSupport.quantifier("all", isAny: false, "Returns true if every element of a list of bools is true (true for an empty list)."),

            // count(xs, value) counts elements equal (by ==) to value.
            Builtin(BuiltinSignature(
                "count", [BuiltinParameter("xs", .list(.any)), BuiltinParameter("value", .any)], returns: .int,
                summary: "Returns how many elements of the list are equal to value.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "count")
                try CoreSupport.chargeElements(context, elements.count)
                return .int(try Equality.count(of: arguments[1], in: elements, context))
            },

            // index_of(xs, value) is the first index of an element equal to value, or -1.
            Builtin(BuiltinSignature(
                "index_of", [BuiltinParameter("xs", .list(.any)), BuiltinParameter("value", .any)], returns: .int,
                summary: "Returns the index of the first element of the list equal to value, or -1 if there is none.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "index_of")
                try context.charge(1)
                return .int(try Equality.firstIndex(of: arguments[1], in: elements, context) ?? -1)
            },

            // flatten(xs) concatenates a list of lists (one level).
            Builtin(BuiltinSignature(
                "flatten", [BuiltinParameter("xs", .list(.list(.any)))],
                returns: { types in .list(CoreSupport.element(CoreSupport.element(types[0]))) },
                summary: "Concatenates the lists in a list of lists into one list (one level deep).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let elements = try CoreSupport.list(arguments[0], "flatten", "a list of lists")
                var total = 0
                for element in elements {
                    guard case .list(let inner) = element else {
                        throw RuntimeError(.typeError, "flatten: expected a list of lists, got a list containing \(element.typeName)")
                    }
                    total += inner.count
                }
                try CoreSupport.allocateList(context, total)
                try CoreSupport.chargeElements(context, total + elements.count)
                var result: [Value] = []
                result.reserveCapacity(total)
                for case .list(let inner) in elements { result += inner }
                return .list(result)
            },
        ]
    }
}

extension CoreSupport {
    /// Sorts stably with `compareValues`, bottom-up merge sort, charging one unit of fuel per
    /// comparison. Descending order takes the right element only when it is strictly greater,
    /// so equal elements keep their original order in both directions.
    static func mergeSort(_ elements: [Value], descending: Bool,
                          _ context: ExecutionContext) throws(RuntimeError) -> [Value] {
        let count = elements.count
        try context.charge(1)
        if count < 2 { return elements }
        var source = elements
        var target = elements
        var width = 1
        while width < count {
            var low = 0
            while low < count {
                let middle = min(low + width, count)
                let high = min(low + 2 * width, count)
                // Runs already in order across the boundary (or a lone run) merge by copying.
                var inOrder = middle == high
                if !inOrder {
                    try context.charge(1)
                    let order = try compareValues(source[middle], source[middle - 1], context)
                    inOrder = descending ? order <= 0 : order >= 0
                }
                if inOrder {
                    for index in low..<high { target[index] = source[index] }
                    low = high
                    continue
                }
                var left = low
                var right = middle
                var out = low
                while left < middle && right < high {
                    try context.charge(1)
                    let order = try compareValues(source[right], source[left], context)
                    if descending ? order > 0 : order < 0 {
                        target[out] = source[right]; right += 1
                    } else {
                        target[out] = source[left]; left += 1
                    }
                    out += 1
                }
                while left < middle { target[out] = source[left]; left += 1; out += 1 }
                while right < high { target[out] = source[right]; right += 1; out += 1 }
                low = high
            }
            swap(&source, &target)
            width *= 2
        }
        return source
    }

    /// Builds `any` or `all` over a list of bools; they stop at the first deciding element.
    static func quantifier(_ name: String, isAny: Bool, _ summary: String) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("xs", .list(.bool))], returns: .bool, summary: summary)) {
            arguments, context throws(RuntimeError) -> Value in
            let elements = try list(arguments[0], name, "a list of bools")
            try chargeElements(context, elements.count)
            for element in elements {
                guard case .bool(let flag) = element else {
                    throw RuntimeError(.typeError, "\(name): expected a list of bools, got a list containing \(element.typeName)")
                }
                if flag == isAny { return .bool(isAny) }
            }
            return .bool(!isAny)
        }
    }
}
