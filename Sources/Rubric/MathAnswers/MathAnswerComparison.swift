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
    static func equal(prediction: String, gold: String, places: Int?, cache: MathAnswerCache? = nil) -> Bool {
        // An answer longer than this is never equal (math-verify would time out on it).
        guard prediction.utf8.count <= maxAnswerBytes, gold.utf8.count <= maxAnswerBytes else { return false }
        if let plain = plainIntegersEqual(prediction, gold) { return plain }
        guard let goldAnswer = cache.map({ $0.gold(gold) }) ?? MathAnswerReader.readGold(gold),
              let predictionAnswer = cache.map({ $0.prediction(prediction) }) ?? MathAnswerReader.readPrediction(prediction)
        else { return false }
        if let goldValue = goldAnswer.value, let predictionValue = predictionAnswer.value,
           MathEquality(places: places).equal(gold: goldValue, prediction: predictionValue) {
            return true
        }
        let goldText = trimmed(goldAnswer.text), predictionText = trimmed(predictionAnswer.text)
        return !goldText.isEmpty && goldText == predictionText
    }

    /// `text` without leading and trailing whitespace and newlines (Foundation's set). The
    /// texts compared are normally trimmed already, so one that starts and ends with an ASCII
    /// character other than a space or a control is returned as it is, without the cost of
    /// Foundation's trimming.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func isPlainASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if isPlainASCII(first) && isPlainASCII(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The common case decided without parsing: two non-negative integers written as bare
    /// digits without leading zeros (or "0") are equal exactly when they are the same digits,
    /// whatever the tolerance, as in the full comparison. Nil when either answer is anything
    /// else.
    static func plainIntegersEqual(_ prediction: String, _ gold: String) -> Bool? {
        func isPlainInteger(_ text: String) -> Bool {
            var utf8 = text.utf8.makeIterator()
            guard let first = utf8.next(), (0x30...0x39).contains(first) else { return false }
            var count = 1
            while let byte = utf8.next() {
                guard (0x30...0x39).contains(byte) else { return false }
                count += 1
            }
            return first != 0x30 || count == 1
        }
        guard isPlainInteger(prediction), isPlainInteger(gold) else { return nil }
        return prediction == gold
    }

    /// The decimal places a tolerance stands for: 1e-6 is 6 places (math-verify's default
    /// `float_rounding`), 0.01 is 2; 0 means exact comparison. Clamped to [-15, 15].
    static func places(forTolerance tolerance: Double) -> Int? {
        if tolerance == 0 { return nil }
        let places = (-log10(tolerance)).rounded()
        return Int(min(15, max(-15, places)))
    }
}

/// Parsed answers kept by one evaluator, since a batch repeats them: the gold answer of a
/// prompt for each of its completions, and common predicted answers. Reading is pure, so a
/// cached reading is the reading. Plain numbers are read the short way (`PlainNumberReader`)
/// and not stored, which leaves the room to answers that are costly to read. Bounded:
/// emptied when it reaches `capacity` entries.
final class MathAnswerCache {
    static let capacity = 4096
    private var golds: [String: ParsedAnswer?] = [:]
    private var predictions: [String: ParsedAnswer?] = [:]

    /// The reading of a gold answer, parsed on first use; nil when it does not read.
    func gold(_ text: String) -> ParsedAnswer? {
        PlainNumberReader.read(text) ?? remembered(text, in: &golds, MathAnswerReader.readGoldInFull)
    }

    /// The reading of a predicted answer, parsed on first use; nil when it does not read.
    func prediction(_ text: String) -> ParsedAnswer? {
        PlainNumberReader.read(text) ?? remembered(text, in: &predictions, MathAnswerReader.readPredictionInFull)
    }

    /// Looks `text` up in `table`, reading and storing it on a miss.
    private func remembered(_ text: String, in table: inout [String: ParsedAnswer?],
                            _ read: (String) -> ParsedAnswer?) -> ParsedAnswer? {
        if let known = table[text] { return known }
        if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
        let parsed = read(text)
        table[text] = .some(parsed)
        return parsed
    }
}
