/// ROUGE F-measures (Lin, 2004) exactly as Google's `rouge-score` package computes them
/// (`RougeScorer([kind], use_stemmer=stem).score(target, prediction)[kind].fmeasure`), over
/// the tokens of `RougeTokenizer`:
///
/// - `rougeN` (N = 1...9): clipped n-gram overlap, precision over the prediction's n-grams and
///   recall over the target's (each divided by at least 1);
/// - `rougeL`: the longest common subsequence of the two token sequences;
/// - `rougeLsum`: the summary-level LCS of section 3.2 of the ROUGE paper over the sentences
///   of each text (split at newlines), with the union of the per-sentence LCS positions and
///   hits counted against the remaining token counts, as `_summary_level_lcs` does.
///
/// Each F-measure is `2 * precision * recall / (precision + recall)`, or 0 when both are 0.
enum ROUGE {
    /// The kind of ROUGE score.
    enum Kind: Equatable {
        case ngram(Int)
        case longestCommonSubsequence
        case summaryLevel
    }

    /// Returns the kind named `name` as rouge-score spells it ("rouge1" to "rouge9", "rougeL",
    /// "rougeLsum"), or nil for any other name.
    static func kind(named name: String) -> Kind? {
        switch name {
        case "rougeL": return .longestCommonSubsequence
        case "rougeLsum": return .summaryLevel
        default:
            let scalars = name.unicodeScalars.map(\.value)
            guard scalars.count == 6, scalars.prefix(5).elementsEqual("rouge".unicodeScalars.map(\.value)),
                  (0x31...0x39).contains(scalars[5]) else { return nil }
            return .ngram(Int(scalars[5]) - 0x30)
        }
    }

    /// Returns rouge-score's `scoring.fmeasure(precision, recall)`.
    static func fMeasure(precision: Double, recall: Double) -> Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// Returns the ROUGE-N F-measure of the prediction's symbols against the target's for
    /// n-grams of order `n`.
    static func ngramScore(target targetSymbols: [Int], prediction predictionSymbols: [Int], n: Int) -> Double {
        var index = NGramIndex()
        let targetIDs = index.insertAll(targetSymbols, maxOrder: n)
        let targetCount = max(targetSymbols.count - n + 1, 0)
        let predictionCount = max(predictionSymbols.count - n + 1, 0)
        var intersection = 0
        if targetIDs.count == n && predictionCount > 0 {
            var targetCounts = [Int32](repeating: 0, count: index.count)
            var predictionCounts = [Int32](repeating: 0, count: index.count)
            for id in targetIDs[n - 1] { targetCounts[Int(id)] += 1 }
            let predictionIDs = index.lookupAll(predictionSymbols, maxOrder: n)
            for id in predictionIDs[n - 1] where id >= 0 { predictionCounts[Int(id)] += 1 }
            for slot in index.orderRanges[n - 1] { intersection += Int(min(targetCounts[slot], predictionCounts[slot])) }
        }
        let precision = Double(intersection) / Double(max(predictionCount, 1))
        let recall = Double(intersection) / Double(max(targetCount, 1))
        return fMeasure(precision: precision, recall: recall)
    }

    /// Returns the ROUGE-L F-measure of the prediction's symbols against the target's: 0 when
    /// either has no tokens, else from the length of their longest common subsequence.
    static func lcsScore(target: [Int], prediction: [Int]) -> Double {
        if target.isEmpty || prediction.isEmpty { return 0 }
        let common = TokenLCS.length(target, prediction)
        let precision = Double(common) / Double(prediction.count)
        let recall = Double(common) / Double(target.count)
        return fMeasure(precision: precision, recall: recall)
    }

    /// Returns the ROUGE-Lsum F-measure of the prediction's sentences against the target's
    /// (each a list of symbols): 0 when either has no sentences or no tokens; otherwise, for
    /// each target sentence, the union of its LCS positions with every prediction sentence is
    /// taken, and each token there is a hit while both texts still have an unused copy of it.
    static func summaryLevelScore(target targetSentences: [[Int]], prediction predictionSentences: [[Int]]) -> Double {
        if targetSentences.isEmpty || predictionSentences.isEmpty { return 0 }
        let targetTotal = targetSentences.reduce(0) { $0 + $1.count }
        let predictionTotal = predictionSentences.reduce(0) { $0 + $1.count }
        if targetTotal == 0 || predictionTotal == 0 { return 0 }
        let symbolCount = (targetSentences + predictionSentences).reduce(0) { max($0, ($1.max() ?? -1) + 1) }
        var targetRemaining = [Int](repeating: 0, count: symbolCount)
        var predictionRemaining = [Int](repeating: 0, count: symbolCount)
        for sentence in targetSentences { for symbol in sentence { targetRemaining[symbol] += 1 } }
        for sentence in predictionSentences { for symbol in sentence { predictionRemaining[symbol] += 1 } }
        var hits = 0
        for sentence in targetSentences {
            var inUnion = [Bool](repeating: false, count: sentence.count)
            for candidate in predictionSentences {
                for position in TokenLCS.referencePositions(sentence, candidate) { inUnion[position] = true }
            }
            for (position, symbol) in sentence.enumerated() where inUnion[position] {
                if predictionRemaining[symbol] > 0 && targetRemaining[symbol] > 0 {
                    hits += 1
                    predictionRemaining[symbol] -= 1
                    targetRemaining[symbol] -= 1
                }
            }
        }
        let recall = Double(hits) / Double(targetTotal)
        let precision = Double(hits) / Double(predictionTotal)
        return fMeasure(precision: precision, recall: recall)
    }
}
