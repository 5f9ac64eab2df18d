import Foundation
import Testing
@testable import Rubric

/// Tests of the embedding API: compile once, evaluate many, from many threads.
@Suite("Evaluator")
struct EvaluatorTests {
    static let source = """
        input completion: string
        input step_scores: list[float] = []
        let words = split(completion)
        score long_words = len([w for w in words if len(w) > 4])
        score step_sum = sum([s * 2.0 for s in step_scores])
        reward = long_words + step_sum
        """

    @Test func oneProgramIsSharedByEvaluatorsOnManyThreads() async throws {
        let program = try Program.compile(source: Self.source)
        let samples: [Value] = (0..<400).map { index in
            .map(["completion": .string(String(repeating: "word\(index % 7) ", count: index % 13)),
                  "step_scores": .list((0..<(index % 5)).map { .float(Double($0) / 4) })])
        }
        let sequential = Evaluator(program: program)
        let expected = samples.map { sequential.evaluate(sample: $0).json() }
        let results = await withTaskGroup(of: (Int, [String]).self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let evaluator = Evaluator(program: program)
                    return (worker, samples.map { evaluator.evaluate(sample: $0).json() })
                }
            }
            var collected: [[String]] = Array(repeating: [], count: 4)
            for await (worker, lines) in group { collected[worker] = lines }
            return collected
        }
        for lines in results { #expect(lines == expected) }
    }

    @Test func positionalInputsMatchSampleInputs() throws {
        let program = try Program.compile(source: Self.source)
        let evaluator = Evaluator(program: program)
        let bySample = evaluator.evaluate(sample: .map(["completion": .string("alpha beta gamma"),
                                                        "step_scores": .list([.float(0.5)])]))
        let byPosition = evaluator.evaluate(inputs: [.string("alpha beta gamma"), .list([.float(0.5)])])
        #expect(bySample.json() == byPosition.json())
        #expect(bySample.reward == 2 + 1.0)  // alpha and gamma are longer than 4; 2 * 0.5
    }

    @Test func aFailedSampleKeepsEveryScoreAndThePosition() throws {
        let program = try Program.compile(source: "input n: int\nscore a = 1\nscore b = 10 // n\nreward = a + b\n")
        let result = Evaluator(program: program).evaluate(sample: .map(["n": .int(0)]))
        #expect(result.json() == #"{"reward":null,"scores":{"a":1.0,"b":null},"error":{"code":"E1102","message":"integer division by zero","line":3,"column":11}}"#)
    }

    @Test func mapsKeepInsertionOrder() throws {
        let program = try Program.compile(source: """
            input names: list[string]
            let counts = {n: len(n) for n in names}
            score first_is_zeta = keys(counts)[0] == "zeta"
            reward = first_is_zeta
            """)
        let names: [Value] = ["zeta", "alpha", "mu", "beta", "omega", "kappa"].map { .string($0) }
        for _ in 0..<20 {
            #expect(Evaluator(program: program).evaluate(sample: .map(["names": .list(names)])).reward == 1)
        }
    }

    @Test func examplesReportEachFailedExpectation() throws {
        let program = try Program.compile(source: """
            input x: int
            score double = x * 2
            reward = double
            example "ok" {
              x = 2
              expect reward == 4.0
            }
            example "wrong" {
              x = 3
              expect reward == 5.0
              expect double > 0.0
            }
            """)
        let outcomes = Evaluator(program: program).runExamples()
        #expect(outcomes.map(\.passed) == [true, false])
        #expect(outcomes[1].failures == ["10:10: expect reward == 5.0 — was false"])
    }

    @Test func fuelIsPerSampleNotPerEvaluator() throws {
        var limits = Limits()
        limits.fuel = 500
        let program = try Program.compile(source: "input n: int\nreward = len([i for i in range(n)])\n", limits: limits)
        let evaluator = Evaluator(program: program)
        for _ in 0..<50 {
            #expect(evaluator.evaluate(sample: .map(["n": .int(300)])).reward == 300)
        }
        #expect(evaluator.evaluate(sample: .map(["n": .int(5000)])).error?.code == "E1201")
        #expect(evaluator.evaluate(sample: .map(["n": .int(300)])).reward == 300)
    }
}

