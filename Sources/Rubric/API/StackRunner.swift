import Foundation

/// Runs a closure to completion on a new thread with a stack of a chosen size, blocking
/// the caller until it finishes. Used for the recursive passes of the compiler, so that
/// their depth limit holds whatever thread the host calls from.
enum StackRunner {
    /// Runs `body` on a thread with `stackBytes` of stack and returns its result.
    static func run<T>(stackBytes: Int, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        done.wait()
        return box.value!
    }
}

/// Carries a result from the worker thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
