import OrderedCollections
import RubricSemantics
import RubricSyntax

/// Upper bounds on the size of a sample's record (`SampleResult.json()`), so that
/// `Limits.maxOutputBytes` can be enforced without rendering every record twice: only a
/// record whose bound exceeds the limit is rendered to measure it exactly.
enum RecordSize {
    /// Most bytes `JSON.number` writes for a double, as in "-2.2250738585072014e-308".
    static let numberBytes = 24
    /// Most bytes a line or column number takes.
    static let positionBytes = 20

    /// Most bytes of `text` as a quoted JSON string: any byte may become a six-byte escape.
    static func quoted(_ text: String) -> Int {
        2 + 6 * text.utf8.count
    }

    /// Most bytes of an error record, `{"code":…,"message":…,"line":…,"column":…}`, given
    /// that messages are cut to `SampleError.maxMessageBytes` of JSON and codes are five
    /// characters.
    static let error = #"{"code":"E0000","message":"","line":,"column":}"#.utf8.count
        + SampleError.maxMessageBytes + 2 * positionBytes

    /// Most bytes of a record with these scores whose steps and latent (if declared) are null
    /// and whose error is as long as errors get: every failed sample's record fits this.
    static func failedRecord(scoreNames: [String], declaresSteps: Bool, declaresLatent: Bool) -> Int {
        var bytes = #"{"reward":,"scores":{},"error":}"#.utf8.count + numberBytes + error
        for name in scoreNames { bytes += score(name) }
        if declaresSteps { bytes += #","steps":null"#.utf8.count }
        if declaresLatent { bytes += #","latent":null"#.utf8.count }
        return bytes
    }

    /// Most bytes of one entry `"name":x,` of the scores map.
    static func score(_ name: String) -> Int {
        quoted(name) + 2 + numberBytes
    }

    /// Most bytes of the steps list `[x,y,…]`.
    static func steps(_ steps: [Double]?) -> Int {
        guard let steps else { return 0 }
        return 2 + steps.count * (numberBytes + 1)
    }

    /// Most bytes of the latent map `{"name":x,…}`.
    static func latent(_ latent: OrderedDictionary<String, Double>?) -> Int {
        guard let latent else { return 0 }
        var bytes = 2
        for name in latent.keys { bytes += quoted(name) + 2 + numberBytes }
        return bytes
    }

    /// Most bytes of `result`'s record.
    static func bound(_ result: SampleResult) -> Int {
        failedRecord(scoreNames: result.scoreNames, declaresSteps: false, declaresLatent: false)
            + (result.declaresSteps ? #","steps":"#.utf8.count + max(4, steps(result.steps)) : 0)
            + (result.declaresLatent ? #","latent":"#.utf8.count + max(4, latent(result.latent)) : 0)
    }

    /// The `recordTooLarge` error for a rubric whose failed-sample record could exceed
    /// `limit`, at the score whose name crosses it; nil when every error record fits.
    static func overflow(of checked: CheckedProgram, limit: Int) -> Diagnostic? {
        let names = checked.scores.map(\.name)
        let total = failedRecord(scoreNames: names, declaresSteps: checked.stepsSlot != nil,
                                 declaresLatent: checked.latentSlot != nil)
        guard total > limit else { return nil }
        var bytes = failedRecord(scoreNames: [], declaresSteps: checked.stepsSlot != nil,
                                 declaresLatent: checked.latentSlot != nil)
        var range = SourceRange(0, 0)
        for entry in checked.scores {
            bytes += score(entry.name)
            range = checked.globals[entry.slot].range
            if bytes > limit { break }
        }
        return Diagnostic(.recordTooLarge,
                          "the record of a failed sample could take \(total) bytes, more than the output limit of \(limit)",
                          at: range, notes: ["help: declare fewer or shorter scores, or raise the output limit"])
    }
}
