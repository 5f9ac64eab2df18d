import DequeModule
import Foundation
import Rubric
import RubricSyntax

/// A fixed set of threads that evaluate samples, each with its own `Evaluator` over the one
/// shared `Program`. Work is taken first in, first out. Request handlers hand work over and
/// await it, so evaluation never runs on the event loop or holds a Swift concurrency thread.
final class WorkerPool: @unchecked Sendable {
    /// A piece of work, run on some worker with that worker's evaluator.
    typealias Work = @Sendable (Evaluator) -> Void

    let program: Program
    let threadCount: Int
    private let limits: Limits
    private let pathOverrides: [String: [PathSegment]]

    // Shared state, guarded by `condition`.
    private let condition = NSCondition()
    private var tasks = Deque<Work>()
    private var stopping = false
    private var running = 0

    /// Starts `threads` workers (at least one).
    init(program: Program, threads: Int, limits: Limits, pathOverrides: [String: [PathSegment]]) {
        self.program = program
        self.threadCount = max(1, threads)
        self.limits = limits
        self.pathOverrides = pathOverrides
        running = threadCount
        for _ in 0..<threadCount {
            let thread = Thread { [self] in work() }
            // The VM and the regex engine may recurse a little deeper than a default 512 KiB
            // secondary-thread stack allows on long inputs; 8 MiB is what the main thread has.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues `task` to run on the next free worker.
    func enqueue(_ task: @escaping Work) {
        condition.lock()
        tasks.append(task)
        condition.signal()
        condition.unlock()
    }

    /// Runs `work` on a worker and returns its value to the awaiting task.
    func run<Result: Sendable>(_ work: @escaping @Sendable (Evaluator) -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            enqueue { evaluator in continuation.resume(returning: work(evaluator)) }
        }
    }

    /// Lets the workers finish every queued task, then waits until they have all stopped.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    /// A worker: runs tasks until the pool stops and the queue is empty.
    private func work() {
        let evaluator = Evaluator(program: program, limits: limits)
        evaluator.pathOverrides = pathOverrides
        while true {
            condition.lock()
            while tasks.isEmpty && !stopping { condition.wait() }
            guard let task = tasks.popFirst() else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            task(evaluator)
        }
    }
}
