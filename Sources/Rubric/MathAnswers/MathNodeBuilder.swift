import Foundation

/// Builds `MathNode`s the way latex2sympy2_extended builds SymPy objects: integer quotients
/// become fractions, an integer followed by a positive fraction is a mixed number, a minus
/// sign on a number gives a negative number, and everything else stays an unevaluated sum,
/// product or power. Symbols are lowercased; `pi` is π and `gamma` the Euler–Mascheroni
/// constant, as in its symbol table.
enum MathNodeBuilder {
    /// A number literal (`12`, `007`, `1.50`, `2E5`): digits only make an integer, anything
    /// else a float.
    static func number(_ text: String) -> MathNode {
        var digits = text.replacingOccurrences(of: ",", with: "")
        if digits.unicodeScalars.allSatisfy(ScalarText.isASCIIDigit) {
            while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
            if let value = Int(digits) { return .integer(value) }
            return .number(.approximate(Double(digits) ?? .infinity), .integer, literal: digits)
        }
        return .number(DecimalValue.exact(digits), .float, literal: nil)
    }

    /// `-x`: a negated number for a number, `-1 · x` otherwise (latex2sympy's unary minus).
    static func negate(_ node: MathNode) -> MathNode {
        if node == .constant("oo") { return .constant("-oo") }
        if node == .constant("-oo") { return .constant("oo") }
        if case .number(let value, let kind, let literal) = node {
            return .number(value.negated(), kind, literal: literal.map { $0.hasPrefix("-") ? String($0.dropFirst()) : "-" + $0 })
        }
        return multiply(.integer(-1), node)
    }

    /// The negation used by `\pm`: integers and fractions are negated, anything else
    /// (floats included) becomes `-1 · x`.
    static func unaryMinus(_ node: MathNode) -> MathNode {
        if case .number(_, let kind, _) = node, kind != .float { return negate(node) }
        return multiply(.integer(-1), node)
    }

    /// `a + b`, flattening nested sums.
    static func add(_ lhs: MathNode, _ rhs: MathNode) -> MathNode {
        var terms: [MathNode] = []
        for side in [lhs, rhs] {
            if case .sum(let parts) = side { terms.append(contentsOf: parts) } else { terms.append(side) }
        }
        return .sum(terms)
    }

    /// `a - b`: a number is negated, anything else multiplied by -1.
    static func subtract(_ lhs: MathNode, _ rhs: MathNode) -> MathNode {
        add(lhs, subtrahend(rhs))
    }

    /// The term added for `- b`.
    static func subtrahend(_ rhs: MathNode) -> MathNode {
        if case .number = rhs { return negate(rhs) }
        if rhs == .constant("oo") || rhs == .constant("-oo") { return negate(rhs) }
        return multiply(.integer(-1), rhs)
    }

    /// The terms a node contributes to a flattened sum.
    static func terms(of node: MathNode) -> [MathNode] {
        if case .sum(let parts) = node { return parts }
        return [node]
    }

    /// `a · b`, flattening nested products.
    static func multiply(_ lhs: MathNode, _ rhs: MathNode) -> MathNode {
        var factors: [MathNode] = []
        for side in [lhs, rhs] {
            if case .product(let parts) = side { factors.append(contentsOf: parts) } else { factors.append(side) }
        }
        return .product(factors)
    }

    /// The exact integer value of an integer literal node.
    static func integerValue(_ node: MathNode) -> Int? {
        if case .number(.rational(let value, 1), .integer, nil) = node { return value }
        return nil
    }

    /// `a / b`: a fraction when both are integers (1/0 is complex infinity), else `a · b^-1`.
    static func divide(_ lhs: MathNode, _ rhs: MathNode) -> MathNode {
        if let top = integerValue(lhs), let bottom = integerValue(rhs) {
            if bottom == 0 { return .constant(top == 0 ? "nan" : "zoo") }
            return rationalNode(ExactNumber.fraction(top, bottom) ?? .zero)
        }
        return .product([lhs, .power(rhs, .integer(-1))])
    }

