import Rubric

/// Evaluates one chunk of a request on a worker's evaluator, stopping at the request's
/// deadline: a sample (or group) not started when the deadline has passed, or stopped by it,
/// gets an `S1201` record with the rubric's fallback reward. Every sample still gets a record.
enum ChunkEvaluation {
    /// The records of `chunk`'s samples, in chunk order. `deadline` is raised when the
    /// request's time is up; the evaluator watches it while this chunk runs.
    static func evaluate(_ chunk: BatchPlan.Chunk, of batch: SampleBatch, with evaluator: Evaluator,
                         deadline: CancellationFlag, timeoutMilliseconds: Int) -> [SampleResult] {
        let program = evaluator.program
        evaluator.context.cancellation = deadline
        defer { evaluator.context.cancellation = nil }
        let late = SampleResult.failed(
            SampleError(code: ServerErrorCode.requestDeadline.rawValue,
                        message: "request deadline exceeded: the request ran longer than \(timeoutMilliseconds) ms",
                        line: nil, column: nil),
            program: program)

        var results: [SampleResult] = []
        results.reserveCapacity(chunk.indices.count)
        if !program.usesGroups {
            for index in chunk.indices {
                results.append(deadline.isRequested ? late : evaluator.evaluate(sample: batch.samples[index]))
            }
        } else if program.usesBatch || batch.groups == nil {
            if deadline.isRequested { return Array(repeating: late, count: chunk.indices.count) }
            let samples = chunk.indices.map { batch.samples[$0] }
            results = evaluator.evaluate(batch: samples, groups: batch.groups.map { groups in chunk.indices.map { groups[$0] } })
        } else {
            // The chunk is whole groups, one after another: evaluate each on its own.
            var start = 0
            while start < chunk.indices.count {
                let group = batch.groups![chunk.indices[start]]
                var end = start + 1
                while end < chunk.indices.count && batch.groups![chunk.indices[end]] == group { end += 1 }
                if deadline.isRequested {
                    results += Array(repeating: late, count: end - start)
                } else {
                    results += evaluator.evaluate(batch: chunk.indices[start..<end].map { batch.samples[$0] })
                }
                start = end
            }
        }
        // A sample stopped by the deadline (E1207) reports the deadline, keeping its scores.
        if deadline.isRequested {
            for index in results.indices where results[index].error?.code == RuntimeErrorCode.cancelled.rawValue {
                results[index].error?.code = late.error!.code
                results[index].error?.message = late.error!.message
            }
        }
        return results
    }
}
