import Foundation
import Testing
@testable import Rubric
import RubricSemantics
import RubricSyntax

/// A count shared between threads, for host functions that record their calls.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Adds one and returns the new count.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// The Swift API of host functions: registration against declarations, fuel, caching of pure
/// functions, errors, and one compiled program shared by many threads.
@Suite("Host functions")
struct HostFunctionTests {
    /// A host function `name(text: string) -> int` that counts its calls in `counter` and
    /// returns the length of its argument.
    static func length(_ name: String, pure: Bool, cost: Int = 1, counter: CallCounter) -> HostFunction {
        HostFunction(name: name, parameters: [("text", .string)], returns: .int, cost: cost, pure: pure) { arguments in
            _ = counter.next()
            guard case .string(let text) = arguments[0] else { return .int(-1) }
            return .int(text.count)
        }
    }

    static let judged = """
        input question: string
        input completion: string
        host fn judge(question: string, answer: string) -> float
        score quality = judge(question, completion)
        reward = quality
        """

    func sample(_ fields: [String: String]) -> Value {
        var entries: [String: Value] = [:]
        for (key, value) in fields { entries[key] = .string(value) }
        return .map(.init(uniqueKeysWithValues: entries.sorted { $0.key < $1.key }))
    }

    func codes(_ source: String, _ hosts: [HostFunction]) -> [String] {
        do {
            _ = try Program.compile(source: source, hostFunctions: hosts)
            return []
        } catch {
            return error.diagnostics.map(\.code.rawValue)
        }
    }

    @Test func aRegisteredFunctionIsCalledWithTheSampleValues() throws {
        let program = try Program.compile(source: Self.judged, hostFunctions: [TestHosts.judge])
        #expect(program.hostDeclarations.map(\.description) == ["judge(question: string, answer: string) -> float"])
        #expect(program.unboundHostFunctions.isEmpty)
        let evaluator = Evaluator(program: program)
        #expect(evaluator.evaluate(sample: sample(["question": "q", "completion": "42"])).reward == 1)
        #expect(evaluator.evaluate(sample: sample(["question": "q", "completion": "41"])).reward == 0)
        #expect(Disassembler.disassemble(program).contains("callHost            0 2  ; host judge"))
    }

    @Test func declarationsMustMatchWhatTheHostRegistered() {
        let undeclared = "input completion: string\nreward = judge(\"q\", completion)\n"
        #expect(codes(undeclared, [TestHosts.judge]) == ["E0960"])
        // Without the registration it is just an unknown function.
        #expect(codes(undeclared, []) == ["E0201"])
        #expect(codes(Self.judged, []) == ["E0961"])
        #expect(codes(Self.judged, [TestHosts.explode]) == ["E0961"])
        let renamed = HostFunction(name: "judge", parameters: [("q", .string), ("answer", .string)], returns: .float,
                                   pure: true) { _ in .float(0) }
        #expect(codes(Self.judged, [renamed]) == ["E0962"])
        let retyped = HostFunction(name: "judge", parameters: [("question", .string), ("answer", .string)],
                                   returns: .number, pure: true) { _ in .float(0) }
        #expect(codes(Self.judged, [retyped]) == ["E0962"])
        #expect(codes(Self.judged, [TestHosts.judge, TestHosts.explode]).isEmpty)  // extra registrations are fine
    }

    @Test func withoutAHostTheRubricChecksAndCallsFail() throws {
        let program = try Program.compile(source: Self.judged)
        #expect(program.unboundHostFunctions == ["judge"])
        let result = Evaluator(program: program).evaluate(sample: sample(["question": "q", "completion": "42"]))
        #expect(result.error?.code == "E1220")
        #expect(result.error?.line == 4 && result.error?.column == 17)
    }

    @Test func everyCallIsChargedItsCostInFuel() throws {
        let source = """
            input words: list[string]
            host fn size(text: string) -> int
            reward = sum([size(w) for w in words])
            """
        let words = Value.map(["words": .list((0..<10).map { .string("w\($0)") })])
        func fuelUsed(cost: Int, limit: Int = 1_000_000) throws -> (Int, SampleResult) {
            var limits = Limits()
            limits.fuel = limit
            let host = Self.length("size", pure: false, cost: cost, counter: CallCounter())
            let evaluator = Evaluator(program: try Program.compile(source: source, limits: limits, hostFunctions: [host]))
            let result = evaluator.evaluate(sample: words)
            return (limit - evaluator.context.fuel, result)
        }
        let (free, _) = try fuelUsed(cost: 0)
        let (charged, result) = try fuelUsed(cost: 1000)
        #expect(result.reward == 20)
        #expect(charged - free == 10 * 1000)
        let (_, starved) = try fuelUsed(cost: 1000, limit: 5000)
        #expect(starved.error?.code == RuntimeErrorCode.fuelExhausted.rawValue)
    }

    @Test func pureResultsAreCachedPerEvaluatorAndImpureOnesNever() throws {
        let source = """
            input a: string
            host fn size(text: string) -> int
            reward = size(a) + size(a) + size("fixed") + size("fixed")
            """
        let pureCalls = CallCounter()
        let impureCalls = CallCounter()
        let pure = try Program.compile(source: source, hostFunctions: [Self.length("size", pure: true, counter: pureCalls)])
        let impure = try Program.compile(source: source, hostFunctions: [Self.length("size", pure: false, counter: impureCalls)])
        let pureEvaluator = Evaluator(program: pure)
        let impureEvaluator = Evaluator(program: impure)
        for _ in 0..<2 {
            let first = pureEvaluator.evaluate(sample: sample(["a": "abc"]))
            let second = impureEvaluator.evaluate(sample: sample(["a": "abc"]))
            #expect(first.reward == 16 && second.reward == 16)
            // Fuel does not tell a cached call from a real one.
            #expect(pureEvaluator.context.fuel == impureEvaluator.context.fuel)
        }
        #expect(pureCalls.value == 2)  // "abc" and "fixed", once each, for both samples
        #expect(impureCalls.value == 8)
        // A fresh evaluator has its own cache.
        _ = Evaluator(program: pure).evaluate(sample: sample(["a": "abc"]))
        #expect(pureCalls.value == 4)
    }

