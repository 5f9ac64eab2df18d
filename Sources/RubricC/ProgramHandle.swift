import Foundation
import Rubric

/// What a `rubric_program *` points to: a compiled program and the evaluators that serve
/// it. Calls from several threads share it; only the limits change after creation, under a
/// lock, by replacing the pool (evaluations already running keep the pool they started with).
final class ProgramHandle: @unchecked Sendable {
    let program: Program
    private let lock = NSLock()
    private var currentPool: EvaluatorPool

    /// Wraps a compiled program, evaluating with the limits it was compiled with.
    init(program: Program) {
        self.program = program
        currentPool = EvaluatorPool(program: program)
    }

    /// The pool evaluations start with now.
    var pool: EvaluatorPool {
        lock.lock()
        defer { lock.unlock() }
        return currentPool
    }

    /// Evaluates with `limits` from now on.
    func setLimits(_ limits: Limits) {
        let replacement = EvaluatorPool(program: program, limits: limits)
        lock.lock()
        currentPool = replacement
        lock.unlock()
    }

    /// Retains the handle for C and returns the pointer C keeps.
    func retainedPointer() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }

    /// The handle behind a pointer C passes back, or a failure for NULL.
    static func from(_ pointer: UnsafeRawPointer?) throws(Failure) -> ProgramHandle {
        guard let pointer else { throw Failure(.nullArgument, "the program is NULL") }
        return Unmanaged<ProgramHandle>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Releases the handle C held.
    static func release(_ pointer: UnsafeRawPointer) {
        Unmanaged<ProgramHandle>.fromOpaque(pointer).release()
    }
}
