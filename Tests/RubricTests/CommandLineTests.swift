import Foundation
import Rubric
import Testing
import RubricSyntax

/// End-to-end tests of the `rubric` executable: exit codes, output formats and diagnostics.
@Suite("Command line")
struct CommandLineTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `rubric` binary built next to the test bundle.
    static let binary: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        if directory.pathExtension == "xctest" { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("rubric")
    }()

    /// Writes `source` to a temporary file and returns its path.
    func file(_ source: String, _ name: String = "t.rubric") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the binary with `arguments`, feeding it `stdin` when given.
    func rubric(_ arguments: [String], stdin: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        if let stdin {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: try file(stdin, "stdin.txt")))
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let good = """
        input completion: string
        score has_answer = "<answer>" in completion
        reward = has_answer
        example "yes" {
          completion = "<answer>4</answer>"
          expect reward == 1.0
        }
        """

    @Test func promptPrintsTheLanguageCard() throws {
        let outcome = try rubric(["prompt"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == LanguageCard.markdown())
        #expect(outcome.stdout.hasPrefix("# Rubric language card"))
    }

    @Test func checkAcceptsAGoodRubric() throws {
        let result = try rubric(["check", try file(Self.good)])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok:"))
    }

    @Test func checkReportsEveryErrorWithCaretAndCode() throws {
        let path = try file("input answer: string\nscore a = anwser\nscore b = 1 + \"x\"\nreward = a + b\n")
        let result = try rubric(["check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[E0201]: unknown name 'anwser'"))
        #expect(result.stderr.contains("\(path):2:11"))
        #expect(result.stderr.contains("2 | score a = anwser\n  |           ^^^^^^"))
        #expect(result.stderr.contains("error[E0302]"))
    }

    @Test func checkEmitsJSONDiagnostics() throws {
        let result = try rubric(["check", "--format", "json", try file("reward = nope\n")])
        #expect(result.status == 1)
        let line = try #require(result.stdout.split(separator: "\n").first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["code"] as? String == "E0201")
        #expect(object?["line"] as? Int == 1)
        #expect(object?["column"] as? Int == 10)
    }

    static let analysed = """
        input completion: string
        input judge_score: float
        score format = matches(completion, r"^<think>")
        score length = len(completion)
        reward in [0, 1.1] = clip(judge_score, 0, 1) + 0.1 * format
        """

    @Test func checkPrintsRangesLintsAndTheCostBound() throws {
        let path = try file(Self.analysed)
        let result = try rubric(["check", "--cost", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ranges: reward in [0, 1.1] (declared [0, 1.1], proved); format in [0, 1]; length in [0, inf]"))
        #expect(result.stdout.contains("cost: fuel per sample is at most"))
        #expect(result.stdout.contains("score format  2.125 + bytes(completion)/64"))
        #expect(result.stdout.contains("bytes(completion) = UTF-8 bytes of input 'completion'"))
        #expect(result.stderr.contains("warning[W0004]: score 'length' is computed but the reward does not use it"))
        #expect(result.stderr.contains("warning[W0006]: judge score 'judge_score' reaches the reward without a master-key guard"))
    }

    @Test func checkJSONHasLintsRangesAndCostWithPositions() throws {
        let path = try file(Self.analysed)
        let result = try rubric(["check", "--json", "--cost", path])
        #expect(result.status == 0)
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let lints = objects.filter { $0["severity"] as? String == "warning" }
        #expect(lints.map { $0["code"] as? String } == ["W0004", "W0006"])
        #expect(lints.allSatisfy { $0["file"] as? String == path && $0["line"] is Int && $0["column"] is Int })
        let summary = try #require(objects.last)
        #expect(summary["file"] as? String == path)
        let ranges = try #require(summary["ranges"] as? [String: Any])
        let reward = try #require(ranges["reward"] as? [String: Any])
        #expect(reward["inferred"] as? [Double] == [0, 1.1])
        #expect(reward["declared"] as? [Double] == [0, 1.1])
        #expect(reward["proved"] as? Bool == true)
        let scores = try #require(ranges["scores"] as? [[String: Any]])
        let length = try #require(scores.last)
        #expect((length["inferred"] as? [Any])?.last is NSNull)
        let causes = try #require(length["unbounded_because"] as? [[String: Any]])
        #expect(causes.first?["kind"] as? String == "length")
        #expect(causes.first?["line"] as? Int == 4)
        let cost = try #require(summary["cost"] as? [String: Any])
        let total = try #require(cost["total"] as? [String: Any])
        #expect(total["bounded"] as? Bool == true)
        #expect((total["formula"] as? String)?.contains("bytes(completion)") == true)
        #expect((cost["variables"] as? [[String: Any]])?.first?["name"] as? String == "bytes(completion)")
    }

    @Test func checkRejectsARangeItCannotProveWithTheCauseInJSON() throws {
        let path = try file("input x: float\nreward in [0, 1] = x + 1\n")
        let result = try rubric(["check", "--format", "json", path])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(try #require(result.stdout.split(separator: "\n").first).utf8)) as? [String: Any]
        #expect(object?["code"] as? String == "E0802")
        #expect(object?["line"] as? Int == 2)
        #expect(object?["column"] as? Int == 20)
        #expect((object?["message"] as? String)?.contains("input 'x' (float) can hold any value") == true)
    }

    @Test func runPrintsTheRecord() throws {
        let result = try rubric(["run", try file(Self.good), "--sample", #"{"completion": "<answer>4</answer>"}"#])
        #expect(result.status == 0)
        #expect(result.stdout == #"{"reward":1.0,"scores":{"has_answer":1.0},"error":null}"# + "\n")
    }

    @Test func runFailsWithARecordForABadSample() throws {
        let path = try file(Self.good)
        let missing = try rubric(["run", path, "--sample", "{}"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains(#""code":"E1001""#))
        let broken = try rubric(["run", path, "--sample", "{not json"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains(#""scores":{"has_answer":null}"#))
        #expect(broken.stdout.contains(#""code":"E1003""#))
    }

    @Test func testRunsExamples() throws {
        let passing = try rubric(["test", try file(Self.good)])
        #expect(passing.status == 0)
        #expect(passing.stdout.contains("PASS"))
        let failing = try rubric(["test", try file(Self.good.replacingOccurrences(of: "== 1.0", with: "== 0.0"))])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL"))
    }

    @Test func disasmShowsBytecode() throws {
        let result = try rubric(["disasm", try file(Self.good)])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("== <main>"))
        #expect(result.stdout.contains("contains"))
    }

    @Test func fmtCheckListsUnformattedFilesAndChangesNothing() throws {
        let messy = try file("input x:int\nreward=x*2\n")
        let tidy = try file("input x: int\nreward = x * 2\n")
        let result = try rubric(["fmt", "--check", messy, tidy])
        #expect(result.status == 1)
        #expect(result.stdout == messy + "\n")
        #expect(result.stderr.isEmpty)
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == "input x:int\nreward=x*2\n")
        let clean = try rubric(["fmt", "--check", tidy])
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
    }

    @Test func fmtRewritesFilesInPlaceAndNamesThem() throws {
        let messy = try file("input x:int\nreward=x*2\n")
        let result = try rubric(["fmt", messy])
        #expect(result.status == 0)
        #expect(result.stdout == messy + "\n")
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == "input x: int\nreward = x * 2\n")
        let again = try rubric(["fmt", messy])
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty)
        #expect(try rubric(["fmt", "--check", messy]).status == 0)
    }

    @Test func fmtLeavesFilesWithSyntaxErrorsAlone() throws {
        let broken = try file("reward = (1 +\n")
        for arguments in [["fmt"], ["fmt", "--check"]] {
            let result = try rubric(arguments + [broken])
            #expect(result.status == 1)
            #expect(result.stderr.contains("error[E"))
            #expect(result.stderr.contains("has syntax errors; left unchanged"))
            #expect(try String(contentsOfFile: broken, encoding: .utf8) == "reward = (1 +\n")
        }
    }

    @Test func fmtReportsUnreadableFilesWithStatusTwo() throws {
        let tidy = try file("reward = 1\n")
        let result = try rubric(["fmt", "--check", tidy, "/nonexistent/x.rubric", try file("reward = (\n")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read '/nonexistent/x.rubric'"))
    }

    @Test func fmtCheckIsCleanOnEveryScriptInTheRepositoryThatParses() throws {
        let parseable = FormatterTests.Script.all.filter { script in
            if case .formatted = Formatter.format(SourceFile(name: script.path, text: script.text)) { return true }
            return false
        }
        #expect(parseable.count > 100)
        let result = try rubric(["fmt", "--check"] + parseable.map(\.path))
        #expect(result.status == 0, "not formatted:\n\(result.stdout)")
        #expect(result.stdout.isEmpty)
    }

    @Test func unreadableFileIsAClearError() throws {
        let result = try rubric(["check", "/nonexistent/x.rubric"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot read '/nonexistent/x.rubric'"))
    }
}
