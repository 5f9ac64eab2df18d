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
        var output: [UInt8] = []
        appendJSON(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the record's JSON (as `json()` renders it) to `output` as UTF-8, without
    /// building intermediate strings: the form `rubric eval` writes its records in. With a
    /// `layout` made for the same score names, the score keys are copied ready-encoded.
    public func appendJSON(to output: inout [UInt8], layout: RecordLayout? = nil) {
        output.appendLiteral(#"{"reward":"#)
        JSON.appendNumber(reward, to: &output)
        output.appendLiteral(#","scores":{"#)
        let keys = layout.flatMap { $0.scoreNames == scoreNames ? $0.encodedKeys : nil }
        for (index, (name, value)) in zip(scoreNames, scoreValues).enumerated() {
            if let keys {
                output.append(contentsOf: keys[index])
            } else {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSON.appendString(name, to: &output)
                output.append(UInt8(ascii: ":"))
            }
            JSON.appendNumber(value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
        if declaresSteps {
            output.appendLiteral(#","steps":"#)
            if let steps {
                output.append(UInt8(ascii: "["))
                for (index, step) in steps.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    JSON.appendNumber(step, to: &output)
                }
                output.append(UInt8(ascii: "]"))
            } else {
                output.appendLiteral("null")
            }
        }
        if declaresLatent {
            output.appendLiteral(#","latent":"#)
            if let latent {
                output.append(UInt8(ascii: "{"))
                for (index, (name, value)) in latent.enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    JSON.appendString(name, to: &output)
                    output.append(UInt8(ascii: ":"))
                    JSON.appendNumber(value, to: &output)
                }
                output.append(UInt8(ascii: "}"))
            } else {
                output.appendLiteral("null")
            }
        }
        output.appendLiteral(#","error":"#)
        if let error { output.append(contentsOf: error.json().utf8) } else { output.appendLiteral("null") }
        output.append(UInt8(ascii: "}"))
    }
}

/// The parts of a record's JSON that depend only on a program's score names, encoded once
/// for a stream of records: each score's key as `"name":`, after a comma for all but the first.
public struct RecordLayout: Sendable {
    /// The score names, in the order the records list them.
    public let scoreNames: [String]
    let encodedKeys: [[UInt8]]

    /// Encodes the keys of `scoreNames` once; pass the program's `scoreNames`.
    public init(scoreNames: [String]) {
        self.scoreNames = scoreNames
        encodedKeys = scoreNames.enumerated().map { index, name in
            var key: [UInt8] = index > 0 ? [UInt8(ascii: ",")] : []
            JSON.appendString(name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }
}

/// Why a sample failed: a stable code, a message and where in the rubric it happened.
public struct SampleError: Sendable, Error, CustomStringConvertible {
    /// Longest message kept, in bytes of its JSON string form (escapes counted, quotes not).
    /// Messages may quote script data (`fail(text)`, a missing key), and a record must stay
    /// within `Limits.maxOutputBytes` whatever a script does; 1 KiB holds every message the
    /// runtime writes itself.
    public static let maxMessageBytes = 1024

    /// The stable error code, e.g. `E1102`.
    public var code: String
    /// The message, cut to `maxMessageBytes` (at a character boundary, ending in "…").
    public var message: String
    /// The line of the rubric where it happened, when known.
    public var line: Int?
    /// The column of the rubric where it happened, when known.
    public var column: Int?

    /// Creates an error record.
    public init(code: String, message: String, line: Int?, column: Int?) {
        self.code = code
        self.message = Self.truncated(message)
        self.line = line
        self.column = column
    }

    /// `message` when its JSON form fits `maxMessageBytes`, else its longest prefix of whole
    /// Unicode scalars that fits with "…" (3 bytes) appended.
    static func truncated(_ message: String) -> String {
        guard message.utf8.count > maxMessageBytes / 6 else { return message }
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in message.unicodeScalars {
            let width = jsonWidth(scalar)
            if bytes + width > maxMessageBytes {
                while bytes > maxMessageBytes - 3, let last = kept.popLast() { bytes -= jsonWidth(last) }
                return String(kept) + "…"
            }
            bytes += width
            kept.append(scalar)
        }
        return message
    }

    /// Bytes `scalar` takes inside a JSON string as `DiagnosticRenderer.quote` writes it.
    static func jsonWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case "\"", "\\", "\n", "\r", "\t": 2
        case _ where scalar.value < 0x20: 6
        default: UTF8.width(scalar)
        }
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
    /// Appends a float as `serialize` writes it (null when not finite), or null for nil.
    static func appendNumber(_ value: Double?, to output: inout [UInt8]) {
        guard let value else { return output.appendLiteral("null") }
        appendFloat(value, to: &output)
    }

    /// Formats a double for JSON text as `serialize` writes it; non-finite values become null.
    static func number(_ value: Double) -> String {
        var output: [UInt8] = []
        appendFloat(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