/// Constant folding must never change a result: every operator is evaluated once on
/// constants (folded by the compiler) and once on inputs (run by the VM), and both records,
/// errors included, must be identical.
@Suite("Constant folding")
struct ConstantFoldingTests {
    static let operands: [(String, Value)] = [
        ("7", .int(7)), ("-3", .int(-3)), ("0", .int(0)), ("2.5", .float(2.5)), ("-0.5", .float(-0.5)),
        ("0.0", .float(0)), ("9223372036854775807", .int(Int.max)),
    ]
    static let operators = ["+", "-", "*", "/", "//", "%", "**", "<", "<=", "==", "!="]

    @Test(arguments: operators)
    func foldedAndRuntimeResultsAgree(_ op: String) throws {
        for (leftText, leftValue) in Self.operands {
            for (rightText, rightValue) in Self.operands {
                let folded = try Program.compile(source: "score s = (\(leftText)) \(op) (\(rightText))\nreward = s\n")
                let runtime = try Program.compile(source: "input a: number\ninput b: number\nscore s = a \(op) b\nreward = s\n")
                let foldedResult = Evaluator(program: folded).evaluate(sample: .map([:]))
                let runtimeResult = Evaluator(program: runtime).evaluate(sample: .map(["a": leftValue, "b": rightValue]))
                #expect(foldedResult.reward == runtimeResult.reward, "\(leftText) \(op) \(rightText)")
                #expect(foldedResult.error?.code == runtimeResult.error?.code, "\(leftText) \(op) \(rightText)")
            }
        }
    }

    @Test func foldingRemovesConstantArithmetic() throws {
        let program = try Program.compile(source: "let x = 2 * 3 + 4\nreward = x\n")
        let listing = Disassembler.disassemble(program)
        #expect(listing.contains("constant            0  ; 10"))
        #expect(!listing.contains("multiply"))
    }
}

/// The disassembler shows each instruction with its source line.
@Suite("Disassembler")
struct DisassemblerTests {
    @Test func listingShowsLinesOperandsAndNames() throws {
        let program = try Program.compile(source: """
            input text: string
            fn twice(x: int) -> int = x * 2
            let n = twice(len(text))
            reward = n
            """)
        let listing = Disassembler.disassemble(program)
        #expect(listing.contains("== <main> (locals 0, stack 1) =="))
        #expect(listing.contains("   0    1 loadInput           0  ; text"))
        #expect(listing.contains("call                0 1  ; twice"))
        #expect(listing.contains("callBuiltin"))
        #expect(listing.contains("; len"))
        #expect(listing.contains("== twice (locals 1, stack 2) =="))
        #expect(listing.contains("multiplyInt"))
    }

    @Test func comparisonsBeforeBranchesAndLoopVariablesAreFused() throws {
        let program = try Program.compile(source: """
            input xs: list[float]
            let a = if len(xs) > 2 then 1 else 0
            let b = [x for x in xs if x >= 0.5 and x < 0.9]
            reward = a + len(b)
            """)
        let listing = Disassembler.disassemble(program)
        #expect(listing.contains("; unless >:"))
        #expect(listing.contains("into local"))
        // `and` needs the bool of `x >= 0.5`, and `x < 0.9` is the target of its jump:
        // neither may be fused.
        #expect(listing.contains("greaterEqual"))
        #expect(listing.contains("less "))
        let evaluator = Evaluator(program: program)
        let result = evaluator.evaluate(sample: .map(["xs": .list([0.1, 0.5, 0.7, 0.95].map { .float($0) })]))
        #expect(result.reward == 3)
    }
}
