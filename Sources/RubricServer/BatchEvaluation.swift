import Foundation
import Rubric

/// One request's evaluation: its chunks spread over the worker pool, their records put back
/// in request order, and a deadline that stops whatever is still running when it passes.
final class BatchEvaluation: @unchecked Sendable {
    let batch: SampleBatch
    let chunks: [BatchPlan.Chunk]
    /// Raised when the request's time is up; the workers evaluating its chunks watch it.
    let deadline = CancellationFlag()

    // Guarded by `lock`: the records of each finished chunk and how many are still out.
    private let lock = NSLock()
    private var chunkResults: [[SampleResult]]
    private var remaining: Int

    init(batch: SampleBatch, program: Program, jobs: Int) {
        self.batch = batch
        chunks = BatchPlan.chunks(batch, program: program, jobs: jobs)
        chunkResults = Array(repeating: [], count: chunks.count)
        remaining = chunks.count
    }

    /// Evaluates every chunk on `pool` and returns `finish` of the records in request order;
    /// `finish` runs on the worker that completes the last chunk (so rendering a response
    /// stays off the event loop too). `timeoutMilliseconds` (0: none) counts from now.
    func run<Output: Sendable>(on pool: WorkerPool, timeoutMilliseconds: Int,
                               finish: @escaping @Sendable ([SampleResult]) -> Output) async -> Output {
        if chunks.isEmpty { return finish([]) }
        let deadline = deadline
        let watchdog = timeoutMilliseconds <= 0 ? nil : Task {
            try? await Task.sleep(for: .milliseconds(timeoutMilliseconds))
            if !Task.isCancelled { deadline.request() }
        }
        defer { watchdog?.cancel() }
        return await withCheckedContinuation { continuation in
            for (number, chunk) in chunks.enumerated() {
                pool.enqueue { [self] evaluator in
                    let results = ChunkEvaluation.evaluate(chunk, of: batch, with: evaluator, deadline: deadline,
                                                           timeoutMilliseconds: timeoutMilliseconds)
                    if let all = store(results, chunk: number) {
                        continuation.resume(returning: finish(all))
                    }
                }
            }
        }
    }

    /// Keeps a chunk's records; when it was the last chunk out, returns every record in
    /// request order.
    private func store(_ results: [SampleResult], chunk number: Int) -> [SampleResult]? {
        lock.lock()
        chunkResults[number] = results
        remaining -= 1
        let done = remaining == 0
        lock.unlock()
        guard done else { return nil }
        var ordered = [SampleResult?](repeating: nil, count: batch.samples.count)
        for (chunk, results) in zip(chunks, chunkResults) {
            for (position, index) in chunk.indices.enumerated() { ordered[index] = results[position] }
        }
        return ordered.map { $0! }
    }
}
