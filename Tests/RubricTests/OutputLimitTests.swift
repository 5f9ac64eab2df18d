import OrderedCollections
import Testing
@testable import Rubric
import RubricSyntax

/// `Limits.maxOutputBytes`: no record is larger than the limit, whatever the script emits,
/// and the cheap bound used to skip measuring is never below the real size.
@Suite("Output limit")
struct OutputLimitTests {
    /// Compiles `source` and evaluates `sample`.
    func evaluate(_ source: String, _ sample: String, limits: Limits = Limits()) throws -> SampleResult {
        let program = try Program.compile(source: source, limits: limits)
        return Evaluator(program: program).evaluate(sample: try JSON.parse(sample, maxDepth: 128))
    }

    /// Bytes of `text` as a quoted JSON string, as records write it.
    func quotedBytes(_ text: String) -> Int {
        DiagnosticRenderer.quote(text).utf8.count
    }

    @Test func aHugeFailMessageIsCutAndTheRecordStaysSmall() throws {
        let result = try evaluate("input n: int\nscore s = 1\nreward = if n > 0 then fail(\"x\" * n) else 1\n",
                                  #"{"n": 5000000}"#)
        let error = try #require(result.error)
        #expect(error.code == "E1110")
        #expect(error.message.hasSuffix("…"))
        #expect(error.message.hasPrefix("xxxx"))
        #expect(quotedBytes(error.message) <= SampleError.maxMessageBytes + 2)
        #expect(result.json().utf8.count < 2 * SampleError.maxMessageBytes)
    }

    @Test func escapesCountTowardsTheMessageCap() {
        // Control characters take six bytes each in JSON.
        let cut = SampleError(code: "E1110", message: String(repeating: "\u{1}", count: 1000), line: 1, column: 1)
        #expect(quotedBytes(cut.message) <= SampleError.maxMessageBytes + 2)
        #expect(cut.message.unicodeScalars.count == (SampleError.maxMessageBytes - 3) / 6 + 1)
        let short = SampleError(code: "E1110", message: "fine \u{1}", line: nil, column: nil)
        #expect(short.message == "fine \u{1}")
        // A multi-byte character is never split.
        let wide = SampleError(code: "E1110", message: String(repeating: "é", count: 2000), line: nil, column: nil)
        #expect(wide.message.utf8.count <= SampleError.maxMessageBytes)
        #expect(wide.message.hasSuffix("é…"))
    }

    @Test func theBoundIsNeverBelowTheRecord() {
        var generator = SeededGenerator(state: 1205)
        let extremes: [Double] = [-2.2250738585072014e-308, -1.7976931348623157e308, -5e-324, -123456789012345.6,
                                  -9007199254740993, 0.1 + 0.2, -0.0, 1e22, -1e-7]
        for round in 0..<200 {
            let count = Int.random(in: 0..<50, using: &generator)
            var steps: [Double] = []
            for _ in 0..<count {
                steps.append(Bool.random(using: &generator) ? extremes.randomElement(using: &generator)!
                             : Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
            }
            let finite = steps.filter(\.isFinite)
            var latent: OrderedDictionary<String, Double> = [:]
            for (index, value) in finite.prefix(5).enumerated() {
                latent["f\(index)\"\\\u{1}é"] = value
            }
            var result = SampleResult(reward: finite.first, scoreNames: ["a", "b\u{2}"],
                                      scoreValues: [finite.last, nil], error: nil)
            result.steps = finite
            result.latent = latent
            result.declaresSteps = true
            result.declaresLatent = round % 2 == 0
            if round % 3 == 0 {
                result.error = SampleError(code: "E1110", message: String(repeating: "\u{7}\"", count: 900),
                                           line: Int.max, column: Int.min)
            }
            #expect(RecordSize.bound(result) >= result.json().utf8.count, "\(result.json())")
        }
    }

    @Test func everyFailedRecordFitsWhenTheRubricCompiles() throws {
        // The smallest limit at which this rubric compiles: its error records must fit it.
        let source = "input n: int\nscore a_long_score_name = 1\nsteps = [0.5 for i in range(n)]\nreward = fail(\"\\u{1}\" * n)\n"
        var limits = Limits()
        limits.maxOutputBytes = 1000
        #expect(throws: CompileFailure.self) { try Program.compile(source: source, limits: limits) }
        var bytes = 1000
        var program: Program?
        while program == nil, bytes < 1 << 20 {
            bytes += 10
            limits.maxOutputBytes = bytes
            program = try? Program.compile(source: source, limits: limits)
        }
        let evaluator = Evaluator(program: program!)
        for n in [0, 1, 10, 100, 1000, 10000] {
            let record = evaluator.evaluate(sample: .map(["n": .int(n)])).json()
            #expect(record.utf8.count <= bytes, "n = \(n): \(record.utf8.count) > \(bytes)")
        }
    }

    @Test func anEvaluatorCanSetItsOwnLimit() throws {
        let program = try Program.compile(source: "input n: int\nsteps = [1 for i in range(n)]\nreward = 1\n")
        var limits = Limits()
        limits.maxOutputBytes = 4000
        let evaluator = Evaluator(program: program, limits: limits)
        #expect(evaluator.evaluate(sample: .map(["n": .int(100)])).error == nil)
        #expect(evaluator.evaluate(sample: .map(["n": .int(1000)])).error?.code == "E1205")
        #expect(Evaluator(program: program).evaluate(sample: .map(["n": .int(1000)])).error == nil)
    }
}
