/// math-verify's numeric and symbolic comparison (`sympy_numeric_eq`, then
/// `sympy_symbolic_eq`) of two expressions that are not sets, relations or words.
///
/// - When either side is a float literal (or a float percentage), both are evaluated and
///   rounded to `places` decimals (SymPy's `round`), so `\frac13` ~ `0.333333` and
///   `2\pi` ~ `6.283185` but not `6.2832`. An integer compared with a float must be exactly
///   equal (`3` ~ `3.0`, not `3.0000001`), as in SymPy, where a rounded integer stays an
///   integer.
/// - Two integers or integer percentages compare their numbers, so `50\%` ~ `50`.
/// - Otherwise the values (percentages divided by 100) must be equal: exactly for rational
///   values, to about 12 significant digits for irrational ones (`\sqrt{8}` ~ `2\sqrt{2}`).
/// - Expressions with variables are equal when they agree at several sample points
///   (`(x+1)^2` ~ `x^2+2x+1`).
struct NumericEquality {
    /// Decimal places float answers are rounded to; nil compares exactly.
    var places: Int?

    /// Returns true when the two expressions are numerically or symbolically equal.
    func equal(_ gold: MathNode, _ prediction: MathNode) -> Bool {
        if numericEqual(gold, prediction) { return true }
        return symbolicEqual(gold, prediction)
    }

    /// The literal number of a number or a percentage of a number, with its kind; ±∞ count
    /// as numbers too (SymPy's `oo` is a Number).
    static func atomicKind(_ node: MathNode) -> NumberKind? {
        switch node {
        case .number(_, let kind, _): return kind
        case .percent(.number(_, let kind, _)): return kind
        case .constant("oo"), .constant("-oo"): return .rational
        default: return nil
        }
    }

    /// Returns true when the values are equal by math-verify's `sympy_numeric_eq` rules (see
    /// the type's comment).
    func numericEqual(_ gold: MathNode, _ prediction: MathNode) -> Bool {
        let goldKind = NumericEquality.atomicKind(gold), predictionKind = NumericEquality.atomicKind(prediction)
        guard goldKind != nil || predictionKind != nil else { return NumericEquality.valuesMatch(gold, prediction) }
        if goldKind == .float || predictionKind == .float {
            guard let a = MathEvaluation.evaluate(gold), let b = MathEvaluation.evaluate(prediction) else { return false }
            let aInteger = !a.isFloat && a.number.isExactInteger, bInteger = !b.isFloat && b.number.isExactInteger
            if aInteger || bInteger { return false }
            guard let places else { return a.number.isClose(to: b.number) }
            guard let x = SympyRounding.round(a.number, places: places),
                  let y = SympyRounding.round(b.number, places: places) else { return false }
            return x == y
        }
        if goldKind == .integer && predictionKind == .integer {
            return NumericEquality.stripPercent(gold) == NumericEquality.stripPercent(prediction)
        }
        // SymPy evaluates both sides; ∞ equals ∞ (so `\infty^2` ~ `\infty`).
        if let x = MathEvaluation.realValue(gold), let y = MathEvaluation.realValue(prediction), x.isInfinite || y.isInfinite {
            return x == y
        }
        return NumericEquality.valuesMatch(gold, prediction)
    }

    /// Value equality as SymPy's `(gold - prediction).evalf() == 0` decides it: exact values
    /// compare exactly, irrational values to about 12 significant digits. SymPy rounds a
    /// prediction computed as a float (`\sqrt{12.0}`, `1/3.0`) before subtracting, and the
    /// rounding error left over is only ignored for values below 1: `\sqrt{0.5}` ~
    /// `\frac{\sqrt{2}}{2}` but `\sqrt{12.0}` ≁ gold `2\sqrt{3}` (the other way round,
    /// with the float expression as the gold answer, they are equal).
    static func valuesMatch(_ gold: MathNode, _ prediction: MathNode) -> Bool {
        guard let a = MathEvaluation.evaluate(gold), let b = MathEvaluation.evaluate(prediction) else { return false }
        if a.number.isExact && b.number.isExact { return a.number == b.number }
        if b.isRounded {
            // The difference is the float's rounding error: SymPy chops it only below 1.
            let x = a.number.doubleValue, y = b.number.doubleValue
            return abs(y) < 1 && abs(x - y) <= 1.2e-16
        }
        if a.isFloat || b.isFloat {
            // A float is an exact binary number to SymPy: only float-precision noise cancels.
            let x = a.number.doubleValue, y = b.number.doubleValue
            return abs(x - y) <= 1e-15 * max(abs(x), abs(y))
        }
        return a.number.isClose(to: b.number)
    }

    /// Returns the number inside a percentage, or the node itself.
    static func stripPercent(_ node: MathNode) -> MathNode {
        if case .percent(let inner) = node { return inner }
        return node
    }

    /// `sympy_symbolic_eq`: the difference simplifies to zero. Without variables that is
    /// value equality; with variables the expressions are evaluated at sample points.
    func symbolicEqual(_ gold: MathNode, _ prediction: MathNode) -> Bool {
        let names = gold.symbolNames.union(prediction.symbolNames)
        if names.isEmpty { return NumericEquality.valuesMatch(gold, prediction) }
        if names.count > 8 || gold.size() >= 2_000 || prediction.size() >= 2_000 { return false }
        let samples: [ExactNumber] = [.rational(7, 3), .rational(-5, 4), .rational(13, 11), .rational(3, 7), .rational(-19, 6)]
        let sortedNames = names.sorted()
        var agreed = 0
        for round in 0..<4 {
            var bindings: [String: ExactNumber] = [:]
            for (index, name) in sortedNames.enumerated() {
                bindings[name] = samples[(index * 2 + round) % samples.count] + .rational(index, 1)
            }
            let a = MathEvaluation.evaluate(gold, bindings: bindings), b = MathEvaluation.evaluate(prediction, bindings: bindings)
            switch (a, b) {
            case (nil, nil): continue
            case (let a?, let b?):
                guard a.number.isClose(to: b.number) || NumericEquality.closeApproximately(a.number, b.number) else { return false }
                agreed += 1
            default: return false
            }
        }
        return agreed > 0
    }

    /// A looser closeness for values computed in doubles from different formulas.
    static func closeApproximately(_ a: ExactNumber, _ b: ExactNumber) -> Bool {
        let x = a.doubleValue, y = b.doubleValue
        guard x.isFinite, y.isFinite else { return false }
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1)
    }
}