    /// Builds `\frac{a}{b}` the way a division is built.
    static func fraction(_ top: MathNode, _ bottom: MathNode) -> MathNode {
        divide(top, bottom)
    }

    /// A fraction node: an integer when the denominator is 1.
    static func rationalNode(_ value: ExactNumber) -> MathNode {
        .number(value, value.isExactInteger ? .integer : .rational, literal: nil)
    }

    /// `base^exponent`, or the base when there is no exponent.
    static func power(_ base: MathNode, _ exponent: MathNode?) -> MathNode {
        guard let exponent else { return base }
        return .power(base, exponent)
    }

    /// `\sqrt[n]{x}` is `x^(1/n)`; `\sqrt{x}` is `x^(1/2)`.
    static func root(_ radicand: MathNode, index: MathNode?) -> MathNode {
        guard let index else { return .power(radicand, rationalNode(.rational(1, 2))) }
        if let degree = integerValue(index) {
            if degree == 0 { return .power(radicand, .constant("zoo")) }
            return .power(radicand, rationalNode(ExactNumber.fraction(1, degree) ?? .zero))
        }
        return .power(radicand, divide(.integer(1), index))
    }

    /// `\binom{n}{k}`, which SymPy evaluates at once for small non-negative integers.
    static func binomial(_ top: MathNode, _ bottom: MathNode) -> MathNode {
        if let n = integerValue(top), let k = integerValue(bottom), n >= 0, n <= 60, k >= 0 {
            if k > n { return .integer(0) }
            var result = 1
            for step in 0..<min(k, n - k) { result = result * (n - step) / (step + 1) }
            return .integer(result)
        }
        return .function("binomial", [top, bottom])
    }

    /// An implicit product `a b c`, built from the right: an integer followed by a positive
    /// fraction or integer is a mixed number (`2\frac{1}{2}` = 5/2, and even `2 3` = 5, as in
    /// latex2sympy); anything else multiplies.
    static func implicitProduct(_ factors: [MathNode]) -> MathNode {
        guard var result = factors.last else { return .integer(1) }
        // Once the running product is a product it stays one; its factors are collected in
        // reverse (linear time even for long runs of letters).
        var reversedFactors: [MathNode]?
        for factor in factors.dropLast().reversed() {
            if reversedFactors == nil, let whole = integerValue(factor),
               case .number(.rational(let p, let q), let kind, nil) = result, kind != .float, p > 0, q > 0 {
                let (scaled, o1) = whole.multipliedReportingOverflow(by: q)
                let (mixed, o2) = whole < 0 ? scaled.subtractingReportingOverflow(p) : scaled.addingReportingOverflow(p)
                if !(o1 || o2), let value = ExactNumber.fraction(mixed, q) {
                    result = rationalNode(value)
                    continue
                }
            }
            if reversedFactors == nil {
                if case .product(let parts) = result { reversedFactors = parts.reversed() } else { reversedFactors = [result] }
            }
            if case .product(let parts) = factor {
                reversedFactors?.append(contentsOf: parts.reversed())
            } else {
                reversedFactors?.append(factor)
            }
        }
        return reversedFactors.map { .product($0.reversed()) } ?? result
    }

    /// A relation between two sides; a relation after a relation extends a chain, so
    /// `a < b < c` reads `a < b` and `b < c`.
    static func relate(_ lhs: MathNode, _ kind: RelationKind, _ rhs: MathNode) -> MathNode {
        switch lhs {
        case .chain(let parts):
            if case .relation(_, _, let last)? = parts.last { return .chain(parts + [.relation(kind, last, rhs)]) }
            return .relation(kind, lhs, rhs)
        case .relation(_, _, let last):
            return .chain([lhs, .relation(kind, last, rhs)])
        default:
            return .relation(kind, lhs, rhs)
        }
    }

    /// latex2sympy's `is_expr_of_only_symbols`: symbols, and sums, products and powers built
    /// only from symbols.
    static func isOnlySymbols(_ node: MathNode) -> Bool {
        switch node {
        case .symbol: return true
        case .sum(let parts), .product(let parts), .tuple(let parts), .function(_, let parts):
            return !parts.isEmpty && parts.allSatisfy(isOnlySymbols)
        case .power(let base, let exponent):
            if case .number(.rational(-1, 1), _, _) = exponent { return isOnlySymbols(base) }
            return isOnlySymbols(base) && isOnlySymbols(exponent)
        default: return false
        }
    }

