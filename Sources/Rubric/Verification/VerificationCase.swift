/// One input to a property check: a sample, or for a rubric that reads `group(e)` or
/// `batch(e)` a batch of samples with their group ids, and where it came from.
public struct VerificationCase: Sendable {
    /// How the case was made, for reports.
    public enum Origin: String, Sendable {
        case generated, data, mutation
    }

    public var samples: [Value]
    /// Host group ids, one per sample; nil for a case of one sample.
    public var groups: [Int]?
    public var origin: Origin
    /// A short description: which data record, which mutation.
    public var note: String

    public init(samples: [Value], groups: [Int]? = nil, origin: Origin, note: String = "") {
        self.samples = samples
        self.groups = groups
        self.origin = origin
        self.note = note
    }

    /// The input as reported: the sample itself, or the batch as a list.
    public var input: Value {
        samples.count == 1 && groups == nil ? samples[0] : .list(samples)
    }
}
