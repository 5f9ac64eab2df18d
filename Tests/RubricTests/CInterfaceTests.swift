import Foundation
import Testing
@testable import Rubric
@testable import RubricC
import RubricSyntax

/// The C interface, called as C calls it: statuses and messages instead of traps for NULL
/// pointers, invalid UTF-8, malformed JSON and bad options; diagnostics and records as JSON;
/// limits; and one handle shared by threads. (Bindings/python/tests compile a C program
/// against rubric.h and call the shared library through ctypes as well.)
@Suite("C interface")
struct CInterfaceTests {
    /// What a call returned: its status, its main output and its error message.
    struct Outcome {
        var status: Int32
        var output: String?
        var error: String?
    }

    static let source = """
        input completion: string
        input answer: string
        score correct = strip(completion) == strip(answer)
        reward = correct
        """

    /// Takes ownership of a returned string.
    static func take(_ text: UnsafeMutablePointer<CChar>?) -> String? {
        guard let text else { return nil }
        defer { rubric_string_free(text) }
        return String(cString: text)
    }

    /// Compiles `source`; the program is nil unless the status is OK.
    static func compile(_ source: String, options: String? = nil) -> (program: UnsafeMutableRawPointer?, Outcome) {
        var program: UnsafeMutableRawPointer?
        var diagnostics: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<CChar>?
        let bytes = Array(source.utf8)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) { pointer in
                rubric_compile(pointer, UInt(buffer.count), "test.rubric", options, &program, &diagnostics, &error)
            }
        }
        return (program, Outcome(status: status, output: take(diagnostics), error: take(error)))
    }

    /// Evaluates `samples` (raw bytes) with `program`.
    static func evaluate(_ program: UnsafeMutableRawPointer?, _ samples: [UInt8], options: String? = nil) -> Outcome {
        var results: UnsafeMutablePointer<CChar>?
        var length: UInt = 0
        var error: UnsafeMutablePointer<CChar>?
        let status = samples.withUnsafeBufferPointer { buffer in
            rubric_evaluate(program, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                            UInt(buffer.count), options, &results, &length, &error)
        }
        let output = take(results)
        if let output { #expect(output.utf8.count == Int(length)) }
        return Outcome(status: status, output: output, error: take(error))
    }

    /// Evaluates `samples` (text) with `program`.
    static func evaluate(_ program: UnsafeMutableRawPointer?, _ samples: String, options: String? = nil) -> Outcome {
        evaluate(program, Array(samples.utf8), options: options)
    }

    @Test func aProgramCompilesAndScoresJSONLinesAndArrays() throws {
        let (program, compiled) = Self.compile(Self.source)
        defer { rubric_program_free(program) }
        #expect(compiled.status == 0)
        #expect(compiled.output == "[]")
        #expect(compiled.error == nil)
        let lines = #"{"completion": " 4", "answer": "4"}"# + "\n\n" + #"{"completion": "5", "answer": "4"}"# + "\n"
        let jsonl = Self.evaluate(program, lines)
        #expect(jsonl.status == 0)
        #expect(jsonl.output == #"{"reward":1.0,"scores":{"correct":1.0},"error":null}"# + "\n"
                + #"{"reward":0.0,"scores":{"correct":0.0},"error":null}"# + "\n")
        let array = Self.evaluate(program, #"  [{"completion": "4", "answer": "4"}, 7]"#, options: #"{"output": "json"}"#)
        #expect(array.output == #"[{"reward":1.0,"scores":{"correct":1.0},"error":null},"#
                + #"{"reward":null,"scores":{"correct":null},"error":{"code":"E1003","message":"a sample must be a JSON object, not int","line":null,"column":null}}]"#)
        #expect(Self.evaluate(program, "").output == "")
        var info: UnsafeMutablePointer<CChar>?
        #expect(rubric_program_info(program, &info, nil) == 0)
        #expect(Self.take(info) == #"{"file":"test.rubric","name":null,"description":null,"inputs":[{"name":"completion","path":"completion","type":"string","has_default":false},{"name":"answer","path":"answer","type":"string","has_default":false}],"scores":["correct"],"uses_groups":false,"uses_batch":false,"group_key":null,"fallback":null}"#)
    }

    @Test func compileErrorsComeBackAsDiagnostics() throws {
        let (program, outcome) = Self.compile("input answer: string\nreward = anwser\n")
        #expect(program == nil)
        #expect(outcome.status == Status.compileError.rawValue)
        let diagnostics = try JSON.parse(try #require(outcome.output), maxDepth: 8)
        guard case .list(let list) = diagnostics, case .map(let first)? = list.first else {
            Issue.record("expected a list of diagnostics")
            return
        }
        #expect(first.entries["code"] == .string("E0201"))
        #expect(first.entries["line"] == .int(2))
        #expect(first.entries["column"] == .int(10))
        #expect(outcome.error?.contains("error[E0201]: unknown name 'anwser'") == true)
        var checked: UnsafeMutablePointer<CChar>?
        let text = "reward = 1\n"
        #expect(rubric_check(text, UInt(text.utf8.count), nil, nil, &checked, nil) == 0)
        #expect(Self.take(checked) == "[]")
        let broken = "reward = (1\n"
        #expect(rubric_check(broken, UInt(broken.utf8.count), nil, nil, &checked, nil) == Status.compileError.rawValue)
        #expect(Self.take(checked)?.contains(#""severity":"error""#) == true)
    }

    @Test func nullPointersAreStatusesNotCrashes() {
        var error: UnsafeMutablePointer<CChar>?
        var program: UnsafeMutableRawPointer?
        #expect(rubric_compile(nil, 5, nil, nil, &program, nil, &error) == Status.nullArgument.rawValue)
        #expect(Self.take(error) == "the source is NULL")
        #expect(rubric_compile("reward = 1", 10, nil, nil, nil, nil, &error) == Status.nullArgument.rawValue)
        #expect(Self.take(error) == "out_program is NULL")
        #expect(rubric_evaluate(nil, "[]", 2, nil, nil, nil, &error) == Status.nullArgument.rawValue)
        #expect(Self.take(error) == "the program is NULL")
        #expect(rubric_program_info(nil, nil, nil) == Status.nullArgument.rawValue)
        #expect(rubric_limits_set(nil, "{}", nil) == Status.nullArgument.rawValue)
        rubric_program_free(nil)
        rubric_string_free(nil)
        let (compiled, _) = Self.compile(Self.source)
        defer { rubric_program_free(compiled) }
        var results: UnsafeMutablePointer<CChar>?
        #expect(rubric_evaluate(compiled, nil, 3, nil, &results, nil, &error) == Status.nullArgument.rawValue)
        #expect(Self.take(error) == "the samples is NULL")
        #expect(rubric_evaluate(compiled, nil, 0, nil, &results, nil, nil) == 0)
        #expect(Self.take(results) == "")
        #expect(String(cString: rubric_status_name(4)) == "invalid_json")
        #expect(String(cString: rubric_status_name(99)) == "unknown_status")
        #expect(String(cString: rubric_version()) == "0.1.0")
    }

    @Test func invalidUTF8IsRefusedOrConfinedToItsLine() {
        let invalid: [UInt8] = Array("reward = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        var program: UnsafeMutableRawPointer?
        var error: UnsafeMutablePointer<CChar>?
        let status = invalid.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                rubric_compile($0, UInt(buffer.count), nil, nil, &program, nil, &error)
            }
        }
        #expect(status == Status.invalidUTF8.rawValue)
        #expect(Self.take(error) == "the source is not valid UTF-8")
        let (compiled, _) = Self.compile(Self.source)
        defer { rubric_program_free(compiled) }
        let lines = Array(#"{"completion": "4", "answer": "4"}"#.utf8) + [0x0A, 0x7B, 0xFF, 0x7D, 0x0A]
            + Array(#"{"completion": "#.utf8) + [0x0A]
        let outcome = Self.evaluate(compiled, lines)
        #expect(outcome.status == 0)
        let records = outcome.output?.split(separator: "\n").map(String.init) ?? []
        #expect(records.count == 3)
        #expect(records[1].contains(#""code":"E1003","message":"input line 2 is not valid UTF-8""#))
        #expect(records[2].contains(#""code":"E1003","message":"input line 3: "#))
        let array = Self.evaluate(compiled, [0x5B, 0xFF, 0x5D])
        #expect(array.status == Status.invalidUTF8.rawValue)
        #expect(Self.evaluate(compiled, "[{\"completion\": 1}").status == Status.invalidJSON.rawValue)
    }

    @Test func badOptionsAreRefusedWithAMessage() {
        let (program, _) = Self.compile(Self.source)
        defer { rubric_program_free(program) }
        let cases: [(String, Status, String)] = [
            ("{", .invalidJSON, "evaluate options are not valid JSON"),
            ("[1]", .invalidJSON, "evaluate options must be a JSON object"),
            (#"{"job": 2}"#, .invalidOption, "unknown option 'job'"),
            (#"{"jobs": -1}"#, .invalidOption, "option 'jobs' must be a whole number from 0 to 1024"),
            (#"{"map": {"missing": "x"}}"#, .invalidOption, "the rubric has no input named 'missing'"),
            (#"{"groups": [1, 2, 3]}"#, .invalidOption, "option 'groups' has 3 ids for 1 samples"),
            (#"{"groups": [1], "group_by": "a"}"#, .invalidOption, "give either 'group_by' or 'groups'"),
            (#"{"output": "xml"}"#, .invalidOption, "option 'output' must be"),
        ]
        for (options, status, message) in cases {
            let outcome = Self.evaluate(program, #"{"completion": "4", "answer": "4"}"#, options: options)
            #expect(outcome.status == status.rawValue, "\(options)")
            #expect(outcome.error?.contains(message) == true, "\(options): \(outcome.error ?? "")")
            #expect(outcome.output == nil)
        }
        let (_, badLimits) = Self.compile(Self.source, options: #"{"limits": {"fuel": 0}}"#)
        #expect(badLimits.status == Status.invalidOption.rawValue)
        #expect(badLimits.error == "limit 'fuel' must be a whole number from 1 to 4611686018427387904")
    }

    @Test func mappingAndGroupingOptionsReachTheEvaluator() throws {
        let source = "input value: float\nlet members = group(value)\nscore size = len(members)\nreward = value - sum(members) / len(members)\n"
        let (program, _) = Self.compile(source)
        defer { rubric_program_free(program) }
        let samples = #"[{"v": 1, "p": "a"}, {"v": 3, "p": "b"}, {"v": 3, "p": "a"}, {"v": 5, "p": "b"}]"#
        let byKey = Self.evaluate(program, samples, options: #"{"map": {"value": "v"}, "group_by": "p", "jobs": 2}"#)
        #expect(byKey.output == [-1.0, -1.0, 1.0, 1.0].map { #"{"reward":\#($0),"scores":{"size":2.0},"error":null}"# }
            .joined(separator: "\n") + "\n")
        let byIDs = Self.evaluate(program, samples, options: #"{"map": {"value": "v"}, "groups": [0, 0, 1, 1]}"#)
        #expect(byIDs.output?.hasPrefix(#"{"reward":-1.0,"scores":{"size":2.0},"error":null}"#) == true)
        let oneGroup = Self.evaluate(program, samples, options: #"{"map": {"value": "v"}}"#)
        #expect(oneGroup.output?.hasPrefix(#"{"reward":-2.0,"scores":{"size":4.0},"error":null}"#) == true)
    }

    @Test func limitsCanBeReadAndChanged() throws {
        var text: UnsafeMutablePointer<CChar>?
        #expect(rubric_limits_get(nil, &text, nil) == 0)
        #expect(Self.take(text) == LimitsJSON.json(Limits()))
        let heavy = "input n: int\nscore total = sum([x * y for x in range(n) for y in range(n)])\nreward = total\n"
        let (program, _) = Self.compile(heavy, options: #"{"limits": {"fuel": 5000, "max_nesting": 64}}"#)
        defer { rubric_program_free(program) }
        #expect(Self.evaluate(program, #"{"n": 100}"#).output?.contains(#""code":"E1201""#) == true)
        #expect(rubric_limits_set(program, #"{"fuel": 100000000, "deadline_ms": 2500.5}"#, nil) == 0)
        #expect(Self.evaluate(program, #"{"n": 100}"#).output?.hasPrefix(#"{"reward":24502500.0"#) == true)
        #expect(rubric_limits_get(program, &text, nil) == 0)
        let limits = try JSON.parse(try #require(Self.take(text)), maxDepth: 4)
        guard case .map(let box) = limits else { throw Failure(.invalidJSON, "not an object") }
        #expect(box.entries["fuel"] == .int(100_000_000))
        #expect(box.entries["deadline_ms"] == .float(2500.5))
        #expect(box.entries["max_nesting"] == .int(64))
        var error: UnsafeMutablePointer<CChar>?
        #expect(rubric_limits_set(program, #"{"max_nesting": 10}"#, &error) == Status.invalidOption.rawValue)
        #expect(Self.take(error) == "limit 'max_nesting' applies when compiling: pass it to rubric_compile")
        #expect(rubric_limits_set(program, #"{"fuel": 10, "regex_jit": 1}"#, &error) == Status.invalidOption.rawValue)
        #expect(Self.take(error) == "limit 'regex_jit' must be true or false")
        // Nothing changed: the failed call set no limit.
        #expect(Self.evaluate(program, #"{"n": 100}"#).output?.hasPrefix(#"{"reward":24502500.0"#) == true)
    }

    /// Every field of `Limits` and `SyntaxLimits` has a key in the JSON form, so a new limit
    /// cannot be left out of the C interface.
    @Test func everyLimitHasAJSONKey() {
        let fields = Mirror(reflecting: Limits()).children.compactMap(\.label).filter { $0 != "syntax" }
            + Mirror(reflecting: SyntaxLimits()).children.compactMap(\.label)
        #expect(Set(fields) == Set(LimitsJSON.entries.map(\.field)))
        #expect(LimitsJSON.entries.count == fields.count)
    }

    /// Eight threads evaluate with one handle at once and all get the sequential records.
    @Test func oneHandleServesEightThreads() throws {
        let (program, _) = Self.compile(BatchEvaluationTests.source)
        defer { rubric_program_free(program) }
        var generator = SeededGenerator(state: 5)
        let batch = BatchEvaluationTests.randomBatch(40, &generator).map(JSON.serialize).joined(separator: "\n")
        let expected = Self.evaluate(program, batch)
        let handle = Shared(program)
        let outputs = StackRunner.runEach(count: 8, stackBytes: 8 << 20) { thread in
            (0..<4).map { round in
                Self.evaluate(handle.value, batch, options: #"{"jobs": \#(1 + (thread + round) % 3)}"#).output
            }
        }
        #expect(expected.status == 0)
        for rounds in outputs { for output in rounds { #expect(output == expected.output) } }
    }
}
