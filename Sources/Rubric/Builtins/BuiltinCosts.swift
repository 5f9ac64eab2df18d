import RubricSemantics

/// What every builtin costs: the fuel it charges, as a bound in its arguments' sizes, and
/// the shape of its result. This is the one cost table of the language: builtin bodies
/// charge with the rates named here and in `FuelRates`, `BuiltinLibrary.all` attaches each
/// entry to its builtin's signature, and `check`'s cost analysis reads the signatures. A test
/// runs every builtin on random arguments and checks the fuel it charged, and the size of
/// its result, against its entry.
///
/// Notation in the formulas: `b(i)` UTF-8 bytes of argument i (for a list, of all its
/// strings), `n(i)` its length, `m(i)` the absolute value of an int, `s(i)` its total size,
/// `t(i)` its size as text. `perBytes(x)` is what `CoreSupport.chargeBytes(x)` charges and
/// `perElements(x)` what `CoreSupport.chargeElements(x)` charges.
enum BuiltinCosts {
    /// Builtins whose work per character is far above copying bytes charge units per byte
    /// (`CoreSupport.chargePerByte`) rather than per 64 bytes. The rates below keep a unit of
    /// fuel near 100 ns of work in a release build, so the default budget is about a second
    /// whatever a sample calls (`MeteringCalibrationTests` measures them).
    ///
    /// `math_equal` parses and compares math, the costliest work per byte of any builtin:
    /// units per byte of each answer up to `MathAnswerComparison.maxAnswerBytes` (a longer
    /// answer is never equal and costs only its scan).
    static let mathEqualUnitsPerByte = 160
    /// `extract_answer` tries its modes in turn: this many times `chargeBytes` of the text.
    static let extractAnswerPasses = 16
    /// `math_normalize` runs the LaTeX clean-up's many rewrites: units per byte.
    static let mathNormalizeUnitsPerByte = 3
    /// Case mapping (`lower`, `upper`) looks up every scalar: units per byte.
    static let caseMappingUnitsPerByte = 4
    /// `float` parses Python's float syntax: units per byte.
    static let floatParsingUnitsPerByte = 3
    /// `token_count` classifies every scalar: units per byte.
    static let tokenCountingUnitsPerByte = 3
    /// `strip` and its kin test every scalar against a set: units per byte.
    static let strippingUnitsPerByte = 2
    /// `split`, `words` and `lines` build a string per piece: this many times `chargeBytes`.
    static let splittingPasses = 8
    /// `to_json` escapes and formats as it writes: this many times `chargeBytes`.
    static let jsonWritingPasses = 8
    /// `toolrl_correctness` charges `chargeElements` of this many elements per pair of a
    /// predicted and a gold call (names, keys and values compared).
    static let toolCallPairElements = 8
    /// The text metrics charge one unit per this many bytes they tokenise.
    static let metricBytesPerUnit = 2
    /// ROUGE-L charges one unit per this many cells of its LCS table.
    static let lcsCellsPerUnit = 32
    /// chrF charges one unit per this many n-grams hashed, and per this many compared.
    static let chrfHashedPerUnit = 2
    static let chrfComparedPerUnit = 8
    /// Case mapping can make a string longer: at most three times its UTF-8 bytes (ΐ, two
    /// bytes, uppercases to three two-byte scalars).
    static let caseExpansion = 3.0
    /// Merge sort makes at most one comparison per element in each of its passes, and a list
    /// never has more than 2^63 elements: at most this many comparisons per element.
    static let sortComparisonsPerElement = 64.0

    /// The entry of every builtin, by name; `BuiltinLibrary` checks that each has one.
    static let table: [String: BuiltinCost] = {
        var table: [String: BuiltinCost] = [:]
        for (names, cost) in core + collections + strings + math + regex + data + answers + overlap + metrics {
            for name in names { table[name] = cost }
        }
        return table
    }()

    typealias Entry = ([String], BuiltinCost)
    typealias F = CostFormula

    /// One entry for builtins that cost alike.
    static func entry(_ names: String..., fuel: F, result: ResultShape) -> Entry {
        (names, BuiltinCost(fuel: fuel, result: result))
    }

