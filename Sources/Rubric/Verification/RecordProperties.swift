/// The checks `rubric verify` applies to each record, as plain functions of records.
enum RecordProperties {
    /// A violated property of one record: what it is about and why.
    struct Violation {
        var subject: String
        var message: String
    }

    /// Every reported number of `result` that is not finite (a NaN or an infinity), if any.
    /// The VM already fails such scores with E1108; this guards what reaches the record.
    static func nonFinite(_ result: SampleResult) -> Violation? {
        if let reward = result.reward, !reward.isFinite {
            return Violation(subject: "reward", message: "the reward is \(reward)")
        }
        for (name, value) in zip(result.scoreNames, result.scoreValues) {
            if let value, !value.isFinite { return Violation(subject: "score \(name)", message: "score '\(name)' is \(value)") }
        }
        if let steps = result.steps, let bad = steps.first(where: { !$0.isFinite }) {
            return Violation(subject: "steps", message: "a step is \(bad)")
        }
        if let latent = result.latent, let bad = latent.first(where: { !$0.value.isFinite }) {
            return Violation(subject: "latent \(bad.key)", message: "latent factor '\(bad.key)' is \(bad.value)")
        }
        return nil
    }

    /// The reward of a successful sample outside `range`; nil when it is inside, when the
    /// sample skipped or failed, or when no range is given (the reward is then unconstrained).
    static func rangeViolation(_ result: SampleResult, range: ClosedRange<Double>?) -> Violation? {
        guard let range, result.error == nil, let reward = result.reward else { return nil }
        if range.contains(reward) { return nil }
        let side = reward < range.lowerBound ? "below" : "above"
        return Violation(subject: "reward",
                         message: "the reward \(JSON.number(reward)) is \(side) the declared range [\(JSON.number(range.lowerBound)), \(JSON.number(range.upperBound))]")
    }

    /// How `second` differs from `first`, or nil when the records are identical: every number
    /// bit for bit (so 0.0 and -0.0 differ, and NaN equals NaN), the error and its position.
    static func difference(_ first: SampleResult, _ second: SampleResult) -> Violation? {
        if !same(first.reward, second.reward) {
            return Violation(subject: "reward", message: "reward \(show(first.reward)), then \(show(second.reward))")
        }
        for (index, name) in first.scoreNames.enumerated() where !same(first.scoreValues[index], second.scoreValues[index]) {
            return Violation(subject: "score \(name)",
                             message: "score '\(name)' \(show(first.scoreValues[index])), then \(show(second.scoreValues[index]))")
        }
        if first.error?.description != second.error?.description {
            return Violation(subject: "error", message: "error \(first.error?.description ?? "none"), then \(second.error?.description ?? "none")")
        }
        let firstSteps = first.steps ?? [], secondSteps = second.steps ?? []
        if firstSteps.count != secondSteps.count || zip(firstSteps, secondSteps).contains(where: { !same($0, $1) }) {
            return Violation(subject: "steps", message: "steps \(firstSteps), then \(secondSteps)")
        }
        let firstLatent = first.latent ?? [:], secondLatent = second.latent ?? [:]
        if firstLatent.keys != secondLatent.keys || zip(firstLatent.values, secondLatent.values).contains(where: { !same($0, $1) }) {
            return Violation(subject: "latent", message: "latent \(Array(firstLatent)), then \(Array(secondLatent))")
        }
        return nil
    }

    /// True when both are nil or both have the same bits.
    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): x.bitPattern == y.bitPattern
        default: false
        }
    }

    /// A number as JSON writes it, or skip.
    static func show(_ value: Double?) -> String {
        value.map { $0.isFinite ? JSON.number($0) : String($0) } ?? "skip"
    }
}
