/// The semantics of Rubric's operators on values, shared by the VM's slow paths and the
/// constant folder so that folding can never change a result. Ints are 64-bit and overflow
/// is an error; `/` is always float division; `//` and `%` floor like Python's.
enum Arithmetic {
    static func add(_ lhs: Value, _ rhs: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return try addInts(a, b)
        case (.string(let a), .string(let b)):
            try context?.allocate(a.utf8.count + b.utf8.count)
            return .string(a + b)
        case (.list(let a), .list(let b)):
            try context?.allocate(16 * (a.count + b.count))
            return .list(a + b)
        default:
            if let a = lhs.asDouble, let b = rhs.asDouble { return .float(a + b) }
            throw operandError("+", lhs, rhs)
        }
    }

    static func subtract(_ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        if case .int(let a) = lhs, case .int(let b) = rhs { return try subtractInts(a, b) }
        if let a = lhs.asDouble, let b = rhs.asDouble { return .float(a - b) }
        throw operandError("-", lhs, rhs)
    }

    static func multiply(_ lhs: Value, _ rhs: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Value {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return try multiplyInts(a, b)
        case (.string(let text), .int(let count)):
            let times = max(0, count)
            let (bytes, overflow) = text.utf8.count.multipliedReportingOverflow(by: times)
            if overflow { throw RuntimeError(.memoryExceeded, "string repetition is too large") }
            try context?.allocate(bytes)
            if context == nil && bytes > 1 << 16 { throw RuntimeError(.memoryExceeded, "not folded") }
            return .string(String(repeating: text, count: times))
        case (.list(let items), .int(let count)):
            let times = max(0, count)
            let (slots, overflow) = items.count.multipliedReportingOverflow(by: times)
            if overflow || slots > Int.max / 32 { throw RuntimeError(.memoryExceeded, "list repetition is too large") }
            try context?.allocate(16 * slots)
            if context == nil && slots > 1 << 12 { throw RuntimeError(.memoryExceeded, "not folded") }
            return .list(Array([[Value]](repeating: items, count: times).joined()))
        default:
            if let a = lhs.asDouble, let b = rhs.asDouble { return .float(a * b) }
            throw operandError("*", lhs, rhs)
        }
    }

    static func divide(_ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        guard let a = lhs.asDouble, let b = rhs.asDouble else { throw operandError("/", lhs, rhs) }
        if b == 0 { throw RuntimeError(.divisionByZero, "division by zero") }
        return .float(a / b)
    }

    static func floorDivide(_ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        if case .int(let a) = lhs, case .int(let b) = rhs {
            if b == 0 { throw RuntimeError(.divisionByZero, "integer division by zero") }
            if a == Int.min && b == -1 { throw RuntimeError(.integerOverflow, "integer overflow in //") }
            let quotient = a / b
            return .int((a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient)
        }
        guard let a = lhs.asDouble, let b = rhs.asDouble else { throw operandError("//", lhs, rhs) }
        if b == 0 { throw RuntimeError(.divisionByZero, "division by zero") }
        return .float(floatDivMod(a, b).quotient)
    }

    static func modulo(_ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        if case .int(let a) = lhs, case .int(let b) = rhs {
            if b == 0 { throw RuntimeError(.divisionByZero, "integer modulo by zero") }
            if b == -1 { return .int(0) }
            let remainder = a % b
            return .int(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
        }
        guard let a = lhs.asDouble, let b = rhs.asDouble else { throw operandError("%", lhs, rhs) }
        if b == 0 { throw RuntimeError(.divisionByZero, "modulo by zero") }
        return .float(floatDivMod(a, b).remainder)
    }

    /// Floor division and modulo of floats exactly as Python computes them: the remainder
    /// comes from fmod and takes the divisor's sign, and the quotient is derived from it so
    /// that `q * b + r` stays as close to `a` as possible (so `1.0 // 0.1` is 9.0, not 10.0).
    static func floatDivMod(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
        var remainder = fmod(a, b)
        var division = (a - remainder) / b
        if remainder != 0 {
            if (b < 0) != (remainder < 0) {
                remainder += b
                division -= 1
            }
        } else {
            remainder = copysign(0, b)
        }
        var quotient: Double
        if division != 0 {
            quotient = division.rounded(.down)
            if division - quotient > 0.5 { quotient += 1 }
        } else {
            quotient = copysign(0, a / b)
        }
        return (quotient, remainder)
    }

    static func power(_ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        if case .int(let base) = lhs, case .int(let exponent) = rhs, exponent >= 0 {
            var result = 1
            var factor = base
            var remaining = exponent
            while remaining > 0 {
                if remaining & 1 == 1 {
                    let (product, overflow) = result.multipliedReportingOverflow(by: factor)
                    if overflow { throw RuntimeError(.integerOverflow, "integer overflow in **") }
                    result = product
                }
                remaining >>= 1
                if remaining > 0 {
                    let (square, overflow) = factor.multipliedReportingOverflow(by: factor)
                    if overflow { throw RuntimeError(.integerOverflow, "integer overflow in **") }
                    factor = square
                }
            }
            return .int(result)
        }
        guard let a = lhs.asDouble, let b = rhs.asDouble else { throw operandError("**", lhs, rhs) }
        if a == 0 && b < 0 { throw RuntimeError(.divisionByZero, "zero raised to a negative power") }
        if a < 0 && b != b.rounded() {
            throw RuntimeError(.notANumber, "a negative number raised to a fractional power has no real value")
        }
        return .float(Foundation.pow(a, b))
    }

    static func negate(_ value: Value) throws(RuntimeError) -> Value {
        switch value {
        case .int(let a):
            if a == Int.min { throw RuntimeError(.integerOverflow, "integer overflow in unary -") }
            return .int(-a)
        case .float(let a): return .float(-a)
        default: throw RuntimeError(.typeError, "unary - cannot be applied to \(value.typeName)")
        }
    }

    @inline(__always)
    static func addInts(_ a: Int, _ b: Int) throws(RuntimeError) -> Value {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { throw RuntimeError(.integerOverflow, "integer overflow in +") }
        return .int(sum)
    }

    @inline(__always)
    static func subtractInts(_ a: Int, _ b: Int) throws(RuntimeError) -> Value {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw RuntimeError(.integerOverflow, "integer overflow in -") }
        return .int(difference)
    }

    @inline(__always)
    static func multiplyInts(_ a: Int, _ b: Int) throws(RuntimeError) -> Value {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw RuntimeError(.integerOverflow, "integer overflow in *") }
        return .int(product)
    }

    /// `element in container`: substring, list membership or map key, charging `context` for
    /// the text searched and the elements compared.
    static func contains(_ container: Value, _ element: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Bool {
        switch container {
        case .string(let text):
            guard case .string(let needle) = element else {
                throw RuntimeError(.typeError, "'in' on a string needs a string on the left, not \(element.typeName)")
            }
            try context?.chargeWalk(bytes: text.utf8.count)
            return FastText.contains(text, needle)
        case .list(let items):
            return try Equality.contains(items, element, context)
        case .map(let box):
            guard case .string(let key) = element else { return false }
            return box.entries[key] != nil
        default:
            throw RuntimeError(.typeError, "'in' needs a string, list or map on the right, not \(container.typeName)")
        }
    }

    /// Orders two values for `<`, `<=`, `>`, `>=`: -1, 0 or 1, with fast paths for two floats
    /// and two ints before the general rules of `compareValues`.
    @inline(__always)
    static func compare(_ lhs: Value, _ rhs: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Int {
        if case .float(let a) = lhs, case .float(let b) = rhs, !a.isNaN, !b.isNaN {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        if case .int(let a) = lhs, case .int(let b) = rhs {
            return a < b ? -1 : (a > b ? 1 : 0)
        }
        return try compareValues(lhs, rhs, context)
    }

    static func operandError(_ op: String, _ lhs: Value, _ rhs: Value) -> RuntimeError {
        RuntimeError(.typeError, "'\(op)' cannot be applied to \(lhs.typeName) and \(rhs.typeName)")
    }
}

import Foundation
