/// chrF (Popović 2015) and chrF++ (Popović 2017) of one hypothesis against one or more
/// references, as `sacrebleu.sentence_chrf` computes them with sacrebleu 2.x defaults: case
/// kept, whitespace removed before extracting character n-grams, no epsilon smoothing (the
/// precision and recall are averaged over the orders that both sides have n-grams for, the
/// "effective order"), and the reference with the best F-score chosen. Word n-grams, used
/// when `wordOrder` is positive, come from whitespace-split words with one punctuation mark
/// split off the end or else the start of each word, as sacrebleu's `_remove_punctuation` does.
enum CharacterF {
    /// The punctuation of Python's `string.punctuation`, which chrF++ splits off words.
    @inline(__always)
    static func isPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    /// Returns the code points of `text` with all whitespace removed, the sequence sacrebleu
    /// extracts character n-grams from (`''.join(line.split())`).
    static func characters(_ text: [UInt32]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(text.count)
        for value in text where !MetricText.isWhitespace(value) { result.append(Int(value)) }
        return result
    }

    /// Returns the words chrF++ counts word n-grams over: the whitespace-split words of `text`
    /// where a word of two or more characters ending in punctuation loses that last
    /// character as a separate word, and otherwise one starting with punctuation loses its
    /// first character the same way.
    static func words(_ text: [UInt32]) -> [ArraySlice<UInt32>] {
        var result: [ArraySlice<UInt32>] = []
        for range in MetricText.splitWhitespace(text) {
            let word = text[range]
            if word.count == 1 {
                result.append(word)
            } else if isPunctuation(text[range.upperBound - 1]) {
                result.append(text[range.lowerBound..<(range.upperBound - 1)])
                result.append(text[(range.upperBound - 1)..<range.upperBound])
            } else if isPunctuation(text[range.lowerBound]) {
                result.append(text[range.lowerBound..<(range.lowerBound + 1)])
                result.append(text[(range.lowerBound + 1)..<range.upperBound])
            } else {
                result.append(word)
            }
        }
        return result
    }

    /// Returns the number of n-grams (character n-grams of orders 1 through `charOrder` and
    /// word n-grams of orders 1 through `wordOrder`) of one text, for metering.
    static func ngramCount(characters: Int, words: Int, charOrder: Int, wordOrder: Int) -> Int {
        let (sum, overflow) = NGramIndex.ngramCount(length: characters, maxOrder: charOrder)
            .addingReportingOverflow(NGramIndex.ngramCount(length: words, maxOrder: wordOrder))
        return overflow ? .max : sum
    }

    /// Returns `sacrebleu.sentence_chrf(hypothesis, references, char_order, word_order,
    /// beta).score / 100` for texts already split into code points; `references` must not be
    /// empty, the orders must not be negative, and `factor` is `beta * beta`.
    static func score(hypothesis: [UInt32], references: [[UInt32]], charOrder: Int, wordOrder: Int,
                      factor: Int) -> Double {
        var characterIndex = NGramIndex()
        var wordIndex = NGramIndex()
        var vocabulary = SymbolTable()
        let hypothesisCharacters = characters(hypothesis)
        let hypothesisWords = wordOrder > 0 ? words(hypothesis).map { vocabulary.id(of: $0) } : []
        let characterIDs = characterIndex.insertAll(hypothesisCharacters, maxOrder: charOrder)
        let wordIDs = wordIndex.insertAll(hypothesisWords, maxOrder: wordOrder)
        let characterCounts = counts(characterIDs, size: characterIndex.count)
        let wordCounts = counts(wordIDs, size: wordIndex.count)
        var characterScratch = [Int32](repeating: 0, count: characterIndex.count)
        var wordScratch = [Int32](repeating: 0, count: wordIndex.count)

        var best = -1.0
        for reference in references {
            var statistics: [(hypothesis: Int, reference: Int, match: Int)] = []
            let referenceCharacters = characters(reference)
            statistics += orderStatistics(
                hypothesisLength: hypothesisCharacters.count, referenceLength: referenceCharacters.count,
                maxOrder: charOrder, index: characterIndex, hypothesisCounts: characterCounts,
                referenceIDs: characterIndex.lookupAll(referenceCharacters, maxOrder: characterIDs.count),
                scratch: &characterScratch)
            if wordOrder > 0 {
                let referenceWords = words(reference).map { vocabulary.id(of: $0) }
                statistics += orderStatistics(
                    hypothesisLength: hypothesisWords.count, referenceLength: referenceWords.count,
                    maxOrder: wordOrder, index: wordIndex, hypothesisCounts: wordCounts,
                    referenceIDs: wordIndex.lookupAll(referenceWords, maxOrder: wordIDs.count),
                    scratch: &wordScratch)
            }
            let f = fScore(statistics, factor: factor)
            if f > best { best = f }
        }
        return max(best, 0) / 100
    }

