import Foundation
import Testing
@testable import Rubric

/// Feeds the whole pipeline mutated versions of every golden script: characters and lines
/// deleted, duplicated and swapped, with a fixed seed. Whatever the mutation, compiling must
/// end in a program or diagnostics, and running a compiled program must end in a record.
/// A crash here would take the whole test process down.
@Suite("Mutation fuzzing")
struct MutationFuzzTests {
    static let fragments = ["(", ")", "[", "]", "{", "}", "\"", "\\(", "r\"", ",", ":", ".", "??", "**", "-",
                            "not ", "if ", " then ", " else ", "for x in ", "\n", "let ", "fn f(x) = ", "x",
                            "reward", "1e308", "9223372036854775807", "[x for x in range(9)]", "null"]

    /// Applies one random edit to `text`.
    static func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return text }
        let position = Int.random(in: 0..<scalars.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            scalars.remove(at: position)
        case 1:
            let fragment = fragments.randomElement(using: &generator)!
            scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
        case 2:
            let end = min(scalars.count, position + Int.random(in: 1...20, using: &generator))
            scalars.insert(contentsOf: scalars[position..<end], at: position)
        default:
            let other = Int.random(in: 0..<scalars.count, using: &generator)
            scalars.swapAt(position, other)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    @Test func mutatedScriptsNeverCrashThePipeline() throws {
        var generator = SeededGenerator(state: 20_261_125)
        var limits = Limits()
        limits.fuel = 200_000
        limits.deadlineNanoseconds = 200_000_000
        var compiled = 0
        var rejected = 0
        for script in GoldenScript.all {
            var text = script.source
            for _ in 0..<24 {
                text = Self.mutate(text, using: &generator)
                do {
                    let program = try Program.compile(source: text, name: "fuzz.rubric", limits: limits)
                    compiled += 1
                    let evaluator = Evaluator(program: program)
                    let result = evaluator.evaluate(sample: .map([:]))
                    #expect(result.reward != nil || result.error != nil)
                    _ = evaluator.runExamples()
                } catch {
                    rejected += 1
                    #expect(!error.diagnostics.isEmpty)
                }
            }
        }
        // The mix must exercise both sides to mean anything.
        #expect(compiled > 50 && rejected > 50, "compiled \(compiled), rejected \(rejected)")
    }
}
