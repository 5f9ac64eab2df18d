import Foundation
import Testing
@testable import Rubric
import RubricSemantics

/// Every builtin that takes text, fed random text: random bytes decoded as UTF-8 (with
/// replacement), runs of markup and LaTeX fragments, deep brackets and long strings, with
/// the other arguments drawn from their declared types. Each call must return a value (a
/// float result must be finite) or fail with a RuntimeError, and finish quickly: no input
/// string may crash or hang a builtin. New builtins are covered as soon as they register.
@Suite("Builtin fuzzing")
struct BuiltinFuzzTests {
    /// Fragments that parsers and matchers in the builtins react to.
    static let fragments = [
        "<think>", "</think>", "<answer>", "</answer>", "<tool_call>", "</tool_call>", "\\boxed{", "}", "{", "\\frac",
        "\\sqrt", "^", "\\pi", "####", "The answer is", "(", ")", "[", "]", "\\\\", "\\", "\"", "'", ":", "- ", "\n",
        "\t", " ", "0", "12", "-3.5e9", ".", ",", "%", "$", "a", "the", "é", "İ", "ß", "日本", "🙂", "\u{0}", "\u{85}",
        "\u{2028}", "\u{FEFF}", "*", "+", "?", "|", "(?", "&", "!!", "&amp;", "---", "...", "\r\n",
    ]

    /// A random string: raw bytes, fragment soup, deep nesting or a long repetition.
    static func randomText(_ generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0:
            let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            return String(decoding: bytes, as: UTF8.self)
        case 1:
            let opener = ["{", "(", "[", "\\frac{", "<think>", "\\sqrt{", "[[", "{\"a\":"].randomElement(using: &generator)!
            return String(repeating: opener, count: Int.random(in: 1...3000, using: &generator))
        case 2:
            let piece = fragments.randomElement(using: &generator)!
            return String(repeating: piece, count: Int.random(in: 100...5000, using: &generator))
        default:
            return (0..<Int.random(in: 0...60, using: &generator)).map { _ in fragments.randomElement(using: &generator)! }
                .joined()
        }
    }

    /// A random value of `type`, or its default when the parameter has one and the dice say so.
    static func argument(_ parameter: BuiltinParameter, _ generator: inout SeededGenerator) -> Value {
        if let constant = parameter.defaultValue, Bool.random(using: &generator) { return value(constant) }
        return randomValue(parameter.type, &generator)
    }

    static func value(_ constant: Constant) -> Value {
        switch constant {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float(let number): .float(number)
        case .string(let text): .string(text)
        }
    }

    static func randomValue(_ type: RType, _ generator: inout SeededGenerator) -> Value {
        switch type {
        case .optional(let wrapped):
            return Int.random(in: 0..<4, using: &generator) == 0 ? .null : randomValue(wrapped, &generator)
        case .string, .any: return .string(randomText(&generator))
        case .int: return .int([-1, 0, 1, 2, 3, 7, 100].randomElement(using: &generator)!)
        case .float, .number: return .float([-1, 0, 0.5, 1, 3, 1e-6].randomElement(using: &generator)!)
        case .bool: return .bool(Bool.random(using: &generator))
        case .null: return .null
        case .list(let element):
            return .list((0..<Int.random(in: 0...3, using: &generator)).map { _ in randomValue(element, &generator) })
        case .map(let element):
            return .map(["name": randomValue(element, &generator)])
        }
    }

    /// True when a parameter of this type can carry text.
    static func takesText(_ type: RType) -> Bool {
        switch type {
        case .string, .any: true
        case .optional(let wrapped), .list(let wrapped): takesText(wrapped)
        default: false
        }
    }

    @Test func noStringCrashesOrHangsABuiltin() throws {
        var generator = SeededGenerator(state: 77)
        var limits = Limits()
        limits.deadlineNanoseconds = 2_000_000_000
        let textBuiltins = BuiltinLibrary.all.filter { $0.signature.parameters.contains { Self.takesText($0.type) } }
        #expect(textBuiltins.count > 40)
        var slowest: (name: String, seconds: Double) = ("", 0)
        for builtin in textBuiltins {
            for _ in 0..<40 {
                var arguments = builtin.signature.parameters.map { Self.argument($0, &generator) }
                if builtin.signature.variadic != nil, Bool.random(using: &generator) {
                    arguments.append(Self.randomValue(builtin.signature.variadic!, &generator))
                }
                let start = DispatchTime.now().uptimeNanoseconds
                do throws(RuntimeError) {
                    let result = try callBuiltin(builtin.name, arguments, limits: limits)
                    if case .float(let number) = result {
                        #expect(number.isFinite, "\(builtin.name) returned \(number)")
                    }
                } catch {
                    _ = error.code  // a clean, coded failure is acceptable
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if seconds > slowest.seconds { slowest = (builtin.name, seconds) }
                #expect(seconds < 5, "\(builtin.name) took \(seconds) s")
            }
        }
        print("builtin fuzzing: \(textBuiltins.count) text builtins x 40 inputs; slowest call \(slowest.name) \(slowest.seconds) s")
    }
}
