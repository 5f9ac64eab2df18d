import Rubric
import RubricSyntax

/// The samples of one request, in request order, with the group of each when the rubric
/// reads `group(e)`: what both endpoints reduce a request to.
public struct SampleBatch: Sendable {
    /// One JSON object per sample (any other value becomes that sample's `E1003` record).
    public var samples: [Value]
    /// A group number per sample (0, 1, … in order of first appearance), or nil when the
    /// rubric reads no groups or the whole request is one group.
    public var groups: [Int]?

    public init(samples: [Value], groups: [Int]? = nil) {
        self.samples = samples
        self.groups = groups
    }

    /// Numbers the groups of `samples` by the value at `keyPath` (a missing key counts as
    /// null), in order of first appearance. Numbers equal in value (1 and 1.0) are one key,
    /// as they are for the rubric's own `group = …`.
    public static func groupNumbers(_ samples: [Value], keyPath: [PathSegment]) -> [Int] {
        var numbers: [String: Int] = [:]
        return samples.map { sample in
            var key = Evaluator.lookup(sample, keyPath) ?? .null
            if case .float(let value) = key, let exact = Int(exactly: value) { key = .int(exact) }
            let text = JSON.serialize(key)
            if let number = numbers[text] { return number }
            numbers[text] = numbers.count
            return numbers.count - 1
        }
    }

    /// Where a request's group keys are read, in order of precedence: the rubric's own
    /// `group = …` (following `--map`), the request's `group_by`, the server's `--group-by`,
    /// then the endpoint's default (the prompt, for OpenRLHF). Nil: one group per request.
    static func groupKeyPath(program: Program, configuration: ServerConfiguration,
                             requested: [PathSegment]?, endpointDefault: [PathSegment]?) -> [PathSegment]? {
        program.groupKeyPath(mappedBy: configuration.pathOverrides) ?? requested ?? configuration.groupBy ?? endpointDefault
    }
}