    // Short names for the formulas below (see the notation above).
    static let free = F.constant(0)
    static func b(_ i: Int) -> F { .bytes(i) }
    static func n(_ i: Int) -> F { .length(i) }
    static func m(_ i: Int) -> F { .magnitude(i) }
    static func perBytes(_ x: F) -> F { .perBytes(x) }
    static func perElements(_ x: F) -> F { .perElements(x) }
    static func c(_ value: Double) -> F { .constant(value) }
    /// The most a metered walk over a value of size `x` charges (see `CostAnalysis.walk`).
    static func walk(_ x: F) -> F { c(1) + 2 * x }
    /// What `chargePerByte(x, units)` charges: a call plus `units` per byte.
    static func perByte(_ units: Int, _ x: F) -> F { .call + Double(units) * x }

    static let core: [Entry] = [
        entry("fail", fuel: free, result: .never),
        // len charges for a string's bytes; a list's or map's length is free.
        entry("len", fuel: perBytes(.stringBytes(0)), result: .int(n(0))),
        entry("sum", "product", fuel: perElements(n(0)),
              result: .int(.unbounded("a sum or product of ints has no bound in input sizes"))),
        entry("mean", fuel: perElements(n(0)), result: .scalar),
        // One list, or the arguments themselves.
        // Comparing strings or lists walks them, metered.
        entry("min", "max", fuel: perElements(n(0) + .argumentCount) + walk(.size(0)) + .argumentCount, result: .extreme),
        entry("abs", fuel: free, result: .argument(0)),
        entry("clip", fuel: free, result: .join([.argument(0), .argument(1), .argument(2)])),
        entry("round", "floor", "ceil", fuel: free, result: .integer(0)),
        // Only a string is parsed.
        entry("int", fuel: perByte(1, .stringBytes(0)), result: .integer(0)),
        entry("float", fuel: perByte(floatParsingUnitsPerByte, .stringBytes(0)), result: .scalar),
        entry("str", fuel: perBytes(.text(0)) + walk(.size(0)), result: .string(.text(0))),
        entry("type_of", fuel: free, result: .string(c(6))),
        entry("is_null", fuel: free, result: .scalar),
    ]

    static let collections: [Entry] = [
        entry("sort", fuel: .call + sortComparisonsPerElement * n(0), result: .argument(0)),
        // A string is reversed character by character.
        entry("reverse", fuel: perElements(n(0)) + .stringBytes(0), result: .argument(0)),
        // Every element is hashed, and compared with those of equal hash, by metered walks.
        entry("unique", fuel: perElements(n(0)) + 2 * n(0) + 4 * .size(0), result: .argument(0)),
        entry("keys", fuel: perElements(n(0)), result: .list(length: n(0), element: .string(.keyBytes(0)))),
        entry("values", fuel: perElements(n(0)), result: .list(length: n(0), element: .elementOf(.argument(0)))),
        entry("items", fuel: perElements(3 * n(0)),
              result: .list(length: n(0), element: .list(length: c(2), element: .join([.string(.keyBytes(0)), .elementOf(.argument(0))])))),
        entry("get", fuel: free, result: .join([.elementOf(.argument(0)), .argument(2)])),
        // At most |stop - start| elements, each between start and stop.
        entry("range", fuel: perElements(m(0) + m(1)), result: .list(length: m(0) + m(1), element: .int(m(0) + m(1)))),
        entry("zip", fuel: perElements(3 * n(0)),
              result: .list(length: n(0), element: .list(length: c(2), element: .join([.elementOf(.argument(0)), .elementOf(.argument(1))])))),
        entry("enumerate", fuel: perElements(3 * n(0)),
              result: .list(length: n(0), element: .list(length: c(2), element: .join([.int(n(0) + m(1)), .elementOf(.argument(0))])))),
        entry("any", "all", fuel: perElements(n(0)), result: .scalar),
        // Each element is compared with the value sought; a comparison walks at most that value.
        entry("count", fuel: perElements(n(0)) + perElements(n(0)) + n(0) * walk(.size(1)), result: .int(n(0))),
        entry("index_of", fuel: perElements(n(0)) + perElements(n(0)) + n(0) * walk(.size(1)),
              result: .int(n(0) + c(1))),  // -1 when absent
        entry("flatten", fuel: perElements(.size(0)), result: .list(length: .size(0), element: .elementOf(.elementOf(.argument(0))))),
    ]

