/// The properties `rubric verify` checks on every case.
public enum VerificationProperty: String, Sendable, CaseIterable {
    /// No sample fails: a well-typed sample never gets an error record.
    case noErrors = "no-errors"
    /// Every score and the reward are finite numbers (or skip).
    case finite
    /// The reward stays inside the declared range.
    case range
    /// The same input gives the identical record twice, and again in a fresh evaluator.
    case deterministic
}

/// A case on which a property failed: what failed, where in the rubric, and the input that
/// shows it (minimised when that was cheap).
public struct VerificationFinding: Sendable {
    public var property: VerificationProperty
    /// The error code, for failed samples.
    public var code: String?
    public var message: String
    /// What the property is about: "reward", "score NAME", "record"; part of the finding's
    /// identity where the message holds values that differ from case to case.
    public var subject: String
    public var line: Int?
    public var column: Int?
    /// The sample (or batch) that shows the failure.
    public var input: Value
    public var groups: [Int]?
    /// Which member of a batch failed (0 for a single sample).
    public var member: Int
    public var origin: VerificationCase.Origin
    public var note: String
    /// How many cases failed the same way (same property, code and position).
    public var occurrences = 1
    /// True when `input` was shrunk from the case that first failed.
    public var minimised = false

    /// Findings with equal keys are one finding seen several times.
    var key: String {
        "\(property.rawValue)|\(code ?? "")|\(line ?? 0)|\(column ?? 0)|\(subject)"
    }
}
