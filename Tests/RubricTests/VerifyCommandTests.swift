import Foundation
import Testing

/// `rubric verify` end to end, driving the built binary: a sound rubric passes, a rubric that
/// divides by a length that can be 0 is caught with a minimised input, group rubrics get
/// batches, a given range is enforced, runs are reproducible, and the exit codes.
@Suite("rubric verify")
struct VerifyCommandTests {
    let cli = CommandLineTests()

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples")

    /// The JSON report printed by `--json`.
    func report(_ outcome: CommandLineTests.Outcome) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    func findings(_ report: [String: Any]) -> [[String: Any]] {
        report["findings"] as? [[String: Any]] ?? []
    }

    @Test func theR1ExamplePassesOnGeneratedAndRealInputs() throws {
        let rubric = Self.examples.appendingPathComponent("r1_math.rubric").path
        let data = Self.examples.appendingPathComponent("data/r1_math.jsonl").path
        let outcome = try cli.rubric(["verify", rubric, "--data", data, "--json"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        let report = try report(outcome)
        #expect(report["holds"] as? Bool == true)
        let cases = report["cases"] as? [String: Int]
        #expect(cases == ["generated": 200, "data": 4, "mutations": 32])
        #expect(report["properties"] as? [String: String]
                == ["no-errors": "ok", "finite": "ok", "range": "ok", "deterministic": "ok"])
        let text = try cli.rubric(["verify", rubric, "--data", data])
        #expect(text.status == 0)
        #expect(text.stdout.contains("236 cases (200 generated, 4 from data, 32 mutations)"))
    }

    static let dividesByLength = """
        input completion: string
        input answer: string
        let words = split(completion)
        score overlap = len([w for w in words if w in answer]) / len(words)
        reward = overlap
        """

    @Test func aDivisionByAnEmptyLengthIsFoundWithTheSmallestInput() throws {
        let path = try cli.file(Self.dividesByLength)
        let outcome = try cli.rubric(["verify", path, "--json"])
        #expect(outcome.status == 4)
        let report = try report(outcome)
        #expect(report["holds"] as? Bool == false)
        #expect((report["properties"] as? [String: String])?["no-errors"] == "failed")
        let finding = try #require(findings(report).first)
        #expect(findings(report).count == 1)
        #expect(finding["code"] as? String == "E1102")
        #expect(finding["line"] as? Int == 4 && finding["column"] as? Int == 17)
        #expect(finding["minimised"] as? Bool == true)
        // Shrunk to empty strings: split("") has no words, whatever the answer.
        let input = try #require(finding["input"] as? [String: String])
        #expect(input == ["completion": "", "answer": ""])
        #expect((finding["occurrences"] as? Int ?? 0) > 1)

        let text = try cli.rubric(["verify", path])
        #expect(text.status == 4)
        #expect(text.stdout.contains("finding 1: no-errors: error[E1102] at \(path):4:17: division by zero"))
        #expect(text.stdout.contains("input (minimised from generated): {\"completion\":\"\",\"answer\":\"\"}"))
    }

    @Test func aGuardedDivisionPasses() throws {
        let path = try cli.file(Self.dividesByLength.replacingOccurrences(
            of: "/ len(words)", with: "/ max(len(words), 1)"))
        let outcome = try cli.rubric(["verify", path])
        #expect(outcome.status == 0, "\(outcome.stdout)")
    }

    @Test func dataRecordsAndTheirMutationsAreChecked() throws {
        // Generated floats never include 13, but the data does, and its mutations stay near it.
        let path = try cli.file("input x: float\nreward = 1 / (x - 13)\n")
        let data = try cli.file("{\"x\": 13}\n{\"x\": 2}\n", "d.jsonl")
        let outcome = try cli.rubric(["verify", path, "--data", data, "--cases", "5", "--json"])
        #expect(outcome.status == 4)
        let finding = try #require(findings(try report(outcome)).first)
        #expect(finding["code"] as? String == "E1102")
        #expect(finding["origin"] as? String == "data")
        #expect(finding["note"] as? String == "record 1")
        #expect((finding["input"] as? [String: Double]) == ["x": 13])
    }

    @Test func groupRubricsAreCheckedOnBatches() throws {
        let path = try cli.file("""
            input k: string
            input n: int
            group = k
            reward = n / sum(group(n))
            """)
        let outcome = try cli.rubric(["verify", path, "--json"])
        #expect(outcome.status == 4)
        let report = try report(outcome)
        #expect((report["samples"] as? Int ?? 0) > 200)  // several samples per case
        let finding = try #require(findings(report).first { $0["code"] as? String == "E1102" })
        let batch = try #require(finding["input"] as? [[String: Any]])
        #expect(!batch.isEmpty)
        // Every member of the shrunk batch is in the failing sample's group: sum(group(n)) == 0.
        #expect(batch.compactMap { $0["n"] as? Int }.reduce(0, +) == 0)

        let ttrl = Self.examples.appendingPathComponent("ttrl_vote.rubric").path
        let data = Self.examples.appendingPathComponent("data/ttrl_vote.jsonl").path
        #expect(try cli.rubric(["verify", ttrl, "--data", data]).status == 0)
    }

    @Test func aGivenRangeIsEnforced() throws {
        let path = try cli.file("input x: float\nreward = clip(x, -1.0, 1.0)\n")
        let wide = try cli.rubric(["verify", path, "--range=-1,1", "--json"])
        #expect(wide.status == 0)
        #expect((try report(wide)["properties"] as? [String: String])?["range"] == "ok")
        let narrow = try cli.rubric(["verify", path, "--range", "0,1", "--json"])
        #expect(narrow.status == 4)
        let finding = try #require(findings(try report(narrow)).first)
        #expect(finding["property"] as? String == "range")
        #expect((finding["message"] as? String)?.contains("is below the declared range [0.0, 1.0]") == true)
        #expect(((finding["input"] as? [String: Double])?["x"] ?? 0) < 0)
    }

    @Test func theSameSeedGivesTheSameReport() throws {
        let path = try cli.file(Self.dividesByLength)
        let first = try cli.rubric(["verify", path, "--json", "--seed", "7", "--cases", "50"])
        let second = try cli.rubric(["verify", path, "--json", "--seed", "7", "--cases", "50"])
        #expect(first.stdout == second.stdout)
        #expect((try report(first)["cases"] as? [String: Int])?["generated"] == 50)
    }

    @Test func badArgumentsAndBadRubricsHaveTheirOwnStatus() throws {
        let good = try cli.file("input x: float\nreward = x\n")
        #expect(try cli.rubric(["verify", good, "--range", "2,1"]).status == 2)
        #expect(try cli.rubric(["verify", good, "--data", "/nonexistent.jsonl"]).status == 2)
        let unreadable = try cli.file("{\"x\": 1}\nnot json\n", "d.jsonl")
        let broken = try cli.rubric(["verify", good, "--data", unreadable])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("input line 2"))
        #expect(try cli.rubric(["verify", try cli.file("reward = nope\n")]).status == 1)
    }
}
