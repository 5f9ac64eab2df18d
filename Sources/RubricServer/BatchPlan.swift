import Rubric

/// How a request's samples are split into chunks that workers evaluate in parallel. A group
/// is never split (its members must see each other's values); a rubric that reads `batch(e)`
/// is one chunk, since its batch is the whole request.
struct BatchPlan {
    /// A unit of work: the samples at `indices` (in request order), evaluated together as
    /// whole groups.
    struct Chunk: Sendable {
        var indices: [Int]
    }

    /// Most samples per chunk: small enough that one request spreads over every worker, large
    /// enough that the queue is not touched per sample.
    static let maxChunkSize = 64

    /// Splits `batch` into about one chunk per worker, at most `maxChunkSize` samples each
    /// (a group larger than that is one chunk).
    static func chunks(_ batch: SampleBatch, program: Program, jobs: Int) -> [Chunk] {
        let count = batch.samples.count
        guard count > 0 else { return [] }
        if program.usesBatch { return [Chunk(indices: Array(0..<count))] }
        let target = min(maxChunkSize, max(1, (count + jobs - 1) / jobs))
        guard program.usesGroups, let groups = batch.groups else {
            if program.usesGroups { return [Chunk(indices: Array(0..<count))] }
            return stride(from: 0, to: count, by: target).map { Chunk(indices: Array($0..<min($0 + target, count))) }
        }
        var members: [[Int]] = []
        for (index, group) in groups.enumerated() {
            if group == members.count { members.append([]) }
            members[group].append(index)
        }
        var chunks: [Chunk] = []
        var current: [Int] = []
        for group in members {
            if !current.isEmpty && current.count + group.count > target {
                chunks.append(Chunk(indices: current))
                current = []
            }
            current += group
        }
        if !current.isEmpty { chunks.append(Chunk(indices: current)) }
        return chunks
    }
}
