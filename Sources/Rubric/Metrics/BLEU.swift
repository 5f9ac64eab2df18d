#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// BLEU (Papineni et al., 2002) of one hypothesis against one or more references, in the two
/// flavours rubric offers, both over `13a` tokens:
///
/// - `nmt`: Hugging Face `evaluate`'s "bleu" metric, which is `compute_bleu` from
///   tensorflow/nmt (`nmt/scripts/bleu.py`) as vendored in evaluate's `nmt_bleu.py`: clipped
///   n-gram precisions with optional add-one smoothing on every order, their geometric mean,
///   and a brevity penalty against the shortest reference.
/// - `sacre`: `sacrebleu.sentence_bleu` with sacrebleu 2.x defaults: exponential smoothing
///   (mteval's NIST method), effective order, and the reference closest in length.
///
/// The floating-point operations follow the Python code step by step, in the same order, so
/// results agree to the last bit on the same C math library.
enum BLEU {
    /// The sufficient statistics of one hypothesis: for each n-gram order from 1 up to the
    /// smaller of the maximum order and the hypothesis length, the n-grams of the hypothesis
    /// and how many of them the references match (each n-gram's count clipped to its largest
    /// count in any one reference); and the token counts of the hypothesis and each reference.
    struct Statistics: Equatable {
        var matches: [Int]
        var totals: [Int]
        var hypothesisLength: Int
        var referenceLengths: [Int]
    }

    /// Returns the statistics of the hypothesis `hypothesis` (a sequence of word ids) against
    /// `references` for n-grams of orders 1 through `maxOrder` (at least 1).
    static func statistics(hypothesis: [Int], references: [[Int]], maxOrder: Int) -> Statistics {
        var index = NGramIndex()
        let hypothesisIDs = index.insertAll(hypothesis, maxOrder: maxOrder)
        let orders = hypothesisIDs.count
        var hypothesisCounts = [Int32](repeating: 0, count: index.count)
        for ids in hypothesisIDs {
            for id in ids { hypothesisCounts[Int(id)] += 1 }
        }
        // The largest count of each hypothesis n-gram in any single reference.
        var referenceMaxima = [Int32](repeating: 0, count: index.count)
        var scratch = [Int32](repeating: 0, count: index.count)
        var touched: [Int] = []
        for reference in references {
            for ids in index.lookupAll(reference, maxOrder: orders) {
                for id in ids where id >= 0 {
                    let slot = Int(id)
                    if scratch[slot] == 0 { touched.append(slot) }
                    scratch[slot] += 1
                }
            }
            for slot in touched {
                referenceMaxima[slot] = max(referenceMaxima[slot], scratch[slot])
                scratch[slot] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        var matches: [Int] = []
        var totals: [Int] = []
        for (order, range) in index.orderRanges.enumerated() {
            var matched = 0
            for slot in range { matched += Int(min(hypothesisCounts[slot], referenceMaxima[slot])) }
            matches.append(matched)
            totals.append(hypothesis.count - order)
        }
        return Statistics(matches: matches, totals: totals, hypothesisLength: hypothesis.count,
                          referenceLengths: references.map(\.count))
    }

    /// Returns evaluate's "bleu" score in [0, 1] from the statistics, with n-gram orders 1
    /// through `maxOrder` and, when `smooth` is set, precisions `(m + 1) / (c + 1)` on every
    /// order. Like evaluate's `nmt_bleu.py`, the score is 0 when the hypothesis or the shortest
    /// reference has no tokens (the length ratio is then undefined).
    static func nmt(_ statistics: Statistics, maxOrder: Int, smooth: Bool) -> Double {
        let translationLength = statistics.hypothesisLength
        let referenceLength = statistics.referenceLengths.min() ?? 0
        if translationLength == 0 || referenceLength == 0 { return 0 }
        // Orders past the hypothesis length have no possible matches: precision 0 without
        // smoothing (so the geometric mean is 0), and (0 + 1) / (0 + 1) = 1 with it, whose
        // logarithm adds exactly 0 to the sum; so only the counted orders need visiting.
        if !smooth && maxOrder > statistics.totals.count { return 0 }
        let weight = 1.0 / Double(maxOrder)
        var logSum = 0.0
        for order in statistics.totals.indices {
            let matched = Double(statistics.matches[order])
            let possible = Double(statistics.totals[order])
            let precision = smooth ? (matched + 1.0) / (possible + 1.0) : matched / possible
            if precision <= 0 { return 0 }
            logSum += weight * log(precision)
        }
        let geometricMean = exp(logSum)
        let ratio = Double(translationLength) / Double(referenceLength)
        let brevityPenalty = ratio > 1.0 ? 1.0 : exp(1 - 1.0 / ratio)
        return geometricMean * brevityPenalty
    }

    /// Returns `sacrebleu.sentence_bleu(hypothesis, references).score / 100` from statistics
    /// taken with maximum order 4: exponential smoothing of orders with no match, effective
    /// order (orders the hypothesis is too short for are left out), and a brevity penalty
    /// against the reference closest in length (the shorter one on a tie).
    static func sacre(_ statistics: Statistics) -> Double {
        let maxOrder = 4
        let systemLength = statistics.hypothesisLength
        let referenceLength = closestReferenceLength(systemLength, statistics.referenceLengths)
        var brevityPenalty = 1.0
        if systemLength < referenceLength {
            brevityPenalty = systemLength > 0 ? exp(1 - Double(referenceLength) / Double(systemLength)) : 0.0
        }
        if !statistics.matches.contains(where: { $0 != 0 }) { return 0 }
        var precisions = [Double](repeating: 0, count: maxOrder)
        var smoothing = 1.0
        var effectiveOrder = maxOrder
        for order in 1...maxOrder {
            let total = order <= statistics.totals.count ? statistics.totals[order - 1] : 0
            if total == 0 { break }
            effectiveOrder = order
            let correct = statistics.matches[order - 1]
            if correct == 0 {
                smoothing *= 2
                precisions[order - 1] = 100.0 / (smoothing * Double(total))
            } else {
                precisions[order - 1] = 100.0 * Double(correct) / Double(total)
            }
        }
        var logSum = 0.0
        for precision in precisions.prefix(effectiveOrder) {
            logSum += precision == 0 ? -9_999_999_999 : log(precision)
        }
        let score = brevityPenalty * exp(logSum / Double(effectiveOrder))
        return score / 100
    }

    /// Returns the reference length closest to `hypothesisLength`, the shorter one on a tie, as
    /// sacrebleu's `BLEU._get_closest_ref_len` does; -1 when there are no references.
    static func closestReferenceLength(_ hypothesisLength: Int, _ referenceLengths: [Int]) -> Int {
        var closestDifference = -1, closestLength = -1
        for length in referenceLengths {
            let difference = abs(hypothesisLength - length)
            if closestDifference == -1 || difference < closestDifference {
                closestDifference = difference
                closestLength = length
            } else if difference == closestDifference && length < closestLength {
                closestLength = length
            }
        }
        return closestLength
    }
}
