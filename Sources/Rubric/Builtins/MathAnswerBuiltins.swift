import RubricSemantics

/// The builtins for math answer extraction and `math_equal`, modelled on HuggingFace
/// math-verify (the algorithms live in `Sources/Rubric/MathAnswers`).
///
/// Metering: every call charges one unit of fuel plus one per 64 bytes of the text it reads
/// (`math_normalize` and `math_equal` charge per byte, for their normalization, parsing
/// and comparison passes, as measured by `MeteringCalibrationTests`), and the string results
/// are charged as memory. Each builtin is linear in its
/// input up to fixed budgets (nesting depth 64, a parse step budget), so no input can hang.
extension BuiltinLibrary {
    /// Every builtin of this family, in registration order.
    static var mathAnswers: [Builtin] {
        [
            // last_boxed(text) is the content of the last \boxed{...} or \fbox{...}.
            Builtin(BuiltinSignature(
                "last_boxed", [BuiltinParameter("text", .string)], returns: .optional(.string),
                summary: "Returns the content of the last \\boxed{...} or \\fbox{...} in the text (braces balanced, or the token after \\boxed followed by a space), or null when there is none or it is never closed.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "last_boxed")
                try CoreSupport.chargeBytes(context, text.utf8.count)
                return try optionalString(AnswerExtraction.lastBoxed(text), context)
            },

            // extract_answer(text, mode) finds the final answer of a response.
            Builtin(BuiltinSignature(
                "extract_answer", [BuiltinParameter("text", .string), BuiltinParameter("mode", .string, default: .string("auto"))],
                returns: .optional(.string),
                summary: "Extracts the final answer of a response by mode: \"boxed\" (the last \\boxed{}), \"hash\" (the line after the last ####, commas removed), \"answer_is\" (the text after the last \"answer is\" or \"Answer:\"), or \"auto\" (the first of these that finds one); null when none does.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "extract_answer")
                let mode = try CoreSupport.string(arguments[1], "extract_answer", "a string for mode")
                guard AnswerExtraction.modes.contains(mode) else {
                    throw RuntimeError(.invalidArgument,
                                       "extract_answer: unknown mode \(CoreSupport.preview(mode)); expected \"auto\", \"boxed\", \"hash\" or \"answer_is\"")
                }
                try CoreSupport.chargeBytes(context, BuiltinCosts.extractAnswerPasses * text.utf8.count)
                return try optionalString(AnswerExtraction.extract(text, mode: mode), context)
            },

            // math_normalize(answer) is the canonical text form of an answer.
            Builtin(BuiltinSignature(
                "math_normalize", [BuiltinParameter("answer", .string)], returns: .string,
                summary: "Returns a canonical text form of a math answer: math-verify's LaTeX clean-up, then text commands unwrapped and spaces, degree marks, percent signs, trailing periods, a leading \"x =\" and thousands separators removed.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let answer = try CoreSupport.string(arguments[0], "math_normalize")
                try CoreSupport.chargePerByte(context, answer.utf8.count, BuiltinCosts.mathNormalizeUnitsPerByte)
                let result = AnswerNormalizer.normalize(answer)
                try CoreSupport.chargeString(context, result.utf8.count)
                return .string(result)
            },

            // math_equal(prediction, gold, tolerance) compares two extracted answers.
            Builtin(BuiltinSignature(
                "math_equal", [BuiltinParameter("prediction", .string), BuiltinParameter("gold", .string),
                               BuiltinParameter("tolerance", .float, default: .float(1e-6))],
                returns: .bool,
                summary: "Returns true if the predicted answer equals the gold answer as math-verify judges it: same normalized text, or equal values (numbers, with floats rounded to the tolerance's decimal places; fractions, roots, π, percentages; tuples, intervals, sets; equations; words ignoring case).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let prediction = try CoreSupport.string(arguments[0], "math_equal")
                let gold = try CoreSupport.string(arguments[1], "math_equal", "a string for gold")
                let tolerance = try CoreSupport.number(arguments[2], "math_equal", "a number for tolerance")
                guard tolerance >= 0, tolerance.isFinite else {
                    throw RuntimeError(.invalidArgument, "math_equal: tolerance must be a finite number >= 0, got \(pythonFloatRepr(tolerance))")
                }
                try chargeComparison(context, prediction, gold)
                let places = MathAnswerComparison.places(forTolerance: tolerance)
                let key = MathEqualityKey(prediction: prediction, gold: gold, places: places)
                if let known = context.mathEqualities[key] { return .bool(known) }
                let equal = MathAnswerComparison.equal(prediction: prediction, gold: gold, places: places,
                                                       cache: context.mathAnswers)
                if context.mathEqualities.count >= MathEqualityKey.cacheSize { context.mathEqualities.removeAll(keepingCapacity: true) }
                context.mathEqualities[key] = equal
                return .bool(equal)
            },
        ]
    }

    /// Charges `math_equal` for comparing two answers: parsing and comparing math is the
    /// costliest work per byte of any builtin (~16 µs per byte at worst in a release build), so
    /// it charges 160 units per byte of each answer up to `maxAnswerBytes`; a longer answer is
    /// never equal and costs only its scan.
    private static func chargeComparison(_ context: ExecutionContext, _ prediction: String,
                                         _ gold: String) throws(RuntimeError) {
        for answer in [prediction, gold] {
            let bytes = answer.utf8.count
            if bytes > MathAnswerComparison.maxAnswerBytes {
                try CoreSupport.chargeBytes(context, bytes)
            } else {
                try CoreSupport.chargePerByte(context, bytes, BuiltinCosts.mathEqualUnitsPerByte)
            }
        }
    }

    /// A string result (charged as memory) or null.
    private static func optionalString(_ text: String?, _ context: ExecutionContext) throws(RuntimeError) -> Value {
        guard let text else { return .null }
        try CoreSupport.chargeString(context, text.utf8.count)
        return .string(text)
    }
}

/// A `math_equal` question, as the key of the per-context cache of answers.
struct MathEqualityKey: Hashable {
    /// Entries kept before the cache is emptied: enough for the answers of many prompts.
    static let cacheSize = 4096

    var prediction: String
    var gold: String
    var places: Int?
}
