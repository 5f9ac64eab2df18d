/// A size of the input a cost bound is written in: `bytes(completion)`, `len(steps)`,
/// `bytes(references[*])` (the largest element's), `|tokens|` (an int's absolute value),
/// `size(observation)` (the total size of data of type `any`), or the number of samples in
/// a group or batch.
public struct CostVariable: Sendable, Hashable {
    /// Where the variable is measured.
    public enum Source: Sendable, Hashable {
        /// The input called `name`, descending `levels` times into list elements or map
        /// values and taking the largest measure among them.
        case input(name: String, levels: Int)
        /// The number of samples in the sample's group (for `group(e)`).
        case groupSize
        /// The number of samples in the batch (for `batch(e)`).
        case batchSize
    }

    /// How the variable is written in a bound.
    public var name: String
    public var measure: ArgumentMeasure
    public var source: Source

    /// What the variable stands for, in words.
    public var meaning: String {
        switch source {
        case .groupSize: return "the number of samples in the group"
        case .batchSize: return "the number of samples in the batch"
        case .input(let input, let levels):
            let what: String = switch measure {
            case .bytes: "UTF-8 bytes"
            case .length: "number of elements (or entries)"
            case .magnitude: "absolute value"
            case .size: "total size (UTF-8 bytes of strings and keys plus elements and entries, at every level)"
            case .keyBytes: "UTF-8 bytes of the longest key"
            case .stringBytes: "UTF-8 bytes (of a string)"
            case .text: "bytes as text"
            }
            if levels == 0 { return "\(what) of input '\(input)'" }
            return "the largest \(what) among the \(levels == 1 ? "elements" : "nested elements") of input '\(input)'"
        }
    }
}
