#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RubricSemantics

/// The math builtins. Results are floats computed by the platform's C math library.
///
/// NaN policy: a NaN reward silently poisons a training run, so these functions never produce
/// NaN. A NaN argument is a `notANumber` error; an argument outside the function's domain
/// (`sqrt(-1)`, `log(0)`, `pow(-8, 1/3)`, `sin(inf)`) is an `invalidArgument` error with a
/// message naming the function; and, as in Python's math module, a result that overflows to
/// infinity from finite arguments (`exp(1000)`) is an `invalidArgument` error too. Infinite
/// arguments are accepted where the limit is well defined (`exp(-inf)` is 0.0).
extension BuiltinLibrary {
    /// Every math builtin, in registration order.
    static var math: [Builtin] {
        [
            // sqrt(x) is the square root; negative x is a domain error.
            MathSupport.unary("sqrt", "Returns the square root of x (x must not be negative).") { x throws(RuntimeError) in
                if x < 0 { throw MathSupport.domain("sqrt", "x must not be negative, got \(pythonFloatRepr(x))") }
                return x.squareRoot()
            },
            // exp(x) is e**x; overflow is an error.
            MathSupport.unary("exp", "Returns e raised to the power x.") { x throws(RuntimeError) in
                try MathSupport.checked("exp", libmExp(x), x)
            },

            // log(x, base) is the natural logarithm, or the logarithm in `base` when given.
            Builtin(BuiltinSignature(
                "log", [BuiltinParameter("x", .number), BuiltinParameter("base", .optional(.number), default: .null)],
                returns: .float,
                summary: "Returns the natural logarithm of x, or its logarithm in the given base (x must be positive; base positive and not 1).")
            ) { arguments, context throws(RuntimeError) -> Value in
                try context.charge(1)
                let x = try MathSupport.argument(arguments[0], "log", "x")
                let logX = try MathSupport.logarithm("log", x, libmLog)
                if case .null = arguments[1] { return .float(logX) }
                let base = try MathSupport.argument(arguments[1], "log", "base")
                if base <= 0 || base == 1 {
                    throw MathSupport.domain("log", "base must be positive and not 1, got \(pythonFloatRepr(base))")
                }
                return .float(try MathSupport.checked("log", logX / libmLog(base), x, base))
            },
            // log2(x) is the base-2 logarithm.
            MathSupport.unary("log2", "Returns the base-2 logarithm of x (x must be positive).") { x throws(RuntimeError) in
                try MathSupport.logarithm("log2", x, libmLog2)
            },
            // log10(x) is the base-10 logarithm.
            MathSupport.unary("log10", "Returns the base-10 logarithm of x (x must be positive).") { x throws(RuntimeError) in
                try MathSupport.logarithm("log10", x, libmLog10)
            },

            // pow(x, y) is Python's math.pow: always a float, with its domain rules.
            Builtin(BuiltinSignature(
                "pow", [BuiltinParameter("x", .number), BuiltinParameter("y", .number)], returns: .float,
                summary: "Returns x raised to the power y as a float (a negative x needs an integral y; zero cannot be raised to a negative power).")
            ) { arguments, context throws(RuntimeError) -> Value in
                try context.charge(1)
                let x = try MathSupport.argument(arguments[0], "pow", "x")
                let y = try MathSupport.argument(arguments[1], "pow", "y")
                if x == 0, y < 0 {
                    throw MathSupport.domain("pow", "zero cannot be raised to a negative power")
                }
                if x < 0, x.isFinite, y.isFinite, y.rounded(.towardZero) != y {
                    throw MathSupport.domain("pow", "a negative number cannot be raised to a non-integral power")
                }
                return .float(try MathSupport.checked("pow", libmPow(x, y), x, y))
            },

            // sign(x) is -1, 0 or 1 as an int, whatever the type of x.
            Builtin(BuiltinSignature(
                "sign", [BuiltinParameter("x", .number)], returns: .int,
                summary: "Returns -1, 0 or 1 (an int) according to the sign of x; both zeros give 0.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                if case .int(let number) = arguments[0] { return .int(number.signum()) }
                let x = try MathSupport.argument(arguments[0], "sign", "x")
                return .int(x > 0 ? 1 : (x < 0 ? -1 : 0))
            },
            // is_nan(x) tests for NaN; ints are never NaN.
            Builtin(BuiltinSignature(
                "is_nan", [BuiltinParameter("x", .number)], returns: .bool,
                summary: "Returns true if x is the float NaN.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                .bool(try CoreSupport.number(arguments[0], "is_nan").isNaN)
            },
            // is_finite(x) is false for NaN and the infinities; ints are always finite.
            Builtin(BuiltinSignature(
                "is_finite", [BuiltinParameter("x", .number)], returns: .bool,
                summary: "Returns true if x is neither infinite nor NaN.")
            ) { arguments, _ throws(RuntimeError) -> Value in
                .bool(try CoreSupport.number(arguments[0], "is_finite").isFinite)
            },

            // sigmoid(x) is 1 / (1 + e**-x), computed without overflow for large |x|.
            MathSupport.unary("sigmoid", "Returns the logistic function 1 / (1 + e**-x), a float between 0 and 1.") { x throws(RuntimeError) in
                if x >= 0 { return 1 / (1 + libmExp(-x)) }
                let t = libmExp(x)
                return t / (1 + t)
            },
            // tanh(x) is the hyperbolic tangent.
            MathSupport.unary("tanh", "Returns the hyperbolic tangent of x, a float between -1 and 1.") { x throws(RuntimeError) in
                libmTanh(x)
            },
            // cos(x) of an angle in radians; infinite x is a domain error.
            MathSupport.unary("cos", "Returns the cosine of x (in radians).") { x throws(RuntimeError) in
                try MathSupport.checked("cos", libmCos(x), x)
            },
            // sin(x) of an angle in radians; infinite x is a domain error.
            MathSupport.unary("sin", "Returns the sine of x (in radians).") { x throws(RuntimeError) in
                try MathSupport.checked("sin", libmSin(x), x)
            },

            // pi() is the constant π.
            Builtin(BuiltinSignature("pi", [], returns: .float, summary: "Returns the constant π (3.141592653589793).")) {
                _, _ throws(RuntimeError) -> Value in .float(Double.pi)
            },
            // e() is Euler's number.
            Builtin(BuiltinSignature("e", [], returns: .float, summary: "Returns Euler's number e (2.718281828459045).")) {
                _, _ throws(RuntimeError) -> Value in .float(2.718281828459045)
            },
        ]
    }
}

/// Helpers for the math builtins: argument checks and the NaN and overflow policy.
enum MathSupport {
    /// Returns the argument as a double; a NaN argument is a `notANumber` error.
    static func argument(_ value: Value, _ name: String, _ what: String) throws(RuntimeError) -> Double {
        let x = try CoreSupport.number(value, name, "a number for \(what)")
        if x.isNaN { throw RuntimeError(.notANumber, "\(name): \(what) is NaN") }
        return x
    }

    /// The error for an argument outside a function's domain.
    static func domain(_ name: String, _ detail: String) -> RuntimeError {
        RuntimeError(.invalidArgument, "\(name): \(detail)")
    }

    /// Passes `result` through unless it is NaN (a domain error) or an infinity computed from
    /// finite arguments (an overflow).
    static func checked(_ name: String, _ result: Double, _ arguments: Double...) throws(RuntimeError) -> Double {
        if result.isNaN {
            let shown = arguments.map(pythonFloatRepr).joined(separator: ", ")
            throw domain(name, "the result for \(shown) is undefined")
        }
        if result.isInfinite, arguments.allSatisfy(\.isFinite) {
            throw domain(name, "the result is too large to represent (it overflows to infinity)")
        }
        return result
    }

    /// A logarithm of x, which must be positive.
    static func logarithm(_ name: String, _ x: Double, _ function: (Double) -> Double) throws(RuntimeError) -> Double {
        if x <= 0 { throw domain(name, "x must be positive, got \(pythonFloatRepr(x))") }
        return function(x)
    }

    /// Builds a builtin of one number returning a float computed by `function`.
    static func unary(_ name: String, _ summary: String,
                      _ function: @escaping @Sendable (Double) throws(RuntimeError) -> Double) -> Builtin {
        Builtin(BuiltinSignature(name, [BuiltinParameter("x", .number)], returns: .float, summary: summary)) {
            arguments, context throws(RuntimeError) -> Value in
            try context.charge(1)
            return .float(try function(try argument(arguments[0], name, "x")))
        }
    }
}

// The C math functions under names that cannot clash with the builtins' own names.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmLog2(_ x: Double) -> Double { log2(x) }
private func libmLog10(_ x: Double) -> Double { log10(x) }
private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmSin(_ x: Double) -> Double { sin(x) }
