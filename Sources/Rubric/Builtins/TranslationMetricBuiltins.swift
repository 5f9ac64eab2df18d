import RubricSemantics

/// The builtins for BLEU, sentence BLEU, chrF and ROUGE. Each reproduces one Python reference
/// implementation exactly (see the files under `Metrics/`) and returns a float in [0, 1]; the
/// Python packages that report 0-100 (sacrebleu) are divided by 100. An empty list of
/// references is an `invalidArgument` error, as the Python functions raise on it.
///
/// Metering: fuel is charged in stages, each before the work it pays for, so a huge input
/// fails with `fuelExhausted` before the expensive part runs:
/// - one unit per 2 bytes of UTF-8 read (tokenising), before tokenising, and with stemming
///   one more unit per byte (Porter stemming of distinct words costs about 70 ns a byte);
/// - for BLEU and ROUGE-N, one unit per word n-gram counted or looked up, once the token
///   counts are known; for chrF, one unit per 2 n-grams counted or looked up plus one per 8
///   hypothesis n-grams compared with each reference;
/// - for ROUGE-L and ROUGE-Lsum, one unit per 32 cells of the LCS table.
/// In a release build this comes to 10-60 ns of work per unit, under the 100 ns a unit
/// stands for in `Limits.fuel`.
/// The working memory these algorithms need (token buffers, n-gram tables, LCS direction
/// bits) is freed when the builtin returns, so it is not added to the sample's memory meter;
/// instead a call fails with `memoryExceeded` when its estimated peak working memory exceeds
/// what the sample has left.
extension BuiltinLibrary {
    /// Every builtin of this family, in registration order.
    static var translationMetrics: [Builtin] {
        [
            // bleu(prediction, references, max_order, smooth) is Hugging Face evaluate's "bleu".
            Builtin(BuiltinSignature(
                "bleu", [BuiltinParameter("prediction", .string), BuiltinParameter("references", .list(.string)),
                         BuiltinParameter("max_order", .int, default: .int(4)),
                         BuiltinParameter("smooth", .bool, default: .bool(false))],
                returns: .float,
                summary: "Returns the BLEU score in [0, 1] of the prediction against the references as Hugging Face evaluate's \"bleu\" metric computes it (13a tokens, n-grams up to max_order = 4, brevity penalty against the shortest reference, add-one smoothing of every order when smooth is true, default false; BLEUBERI uses smooth = true), and 0 when the prediction or the shortest reference has no tokens.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let name = "bleu"
                let prediction = try CoreSupport.string(arguments[0], name, "a string for prediction")
                let references = try metricReferences(arguments[1], name)
                let maxOrder = try CoreSupport.int(arguments[2], name, "an int for max_order")
                let smooth = try CoreSupport.bool(arguments[3], name, "a bool for smooth")
                guard maxOrder >= 1 else {
                    throw RuntimeError(.invalidArgument, "\(name): max_order must be at least 1, got \(maxOrder)")
                }
                let statistics = try bleuStatistics(prediction, references, maxOrder: maxOrder,
                                                    stripTrailingWhitespace: false, name, context)
                return .float(unitInterval(BLEU.nmt(statistics, maxOrder: maxOrder, smooth: smooth)))
            },

            // sentence_bleu(prediction, references) is sacrebleu.sentence_bleu(...).score / 100.
            Builtin(BuiltinSignature(
                "sentence_bleu", [BuiltinParameter("prediction", .string), BuiltinParameter("references", .list(.string))],
                returns: .float,
                summary: "Returns sacrebleu's sentence BLEU of the prediction against the references divided by 100, so in [0, 1] where sacrebleu reports 0-100 (sacrebleu 2.x defaults: 13a tokens, n-grams up to 4, exponential smoothing, effective order, brevity penalty against the closest reference length).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let name = "sentence_bleu"
                let prediction = try CoreSupport.string(arguments[0], name, "a string for prediction")
                let references = try metricReferences(arguments[1], name)
                let statistics = try bleuStatistics(prediction, references, maxOrder: 4,
                                                    stripTrailingWhitespace: true, name, context)
                return .float(unitInterval(BLEU.sacre(statistics)))
            },

            // chrf(prediction, references, char_order, word_order, beta) is sacrebleu's sentence_chrf / 100.
            Builtin(BuiltinSignature(
                "chrf", [BuiltinParameter("prediction", .string), BuiltinParameter("references", .list(.string)),
                         BuiltinParameter("char_order", .int, default: .int(6)),
                         BuiltinParameter("word_order", .int, default: .int(0)),
                         BuiltinParameter("beta", .int, default: .int(2))],
                returns: .float,
                summary: "Returns sacrebleu's sentence chrF of the prediction against the best-matching reference divided by 100, so in [0, 1] (character n-grams up to char_order = 6 with whitespace removed, word n-grams up to word_order = 0, where 2 gives chrF++, and recall weighted by beta = 2).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let name = "chrf"
                let prediction = try CoreSupport.string(arguments[0], name, "a string for prediction")
                let references = try metricReferences(arguments[1], name)
                let charOrder = try CoreSupport.int(arguments[2], name, "an int for char_order")
                let wordOrder = try CoreSupport.int(arguments[3], name, "an int for word_order")
                let beta = try CoreSupport.int(arguments[4], name, "an int for beta")
                guard charOrder >= 0, wordOrder >= 0, charOrder > 0 || wordOrder > 0 else {
                    throw RuntimeError(.invalidArgument,
                                       "\(name): char_order and word_order must not be negative and not both 0, got \(charOrder) and \(wordOrder)")
                }
                guard beta >= -1_000_000 && beta <= 1_000_000 else {
                    throw RuntimeError(.invalidArgument, "\(name): beta must be between -1000000 and 1000000, got \(beta)")
                }
                return .float(unitInterval(try chrfScore(prediction, references, charOrder: charOrder,
                                                         wordOrder: wordOrder, beta: beta, name, context)))
            },

            // rouge(prediction, reference, kind, stem) is rouge-score's F-measure of that kind.
            Builtin(BuiltinSignature(
                "rouge", [BuiltinParameter("prediction", .string), BuiltinParameter("reference", .string),
                          BuiltinParameter("kind", .string, default: .string("rougeL")),
                          BuiltinParameter("stem", .bool, default: .bool(false))],
                returns: .float,
                summary: "Returns the ROUGE F-measure in [0, 1] of the prediction against the reference as the rouge-score package computes it, where kind is \"rouge1\" to \"rouge9\", \"rougeL\" (the default) or \"rougeLsum\" (sentences split at newlines), and stem = true applies the Porter stemmer (default false).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let name = "rouge"
                let prediction = try CoreSupport.string(arguments[0], name, "a string for prediction")
                let reference = try CoreSupport.string(arguments[1], name, "a string for reference")
                let kindName = try CoreSupport.string(arguments[2], name, "a string for kind")
                let stem = try CoreSupport.bool(arguments[3], name, "a bool for stem")
                guard let kind = ROUGE.kind(named: kindName) else {
                    throw RuntimeError(.invalidArgument,
                                       "\(name): kind must be \"rouge1\" to \"rouge9\", \"rougeL\" or \"rougeLsum\", got \(CoreSupport.preview(kindName))")
                }
                return .float(try rougeScore(prediction, reference, kind: kind, stem: stem, name, context))
            },
            rougeShorthand("rouge1", .ngram(1), "unigram", "\"rouge1\""),
            rougeShorthand("rouge2", .ngram(2), "bigram", "\"rouge2\""),
            rougeShorthand("rouge_l", .longestCommonSubsequence, "longest-common-subsequence", "\"rougeL\""),
        ]
    }

    /// Returns a builtin `name(prediction, reference, stem = false)` computing one kind of
    /// ROUGE F-measure.
    private static func rougeShorthand(_ name: String, _ kind: ROUGE.Kind, _ what: String, _ spelled: String) -> Builtin {
        Builtin(BuiltinSignature(
            name, [BuiltinParameter("prediction", .string), BuiltinParameter("reference", .string),
                   BuiltinParameter("stem", .bool, default: .bool(false))],
            returns: .float,
            summary: "Returns the \(what) ROUGE F-measure in [0, 1] of the prediction against the reference, rouge(prediction, reference, \(spelled), stem) with stem = true applying the Porter stemmer (default false).")
        ) { arguments, context throws(RuntimeError) -> Value in
            let prediction = try CoreSupport.string(arguments[0], name, "a string for prediction")
            let reference = try CoreSupport.string(arguments[1], name, "a string for reference")
            let stem = try CoreSupport.bool(arguments[2], name, "a bool for stem")
            return .float(try rougeScore(prediction, reference, kind: kind, stem: stem, name, context))
        }
    }

    // MARK: - Shared steps

    /// Returns the references argument as strings, failing on a non-string element or an
    /// empty list.
    private static func metricReferences(_ value: Value, _ name: String) throws(RuntimeError) -> [String] {
        let elements = try CoreSupport.list(value, name, "a list of strings for references")
        if elements.isEmpty {
            throw RuntimeError(.invalidArgument, "\(name): references is empty; give at least one reference")
        }
        var references: [String] = []
        references.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else {
                throw RuntimeError(.typeError, "\(name): expected a list of strings for references, got a list containing \(element.typeName)")
            }
            references.append(text)
        }
        return references
    }

    /// Returns `value` clamped to [0, 1], with NaN (which the formulas never produce) as 0:
    /// rounding can leave a perfect score a few ulps above 1 (sacrebleu reports
    /// 100.00000000000004 for identical sentences).
    private static func unitInterval(_ value: Double) -> Double {
        value.isNaN ? 0 : min(max(value, 0), 1)
    }

    /// Adds saturating counts of work units.
    private static func plus(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// Multiplies saturating counts of work units.
    private static func times(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }

    /// Charges fuel for reading `bytes` bytes of text into tokens and checks the working
    /// memory tokenising needs, both before any tokenising.
    private static func chargeTokenizing(_ context: ExecutionContext, bytes: Int) throws(RuntimeError) {
        try context.charge(plus(FuelRates.builtinCall, bytes / BuiltinCosts.metricBytesPerUnit))
        try reserveWorkingMemory(context, times(bytes, 24))
    }

    /// Fails with `memoryExceeded` when `bytes` of working memory exceed what the sample has
    /// left under its memory limit; the meter itself is not increased, as the memory is freed
    /// when the builtin returns.
    private static func reserveWorkingMemory(_ context: ExecutionContext, _ bytes: Int) throws(RuntimeError) {
        if bytes > context.limits.memoryBytes - context.memoryUsed {
            throw RuntimeError(.memoryExceeded,
                               "memory limit exceeded: the sample allocated more than \(context.limits.memoryBytes) bytes")
        }
    }

    /// Charges fuel and checks working memory for counting `ngrams` n-grams (about 48 bytes
    /// each in the n-gram tables).
    private static func chargeNGrams(_ context: ExecutionContext, _ ngrams: Int) throws(RuntimeError) {
        try context.charge(ngrams)
        try reserveWorkingMemory(context, times(ngrams, 48))
    }

    /// Returns the total UTF-8 length of the texts.
    private static func byteCount(_ texts: [String]) -> Int {
        texts.reduce(0) { plus($0, $1.utf8.count) }
    }

    /// Tokenises the prediction and references with the 13a tokeniser and returns their BLEU
    /// statistics for orders up to `maxOrder`, charging for each stage before it runs.
    private static func bleuStatistics(_ prediction: String, _ references: [String], maxOrder: Int,
                                       stripTrailingWhitespace: Bool, _ name: String,
                                       _ context: ExecutionContext) throws(RuntimeError) -> BLEU.Statistics {
        try chargeTokenizing(context, bytes: plus(prediction.utf8.count, byteCount(references)))
        var vocabulary = SymbolTable()
        let hypothesisTokens = Tokenizer13a.tokenize(prediction, stripTrailingWhitespace: stripTrailingWhitespace)
        let hypothesis = vocabulary.ids(of: hypothesisTokens.text, hypothesisTokens.ranges)
        var referenceSymbols: [[Int]] = []
        for reference in references {
            let tokens = Tokenizer13a.tokenize(reference, stripTrailingWhitespace: stripTrailingWhitespace)
            referenceSymbols.append(vocabulary.ids(of: tokens.text, tokens.ranges))
        }
        // Reference n-grams longer than the hypothesis are never looked up.
        let lookupOrder = min(maxOrder, hypothesis.count)
        var ngrams = NGramIndex.ngramCount(length: hypothesis.count, maxOrder: maxOrder)
        for reference in referenceSymbols {
            ngrams = plus(ngrams, NGramIndex.ngramCount(length: reference.count, maxOrder: lookupOrder))
        }
        try chargeNGrams(context, ngrams)
        return BLEU.statistics(hypothesis: hypothesis, references: referenceSymbols, maxOrder: maxOrder)
    }

    /// Returns the chrF score of the prediction against the references, charging for reading
    /// the texts and then for the n-grams before counting them.
    private static func chrfScore(_ prediction: String, _ references: [String], charOrder: Int, wordOrder: Int,
                                  beta: Int, _ name: String, _ context: ExecutionContext) throws(RuntimeError) -> Double {
        try chargeTokenizing(context, bytes: plus(prediction.utf8.count, byteCount(references)))
        let hypothesis = MetricText.scalars(prediction)
        let referenceTexts = references.map(MetricText.scalars)
        /// The number of n-grams of a text, from its scalar count (an upper bound on the
        /// characters and words counted).
        func ngrams(_ text: [UInt32], charLimit: Int, wordLimit: Int) -> Int {
            CharacterF.ngramCount(characters: text.count, words: text.count, charOrder: charLimit,
                                  wordOrder: wordLimit)
        }
        let hypothesisNGrams = ngrams(hypothesis, charLimit: charOrder, wordLimit: wordOrder)
        var hashed = hypothesisNGrams, compared = 0, largestReference = 0
        for reference in referenceTexts {
            // Looking up a reference hashes its n-grams, then compares every hypothesis n-gram.
            let referenceNGrams = ngrams(reference, charLimit: min(charOrder, hypothesis.count),
                                         wordLimit: min(wordOrder, hypothesis.count))
            hashed = plus(hashed, referenceNGrams)
            compared = plus(compared, hypothesisNGrams)
            largestReference = max(largestReference, referenceNGrams)
        }
        try context.charge(plus(hashed / BuiltinCosts.chrfHashedPerUnit, compared / BuiltinCosts.chrfComparedPerUnit))
        // The hypothesis tables (about 48 bytes an n-gram) and one reference's ids at a time.
        try reserveWorkingMemory(context, plus(times(hypothesisNGrams, 48), times(largestReference, 8)))
        return CharacterF.score(hypothesis: hypothesis, references: referenceTexts, charOrder: charOrder,
                                wordOrder: wordOrder, factor: beta * beta)
    }

    /// Returns the ROUGE F-measure of `kind` of the prediction against the reference,
    /// charging for reading and stemming the texts and then for the n-grams or LCS cells.
    private static func rougeScore(_ prediction: String, _ reference: String, kind: ROUGE.Kind, stem: Bool,
                                   _ name: String, _ context: ExecutionContext) throws(RuntimeError) -> Double {
        let bytes = plus(prediction.utf8.count, reference.utf8.count)
        try chargeTokenizing(context, bytes: bytes)
        if stem { try context.charge(bytes) }
        var vocabulary = RougeTokenizer.Vocabulary()
        switch kind {
        case .ngram(let n):
            let target = RougeTokenizer.symbols(reference, stem: stem, &vocabulary)
            let predicted = RougeTokenizer.symbols(prediction, stem: stem, &vocabulary)
            try chargeNGrams(context, plus(NGramIndex.ngramCount(length: target.count, maxOrder: n),
                                           NGramIndex.ngramCount(length: predicted.count, maxOrder: n)))
            return unitInterval(ROUGE.ngramScore(target: target, prediction: predicted, n: n))
        case .longestCommonSubsequence:
            let target = RougeTokenizer.symbols(reference, stem: stem, &vocabulary)
            let predicted = RougeTokenizer.symbols(prediction, stem: stem, &vocabulary)
            try context.charge(times(target.count, predicted.count) / BuiltinCosts.lcsCellsPerUnit)
            return unitInterval(ROUGE.lcsScore(target: target, prediction: predicted))
        case .summaryLevel:
            let target = RougeTokenizer.sentences(reference).map { RougeTokenizer.symbols($0, stem: stem, &vocabulary) }
            let predicted = RougeTokenizer.sentences(prediction).map { RougeTokenizer.symbols($0, stem: stem, &vocabulary) }
            let targetLengths = target.map(\.count), predictedLengths = predicted.map(\.count)
            let cells = times(targetLengths.reduce(0, plus), predictedLengths.reduce(0, plus))
            try context.charge(plus(cells / BuiltinCosts.lcsCellsPerUnit, times(target.count, predicted.count)))
            // One LCS table of direction bits is alive at a time.
            try reserveWorkingMemory(context, times(targetLengths.max() ?? 0, predictedLengths.max() ?? 0) / 8)
            return unitInterval(ROUGE.summaryLevelScore(target: target, prediction: predicted))
        }
    }
}
