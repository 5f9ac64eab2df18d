import RubricSemantics
/// The VM's helpers, kept out of the dispatch loop's file: fuel charging, iteration set-up,
/// field reads, the score conversion and the messages of condition errors.
extension VM {
    /// Charges `units` (a call's or an iteration's, from `FuelRates`) of the fuel the dispatch
    /// loop keeps in a local, handing over to the context's checks (budget and deadline) only
    /// when the next check is due.
    @inline(__always)
    func charge(_ units: Int, _ fuel: inout Int, _ nextClockCheck: inout Int) throws(RuntimeError) {
        fuel -= units
        if fuel < nextClockCheck {
            context.fuel = fuel
            try context.checkBudget()
            nextClockCheck = context.nextClockCheck
        }
    }

    /// Runs `body`, which may charge the context (a metered walk over values), with the fuel
    /// the dispatch loop keeps in locals handed to the context and taken back after.
    @inline(__always)
    func metered<T>(_ fuel: inout Int, _ nextClockCheck: inout Int,
                    _ body: () throws(RuntimeError) -> T) throws(RuntimeError) -> T {
        context.fuel = fuel
        defer {
            fuel = context.fuel
            nextClockCheck = context.nextClockCheck
        }
        return try body()
    }

    /// The list a comprehension walks for a list, map or string.
    func iterationList(_ value: Value, pairs: Bool) throws(RuntimeError) -> Value {
        switch value {
        case .list:
            return value
        case .map(let box):
            try context.allocate(16 * box.entries.count)
            if pairs {
                return .list(box.entries.map { .list([.string($0.key), $0.value]) })
            }
            return .list(box.entries.keys.map { .string($0) })
        case .string(let text):
            try context.allocate(24 * text.utf8.count)
            return .list(text.unicodeScalars.map { .string(String($0)) })
        case .null:
            throw RuntimeError(.nullValue, "cannot iterate over null")
        default:
            throw RuntimeError(.typeError, "cannot iterate over \(value.typeName)")
        }
    }

    func field(_ value: Value, _ name: String) throws(RuntimeError) -> Value {
        guard case .map(let box) = value else {
            if case .null = value { throw RuntimeError(.nullValue, "cannot read field '\(name)' of null") }
            throw RuntimeError(.typeError, "cannot read field '\(name)' of \(value.typeName)")
        }
        guard let found = box.entries[name] else {
            throw RuntimeError(.keyNotFound, "the map has no key '\(name)'")
        }
        return found
    }

    /// Converts a score or reward to a float: bools count 1 or 0; it must be finite.
    func scoreValue(_ value: Value) throws(RuntimeError) -> Value {
        switch value {
        case .float(let number):
            if !number.isFinite { throw RuntimeError(.notANumber, "a score or reward is \(number), not a finite number") }
            return value
        case .int(let number): return .float(Double(number))
        case .bool(let flag): return .float(flag ? 1 : 0)
        case .null: throw RuntimeError(.nullValue, "a score or reward is null")
        default: throw RuntimeError(.typeError, "a score or reward must be a number, not \(value.typeName)")
        }
    }

    /// An error inside a standard library function is reported at the rubric's own call: the
    /// innermost caller whose code lies in the rubric, naming the library function.
    func locateInCaller(_ error: RuntimeError, function: String, frames: [Frame]) -> RuntimeError {
        var located = error
        located.message = "in standard library function '\(function)': \(error.message)"
        located.offset = nil
        for frame in frames.reversed() {
            let offsets = program.chunk(frame.chunk).offsets
            guard frame.ip > 0, frame.ip - 1 < offsets.count else { continue }
            let offset = Int(offsets[frame.ip - 1])
            if offset < FunctionLibrary.baseOffset {
                located.offset = offset
                break
            }
        }
        return located
    }

    func conditionError(_ value: Value) -> RuntimeError {
        if case .null = value { return RuntimeError(.nullValue, "a condition is null, not a bool") }
        return RuntimeError(.typeError, "a condition must be a bool, not \(value.typeName)")
    }

    func describeShape(_ value: Value) -> String {
        if case .list(let items) = value { return "a list of \(items.count)" }
        return value.typeName
    }
}