    @Test func theCacheOfPureResultsIsBounded() throws {
        let counter = CallCounter()
        let program = try Program.compile(source: """
            input n: int
            host fn size(text: string) -> int
            reward = sum([size("\\(i)") for i in range(n)])
            """, hostFunctions: [Self.length("size", pure: true, counter: counter)])
        let evaluator = Evaluator(program: program)
        let calls = HostResultCache.capacity + 10
        #expect(evaluator.evaluate(sample: .map(["n": .int(calls)])).error == nil)
        #expect(counter.value == calls)
        #expect(evaluator.context.hostResults.count == 10)  // full at `capacity`, then started over
    }

    @Test func callsWithConstantArgumentsAreNotFolded() throws {
        let counter = CallCounter()
        let tick = HostFunction(name: "tick", parameters: [], returns: .int, pure: false) { _ in .int(counter.next()) }
        let program = try Program.compile(source: "host fn tick() -> int\nreward = tick()\n", hostFunctions: [tick])
        let evaluator = Evaluator(program: program)
        #expect(evaluator.evaluate(sample: .map([:])).reward == 1)
        #expect(evaluator.evaluate(sample: .map([:])).reward == 2)
    }

    @Test func hostErrorsBecomeTheSampleErrorAtTheCall() throws {
        struct Refused: Error {}
        let source = """
            input x: int
            host fn check(x: int) -> float
            fallback = -1
            score first = 1
            score checked = check(x)
            reward = checked
            """
        func run(_ body: @escaping @Sendable ([Value]) throws -> Value) throws -> SampleResult {
            let host = HostFunction(name: "check", parameters: [("x", .int)], returns: .float, pure: false, body: body)
            return Evaluator(program: try Program.compile(source: source, hostFunctions: [host])).evaluate(sample: .map(["x": .int(3)]))
        }
        let thrown = try run { _ in throw Refused() }
        #expect(thrown.error?.code == "E1221")
        #expect(thrown.error?.message.hasPrefix("host function 'check' failed: ") == true)
        #expect(thrown.error?.line == 5 && thrown.error?.column == 17)
        #expect(thrown.reward == -1 && thrown.scores["first"] == 1.0)
        // A RuntimeError keeps its own code and message; it is still placed at the call.
        let coded = try run { _ in throw RuntimeError(.invalidArgument, "no such question") }
        #expect(coded.error?.code == "E1107" && coded.error?.message == "no such question" && coded.error?.line == 5)
        let wrong = try run { _ in .list([]) }
        #expect(wrong.error?.code == "E1222")
        #expect(wrong.error?.message == "host function 'check' must return float: expected float, got list")
        let widened = try run { arguments in arguments[0] }  // an int where a float is declared
        #expect(widened.error == nil && widened.reward == 3)
    }

    @Test func oneProgramServesEightThreadsAtOnce() throws {
        let counter = CallCounter()
        let host = Self.length("size", pure: false, counter: counter)
        let program = try Program.compile(source: "input text: string\nhost fn size(text: string) -> int\nreward = size(text)\n",
                                          hostFunctions: [host])
        let perThread = 200
        let mismatches = CallCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            let evaluator = Evaluator(program: program)
            for index in 0..<perThread {
                let text = String(repeating: "x", count: thread * 1000 + index)
                let result = evaluator.evaluate(sample: .map(["text": .string(text)]))
                if result.reward != Double(text.count) || result.error != nil { _ = mismatches.next() }
            }
        }
        #expect(mismatches.value == 0)
        #expect(counter.value == 8 * perThread)
    }

    @Test func aFaultyHostMakesTheRubricNonDeterministicAndVerifyFindsIt() throws {
        let counter = CallCounter()
        let tick = HostFunction(name: "tick", parameters: [], returns: .int, pure: false) { _ in .int(counter.next() % 3) }
        let source = "input x: float\nhost fn tick() -> int\nreward = x + tick()\n"
        var options = VerificationOptions()
        options.cases = 20
        let faulty = PropertyVerifier(program: try Program.compile(source: source, hostFunctions: [tick]), options: options).run()
        let finding = try #require(faulty.findings.first { $0.property == .deterministic })
        #expect(finding.subject == "reward")
        #expect(finding.message.hasPrefix("evaluated twice: reward "))
        #expect(faulty.status(of: .deterministic) == "failed")

        // Declared pure but not: one evaluator repeats its cached answer, a fresh one asks again.
        let lying = HostFunction(name: "tick", parameters: [], returns: .int, pure: true) { _ in .int(counter.next()) }
        let cached = PropertyVerifier(program: try Program.compile(source: source, hostFunctions: [lying]), options: options).run()
        let fresh = try #require(cached.findings.first { $0.property == .deterministic })
        #expect(fresh.message.hasPrefix("in a fresh evaluator: reward "))

        let constant = HostFunction(name: "tick", parameters: [], returns: .int, pure: false) { _ in .int(1) }
        let sound = PropertyVerifier(program: try Program.compile(source: source, hostFunctions: [constant]), options: options).run()
        #expect(sound.holds)
    }
}