    static let strings: [Entry] = [
        entry("lower", "upper", fuel: perByte(caseMappingUnitsPerByte, b(0)) + perBytes(caseExpansion * b(0)),
              result: .string(caseExpansion * b(0))),
        entry("strip", "lstrip", "rstrip", fuel: perByte(strippingUnitsPerByte, b(0)), result: .string(b(0))),
        entry("normalize_whitespace", fuel: perByte(1, b(0)) + perBytes(b(0)), result: .string(b(0))),
        // At most one more piece than there are bytes.
        entry("split", "lines", fuel: perBytes(Double(splittingPasses) * b(0)) + perElements(b(0) + c(1)),
              result: .list(length: b(0) + c(1), element: .string(b(0)))),
        entry("words", fuel: perBytes(Double(splittingPasses) * b(0)) + perElements(b(0)),
              result: .list(length: b(0), element: .string(b(0)))),
        entry("join", fuel: perElements(n(0)) + perBytes(b(0) + b(1) * n(0)), result: .string(b(0) + b(1) * n(0))),
        // An empty `old` inserts `new` between all characters.
        entry("replace", fuel: perBytes(b(0)) + perBytes(b(0) + (b(0) + c(1)) * b(2)),
              result: .string(b(0) + (b(0) + c(1)) * b(2))),
        entry("contains", "starts_with", "ends_with", fuel: perBytes(b(0)), result: .scalar),
        entry("word_count", fuel: perByte(1, b(0)), result: .int(b(0))),
        entry("token_count", fuel: perByte(tokenCountingUnitsPerByte, b(0)), result: .int(b(0))),
        entry("find_str", fuel: perBytes(b(0)), result: .int(b(0) + c(1))),  // -1 when absent
        entry("count_str", fuel: perBytes(b(0)), result: .int(b(0) + c(1))),
        entry("repeat", fuel: perBytes(b(0) * m(1)), result: .string(b(0) * m(1))),
    ]

    static let math: [Entry] = [
        entry("sqrt", "exp", "log", "log2", "log10", "pow", "sigmoid", "tanh", "cos", "sin", fuel: .call, result: .scalar),
        entry("sign", fuel: free, result: .int(c(1))),
        entry("is_nan", "is_finite", "pi", "e", fuel: free, result: .scalar),
    ]

    /// Every regex builtin charges for its pattern, then for each match attempt one unit
    /// plus one per 64 bytes examined. Attempts that find every match: at most two per byte
    /// of text (an empty match, then a non-empty one or a step forward) and a last one.
    static let pattern = perBytes(b(1))
    static let everyMatch = pattern + c(3) + 2 * b(0) + b(0) / Double(FuelRates.bytesPerUnit)
    static let replaced = b(0) + (2 * b(0) + c(2)) * (b(2) + 3 * b(2) * b(0))
    static let regex: [Entry] = [
        entry("matches", "full_match", fuel: pattern + perBytes(b(0)), result: .scalar),
        entry("find", fuel: pattern + perBytes(b(0)), result: .string(b(0))),
        // A pattern has fewer capture groups than bytes.
        entry("captures", fuel: pattern + perBytes(b(0)), result: .list(length: b(1), element: .string(b(0)))),
        entry("find_all", fuel: everyMatch, result: .list(length: 2 * b(0) + c(2), element: .string(b(0)))),
        entry("count_matches", fuel: everyMatch, result: .int(2 * b(0) + c(2))),
        entry("split_regex", fuel: everyMatch, result: .list(length: 2 * b(0) + c(3), element: .string(b(0)))),
        // Substitution runs at most twice (once to measure the result). Each match inserts
        // the replacement, whose group references insert at most the text (three times
        // over with case folding).
        // The matches are found one by one, and every byte written charges an eighth of a unit.
        entry("replace_regex", fuel: everyMatch + replaced / 8, result: .string(replaced)),
    ]

