import OrderedCollections
import RubricSyntax

/// The outcome of one sample: the reward, every score, the optional dense steps and latent
/// vector, and an error record if it failed. A failed sample still has a record: nothing is
/// ever dropped.
public struct SampleResult: Sendable {
    /// The reward; nil for a skip (reported as null), or for a failed sample whose rubric
    /// falls back to skip. A failed sample with `fallback = x` reports x here.
    public var reward: Double?
    /// The declared score names, in order (shared with the program, not copied per sample).
    public var scoreNames: [String]
    /// The value of each score in `scoreNames`; nil for scores not reached before an error.
    public var scoreValues: [Double?]
    /// Why the sample failed; nil when it succeeded.
    public var error: SampleError?
    /// Dense per-step rewards from `steps = …`; nil when not declared or the sample failed.
    public var steps: [Double]?
    /// Named factor scores from `latent = …`; nil when not declared or the sample failed.
    public var latent: OrderedDictionary<String, Double>?
    /// Whether the rubric declares `steps`, so that records always carry the key the rubric
    /// promises (null when the sample failed).
    public var declaresSteps = false
    /// Whether the rubric declares `latent`, for the same reason.
    public var declaresLatent = false
    /// The fuel the sample used, over every stage of a rubric that reads `group(e)` or
    /// `batch(e)` (not part of the record).
    public var fuelUsed = 0

    /// Creates a result from parallel arrays of score names and values.
    public init(reward: Double?, scoreNames: [String], scoreValues: [Double?], error: SampleError?) {
        self.reward = reward
        self.scoreNames = scoreNames
        self.scoreValues = scoreValues
        self.error = error
    }

    /// True when the sample succeeded but its reward is `skip`.
    public var isSkipped: Bool { reward == nil && error == nil }

    /// Creates a result from an ordered dictionary of scores.
    public init(reward: Double?, scores: OrderedDictionary<String, Double?>, error: SampleError?) {
        self.init(reward: reward, scoreNames: Array(scores.keys), scoreValues: Array(scores.values), error: error)
    }

    /// Every declared score in order; nil for scores not reached before an error.
    public var scores: OrderedDictionary<String, Double?> {
        OrderedDictionary(uniqueKeysWithValues: zip(scoreNames, scoreValues))
    }

    /// The record of a sample that failed before the rubric ran (for example, a line that is
    /// not valid JSON): every score is present and null.
    public static func failed(_ error: SampleError, program: Program) -> SampleResult {
        var result = SampleResult(reward: program.fallback, scoreNames: program.scoreNames,
                                  scoreValues: Array(repeating: nil, count: program.scoreNames.count), error: error)
        result.declaresSteps = program.stepsSlot != nil
        result.declaresLatent = program.latentSlot != nil
        return result
    }

    /// Renders the record as one line of JSON:
    /// `{"reward":…,"scores":{…}[,"steps":[…]][,"latent":{…}],"error":…}`.
    public func json() -> String {
        var scoreParts: [String] = []
        for (name, value) in zip(scoreNames, scoreValues) {
            scoreParts.append("\(DiagnosticRenderer.quote(name)):\(value.map(JSON.number) ?? "null")")
        }
        var text = "{\"reward\":\(reward.map(JSON.number) ?? "null"),\"scores\":{\(scoreParts.joined(separator: ","))}"
        if declaresSteps {
            text += ",\"steps\":" + (steps.map { "[" + $0.map(JSON.number).joined(separator: ",") + "]" } ?? "null")
        }
        if declaresLatent {
            text += ",\"latent\":" + (latent.map { factors in
                "{" + factors.map { "\(DiagnosticRenderer.quote($0.key)):\(JSON.number($0.value))" }.joined(separator: ",") + "}"
            } ?? "null")
        }
        return text + ",\"error\":\(error.map { $0.json() } ?? "null")}"
    }
}

/// Why a sample failed: a stable code, a message and where in the rubric it happened.
public struct SampleError: Sendable, Error, CustomStringConvertible {
    /// The stable error code, e.g. `E1102`.
    public var code: String
    /// What went wrong, in words.
    public var message: String
    /// The line of the rubric where it happened, when known.
    public var line: Int?
    /// The column of the rubric where it happened, when known.
    public var column: Int?

    /// Creates an error record.
    public init(code: String, message: String, line: Int?, column: Int?) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// Renders the error as a JSON object with code, message, line and column.
    public func json() -> String {
        "{\"code\":\(DiagnosticRenderer.quote(code)),\"message\":\(DiagnosticRenderer.quote(message)),\"line\":\(line.map(String.init) ?? "null"),\"column\":\(column.map(String.init) ?? "null")}"
    }

    /// The error as `error[CODE]:LINE:COLUMN: message`.
    public var description: String {
        let position = line.map { ":\($0):\(column ?? 0)" } ?? ""
        return "error[\(code)]\(position): \(message)"
    }
}

extension JSON {
    /// Formats a finite double for JSON output; non-finite values become null.
    static func number(_ value: Double) -> String {
        serialize(.float(value))
    }
}
