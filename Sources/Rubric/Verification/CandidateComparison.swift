/// Cross-checks candidate rubrics written for one task (LaRe-style self-verification: several
/// generated candidates are executed on the same samples, their disagreements reported, and
/// the consensus picked). Every candidate scores the whole data set as one batch; two
/// candidates agree on a sample when their outcomes match: both skip, both fail (whatever the
/// code), or both give numbers at most `tolerance` apart. Rewards are always compared; a score
/// is compared among the candidates that declare a score of that name.
public struct CandidateComparison {
    /// One compiled candidate and its name (usually its file path).
    public struct Candidate {
        public var name: String
        public var program: Program

        public init(name: String, program: Program) {
            self.name = name
            self.program = program
        }
    }

    /// What a candidate made of one sample, as compared.
    enum Outcome {
        case value(Double)
        case skip
        case failure

        /// True when the two outcomes count as the same answer.
        func agrees(with other: Outcome, tolerance: Double) -> Bool {
            switch (self, other) {
            case (.skip, .skip), (.failure, .failure): true
            case (.value(let a), .value(let b)): a == b || abs(a - b) <= tolerance
            default: false
            }
        }

        /// The reward (or score) of a record.
        init(_ value: Double?, failed: Bool) {
            if let value { self = .value(value) } else { self = failed ? .failure : .skip }
        }

        /// The outcome as reports show it.
        var shown: String {
            switch self {
            case .value(let number): RecordProperties.show(number)
            case .skip: "skip"
            case .failure: "error"
            }
        }
    }

    /// Runs every candidate on `samples` and compares the records.
    public static func run(_ candidates: [Candidate], samples: [Value], tolerance: Double) -> ComparisonReport {
        let records = candidates.map { Evaluator(program: $0.program).evaluate(batch: samples) }
        var report = ComparisonReport(names: candidates.map(\.name), sampleCount: samples.count, tolerance: tolerance)
        report.rewards = records.map { candidate in candidate.map { Outcome($0.reward, failed: $0.error != nil).shown } }
        let rewardOutcomes = records.map { candidate in
            candidate.map { Outcome($0.error == nil ? $0.reward : nil, failed: $0.error != nil) }
        }
        report.rewardAgreement = pairwise(rewardOutcomes, tolerance: tolerance)
        report.sampleAgreement = (0..<samples.count).map { sample in
            agreement(rewardOutcomes.map { $0[sample] }, tolerance: tolerance)
        }
        var scorePairs = [[Double]](repeating: [Double](repeating: 0, count: candidates.count), count: candidates.count)
        var scoreNames: [String] = []
        for candidate in candidates {
            for name in candidate.program.scoreNames where !scoreNames.contains(name) { scoreNames.append(name) }
        }
        report.scoreDisagreements = Array(repeating: [], count: samples.count)
        for name in scoreNames {
            let having = candidates.indices.filter { candidates[$0].program.scoreNames.contains(name) }
            guard having.count >= 2 else { continue }
            let outcomes = having.map { index in
                let position = candidates[index].program.scoreNames.firstIndex(of: name)!
                return records[index].map { Outcome($0.scoreValues[position], failed: $0.error != nil) }
            }
            let matrix = pairwise(outcomes, tolerance: tolerance)
            for (a, first) in having.enumerated() {
                for (b, second) in having.enumerated() { scorePairs[first][second] += matrix[a][b] }
            }
            var agreeing = 0.0
            for sample in 0..<samples.count {
                let share = agreement(outcomes.map { $0[sample] }, tolerance: tolerance)
                agreeing += share
                if share < 1 { report.scoreDisagreements[sample].append(name) }
            }
            report.scores.append(.init(name: name, candidates: having.map { candidates[$0].name },
                                       agreement: samples.isEmpty ? 1 : agreeing / Double(samples.count)))
        }
        report.consensus = medoid(report.rewardAgreement, tieBreak: scorePairs)
        return report
    }

    /// The share of samples on which each pair of candidates agrees (1 on the diagonal).
    static func pairwise(_ outcomes: [[Outcome]], tolerance: Double) -> [[Double]] {
        outcomes.indices.map { a in
            outcomes.indices.map { b in
                guard a != b, let count = outcomes.first?.count, count > 0 else { return 1 }
                let agreeing = (0..<count).filter { outcomes[a][$0].agrees(with: outcomes[b][$0], tolerance: tolerance) }.count
                return Double(agreeing) / Double(count)
            }
        }
    }

    /// The share of candidate pairs that agree on one sample (1 with fewer than two).
    static func agreement(_ outcomes: [Outcome], tolerance: Double) -> Double {
        var pairs = 0
        var agreeing = 0
        for a in outcomes.indices {
            for b in outcomes.indices where b > a {
                pairs += 1
                if outcomes[a].agrees(with: outcomes[b], tolerance: tolerance) { agreeing += 1 }
            }
        }
        return pairs == 0 ? 1 : Double(agreeing) / Double(pairs)
    }

    /// The medoid: the candidate whose rewards agree most with all the others (the largest
    /// row sum of the agreement matrix); ties go to the one whose scores agree most, then to
    /// the earlier candidate. Nil when there are no candidates.
    static func medoid(_ agreement: [[Double]], tieBreak: [[Double]]) -> Int? {
        var best: (index: Int, reward: Double, scores: Double)?
        for (index, row) in agreement.enumerated() {
            let reward = row.reduce(0, +)
            let scores = tieBreak[index].enumerated().filter { $0.offset != index }.reduce(0) { $0 + $1.element }
            if let current = best, reward < current.reward || reward == current.reward && scores <= current.scores { continue }
            best = (index, reward, scores)
        }
        return best?.index
    }
}