    static let data: [Entry] = [
        // A JSON text has at least one byte per element and per byte of string.
        entry("parse_json", fuel: perBytes(b(0)) + perElements(b(0)), result: .any(b(0))),
        entry("is_json", fuel: perBytes(b(0)), result: .scalar),
        entry("parse_yaml", fuel: .unbounded("parse_yaml expands aliases, so its result can be far larger than its text"),
              result: .any(.unbounded("parse_yaml expands aliases, so its result can be far larger than its text"))),
        entry("to_json", fuel: perElements(.size(0)) + perBytes(Double(jsonWritingPasses) * .text(0)), result: .string(.text(0))),
        entry("extract_tag", "last_tag", fuel: perBytes(b(0)), result: .string(b(0))),
        entry("extract_tags", fuel: perBytes(b(0)) + perElements(b(0)), result: .list(length: b(0), element: .string(b(0)))),
    ]

    static let answers: [Entry] = [
        entry("last_boxed", fuel: perBytes(b(0)) + perBytes(b(0)), result: .string(b(0))),
        entry("extract_answer", fuel: perBytes(Double(extractAnswerPasses) * b(0)) + perBytes(b(0)), result: .string(b(0))),
        // The clean-up can add braces (\frac12 becomes \frac{1}{2}).
        entry("math_normalize", fuel: perByte(mathNormalizeUnitsPerByte, b(0)) + perBytes(c(4) * b(0) + c(64)),
              result: .string(c(4) * b(0) + c(64))),
        // Each answer is charged per byte (or, past the longest answer compared, per 64 bytes).
        entry("math_equal", fuel: perByte(mathEqualUnitsPerByte, b(0)) + perByte(mathEqualUnitsPerByte, b(1)), result: .scalar),
    ]

    static let overlap: [Entry] = [
        // Lowercasing can lengthen a few characters (İ becomes i̇).
        entry("squad_normalize", fuel: perByte(1, b(0)), result: .string(caseExpansion * b(0))),
        entry("exact_match", "token_f1", fuel: perElements(n(1)) + perByte(1, b(0) + b(1)), result: .scalar),
        // Bit-parallel: ceil(shorter / 64) * longer steps, at most a*b/64 + a + b.
        entry("edit_distance", fuel: perBytes(b(0) + b(1)) + b(0) * b(1) / 64 + b(0) + b(1), result: .int(b(0) + b(1))),
        entry("edit_ratio", "indel_ratio", fuel: perBytes(b(0) + b(1)) + b(0) * b(1) / 64 + b(0) + b(1), result: .scalar),
        // Argument values are compared by metered walks, each at most a gold call's size.
        entry("toolrl_correctness", fuel: perElements(Double(toolCallPairElements) * n(0) * (n(1) + c(1)))
                  + n(0) * (n(1) + c(1) + 2 * .size(1)), result: .scalar),
    ]

    /// Tokenising reads both texts: one unit per `metricBytesPerUnit` bytes. A text has at
    /// most as many tokens, characters and sentences (plus one) as bytes.
    static let tokenizing = F.call + (b(0) + b(1)) / Double(metricBytesPerUnit)
    static let stemming = b(0) + b(1)
    static let lcs = b(0) * b(1) / Double(lcsCellsPerUnit)
    static let metrics: [Entry] = [
        entry("bleu", fuel: tokenizing + (b(0) + b(1)) * m(2), result: .scalar),
        entry("sentence_bleu", fuel: tokenizing + 4 * (b(0) + b(1)), result: .scalar),
        entry("chrf", fuel: tokenizing + (b(0) + b(1)) * (m(2) + m(3)) / Double(chrfHashedPerUnit)
                  + n(1) * b(0) * (m(2) + m(3)) / Double(chrfComparedPerUnit), result: .scalar),
        // The largest of ROUGE-1 to 9, L and Lsum (one cell per sentence pair besides).
        entry("rouge", fuel: tokenizing + stemming + 9 * (b(0) + b(1)) + lcs + (b(0) + c(1)) * (b(1) + c(1)), result: .scalar),
        entry("rouge1", fuel: tokenizing + stemming + (b(0) + b(1)), result: .scalar),
        entry("rouge2", fuel: tokenizing + stemming + 2 * (b(0) + b(1)), result: .scalar),
        entry("rouge_l", fuel: tokenizing + stemming + lcs, result: .scalar),
    ]
}
