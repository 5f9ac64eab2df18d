import RubricSemantics
import RubricSyntax

/// Shared helpers for the builtin families: run-time argument checks (values typed `any` in a
/// script reach a builtin unchecked), static result-type helpers, and the metering rules.
///
/// Metering rules, applied by every builtin in the core, string and math families (the
/// rates are `FuelRates`, shared with `check`'s cost bound; each builtin's formula is in
/// `BuiltinCosts`):
/// - fuel: one unit per call, plus one unit per 8 list elements or map entries read or
///   produced, plus one unit per 64 bytes of UTF-8 read or produced (bytes copied or searched);
///   builtins that work character by character charge a calibrated number of units per byte
///   instead (`chargePerByte`); `sort` charges one unit per comparison.
/// - memory: 16 bytes per list element or map entry produced, plus the UTF-8 length of every
///   string produced; charged before the value is built, so an oversized result fails
///   without being materialised.
enum CoreSupport {
    /// Bytes charged for each element of a list or entry of a map a builtin builds.
    static let bytesPerElement = 16

    // MARK: - Metering

    /// Charges the fuel for a call that reads or produces `elements` list elements.
    @inline(__always)
    static func chargeElements(_ context: ExecutionContext, _ elements: Int) throws(RuntimeError) {
        try context.charge(FuelRates.builtinCall + elements / FuelRates.elementsPerUnit)
    }

    /// Charges the fuel for a call that reads or produces `bytes` bytes of text.
    @inline(__always)
    static func chargeBytes(_ context: ExecutionContext, _ bytes: Int) throws(RuntimeError) {
        try context.charge(FuelRates.builtinCall + bytes / FuelRates.bytesPerUnit)
    }

    /// Charges memory for `count` items of `size` bytes each, failing before any overflow of
    /// the meter when the product is absurdly large.
    static func allocate(_ context: ExecutionContext, count: Int, size: Int) throws(RuntimeError) {
        let (bytes, overflow) = max(count, 0).multipliedReportingOverflow(by: size)
        try requireRoom(context, overflow ? .max : bytes)
        try context.allocate(bytes)
    }

    /// Fails with `memoryExceeded`, without charging, unless `bytes` more would fit the memory
    /// the sample has left: for work whose result is about that size, checked before the work.
    static func requireRoom(_ context: ExecutionContext, _ bytes: Int) throws(RuntimeError) {
        if bytes > context.limits.memoryBytes - context.memoryUsed {
            throw RuntimeError(.memoryExceeded,
                               "memory limit exceeded: the sample allocated more than \(context.limits.memoryBytes) bytes")
        }
    }

    /// Charges memory for a list of `count` elements.
    static func allocateList(_ context: ExecutionContext, _ count: Int) throws(RuntimeError) {
        try allocate(context, count: count, size: bytesPerElement)
    }

    /// Charges `units` of fuel per byte of text, for builtins whose work per character is far
    /// above copying bytes (case mapping, number parsing, tokenizing, math answers). The rates
    /// come from `MeteringCalibrationTests`, which keeps a unit of fuel near 100 ns of work in
    /// a release build, so the whole budget is about a second whatever a sample calls.
    static func chargePerByte(_ context: ExecutionContext, _ bytes: Int, _ units: Int) throws(RuntimeError) {
        let (total, overflow) = bytes.multipliedReportingOverflow(by: units)
        try context.charge(overflow ? Int.max / 2 : 1 + total)
    }

    /// Charges fuel and memory for a string result of `bytes` UTF-8 bytes.
    static func chargeString(_ context: ExecutionContext, _ bytes: Int) throws(RuntimeError) {
        try chargeBytes(context, bytes)
        try allocate(context, count: bytes, size: 1)
    }

    // MARK: - Run-time argument checks
    //
    // `what` describes the expected argument for the error message; it is only built when
    // the check fails, since many callers describe it with string interpolation.

    /// The error for an argument of the wrong run-time type.
    static func typeError(_ name: String, _ expected: String, _ value: Value) -> RuntimeError {
        RuntimeError(.typeError, "\(name): expected \(expected), got \(value.typeName)")
    }

    /// The argument as a string, or a type error.
    static func string(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "a string") throws(RuntimeError) -> String {
        if case .string(let text) = value { return text }
        throw typeError(name, what(), value)
    }

    /// The argument as an int, or a type error.
    static func int(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "an int") throws(RuntimeError) -> Int {
        if case .int(let number) = value { return number }
        throw typeError(name, what(), value)
    }

    /// The argument as a bool, or a type error.
    static func bool(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "a bool") throws(RuntimeError) -> Bool {
        if case .bool(let flag) = value { return flag }
        throw typeError(name, what(), value)
    }

    /// The argument as a list, or a type error.
    static func list(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "a list") throws(RuntimeError) -> [Value] {
        if case .list(let elements) = value { return elements }
        throw typeError(name, what(), value)
    }

    /// The argument as a map box, or a type error.
    static func map(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "a map") throws(RuntimeError) -> MapBox {
        if case .map(let box) = value { return box }
        throw typeError(name, what(), value)
    }

