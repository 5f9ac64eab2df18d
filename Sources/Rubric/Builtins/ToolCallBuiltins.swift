import OrderedCollections
import RubricSemantics

/// Scoring of tool calls. ToolRL's correctness reward matches each gold call greedily with
/// the best unused predicted call of the same name, which needs state a rubric cannot keep,
/// so it is native.
extension BuiltinLibrary {
    /// Every tool-call builtin, in registration order.
    static var toolCalls: [Builtin] {
        [
            Builtin(BuiltinSignature(
                "toolrl_correctness",
                [BuiltinParameter("predicted", .list(.any)), BuiltinParameter("gold", .list(.any)),
                 BuiltinParameter("max_reward", .float, default: .float(3)),
                 BuiltinParameter("min_reward", .float, default: .float(-3))],
                returns: .float,
                summary: "ToolRL tool-call correctness (Qian et al. 2025) of predicted against gold calls, each a map {name, parameters}: max_reward when equal, else (max - min) * score / S_max + min, where score matches names and, greedily per gold call, the best unused same-name call's parameter keys and values; defaults 3 and -3.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let predicted = try ToolCalls.calls(arguments[0], "predicted")
                let gold = try ToolCalls.calls(arguments[1], "gold")
                let high = try CoreSupport.number(arguments[2], "toolrl_correctness", "a number for max_reward")
                let low = try CoreSupport.number(arguments[3], "toolrl_correctness", "a number for min_reward")
                try CoreSupport.chargeElements(context, predicted.count * max(gold.count, 1) * BuiltinCosts.toolCallPairElements)
                return .float(try ToolCalls.correctness(predicted: predicted, gold: gold, high: high, low: low,
                                                        context))
            },
        ]
    }
}

/// ToolRL's matching rules, transcribed from its published reward code.
enum ToolCalls {
    /// A tool call: its name and parameters, in the order written.
    struct Call {
        var name: Value
        var parameters: OrderedDictionary<String, Value>
    }

    /// Reads a list of `{"name": …, "parameters": {…}}` maps.
    static func calls(_ value: Value, _ what: String) throws(RuntimeError) -> [Call] {
        let elements = try CoreSupport.list(value, "toolrl_correctness", "a list of tool calls for \(what)")
        var calls: [Call] = []
        for element in elements {
            guard case .map(let box) = element, let name = box.entries["name"] else {
                throw RuntimeError(.invalidArgument, "toolrl_correctness: each \(what) call must be a map with a name")
            }
            var parameters: OrderedDictionary<String, Value> = [:]
            if case .map(let parameterBox)? = box.entries["parameters"] { parameters = parameterBox.entries }
            calls.append(Call(name: name, parameters: parameters))
        }
        return calls
    }

    /// ToolRL's match score of two lists: 1 when equal (in order), 0 when either is empty,
    /// else |A ∩ B| / (|A| + |B| - |A ∩ B|) counting multiplicities.
    static func matchScore(_ a: [Value], _ b: [Value], _ context: ExecutionContext) throws(RuntimeError) -> Double {
        if try Equality.equal(.list(a), .list(b), context) { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        var remaining = b
        var intersection = 0
        for element in a {
            if let index = try Equality.firstIndex(of: element, in: remaining, context) {
                remaining.remove(at: index)
                intersection += 1
            }
        }
        let denominator = a.count + b.count - intersection
        return denominator > 0 ? Double(intersection) / Double(denominator) : 0
    }

    /// True when two lists of calls are equal: names and parameters equal, parameters in the
    /// same order.
    static func same(_ a: [Call], _ b: [Call], _ context: ExecutionContext) throws(RuntimeError) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard try Equality.equal(x.name, y.name, context), x.parameters.keys.elementsEqual(y.parameters.keys),
                  try Equality.equal(.list(Array(x.parameters.values)), .list(Array(y.parameters.values)), context)
            else { return false }
        }
        return true
    }

    /// The correctness reward: names matched as lists, then each gold call greedily matched
    /// with the unused same-name prediction of highest key-match plus equal-value count.
    static func correctness(predicted: [Call], gold: [Call], high: Double, low: Double,
                            _ context: ExecutionContext) throws(RuntimeError) -> Double {
        if try same(predicted, gold, context) { return high }
        var score = try matchScore(gold.map(\.name), predicted.map(\.name), context)
        var maximum = 1.0
        var used = Set<Int>()
        for call in gold {
            maximum += 1 + Double(call.parameters.count)
            var best: (index: Int, score: Double)?
            for (index, candidate) in predicted.enumerated() where !used.contains(index) {
                guard try Equality.equal(candidate.name, call.name, context) else { continue }
                let keys = try matchScore(call.parameters.keys.map { .string($0) },
                                          candidate.parameters.keys.map { .string($0) }, context)
                var values = 0.0
                for (key, value) in call.parameters {
                    if let other = candidate.parameters[key], try Equality.equal(other, value, context) { values += 1 }
                }
                if keys + values > (best?.score ?? 0) { best = (index, keys + values) }
            }
            if let best {
                used.insert(best.index)
                score += best.score
            }
        }
        return (high - low) * score / maximum + low
    }
}
