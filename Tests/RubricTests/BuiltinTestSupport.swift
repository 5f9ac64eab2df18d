import Testing
@testable import Rubric

/// Calls the builtin `name` with `arguments` (defaults already filled in) in a fresh context.
func callBuiltin(_ name: String, _ arguments: [Value], limits: Limits = Limits()) throws(RuntimeError) -> Value {
    let builtin = BuiltinLibrary.all.first { $0.name == name }!
    let context = ExecutionContext(limits: limits)
    context.beginSample()
    return try arguments.withUnsafeBufferPointer { buffer throws(RuntimeError) in try builtin.body(buffer, context) }
}

/// The error code the builtin `name` fails with, or nil if it succeeds.
func builtinFailure(_ name: String, _ arguments: [Value], limits: Limits = Limits()) -> RuntimeErrorCode? {
    do throws(RuntimeError) {
        _ = try callBuiltin(name, arguments, limits: limits)
        return nil
    } catch {
        return error.code
    }
}

/// `callBuiltin` under the short name the builtin tests use.
func call(_ name: String, _ arguments: [Value], limits: Limits = Limits()) throws(RuntimeError) -> Value {
    try callBuiltin(name, arguments, limits: limits)
}

/// `builtinFailure` under the short name the builtin tests use.
func failure(_ name: String, _ arguments: [Value], limits: Limits = Limits()) -> RuntimeErrorCode? {
    builtinFailure(name, arguments, limits: limits)
}

/// A list of strings as a value.
func strings(_ values: [String]) -> Value { .list(values.map { .string($0) }) }
