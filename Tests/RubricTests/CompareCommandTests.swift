import Foundation
import Testing

/// `rubric compare` end to end on the r1_math example data: equivalent candidates agree, a
/// buggy one disagrees exactly where its bug shows, the consensus is a good candidate, and a
/// candidate that does not compile is reported and left out.
@Suite("rubric compare")
struct CompareCommandTests {
    let cli = CommandLineTests()

    static let original = VerifyCommandTests.examples.appendingPathComponent("r1_math.rubric").path
    static let data = VerifyCommandTests.examples.appendingPathComponent("data/r1_math.jsonl").path

    /// The r1_math reward written differently: other input order, a let, an if, min/max for clip.
    static let rewritten = """
        input answer: string
        input completion: string
        input tokens: int from usage.completion_tokens = token_count(completion)

        let boxed = last_boxed(completion) ?? ""

        score format = if r1_format(completion) then 1.0 else 0.0
        score tags = tag_count_reward(completion)
        score correct = math_equal(boxed, answer)
        score overlong = soft_overlong(tokens, max: 16384, cache: 4096)

        let total = overlong + correct + format / 10
        reward = max(-1.0, min(1.0, total))
        """

    /// Compares answers as strings, so "\frac{1}{2}" is not "0.5" (data record 2).
    static let buggy = """
        input completion: string
        input answer: string
        input tokens: int from usage.completion_tokens = token_count(completion)

        score format = r1_format(completion)
        score correct = (last_boxed(completion) ?? "") == answer
        score overlong = soft_overlong(tokens, max: 16384, cache: 4096)

        reward = clip(0.1 * format + correct + overlong, -1.0, 1.0)
        """

    func report(_ outcome: CommandLineTests.Outcome) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    @Test func equivalentCandidatesAgreeAndTheBuggyOneDisagreesWhereItShould() throws {
        let rewritten = try cli.file(Self.rewritten, "rewritten.rubric")
        let buggy = try cli.file(Self.buggy, "buggy.rubric")
        let broken = try cli.file("reward = nope\n", "broken.rubric")
        let outcome = try cli.rubric(["compare", Self.original, rewritten, buggy, broken, "--data", Self.data, "--json"])
        #expect(outcome.status == 0)
        let report = try report(outcome)
        #expect(report["candidates"] as? [String] == [Self.original, rewritten, buggy])
        let excluded = try #require(report["excluded"] as? [[String: String]])
        #expect(excluded.count == 1 && excluded[0]["name"] == broken)
        #expect(excluded[0]["reason"]?.contains("E0201") == true)
        let matrix = try #require(report["reward_agreement"] as? [[Double]])
        #expect(matrix == [[1, 1, 0.75], [1, 1, 0.75], [0.75, 0.75, 1]])
        let samples = try #require(report["per_sample"] as? [[String: Any]])
        #expect(samples.map { $0["agreement"] as? Double } == [1, 1.0 / 3, 1, 1])
        #expect(samples[1]["scores_disagreeing"] as? [String] == ["correct"])
        #expect((samples[1]["rewards"] as? [Double]) == [1, 1, 0.1])
        let scores = try #require(report["score_agreement"] as? [[String: Any]])
        let tags = try #require(scores.first { $0["score"] as? String == "tags" })
        #expect(tags["candidates"] as? [String] == [Self.original, rewritten])  // only they declare it
        #expect(tags["agreement"] as? Double == 1)
        let consensus = try #require(report["consensus"] as? String)
        #expect([Self.original, rewritten].contains(consensus))

        let text = try cli.rubric(["compare", Self.original, rewritten, buggy, broken, "--data", Self.data])
        #expect(text.stdout.contains("3 of 4 samples agree on every candidate"))
        #expect(text.stdout.contains("sample 2: reward [1] 1.0  [2] 1.0  [3] 0.1; scores differ: correct"))
        #expect(text.stdout.contains("consensus: [1] \(Self.original)"))
        #expect(text.stderr.contains("error[E0201]"))
    }

    @Test func theToleranceDecidesWhenRoundingCountsAsAgreement() throws {
        // The two formulas sum in another order: the last record differs in its last bit.
        let rewritten = try cli.file(Self.rewritten, "rewritten.rubric")
        let exact = try report(try cli.rubric(["compare", Self.original, rewritten, "--data", Self.data,
                                               "--json", "--tolerance", "0"]))
        #expect((exact["reward_agreement"] as? [[Double]])?[0][1] == 0.75)
        let loose = try report(try cli.rubric(["compare", Self.original, rewritten, "--data", Self.data, "--json"]))
        #expect((loose["reward_agreement"] as? [[Double]])?[0][1] == 1)
    }

    @Test func nothingToCompareWhenNoCandidateCompiles() throws {
        let broken = try cli.file("reward = nope\n")
        #expect(try cli.rubric(["compare", broken, "--data", Self.data]).status == 1)
        #expect(try cli.rubric(["compare", Self.original, "--data", "/nonexistent"]).status == 2)
    }
}