    /// Returns how often each id occurs in `ids`, in an array indexed by id.
    private static func counts(_ ids: [[Int32]], size: Int) -> [Int32] {
        var result = [Int32](repeating: 0, count: size)
        for order in ids {
            for id in order { result[Int(id)] += 1 }
        }
        return result
    }

    /// Returns sacrebleu's `[hyp, ref, match]` statistics for orders 1 through `maxOrder` of one
    /// kind of n-gram: the hypothesis n-gram count (0 when the reference has no n-gram of the
    /// order), the reference n-gram count, and the clipped matches. `scratch` must be all
    /// zeros and is left so.
    private static func orderStatistics(hypothesisLength: Int, referenceLength: Int, maxOrder: Int,
                                        index: NGramIndex, hypothesisCounts: [Int32], referenceIDs: [[Int32]],
                                        scratch: inout [Int32]) -> [(hypothesis: Int, reference: Int, match: Int)] {
        var touched: [Int] = []
        for ids in referenceIDs {
            for id in ids where id >= 0 {
                let slot = Int(id)
                if scratch[slot] == 0 { touched.append(slot) }
                scratch[slot] += 1
            }
        }
        var result: [(hypothesis: Int, reference: Int, match: Int)] = []
        for order in stride(from: 1, through: maxOrder, by: 1) {
            let hypothesisTotal = max(hypothesisLength - order + 1, 0)
            let referenceTotal = max(referenceLength - order + 1, 0)
            var match = 0
            if order <= index.orderRanges.count {
                for slot in index.orderRanges[order - 1] {
                    match += Int(min(hypothesisCounts[slot], scratch[slot]))
                }
            }
            result.append((referenceTotal > 0 ? hypothesisTotal : 0, referenceTotal, match))
            // Orders past both lengths have no n-grams and never count towards the effective
            // order, so the remaining ones are left out.
            if hypothesisTotal == 0 && referenceTotal == 0 { break }
        }
        for slot in touched { scratch[slot] = 0 }
        return result
    }

    /// Returns sacrebleu's `CHRF._compute_f_score` without epsilon smoothing, in percent: the
    /// F-beta score of the precision and recall averaged over the orders where both the
    /// hypothesis and the reference have n-grams, with `factor` = beta squared.
    static func fScore(_ statistics: [(hypothesis: Int, reference: Int, match: Int)], factor: Int) -> Double {
        var averagePrecision = 0.0, averageRecall = 0.0
        var effectiveOrder = 0
        for (hypothesis, reference, match) in statistics where hypothesis > 0 && reference > 0 {
            averagePrecision += Double(match) / Double(hypothesis)
            averageRecall += Double(match) / Double(reference)
            effectiveOrder += 1
        }
        if effectiveOrder == 0 {
            averagePrecision = 0
            averageRecall = 0
        } else {
            averagePrecision /= Double(effectiveOrder)
            averageRecall /= Double(effectiveOrder)
        }
        guard averagePrecision + averageRecall != 0 else { return 0 }
        let denominator = Double(factor) * averagePrecision + averageRecall
        guard denominator != 0 else { return 0 }
        var score = Double(1 + factor) * averagePrecision * averageRecall
        score /= denominator
        return 100 * score
    }
}
