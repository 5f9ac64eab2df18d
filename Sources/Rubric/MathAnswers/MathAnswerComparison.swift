import Foundation

/// `math_equal`: decides whether a predicted answer matches the gold answer the way
/// math-verify's `verify(parse("$" + gold + "$"), parse("\\boxed{" + prediction + "}"))`
/// does. Both arguments are already extracted answers (use `extract_answer` on a full
/// response first). An answer is equal when either
///
/// 1. both normalized texts (math-verify's clean-up, see `LatexCleanup`) are the same and
///    not empty, or
/// 2. both parse and their values match (`MathEquality`: assignments, sets and intervals,
///    words, numbers rounded to the tolerance's decimal places, symbolic expressions).
///
/// Answers longer than `maxAnswerBytes` are never equal.
enum MathAnswerComparison {
    /// The longest answer compared, in UTF-8 bytes; longer answers are never equal.
    static let maxAnswerBytes = 100_000

    /// Returns true when `prediction` matches `gold`; `places` is the number of decimal
    /// places float answers are rounded to (nil: exact).
    static func equal(prediction: String, gold: String, places: Int?) -> Bool {
        // An answer longer than this is never equal (math-verify would time out on it).
        guard prediction.utf8.count <= maxAnswerBytes, gold.utf8.count <= maxAnswerBytes else { return false }
        guard let goldAnswer = MathAnswerReader.readGold(gold),
              let predictionAnswer = MathAnswerReader.readPrediction(prediction) else { return false }
        if let goldValue = goldAnswer.value, let predictionValue = predictionAnswer.value,
           MathEquality(places: places).equal(gold: goldValue, prediction: predictionValue) {
            return true
        }
        let goldText = goldAnswer.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let predictionText = predictionAnswer.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return !goldText.isEmpty && goldText == predictionText
    }

    /// The decimal places a tolerance stands for: 1e-6 is 6 places (math-verify's default
    /// `float_rounding`), 0.01 is 2; 0 means exact comparison. Clamped to [-15, 15].
    static func places(forTolerance tolerance: Double) -> Int? {
        if tolerance == 0 { return nil }
        let places = (-log10(tolerance)).rounded()
        return Int(min(15, max(-15, places)))
    }
}
