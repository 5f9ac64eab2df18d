import Foundation
import Testing
import OrderedCollections
@testable import Rubric

/// ToolRL's correctness reward against a Python transcription of its formula.
@Suite("Tool calls")
struct ToolCallTests {
    /// A random tool call over a small vocabulary, so names, keys and values often collide.
    static func randomCall(_ generator: inout SeededGenerator) -> [String: Any] {
        let name = ["search", "lookup", "calc"].randomElement(using: &generator)!
        var parameters: [String: Any] = [:]
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            let key = ["q", "k", "n", "unit"].randomElement(using: &generator)!
            parameters[key] = Bool.random(using: &generator) ? Int.random(in: 0...2, using: &generator) as Any
                : ["a", "b"].randomElement(using: &generator)! as Any
        }
        return ["name": name, "parameters": parameters]
    }

    /// Converts JSON-like Foundation values to Rubric values, keeping key order sorted so both
    /// sides see the same order.
    static func value(_ object: Any) -> Value {
        switch object {
        case let map as [String: Any]:
            var entries = OrderedDictionaryOfValues()
            for key in map.keys.sorted() { entries[key] = value(map[key]!) }
            return .map(entries)
        case let list as [Any]: return .list(list.map(value))
        case let text as String: return .string(text)
        case let number as Int: return .int(number)
        default: return .null
        }
    }

    @Test func correctnessMatchesThePythonFormula() throws {
        var generator = SeededGenerator(state: 21)
        var cases: [[String: Any]] = []
        for _ in 0..<600 {
            let gold = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Self.randomCall(&generator) }
            var predicted = (0..<Int.random(in: 0...4, using: &generator)).map { _ in Self.randomCall(&generator) }
            if Int.random(in: 0..<6, using: &generator) == 0 { predicted = gold }
            cases.append(["gold": gold, "predicted": predicted])
        }
        let expected = try PythonPeer.run(script: "Tests/Peers/toolrl_peer.py", cases: cases)
        var worst = 0.0
        for (index, item) in cases.enumerated() {
            let ours = try callBuiltin("toolrl_correctness", [Self.value(item["predicted"]!), Self.value(item["gold"]!),
                                                              .float(3), .float(-3)])
            guard case .float(let reward) = ours, let peer = (expected[index] as? NSNumber)?.doubleValue else {
                Issue.record("case \(index): no result")
                continue
            }
            worst = max(worst, abs(reward - peer))
            #expect(abs(reward - peer) <= 1e-12, "case \(index): \(item) ours \(reward) peer \(peer)")
        }
        #expect(worst <= 1e-12)
    }

    @Test func malformedCallsAreInvalidArguments() {
        #expect(builtinFailure("toolrl_correctness", [.list([.int(1)]), .list([]), .float(3), .float(-3)]) == .invalidArgument)
        #expect(builtinFailure("toolrl_correctness", [.string("x"), .list([]), .float(3), .float(-3)]) == .typeError)
    }
}

typealias OrderedDictionaryOfValues = OrderedCollections.OrderedDictionary<String, Value>
