import Testing
@testable import Rubric

/// The short way of reading plain answers (`PlainNumberReader`) must give exactly the
/// reading of the full clean-up and parsing passes, for gold and predicted answers alike, on
/// every text it accepts; near misses must be left to the full reader or read alike.
@Suite struct PlainNumberReaderTests {
    /// Generated answers in every form the reader accepts, and near misses around them.
    struct AnswerGenerator {
        var random: SeededGenerator

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

        /// A digit run: usually short, sometimes with leading zeros, sometimes 14 to 17 digits
        /// long (around the reader's limit of 15).
        mutating func digits() -> String {
            switch int(0...9) {
            case 0: return String(repeating: "0", count: int(1...2)) + String(int(0...999))
            case 1: return String((0..<int(14...17)).map { _ in Character(String(int(0...9))) })
            case 2: return pick(["0", "1", "5", "00", "10", "100"])
            default: return String(int(0...(int(0...1) == 0 ? 99 : 99_999)))
            }
        }

        /// Three digits with leading zeros (`7` is `007`).
        func threeDigits(_ value: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        }

        /// Digits grouped by thousands, sometimes with a malformed group.
        mutating func grouped() -> String {
            var text = String(int(0...999))
            for _ in 0..<int(1...4) {
                text += "," + (int(0...9) == 0 ? String(int(0...99_999)) : threeDigits(int(0...999)))
            }
            return text
        }

        /// One answer in a plain form.
        mutating func plain() -> String {
            let sign = int(0...3) == 0 ? "-" : ""
            switch int(0...9) {
            case 0: return sign + digits()
            case 1: return sign + digits() + "." + digits()
            case 2: return sign + grouped()
            case 3: return sign + "\\" + pick(["frac", "dfrac", "tfrac", "cfrac"]) + "{\(digits())}{\(digits())}"
            case 4: return digits() + "/" + digits()
            case 5: return pick(["", digits()]) + "\\sqrt{\(digits())}"
            case 6: return pick(["", digits()]) + "\\sqrt" + pick([String(int(0...9)), digits()])
            case 7: return pick(["0.5", "-0.5", "0.50", ".5", "5.", "0,5", "1,000.5", "0/7", "7/0", "\\frac{0}{0}", "\\frac{3}{0}",
                                  "-0", "-0.0", "1\\sqrt{1}", "\\sqrt{0}", "-\\sqrt{2}", "-3/4", "3/-4", "+3", "1e5", "1E5"])
            default: return String(int(0...500))
            }
        }

        /// A plain answer, or a near miss: a character inserted, removed or replaced.
        mutating func answer() -> String {
            var text = plain()
            guard int(0...2) == 0 else { return text }
            var scalars = Array(text.unicodeScalars)
            let noise: [Unicode.Scalar] = [" ", "{", "}", "\\", "-", ".", ",", "/", "$", "%", "x", "i", "m", "0", "9", "٣", "\n"]
            let index = int(0...scalars.count)
            switch int(0...2) {
            case 0: scalars.insert(pick(noise), at: index)
            case 1: if index < scalars.count { scalars.remove(at: index) }
            default: if index < scalars.count { scalars[index] = pick(noise) }
            }
            text = String(String.UnicodeScalarView(scalars))
            return text
        }
    }

    @Test func readsPlainAnswersAsTheFullReaderDoes() {
        var generator = AnswerGenerator(random: SeededGenerator(state: 2_025))
        var accepted = 0, total = 0
        var seen = Set<String>()
        for _ in 0..<3_000 {
            let text = generator.answer()
            guard seen.insert(text).inserted else { continue }
            total += 1
            guard let plain = PlainNumberReader.read(text) else { continue }
            accepted += 1
            #expect(plain == MathAnswerReader.readGoldInFull(text), "gold \(text.debugDescription)")
            #expect(plain == MathAnswerReader.readPredictionInFull(text), "prediction \(text.debugDescription)")
        }
        // Most generated answers are plain, so the comparison covers every form.
        #expect(accepted > total / 2, "\(accepted) of \(total) read the short way")
    }

    @Test func comparisonsAgreeWithTheFullReadings() {
        var generator = AnswerGenerator(random: SeededGenerator(state: 77))
        let answers = (0..<120).map { _ in generator.plain() }
        for (index, gold) in answers.enumerated() {
            for prediction in answers[index..<min(answers.count, index + 6)] + [gold] {
                for places in [6, nil] as [Int?] {
                    let full = MathAnswerReader.readGoldInFull(gold).flatMap { goldAnswer in
                        MathAnswerReader.readPredictionInFull(prediction).map { (goldAnswer, $0) }
                    }.map { goldAnswer, predictionAnswer in
                        (goldAnswer.value.flatMap { goldValue in
                            predictionAnswer.value.map { MathEquality(places: places).equal(gold: goldValue, prediction: $0) }
                        } ?? false) || (!goldAnswer.text.isEmpty && goldAnswer.text == predictionAnswer.text)
                    } ?? false
                    #expect(MathAnswerComparison.equal(prediction: prediction, gold: gold, places: places) == full,
                            "\(prediction.debugDescription) vs \(gold.debugDescription)")
                }
            }
        }
    }

    @Test func leavesOtherAnswersToTheFullReader() {
        for text in ["", " 5", "5 ", "x", "5x", "\\frac{1}{2}x", "\\frac12", "1/2/3", "٣", "1 000", "5\\%", "\\sqrt[3]{8}",
                     "\\sqrt{x}", "3\\sqrt", "\\sqrt{}", "{5}", "1234567890123456", "\\frac{3}{0}", "7/0", "-3/4", "01/2", "+3"] {
            #expect(PlainNumberReader.read(text) == nil, "\(text.debugDescription)")
        }
        #expect(PlainNumberReader.read("12,345")?.value == .integer(12_345))
        #expect(PlainNumberReader.read("0.5")?.text == "\\frac{1}{2}")
        #expect(PlainNumberReader.read("\\dfrac{6}{4}")?.text == "\\frac{6}{4}")
        #expect(PlainNumberReader.read("3/4")?.text == "\\frac{3}{4}")
        #expect(PlainNumberReader.read("2\\sqrt3")?.text == "2\\sqrt{3}")
    }
}