    /// The argument as a double if it is an int or a float (bools are not numbers).
    static func number(_ value: Value, _ name: String, _ what: @autoclosure () -> String = "a number") throws(RuntimeError) -> Double {
        if let number = value.asDouble { return number }
        throw typeError(name, what(), value)
    }

    /// The argument as a string or null, or a type error.
    static func optionalString(_ value: Value, _ name: String, _ what: @autoclosure () -> String) throws(RuntimeError) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        default: throw typeError(name, what(), value)
        }
    }

    /// Converts an integral double to an int: NaN is `notANumber`, an infinity
    /// `invalidArgument`, and a value outside the 64-bit range `integerOverflow`.
    static func exactInt(_ value: Double, _ name: String) throws(RuntimeError) -> Int {
        if value.isNaN {
            throw RuntimeError(.notANumber, "\(name): cannot convert NaN to an int")
        }
        if value.isInfinite {
            throw RuntimeError(.invalidArgument, "\(name): cannot convert \(pythonFloatRepr(value)) to an int")
        }
        guard value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else {
            throw RuntimeError(.integerOverflow, "\(name): \(pythonFloatRepr(value)) is too large for a 64-bit int")
        }
        return Int(value)
    }

    /// The error for an int operation whose result does not fit in 64 bits.
    static func overflow(_ name: String) -> RuntimeError {
        RuntimeError(.integerOverflow, "\(name): the result does not fit in a 64-bit int")
    }

    /// A string quoted for an error message, shortened to its first 40 characters.
    static func preview(_ text: String) -> String {
        let scalars = text.unicodeScalars
        if scalars.count <= 40 { return DiagnosticRenderer.quote(text) }
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: scalars.prefix(40))
        return DiagnosticRenderer.quote(String(prefix)) + "..."
    }

    // MARK: - Static types

    /// True when the static type is a list (or `any`, checked at run time).
    static func isList(_ type: RType) -> Bool {
        if case .list = type { return true }
        return type == .any
    }

    /// True when the static type is a map (or `any`).
    static func isMap(_ type: RType) -> Bool {
        if case .map = type { return true }
        return type == .any
    }

    /// The element type of a list type, `any` for anything else.
    static func element(_ type: RType) -> RType {
        if case .list(let element) = type { return element }
        return .any
    }

    /// The value type of a map type, `any` for anything else.
    static func mapValue(_ type: RType) -> RType {
        if case .map(let value) = type { return value }
        return .any
    }

    /// The precise numeric type: int and float stay themselves, anything else is `number`.
    static func numeric(_ type: RType) -> RType {
        type == .int || type == .float ? type : .number
    }

    /// True when values of the static type can be ordered by `compareValues` (nulls cannot).
    static func isOrderable(_ type: RType) -> Bool {
        switch type {
        case .any, .int, .float, .number, .string, .bool: return true
        case .list(let element): return isOrderable(element)
        default: return false
        }
    }

    /// A description of a static type for validation messages.
    static func describe(_ type: RType) -> String {
        type.admitsNull && type != .any ? "\(type) (which may be null)" : "\(type)"
    }

    // MARK: - Hashing consistent with ==

    /// A hash of a value consistent with `Value.==`: ints and floats that are equal numbers hash
    /// alike, and maps hash independently of their entry order. Used only to find candidates
    /// that are then compared with `==`, so it never decides an order a script can see. With a
    /// context, the walk is charged like `Equality`'s; without one (the host hashing a group
    /// key, which is a scalar), it is free.
    static func hash(_ value: Value, into hasher: inout Hasher, _ context: ExecutionContext? = nil,
                     depth: Int = 0) throws(RuntimeError) {
        // Deeper levels are left out: equal values still hash alike, only collisions grow.
        if depth >= maxNestingWalked { return }
        switch value {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .int(let number): hasher.combine(2); hasher.combine(number)
        case .float(let number):
            if let whole = Int(exactly: number) {
                hasher.combine(2); hasher.combine(whole)
            } else {
                hasher.combine(3); hasher.combine(number)
            }
        case .string(let text):
            try context?.chargeWalk(bytes: text.utf8.count)
            hasher.combine(4)
            var bytes = text
            bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .list(let elements):
            try context?.chargeWalk(elements: elements.count)
            hasher.combine(5); hasher.combine(elements.count)
            for element in elements { try hash(element, into: &hasher, context, depth: depth + 1) }
        case .map(let box):
            try context?.chargeWalk(elements: box.entries.count)
            hasher.combine(6); hasher.combine(box.entries.count)
            var combined = 0
            for (key, element) in box.entries {
                var entry = Hasher()
                entry.combine(key)
                try hash(element, into: &entry, context, depth: depth + 1)
                combined = combined &+ entry.finalize()
            }
            hasher.combine(combined)
        }
    }

    /// The hash of one value, from `hash(_:into:)`.
    static func hashValue(_ value: Value, _ context: ExecutionContext) throws(RuntimeError) -> Int {
        var hasher = Hasher()
        try hash(value, into: &hasher, context)
        return hasher.finalize()
    }
}
