import OrderedCollections
import Rubric

/// `Limits` as a JSON object: every limit under a snake_case key, each with the range the C
/// interface accepts. The ranges keep a host's configuration from turning a limit into a
/// crash: nesting limits decide how deep the compiler and the value walkers recurse, so they
/// stay within what a thread's stack can hold.
enum LimitsJSON {
    /// One limit: its JSON key, the `Limits` field it sets (so a test can check that every
    /// field has a key), whether it applies only when compiling, and how to read and write it.
    struct Entry: Sendable {
        var key: String
        var field: String
        var compileOnly = false
        var read: @Sendable (Limits) -> Value
        var write: @Sendable (inout Limits, Value) throws(Failure) -> Void
    }

    /// Every limit, in the order `rubric_limits_get` lists them.
    static let entries: [Entry] = [
        integer("fuel", field: "fuel", 1...(1 << 62), \.fuel),
        integer("memory_bytes", field: "memoryBytes", 1...(1 << 62), \.memoryBytes),
        Entry(key: "deadline_ms", field: "deadlineNanoseconds",
              read: { limits in
                  let nanoseconds = limits.deadlineNanoseconds
                  return nanoseconds % 1_000_000 == 0 ? .int(Int(nanoseconds / 1_000_000))
                      : .float(Double(nanoseconds) / 1e6)
              },
              write: { limits, value throws(Failure) in
                  let milliseconds = try number(value, key: "deadline_ms", in: 0...1e9)
                  limits.deadlineNanoseconds = UInt64((milliseconds * 1e6).rounded())
              }),
        unsigned("regex_match_limit", field: "regexMatchLimit", \.regexMatchLimit),
        unsigned("regex_depth_limit", field: "regexDepthLimit", \.regexDepthLimit),
        unsigned("regex_heap_limit_kib", field: "regexHeapLimitKiB", \.regexHeapLimitKiB),
        integer("regex_jit_stack_bytes", field: "regexJITStackBytes", 0...(256 << 20), \.regexJITStackBytes),
        Entry(key: "regex_jit", field: "regexJIT",
              read: { .bool($0.regexJIT) },
              write: { limits, value throws(Failure) in
                  guard case .bool(let flag) = value else { throw Failure(.invalidOption, "limit 'regex_jit' must be true or false") }
                  limits.regexJIT = flag
              }),
        integer("max_value_depth", field: "maxValueDepth", 1...1024, \.maxValueDepth),
        integer("max_output_bytes", field: "maxOutputBytes", 256...(1 << 30), \.maxOutputBytes),
        compiling(integer("max_source_bytes", field: "maxSourceBytes", 1...(1 << 30), \.syntax.maxSourceBytes)),
        compiling(integer("max_nesting", field: "maxNesting", 1...1024, \.syntax.maxNesting)),
    ]

    /// The limits as a JSON object.
    static func json(_ limits: Limits) -> String {
        var object: OrderedDictionary<String, Value> = [:]
        for entry in entries { object[entry.key] = entry.read(limits) }
        return JSON.serialize(.map(object))
    }

    /// `base` with the limits `object` sets; `compiling` allows the limits of the compiler.
    static func apply(_ object: Value, to base: Limits, compiling: Bool) throws(Failure) -> Limits {
        guard case .map(let box) = object else { throw Failure(.invalidOption, "limits must be a JSON object") }
        var limits = base
        for (key, value) in box.entries {
            guard let entry = entries.first(where: { $0.key == key }) else {
                throw Failure(.invalidOption, "unknown limit '\(key)' (known: \(entries.map(\.key).joined(separator: ", ")))")
            }
            if entry.compileOnly && !compiling {
                throw Failure(.invalidOption, "limit '\(key)' applies when compiling: pass it to rubric_compile")
            }
            try entry.write(&limits, value)
        }
        return limits
    }

    /// An `Int` limit within `range`.
    static func integer(_ key: String, field: String, _ range: ClosedRange<Int>, _ path: WritableKeyPath<Limits, Int> & Sendable) -> Entry {
        Entry(key: key, field: field, read: { .int($0[keyPath: path]) }, write: { limits, value throws(Failure) in
            limits[keyPath: path] = try whole(value, key: key, in: range)
        })
    }

    /// A `UInt32` limit of PCRE2, at least 1.
    static func unsigned(_ key: String, field: String, _ path: WritableKeyPath<Limits, UInt32> & Sendable) -> Entry {
        Entry(key: key, field: field, read: { .int(Int($0[keyPath: path])) }, write: { limits, value throws(Failure) in
            limits[keyPath: path] = UInt32(try whole(value, key: key, in: 1...Int(UInt32.max)))
        })
    }

    /// `entry`, marked as a limit of the compiler.
    static func compiling(_ entry: Entry) -> Entry {
        var entry = entry
        entry.compileOnly = true
        return entry
    }

    /// A whole number within `range` (an integral float is accepted, as JSON has one number type).
    static func whole(_ value: Value, key: String, in range: ClosedRange<Int>) throws(Failure) -> Int {
        let number: Int? = switch value {
        case .int(let number): number
        case .float(let number): Int(exactly: number)
        default: nil
        }
        guard let number, range.contains(number) else {
            throw Failure(.invalidOption, "limit '\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A number within `range`.
    static func number(_ value: Value, key: String, in range: ClosedRange<Double>) throws(Failure) -> Double {
        guard let number = value.asDouble, range.contains(number) else {
            throw Failure(.invalidOption, "limit '\(key)' must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
