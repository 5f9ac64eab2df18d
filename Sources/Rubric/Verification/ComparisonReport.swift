import RubricSyntax

/// The outcome of comparing candidate rubrics on one data set.
public struct ComparisonReport: Sendable {
    /// Agreement on one score name among the candidates that declare it.
    public struct ScoreAgreement: Sendable {
        public var name: String
        public var candidates: [String]
        /// The mean, over samples, of the share of candidate pairs that agree.
        public var agreement: Double
    }

    /// The compared candidates, in the order given.
    public var names: [String]
    /// Candidates left out, with why (a candidate that does not compile).
    public var excluded: [(name: String, reason: String)] = []
    public var sampleCount: Int
    public var tolerance: Double
    /// Each candidate's reward per sample, as shown ("0.5", "skip", "error").
    public var rewards: [[String]] = []
    /// `rewardAgreement[a][b]`: the share of samples on which candidates a and b agree.
    public var rewardAgreement: [[Double]] = []
    /// Per sample: the share of candidate pairs that agree on its reward.
    public var sampleAgreement: [Double] = []
    /// Per sample: the shared scores on which some pair of candidates disagrees.
    public var scoreDisagreements: [[String]] = []
    public var scores: [ScoreAgreement] = []
    /// The candidate that agrees most with the others (index into `names`).
    public var consensus: Int?

    public init(names: [String], sampleCount: Int, tolerance: Double) {
        self.names = names
        self.sampleCount = sampleCount
        self.tolerance = tolerance
    }

    /// The samples on which some candidates disagree, about the reward or a shared score.
    public var disagreeing: [Int] {
        (0..<sampleCount).filter { sampleAgreement[$0] < 1 || !scoreDisagreements[$0].isEmpty }
    }

    /// Samples listed one by one in text reports; JSON reports list every sample.
    static let shownSamples = 20

    /// The report for a terminal: candidates, the agreement matrix, score agreement, the
    /// samples with disagreements and the consensus.
    public func text() -> String {
        var lines = ["compare \(names.count) candidate\(names.count == 1 ? "" : "s") on \(sampleCount) samples (tolerance \(tolerance))"]
        for (number, name) in names.enumerated() { lines.append("  [\(number + 1)] \(name)") }
        for (name, reason) in excluded { lines.append("  excluded: \(name): \(reason)") }
        if names.count >= 2 {
            lines.append("")
            lines.append("reward agreement")
            lines.append("       " + names.indices.map { pad("[\($0 + 1)]", 8) }.joined())
            for (row, values) in rewardAgreement.enumerated() {
                lines.append("  " + pad("[\(row + 1)]", -5) + values.map { pad(percent($0), 8) }.joined())
            }
        }
        if !scores.isEmpty {
            lines.append("")
            lines.append("score agreement")
            let width = scores.map(\.name.count).max() ?? 0
            for score in scores {
                let members = score.candidates.compactMap { names.firstIndex(of: $0).map { "[\($0 + 1)]" } }.joined(separator: " ")
                lines.append("  " + pad(score.name, -(width + 2)) + pad(percent(score.agreement), 7) + "  " + members)
            }
        }
        let disagreeing = self.disagreeing
        lines.append("")
        lines.append("\(sampleCount - disagreeing.count) of \(sampleCount) samples agree on every candidate")
        for sample in disagreeing.prefix(Self.shownSamples) {
            let rewards = names.indices.map { "[\($0 + 1)] \(self.rewards[$0][sample])" }.joined(separator: "  ")
            let scores = scoreDisagreements[sample].isEmpty ? "" : "; scores differ: " + scoreDisagreements[sample].joined(separator: ", ")
            lines.append("  sample \(sample + 1): reward \(rewards)\(scores)")
        }
        if disagreeing.count > Self.shownSamples { lines.append("  … and \(disagreeing.count - Self.shownSamples) more (--json lists every sample)") }
        if let consensus {
            let others = rewardAgreement[consensus].enumerated().filter { $0.offset != consensus }.map(\.element)
            let mean = others.isEmpty ? 1 : others.reduce(0, +) / Double(others.count)
            lines.append("")
            lines.append("consensus: [\(consensus + 1)] \(names[consensus]) (agrees with the others on \(percent(mean)) of rewards)")
        }
        return lines.joined(separator: "\n")
    }

    /// The report as one JSON object.
    public func json() -> String {
        func quote(_ text: String) -> String { DiagnosticRenderer.quote(text) }
        func numbers(_ row: [Double]) -> String { "[" + row.map(JSON.number).joined(separator: ",") + "]" }
        let excludedText = excluded.map { "{\"name\":\(quote($0.name)),\"reason\":\(quote($0.reason))}" }
        let scoreText = scores.map { score in
            "{\"score\":\(quote(score.name)),\"candidates\":[\(score.candidates.map(quote).joined(separator: ","))],\"agreement\":\(JSON.number(score.agreement))}"
        }
        let samples = (0..<sampleCount).map { sample in
            // A shown reward is a JSON number, "skip" (null) or "error" (kept as a string).
            let rewards = names.indices.map { candidate -> String in
                switch self.rewards[candidate][sample] {
                case "skip": "null"
                case "error": quote("error")
                case let number: number
                }
            }.joined(separator: ",")
            let scores = scoreDisagreements[sample].map(quote).joined(separator: ",")
            return "{\"sample\":\(sample + 1),\"agreement\":\(JSON.number(sampleAgreement[sample])),\"rewards\":[\(rewards)],\"scores_disagreeing\":[\(scores)]}"
        }
        return "{\"candidates\":[\(names.map(quote).joined(separator: ","))],\"excluded\":[\(excludedText.joined(separator: ","))],"
            + "\"samples\":\(sampleCount),\"tolerance\":\(JSON.number(tolerance)),"
            + "\"reward_agreement\":[\(rewardAgreement.map(numbers).joined(separator: ","))],"
            + "\"score_agreement\":[\(scoreText.joined(separator: ","))],"
            + "\"per_sample\":[\(samples.joined(separator: ","))],"
            + "\"consensus\":\(consensus.map { quote(names[$0]) } ?? "null")}"
    }

    /// A share as a percentage with one decimal.
    func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Pads `text` to `width` characters: on the left for positive widths, on the right for negative.
    func pad(_ text: String, _ width: Int) -> String {
        text.padded(to: width)
    }
}
