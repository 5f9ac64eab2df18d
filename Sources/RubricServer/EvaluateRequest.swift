import Rubric
import RubricSyntax

/// The native batch endpoint, `POST /v1/evaluate`.
///
/// The body is `{"samples": [{…}, …], "group_by": "prompt_id", "groups": [0, 0, 1, …]}`:
/// samples are records as `rubric eval` reads them (fields found by the rubric's input paths
/// and `--map`); `group_by` (a dotted path) or `groups` (a number per sample) say which
/// samples form a group for rubrics that read `group(e)` and declare no `group = …` of their
/// own. The response is `{"records": [...]}`, one record per sample in order, exactly as
/// `rubric eval` writes them: reward, scores, steps, latent, error.
public enum EvaluateRequest {
    /// Reads a request body into samples and their groups.
    public static func parse(_ body: some Collection<UInt8>, program: Program,
                             configuration: ServerConfiguration) throws(ServerError) -> SampleBatch {
        let fields = try JSONBody.object(body, maxDepth: configuration.limits.maxValueDepth,
                                         expected: "with a 'samples' list")
        let samples = try JSONBody.list(fields, "samples", required: true)!
        try JSONBody.checkCount(samples.count, limit: configuration.maxSamples)
        var requestedKey: [PathSegment]?
        switch fields["group_by"] {
        case nil, .null?: break
        case .string(let path)?: requestedKey = Evaluator.parsePath(path)
        case let other?: throw ServerError(.invalidField, "the field 'group_by' must be a dotted path string, not \(other.typeName)")
        }
        let hostGroups = try JSONBody.list(fields, "groups", required: false)
        try JSONBody.checkLength(hostGroups, "groups", count: samples.count, of: "samples")
        if requestedKey != nil && hostGroups != nil {
            throw ServerError(.invalidField, "give either 'group_by' or 'groups', not both")
        }

        var batch = SampleBatch(samples: samples)
        guard program.usesGroups else { return batch }
        if program.groupKeyPath == nil, let hostGroups {
            var numbers: [Int: Int] = [:]
            var groups: [Int] = []
            for (index, element) in hostGroups.enumerated() {
                guard case .int(let id) = element else {
                    throw ServerError(.invalidField, "groups[\(index)] must be an integer, not \(element.typeName)")
                }
                if numbers[id] == nil { numbers[id] = numbers.count }
                groups.append(numbers[id]!)
            }
            batch.groups = groups
        } else if let keyPath = SampleBatch.groupKeyPath(program: program, configuration: configuration,
                                                         requested: requestedKey, endpointDefault: nil) {
            batch.groups = SampleBatch.groupNumbers(samples, keyPath: keyPath)
        }
        return batch
    }

    /// Renders `{"records": [...]}` from records already rendered as JSON, in sample order.
    public static func response(_ records: [String]) -> String {
        "{\"records\":[" + records.joined(separator: ",") + "]}"
    }
}
