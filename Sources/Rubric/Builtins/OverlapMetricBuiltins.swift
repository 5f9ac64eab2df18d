import RubricSemantics

/// The builtins for SQuAD answer normalisation, exact match and token F1, and edit distances.
///
/// SQuAD metrics follow the official v1.1 evaluation script (see `SquadMetrics`); edit
/// distances count Unicode scalars as Python's `str` does (see `EditDistance`). Metering
/// follows `CoreSupport`: fuel for the bytes read, memory for the strings produced, and for
/// the edit distances one more unit of fuel per 64 cells of the `n * m` table, charged before
/// the table is computed, so the fuel limit stops huge inputs before any work is done.
extension BuiltinLibrary {
    /// Every builtin of this family, in registration order.
    static var overlapMetrics: [Builtin] {
        [
            // squad_normalize(text) is the official script's normalize_answer.
            Builtin(BuiltinSignature(
                "squad_normalize", [BuiltinParameter("text", .string)], returns: .string,
                summary: "Normalises an answer as the SQuAD v1.1 script does: lowercases it, removes ASCII punctuation and the articles a, an and the, and collapses whitespace to single spaces.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "squad_normalize")
                try CoreSupport.chargePerByte(context, text.utf8.count, 1)
                let result = SquadMetrics.normalize(text)
                try CoreSupport.allocate(context, count: result.utf8.count, size: 1)
                return .string(result)
            },

            // exact_match(prediction, golds) is the script's exact_match_score, best over golds.
            squadMetric("exact_match",
                        "Returns 1.0 if the SQuAD-normalised prediction equals the normalised form of any gold answer, else 0.0 (0.0 for an empty list of golds).",
                        SquadMetrics.exactMatch),

            // token_f1(prediction, golds) is the script's f1_score, best over golds.
            squadMetric("token_f1",
                        "Returns the best SQuAD v1.1 token F1 (0.0 to 1.0) between the normalised prediction and any gold answer; 0.0 when no tokens are shared (even if both are empty) or golds is empty.",
                        SquadMetrics.tokenF1),

            // edit_distance(a, b) is the Levenshtein distance in Unicode scalars.
            Builtin(BuiltinSignature(
                "edit_distance", [BuiltinParameter("a", .string), BuiltinParameter("b", .string)], returns: .int,
                summary: "Returns the Levenshtein distance between two strings: the fewest single-character (Unicode scalar) insertions, deletions and substitutions, each costing 1, that turn one into the other.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let (a, b) = try scalarPair(arguments, "edit_distance", context)
                return .int(EditDistance.levenshtein(a, b))
            },

            // edit_ratio(a, b) is 1 - distance / max(len(a), len(b)).
            Builtin(BuiltinSignature(
                "edit_ratio", [BuiltinParameter("a", .string), BuiltinParameter("b", .string)], returns: .float,
                summary: "Returns 1 - edit_distance(a, b) / max(len(a), len(b)), a similarity from 0.0 to 1.0 (1.0 when both strings are empty).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let (a, b) = try scalarPair(arguments, "edit_ratio", context)
                let longest = max(a.count, b.count)
                if longest == 0 { return .float(1.0) }
                return .float(1.0 - Double(EditDistance.levenshtein(a, b)) / Double(longest))
            },

            // indel_ratio(a, b) is rapidfuzz's fuzz.ratio / 100 (python-Levenshtein's ratio).
            Builtin(BuiltinSignature(
                "indel_ratio", [BuiltinParameter("a", .string), BuiltinParameter("b", .string)], returns: .float,
                summary: "Returns 1 - indel / (len(a) + len(b)), where indel counts the insertions and deletions (no substitutions) that turn one string into the other: a similarity from 0.0 to 1.0 (1.0 when both are empty), as rapidfuzz's fuzz.ratio / 100.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let (a, b) = try scalarPair(arguments, "indel_ratio", context)
                let total = a.count + b.count
                if total == 0 { return .float(1.0) }
                return .float(1.0 - Double(EditDistance.indel(a, b)) / Double(total))
            },
        ]
    }

    /// Builds a SQuAD metric taking a prediction and a list of gold answers.
    private static func squadMetric(_ name: String, _ summary: String,
                                    _ metric: @escaping @Sendable (String, [String]) -> Double) -> Builtin {
        Builtin(BuiltinSignature(
            name, [BuiltinParameter("prediction", .string), BuiltinParameter("golds", .list(.string))],
            returns: .float, summary: summary)
        ) { arguments, context throws(RuntimeError) -> Value in
            let prediction = try CoreSupport.string(arguments[0], name)
            let list = try CoreSupport.list(arguments[1], name, "a list of strings for golds")
            var golds: [String] = []
            golds.reserveCapacity(list.count)
            var bytes = prediction.utf8.count
            for element in list {
                guard case .string(let gold) = element else {
                    throw RuntimeError(.typeError, "\(name): expected a list of strings for golds, got a list containing \(element.typeName)")
                }
                golds.append(gold)
                bytes += gold.utf8.count
            }
            try CoreSupport.chargeElements(context, list.count)
            // The prediction is normalised once, each gold once, character by character.
            try CoreSupport.chargePerByte(context, bytes, 1)
            return .float(metric(prediction, golds))
        }
    }

    /// Reads the two string arguments of an edit-distance builtin as Unicode scalars, charging
    /// fuel for their bytes and then for the table the algorithm fills.
    private static func scalarPair(_ arguments: UnsafeBufferPointer<Value>, _ name: String,
                                   _ context: ExecutionContext) throws(RuntimeError) -> ([UInt32], [UInt32]) {
        let first = try CoreSupport.string(arguments[0], name, "a string for a")
        let second = try CoreSupport.string(arguments[1], name, "a string for b")
        try CoreSupport.chargeBytes(context, first.utf8.count + second.utf8.count)
        let a = first.unicodeScalars.map(\.value)
        let b = second.unicodeScalars.map(\.value)
        // Capped so that a huge count cannot overflow the meter; anything above the fuel left
        // fails the same way.
        try context.charge(min(EditDistance.steps(a, b), max(context.fuel, 0) + 1))
        return (a, b)
    }
}
