@testable import Rubric
import RubricSemantics

/// Host functions for tests, registered by name: golden scripts pick them with `# host:`.
enum TestHosts {
    /// The error a failing host function throws.
    struct ServiceDown: Error, CustomStringConvertible {
        var description: String { "the judge service is down" }
    }

    /// A judge: 1.0 when the answer mentions 42 and the question is not empty, else 0.0.
    static let judge = HostFunction(name: "judge", parameters: [("question", .string), ("answer", .string)],
                                    returns: .float, cost: 10, pure: true) { arguments in
        guard case .string(let question) = arguments[0], case .string(let answer) = arguments[1] else {
            return .null
        }
        return .float(!question.isEmpty && answer.contains("42") ? 1 : 0)
    }

    /// Doubles a number, and fails for negative ones.
    static let explode = HostFunction(name: "explode", parameters: [("x", .int)], returns: .int, pure: false) { arguments in
        guard case .int(let number) = arguments[0], number >= 0 else { throw ServiceDown() }
        return .int(number * 2)
    }

    /// Declares a float but returns a string.
    static let wrongType = HostFunction(name: "wrong_type", parameters: [], returns: .float, pure: true) { _ in
        .string("oops")
    }

    /// Counts words: an int result, widened where a float is expected.
    static let pieceCount = HostFunction(name: "piece_count", parameters: [("text", .string)], returns: .int,
                                        pure: true) { arguments in
        guard case .string(let text) = arguments[0] else { return .int(0) }
        return .int(text.split(separator: " ").count)
    }

    static let all = [judge, explode, wrongType, pieceCount]

    /// The test hosts with these names.
    static func named(_ names: [String]) -> [HostFunction] {
        all.filter { names.contains($0.name) }
    }
}
