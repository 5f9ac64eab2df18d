import Foundation

/// Runs closures to completion on new threads with a stack of a chosen size, blocking the
/// caller until they finish. Used for the recursive passes of the compiler, so that their
/// depth limit holds whatever thread the host calls from, and for the workers of a parallel
/// batch.
enum StackRunner {
    /// Runs `body` on a thread with `stackBytes` of stack and returns its result.
    static func run<T>(stackBytes: Int, _ body: @escaping @Sendable () -> T) -> T {
        runEach(count: 1, stackBytes: stackBytes) { _ in body() }[0]
    }

    /// Runs `body(0)` … `body(count - 1)` on `count` threads at once, each with `stackBytes`
    /// of stack, and returns their results in order.
    static func runEach<T>(count: Int, stackBytes: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let boxes = (0..<count).map { _ in ResultBox<T>() }
        let done = DispatchSemaphore(value: 0)
        for index in 0..<count {
            let box = boxes[index]
            let thread = Thread {
                box.value = body(index)
                done.signal()
            }
            thread.stackSize = stackBytes
            thread.start()
        }
        for _ in 0..<count { done.wait() }
        return boxes.map { $0.value! }
    }
}

/// Carries a result from a worker thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
