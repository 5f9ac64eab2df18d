import Foundation
import Testing
@testable import Rubric

/// A host stops an evaluation by raising the `CancellationFlag` of its execution context:
/// the VM sees it at its next budget check and fails the sample with E1207.
@Suite("Cancellation")
struct CancellationTests {
    /// Runs forever for practical purposes: 10^10 iterations over one list, allocating
    /// nothing more, with fuel and no deadline to match.
    static let endless = """
        let r = range(100000)
        let n = len([1 for x in r for y in r if x < 0])
        reward = n
        """

    static var unbounded: Limits {
        var limits = Limits()
        limits.fuel = Int.max / 2
        limits.deadlineNanoseconds = 0
        return limits
    }

    @Test func aRaisedFlagStopsTheEvaluationFromAnotherThread() throws {
        let program = try Program.compile(source: Self.endless, limits: Self.unbounded)
        let evaluator = Evaluator(program: program)
        let flag = CancellationFlag()
        evaluator.context.cancellation = flag
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { flag.request() }
        let start = Date()
        let result = evaluator.evaluate(sample: .map([:]))
        #expect(result.error?.code == "E1207")
        #expect(result.error?.message.contains("cancelled") == true)
        #expect(result.error?.line == 2)
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func aFlagRaisedBeforeTheRunStopsItAtTheFirstCheckAndClearingItLetsTheNextRunFinish() throws {
        let program = try Program.compile(source: "let n = len([x for x in range(20000) if x % 2 == 0])\nreward = n\n")
        let evaluator = Evaluator(program: program)
        let flag = CancellationFlag()
        evaluator.context.cancellation = flag
        flag.request()
        #expect(evaluator.evaluate(sample: .map([:])).error?.code == RuntimeErrorCode.cancelled.rawValue)
        flag.clear()
        let result = evaluator.evaluate(sample: .map([:]))
        #expect(result.error == nil)
        #expect(result.reward == 10000)
    }
}
