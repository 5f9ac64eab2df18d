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
                return .float(ToolCalls.correctness(predicted: predicted, gold: gold, high: high, low: low))
            },
        ]
    }
}

/// ToolRL's matching rules, transcribed from its published reward code.
enum ToolCalls {
    /// A tool call: its name and parameters, in the order written.
    struct Call: Equatable {
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
    static func matchScore(_ a: [Value], _ b: [Value]) -> Double {
        if a == b { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        var remaining = b
        var intersection = 0
        for element in a {
            if let index = remaining.firstIndex(of: element) {
                remaining.remove(at: index)
                intersection += 1
            }
        }
        let denominator = a.count + b.count - intersection
        return denominator > 0 ? Double(intersection) / Double(denominator) : 0
    }

    /// The correctness reward: names matched as lists, then each gold call greedily matched
    /// with the unused same-name prediction of highest key-match plus equal-value count.
    static func correctness(predicted: [Call], gold: [Call], high: Double, low: Double) -> Double {
        if predicted == gold { return high }
        var score = matchScore(gold.map(\.name), predicted.map(\.name))
        var maximum = 1.0
        var used = Set<Int>()
        for call in gold {
            maximum += 1 + Double(call.parameters.count)
            var best: (index: Int, score: Double)?
            for (index, candidate) in predicted.enumerated() where !used.contains(index) && candidate.name == call.name {
                let keys = matchScore(call.parameters.keys.map { .string($0) }, candidate.parameters.keys.map { .string($0) })
                let values = call.parameters.reduce(0.0) { total, entry in
                    total + (candidate.parameters[entry.key] == entry.value ? 1 : 0)
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
