/// math-verify's comparison when one side is a symbol (`sympy_compare_symbols`): text answers
/// such as `\text{Yes}` parse as one symbol while `yes` parses as the product y·e·s, so a
/// symbol equals a product of letters spelling it, ignoring case; the symbol `e` equals
/// Euler's number; two symbols compare their names (ignoring case for names longer than one
/// letter); anything else compares printed forms.
enum WordEquality {
    /// Returns true when the two values spell the same word.
    static func equal(_ gold: MathNode, _ prediction: MathNode) -> Bool {
        let gold = gold.renamingSymbols(ComplexMarker.plainName), prediction = prediction.renamingSymbols(ComplexMarker.plainName)
        if case .symbol(let name) = gold, name.lowercased() == "e", prediction == .constant("e") { return true }
        if case .symbol(let name) = prediction, name.lowercased() == "e", gold == .constant("e") { return true }
        if case .symbol(let name) = gold, let spelled = spelling(prediction) { return name.lowercased() == spelled.lowercased() }
        if case .symbol(let name) = prediction, let spelled = spelling(gold) { return name.lowercased() == spelled.lowercased() }
        if case .symbol(var goldName) = gold, case .symbol(var predictionName) = prediction {
            if goldName.unicodeScalars.count > 1 { goldName = goldName.lowercased() }
            if predictionName.unicodeScalars.count > 1 { predictionName = predictionName.lowercased() }
            return goldName == predictionName
        }
        guard let goldText = printed(gold), let predictionText = printed(prediction) else { return false }
        return goldText == predictionText
    }

    /// The word a product of symbols (and e) spells, in written order.
    static func spelling(_ node: MathNode) -> String? {
        guard case .product(let factors) = node else { return nil }
        var word = ""
        for factor in factors {
            switch factor {
            case .symbol(let name): word += name
            case .constant("e"): word += "e"
            default: return nil
            }
        }
        return word
    }

    /// SymPy's printed form for symbols and integers (enough for `\text{5}` ~ `5`).
    static func printed(_ node: MathNode) -> String? {
        switch node {
        case .symbol(let name): return name
        case .number(.rational(let value, 1), .integer, nil): return String(value)
        case .number(_, .integer, let literal?): return literal
        case .number(.rational(let p, let q), .rational, _): return "\(p)/\(q)"
        default: return nil
        }
    }
}