    /// `e^x`, which SymPy evaluates at once for x = 0 and x = 1.
    static func exponential(_ exponent: MathNode) -> MathNode {
        if integerValue(exponent) == 1 { return .constant("e") }
        if integerValue(exponent) == 0 { return .integer(1) }
        return .function("exp", [exponent])
    }

    /// A named function with an optional power; `\sin^{-1}` is arcsin.
    static func applyFunction(_ name: String, _ arguments: [MathNode], power: MathNode?) -> MathNode {
        var function = name
        var exponent = power
        if function.hasPrefix("arc") && !["arcsinh", "arccosh", "arctanh"].contains(function) {
            function = "a" + function.dropFirst(3)
        } else if ["arsinh", "arcosh", "artanh"].contains(function) {
            function = "a" + function.dropFirst(2)
        } else if ["arcsinh", "arccosh", "arctanh"].contains(function) {
            function = "a" + function.dropFirst(3)
        } else if ["sin", "cos", "tan", "csc", "sec", "cot", "sinh", "cosh", "tanh"].contains(function),
                  let power, case .number(.rational(-1, 1), _, _) = power {
            function = "a" + function
            exponent = nil
        } else if function == "ceil" {
            function = "ceiling"
        }
        return MathNodeBuilder.power(.function(function, arguments), exponent)
    }

    /// The symbol latex2sympy makes from a name: Greek letters by name, a leading backslash
    /// dropped, lowercased; `pi` is π and `gamma` the Euler–Mascheroni constant.
    static func symbol(_ rawName: String) -> MathNode {
        var name = rawName.trimmingCharacters(in: .whitespaces)
        if let greek = LatexVocabulary.greekCommands[name] { name = greek }
        if name.hasPrefix("\\") { name.removeFirst() }
        if name == "pi" { return .constant("pi") }
        if name == "gamma" || name == "Gamma" { return .constant("gamma") }
        name = name.lowercased()
        if name == "pi" { return .constant("pi") }
        if name == "gamma" { return .constant("gamma") }
        return .symbol(name)
    }

    /// The text a symbol token stands for (before lowercasing): `\text{(A) b}` is "Ab",
    /// `\bar{x}` is "bar{x}", `\mathbb{X}` is "math{X}".
    static func symbolText(_ token: LatexToken) -> String {
        switch token {
        case .letter(let letter): return letter
        case .greek(let name): return name
        case .otherSymbol(let name): return name
        case .accent(let command, let rawContent):
            var content = rawContent.replacingOccurrences(of: " ", with: "")
            var accent = command
            if ["bar", "overline"].contains(accent) {
                accent = "bar"
            } else if ["vec", "overrightarrow"].contains(accent) {
                accent = "vec"
            } else if ["tilde", "widetilde"].contains(accent) {
                accent = "tilde"
            } else if accent.contains("text") || accent.contains("mbox") {
                accent = ""
                content = content.replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "")
            } else if accent.contains("math") {
                accent = "math"
            }
            return accent.isEmpty ? content : "\(accent){\(content)}"
        default:
            return spelling(token)
        }
    }

    /// The source spelling of a token, for subscript names.
    static func spelling(_ token: LatexToken) -> String {
        switch token {
        case .number(let text), .eNotation(let text), .letter(let text), .differential(let text): return text
        case .percentNumber(let text): return text + "%"
        case .eulerE: return "e"
        case .capitalE: return "E"
        case .greek(let name), .otherSymbol(let name): return "\\" + name
        case .accent(let command, let content): return "\\\(command){\(content)}"
        case .infinity: return "\\infty"
        case .namedSet(let name): return name
        case .punctuation(let text), .command(let text), .setRelation(let text), .unsupported(let text): return text
        case .relation(let kind): return kind.rawValue
        case .degree: return "^\\circ"
        case .transpose: return "^T"
        }
    }
}
