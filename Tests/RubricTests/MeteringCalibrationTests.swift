import Foundation
import Testing
@testable import Rubric
import RubricSemantics

/// Fuel is a proxy for time: the deadline is read only when fuel is charged, and a builtin
/// charges before it works, so a builtin that does much more work per unit than the VM lets a
/// sample run past its deadline. This calls every builtin that takes text on large inputs of
/// several kinds (words, CJK, LaTeX, whitespace, markup) under the default limits and checks
/// the time per unit of fuel it charged (a call that runs out of fuel has charged before
/// working), printing the slowest. It measures time, so it runs only on request, in a release
/// build on a quiet machine, when the rates in `BuiltinCosts` change:
///
///     RUBRIC_CALIBRATE=1 swift test -c release --filter MeteringCalibration
@Suite("Metering calibration", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["RUBRIC_CALIBRATE"] != nil,
                "measures time: set RUBRIC_CALIBRATE=1 and use a release build"))
struct MeteringCalibrationTests {
    /// The most time one unit of fuel may stand for: 100 ns in release (10 million units, the
    /// default budget, then take about a second); debug builds are an order of magnitude
    /// slower, so the bound is scaled.
    static let nanosecondsPerUnit: Double = {
        #if DEBUG
        return 2_000
        #else
        return 100
        #endif
    }()

    /// Inputs of about `size` bytes that stress different paths of the text builtins.
    static func texts(size: Int) -> [(kind: String, text: String)] {
        func fill(_ piece: String) -> String { String(repeating: piece, count: max(1, size / piece.utf8.count)) }
        return [
            ("words", fill("the quick brown fox jumps over a lazy dog ")),
            ("CJK", fill("日本語の文章です。")),
            ("LaTeX", fill("\\frac{1}{2}+\\sqrt{x^2} ")),
            ("spaces", fill(" \t\n")),
            ("markup", fill("<think>a</think><answer>\\boxed{4}</answer>")),
            ("one letter", fill("a")),
        ]
    }

    /// The arguments for a call: `text` for the texts a builtin works on (parameters without a
    /// default: the text, the prediction, the references), defaults or small values elsewhere
    /// (a pattern, a tag name, a mode).
    static func arguments(_ signature: BuiltinSignature, _ text: String) -> [Value] {
        signature.parameters.map { parameter -> Value in
            if let constant = parameter.defaultValue { return BuiltinFuzzTests.value(constant) }
            if ["pattern", "tag", "sub", "prefix", "suffix", "old", "needle"].contains(parameter.name) { return .string("a") }
            switch parameter.type.nonNull {
            case .string, .any: return .string(text)
            case .list(let element) where element.nonNull == .string || element == .any: return .list([.string(text)])
            default:
                switch parameter.type.nonNull {
                case .int: return .int(2)
                case .float, .number: return .float(0.5)
                case .bool: return .bool(false)
                default: return .list([])
                }
            }
        }
    }

    @Test func everyTextBuiltinChargesInProportionToItsTime() {
        var limits = Limits()
        limits.deadlineNanoseconds = 0
        var rows: [(name: String, kind: String, units: Int, nanoseconds: Double)] = []
        for builtin in BuiltinLibrary.all where builtin.signature.parameters.contains(where: { BuiltinFuzzTests.takesText($0.type) }) {
            // A first call on a short text compiles its regexes and fills caches.
            let warmUp = ExecutionContext(limits: limits)
            warmUp.beginSample()
            _ = try? Self.arguments(builtin.signature, "warm up").withUnsafeBufferPointer { buffer throws(RuntimeError) in
                try builtin.body(buffer, warmUp)
            }
            for (kind, text) in Self.texts(size: 64 << 10) {
                let arguments = Self.arguments(builtin.signature, text)
                let context = ExecutionContext(limits: limits)
                context.beginSample()
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try? arguments.withUnsafeBufferPointer { buffer throws(RuntimeError) in try builtin.body(buffer, context) }
                let nanoseconds = Double(DispatchTime.now().uptimeNanoseconds - start)
                let units = max(1, limits.fuel - context.fuel)
                rows.append((builtin.name, kind, units, nanoseconds))
            }
        }
        rows.sort { $0.nanoseconds / Double($0.units) > $1.nanoseconds / Double($1.units) }
        for row in rows.prefix(25) {
            print("calibration | \(row.name) | \(row.kind) | \(row.units) units | \(Int(row.nanoseconds / 1000)) µs | \(Int(row.nanoseconds / Double(row.units))) ns/unit")
        }
        for row in rows where row.nanoseconds > 1_000_000 {
            #expect(row.nanoseconds / Double(row.units) <= Self.nanosecondsPerUnit,
                    "\(row.name) on \(row.kind): \(Int(row.nanoseconds / Double(row.units))) ns per unit of fuel")
        }
    }
}
