import Foundation
import Testing

/// `rubric eval` end to end, driving the built binary: one record per input record in order,
/// malformed lines, groups, field mapping, conversations, parallel order, JSON/YAML/stdin
/// input, the summary and the exit codes.
@Suite("rubric eval")
struct EvalCommandTests {
    let cli = CommandLineTests()

    static let groupRubric = """
        input prompt_id: string
        input completion: string
        input tokens: int
        group = prompt_id
        score size = len(group(tokens))
        score longest = tokens == max(group(tokens))
        reward = tokens - mean(group(tokens))
        """

    /// The records printed, parsed.
    func records(_ outcome: CommandLineTests.Outcome) throws -> [[String: Any]] {
        try outcome.stdout.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test func everyLineGetsARecordAndMalformedLinesGetErrors() throws {
        let rubricPath = try cli.file("input x: float\nscore doubled = 2 * x\nreward = 1 / x\n")
        let data = try cli.file("{\"x\": 2}\nnot json\n\n{\"x\": 0}\n{\"y\": 1}\n{\"x\": 4}", "d.jsonl")
        let result = try cli.rubric(["eval", rubricPath, "--data", data, "--summary", "none"])
        #expect(result.status == 0)
        let lines = try records(result)
        #expect(lines.count == 5)  // the blank line is not a record
        #expect(lines.map { ($0["error"] as? [String: Any])?["code"] as? String } == [nil, "E1003", "E1102", "E1001", nil])
        #expect((lines[1]["error"] as? [String: Any])?["message"] as? String == "input line 2: invalid JSON at byte 0: unexpected 'n', expected a value")
        #expect(lines[0]["reward"] as? Double == 0.5 && lines[4]["reward"] as? Double == 0.25)
        let strict = try cli.rubric(["eval", rubricPath, "--data", data, "--summary", "none", "--max-error-rate", "0.5"])
        #expect(strict.status == 3)
    }

    @Test func groupsFollowTheRubricsKeyAndStayTogetherAcrossChunks() throws {
        var lines: [String] = []
        for group in 0..<50 {
            for member in 0..<8 { lines.append("{\"prompt_id\": \"p\(group)\", \"completion\": \"c\", \"tokens\": \(member * (group + 1))}") }
        }
        let data = try cli.file(lines.joined(separator: "\n"), "g.jsonl")
        let result = try cli.rubric(["eval", try cli.file(Self.groupRubric), "--data", data, "--jobs", "4", "--summary", "none"])
        #expect(result.status == 0)
        let parsed = try records(result)
        #expect(parsed.count == 400)
        for (index, record) in parsed.enumerated() {
            let scores = record["scores"] as? [String: Double]
            #expect(scores?["size"] == 8)
            #expect(scores?["longest"] == (index % 8 == 7 ? 1 : 0))
            let group = Double(index / 8 + 1)
            #expect(record["reward"] as? Double == Double(index % 8) * group - 3.5 * group)
        }
    }

    @Test func groupByPathAndFieldMappingAndConversations() throws {
        let rubricPath = try cli.file("""
            input completion: string
            input answer: string
            score right = completion == answer
            score votes = len(group(completion))
            reward = right
            """)
        let data = try cli.file("""
            {"meta": {"q": 1}, "response": [{"role": "user", "content": "2+2"}, {"role": "assistant", "content": "4"}], "gold": {"value": "4"}}
            {"meta": {"q": 1}, "response": "5", "gold": {"value": "4"}}
            {"meta": {"q": 2}, "response": "7", "gold": {"value": "7"}}
            """, "m.jsonl")
        let result = try cli.rubric(["eval", rubricPath, "--data", data, "--map", "completion=response",
                                     "--map", "answer=gold.value", "--group-by", "meta.q", "--summary", "none"])
        #expect(result.status == 0)
        let parsed = try records(result)
        #expect(parsed.map { $0["reward"] as? Double } == [1, 0, 1])
        #expect(parsed.map { ($0["scores"] as? [String: Double])?["votes"] } == [2, 2, 1])
        let unknown = try cli.rubric(["eval", rubricPath, "--data", data, "--map", "nope=response"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no input named 'nope'"))
    }

    @Test func parallelOutputEqualsSerialOutput() throws {
        let rubricPath = try cli.file("input n: int\nscore s = len([i for i in range(n % 50)])\nreward = 1.0 / (n % 7)\n")
        let data = try cli.file((0..<3000).map { "{\"n\": \($0)}" }.joined(separator: "\n"), "p.jsonl")
        let serial = try cli.rubric(["eval", rubricPath, "--data", data, "--jobs", "1", "--summary", "none"])
        let parallel = try cli.rubric(["eval", rubricPath, "--data", data, "--jobs", "4", "--summary", "none"])
        #expect(serial.stdout.split(separator: "\n").count == 3000)
        #expect(serial.stdout == parallel.stdout)
    }

    @Test func jsonArrayYamlDocumentsAndStandardInput() throws {
        let rubricPath = try cli.file("input x: int\ninput tags: list[string] = []\nreward = x + len(tags)\n")
        let json = try cli.file("[{\"x\": 1}, {\"x\": 2, \"tags\": [\"a\"]}]", "a.json")
        let fromJSON = try cli.rubric(["eval", rubricPath, "--data", json, "--format", "json", "--summary", "none"])
        #expect(try records(fromJSON).map { $0["reward"] as? Double } == [1, 3])
        let yaml = try cli.file("x: 1\n---\nx: 2\ntags: [a, b]\n--- {x: 5}\n---\nx: [unclosed\n", "a.yaml")
        let fromYAML = try cli.rubric(["eval", rubricPath, "--data", yaml, "--format", "yaml", "--summary", "none"])
        let parsed = try records(fromYAML)
        #expect(parsed.map { $0["reward"] as? Double } == [1, 4, 5, nil])
        #expect((parsed[3]["error"] as? [String: Any])?["code"] as? String == "E1003")
        let fromStdin = try cli.rubric(["eval", rubricPath, "--data", "-", "--summary", "none"], stdin: "{\"x\": 9}\n{\"x\": 10}\n")
        #expect(try records(fromStdin).map { $0["reward"] as? Double } == [9, 10])
    }

    @Test func summaryIsPlainTextOrJSONOnStandardError() throws {
        let rubricPath = try cli.file("input x: float\nscore half = if x > 0 then x / 2 else skip\nreward = x\n")
        let data = try cli.file("{\"x\": 1}\n{\"x\": 3}\n{\"x\": -1}\n{}\n", "s.jsonl")
        let text = try cli.rubric(["eval", rubricPath, "--data", data])
        #expect(text.stderr.contains("4 records, 1 failed"))
        #expect(text.stderr.contains("reward histogram:"))
        #expect(!text.stderr.contains("\u{1B}"))  // no terminal control codes when stderr is not a terminal
        let json = try cli.rubric(["eval", rubricPath, "--data", data, "--summary", "json"])
        let summary = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
        #expect(summary?["records"] as? Int == 4)
        let reward = summary?["reward"] as? [String: Any]
        #expect(reward?["mean"] as? Double == 1.0)
        #expect(reward?["errors"] as? Int == 1)
        let half = (summary?["scores"] as? [String: Any])?["half"] as? [String: Any]
        #expect(half?["skipped"] as? Int == 1)
        let missing = try cli.rubric(["eval", rubricPath, "--data", "/nonexistent.jsonl"])
        #expect(missing.status == 2)
    }

    @Test func outputFileIsWrittenInPlaceNotReplaced() throws {
        // A file replaced by rename would turn `--out /dev/null` into a regular file; writing
        // through a symbolic link shows the path is opened, not replaced.
        let rubricPath = try cli.file("input x: float\nreward = x\n")
        let data = try cli.file("{\"x\": 1}\n{\"x\": 2}\n", "o.jsonl")
        let target = try cli.file("stale contents that must be truncated\n", "target.jsonl")
        let link = (target as NSString).deletingLastPathComponent + "/link.jsonl"
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try cli.rubric(["eval", rubricPath, "--data", data, "--out", link, "--summary", "none"])
        #expect(result.status == 0)
        let linkType = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
        #expect(linkType == .typeSymbolicLink)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 2)
        #expect(written.hasPrefix("{\"reward\":1"))
    }

    @Test func badArgumentsExitWithTwo() throws {
        let rubricPath = try cli.file("input x: float\nreward = x\n")
        let data = try cli.file("{\"x\": 1}\n", "a.jsonl")
        let noJobs = try cli.rubric(["eval", rubricPath, "--data", data, "--jobs", "0"])
        #expect(noJobs.status == 2)
        #expect(noJobs.stderr.contains("jobs"))
        let unknownOption = try cli.rubric(["eval", rubricPath, "--data", data, "--no-such-option"])
        #expect(unknownOption.status == 2)
        let help = try cli.rubric(["eval", "--help"])
        #expect(help.status == 0)
    }
}
