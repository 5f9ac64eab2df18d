import Foundation
import Testing
@testable import Rubric
import RubricSyntax

/// Hostile sources must give a clear error or a result, never a crash: Swift overflows the
/// stack on deep recursive walks, so the parser bounds nesting before any walk happens.
@Suite("Robustness against hostile sources")
struct RobustnessTests {
    /// Compiles `source` and returns the diagnostic codes (empty when it compiled).
    func codes(_ source: String, limits: Limits = Limits()) -> [String] {
        do {
            _ = try Program.compile(source: source, name: "hostile.rubric", limits: limits)
            return []
        } catch {
            return error.diagnostics.map(\.code.rawValue)
        }
    }

    @Test func tenThousandNestedParenthesesAreRejected() {
        let depth = 10_000
        let source = "reward = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "\n"
        let found = codes(source)
        #expect(found == ["E0902"])
    }

    @Test func tenThousandNestedListsAreRejected() {
        let depth = 10_000
        let source = "let x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            + "\nreward = 1\n"
        #expect(codes(source) == ["E0902"])
    }

    @Test func tenThousandNestedConditionalsAndUnaryOperatorsAreRejected() {
        let conditionals = "reward = " + String(repeating: "if true then 1 else ", count: 10_000) + "0\n"
        #expect(codes(conditionals) == ["E0902"])
        let negations = "reward = " + String(repeating: "-", count: 10_000) + "1\n"
        #expect(codes(negations) == ["E0902"])
        let nots = "score s = " + String(repeating: "not ", count: 10_000) + "true\nreward = s\n"
        #expect(codes(nots) == ["E0902"])
    }

    @Test func longOperatorChainsAreBoundedByHeight() {
        // A left-associative chain is built by a loop, not recursion, but every later pass walks
        // the resulting tree recursively; its height is bounded like nesting.
        let chain = "reward = " + Array(repeating: "1", count: 20_000).joined(separator: " + ") + "\n"
        #expect(codes(chain) == ["E0902"])
        let ok = "reward = " + Array(repeating: "1", count: 200).joined(separator: " + ") + "\n"
        let program = try? Program.compile(source: ok)
        #expect(Evaluator(program: program!).evaluate(sample: .map([:])).reward == 200)
    }

    @Test func deepNestingAfterAnErrorStillReportsLaterStatements() {
        let source = "let a = " + String(repeating: "(", count: 5_000) + "\nlet b = unknown_name\nreward = 1\n"
        let found = codes(source)
        #expect(found.first == "E0902")
    }

    @Test func tenMegabyteSourceIsRejectedWithSourceTooLarge() {
        let line = "let x = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10  # padding padding padding\n"
        var source = ""
        source.reserveCapacity(10 << 20)
        while source.utf8.count < 10 << 20 { source += line }
        #expect(codes(source) == ["E0901"])
    }

    @Test func tenMegabyteSourceUnderARaisedLimitGivesAResult() throws {
        // With the limit raised, a 10 MB source is read in full: here 10 MB of commented
        // definitions around one reward.
        var limits = Limits()
        limits.syntax.maxSourceBytes = 16 << 20
        let line = "# a comment line of padding, padding, padding, padding, padding, padding\n"
        var source = "let x = 21\n"
        source.reserveCapacity(11 << 20)
        while source.utf8.count < 10 << 20 { source += line }
        source += "reward = x * 2\n"
        let program = try Program.compile(source: source, limits: limits)
        #expect(Evaluator(program: program).evaluate(sample: .map([:])).reward == 42)
    }

    @Test func oneMegabyteStringLiteralCompilesAndRuns() throws {
        let payload = String(repeating: "abcdefghij", count: 100_000)
        let source = "let s = \"\(payload)\"\nreward = len(s)\n"
        let program = try Program.compile(source: source)
        let result = Evaluator(program: program).evaluate(sample: .map([:]))
        #expect(result.reward == 1_000_000)
        #expect(result.error == nil)
    }

    @Test func oneMegabyteRawStringAndUnterminatedLiteral() throws {
        let payload = String(repeating: "xyz\\d", count: 200_000)
        let raw = try Program.compile(source: "let s = r\"\(payload)\"\nreward = len(s)\n")
        #expect(Evaluator(program: raw).evaluate(sample: .map([:])).reward == 1_000_000)
        let plain = String(repeating: "abcde", count: 200_000)
        #expect(codes("let s = \"\(plain)\nreward = 1\n") == ["E0102"])
    }

    @Test func deeplyNestedSampleIsAnErrorRecordNotACrash() {
        let program = try! Program.compile(source: "input x: any\nreward = 1\n")
        let depth = 100_000
        let text = "{\"x\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        do {
            _ = try JSON.parse(text, maxDepth: program.limits.maxValueDepth)
            Issue.record("a 100,000-deep sample was accepted")
        } catch {
            #expect(error.code == .valueTooDeep)
        }
    }

    @Test func compilingOnASmallStackThreadAtTheNestingLimitDoesNotCrash() async throws {
        // Secondary threads have 512 KiB stacks; compile right at the nesting limit on one.
        let depth = Limits().syntax.maxNesting - 2
        let source = "reward = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "\n"
        let result = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Double?, Error>) in
            let thread = Thread {
                do {
                    let program = try Program.compile(source: source)
                    continuation.resume(returning: Evaluator(program: program).evaluate(sample: .map([:])).reward)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.stackSize = 512 << 10
            thread.start()
        }
        #expect(result == 1)
    }
}
