/// The expression rules of the PS grammar: relations, sums, products, unary signs, implicit
/// products, powers, postfix operators and the primaries (groups, fractions, roots,
/// functions, numbers and symbols).
extension MathExpressionParser {
    /// Parses `relation: relation (= | < | ≤ | > | ≥ | ≠ | \approx) relation | expr`, left to
    /// right; chained relations build a chain, `x \approx 3.14` keeps only the value.
    mutating func parseRelation() throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        var lhs = try parseExpression()
        while let token = current {
            switch token {
            case .relation(let kind):
                position += 1
                lhs = MathNodeBuilder.relate(lhs, kind, try parseExpression())
            case .setRelation("approx"):
                position += 1
                let rhs = try parseExpression()
                lhs = MathNodeBuilder.isOnlySymbols(lhs) ? rhs : lhs
            default:
                return lhs
            }
        }
        return lhs
    }

    /// Parses `expr: additive` (sums and differences, left to right).
    mutating func parseExpression() throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        // Terms are collected in one array (latex2sympy flattens nested sums the same way).
        let first = try parseMultiplicative(noFunctions: false)
        var terms: [MathNode] = []
        while true {
            let term: MathNode
            if accept("+") {
                term = try parseMultiplicative(noFunctions: false)
            } else if accept("-") {
                term = MathNodeBuilder.subtrahend(try parseMultiplicative(noFunctions: false))
            } else {
                break
            }
            if terms.isEmpty { terms = MathNodeBuilder.terms(of: first) }
            terms.append(contentsOf: MathNodeBuilder.terms(of: term))
        }
        return terms.isEmpty ? first : .sum(terms)
    }

    /// Parses `mp`: products and quotients (`*`, `\times`, `\cdot`, `/`, `\div`, `:`, `\mod`).
    /// `noFunctions` is the grammar's `mp_nofunc`, the argument of `\sin x` and friends.
    mutating func parseMultiplicative(noFunctions: Bool) throws(Failure) -> MathNode {
        // Factors of `*` are collected in one array (latex2sympy flattens products the same
        // way); each quotient nests the left side one level deeper (see `wrap`).
        var factors = [try parseUnary(noFunctions: noFunctions)]
        /// Returns the factors as one node: the factor itself, or their product.
        func combined(_ factors: [MathNode]) -> MathNode { factors.count == 1 ? factors[0] : .product(factors) }
        while true {
            if accept("*") {
                let rhs = try parseUnary(noFunctions: noFunctions)
                if factors.count == 1, case .product(let parts) = factors[0] { factors = parts }
                if case .product(let parts) = rhs { factors.append(contentsOf: parts) } else { factors.append(rhs) }
            } else if at("/") || at(":") || current == .command("\\mod") {
                let isModulo = current == .command("\\mod")
                position += 1
                try wrap()
                let rhs = try parseUnary(noFunctions: noFunctions)
                factors = [isModulo ? .function("mod", [combined(factors), rhs]) : MathNodeBuilder.divide(combined(factors), rhs)]
            } else {
                return combined(factors)
            }
        }
    }

    /// Parses `unary: (+|-) unary | postfix+`: signs, then an implicit product.
    mutating func parseUnary(noFunctions: Bool) throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        if accept("+") { return try parseUnary(noFunctions: noFunctions) }
        if accept("-") { return MathNodeBuilder.negate(try parseUnary(noFunctions: noFunctions)) }
        var factors = [try parsePostfix(noFunctions: false)]
        while startsPrimary(current), let factor = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in
            try parser.parsePostfix(noFunctions: noFunctions)
        }) {
            factors.append(factor)
        }
        return MathNodeBuilder.implicitProduct(factors)
    }

    /// Returns true when the token can begin a primary (so an implicit product may go on).
    func startsPrimary(_ token: LatexToken?) -> Bool {
        guard let token else { return false }
        switch token {
        case .number, .eNotation, .percentNumber, .letter, .eulerE, .capitalE, .differential, .greek, .otherSymbol,
             .accent, .infinity, .command:
            return true
        case .punctuation(let spelling):
            return ["(", "{", "[", "\\{", "|", "\\lvert", "\\vert", "\\lfloor", "\\lceil", "\\lgroup", "\\lbrace",
                    "\\lbrack"].contains(spelling)
        default:
            return false
        }
    }

    /// Parses `postfix: exp postfix_op*`: factorials `!`; degree marks and transposes are dropped.
    mutating func parsePostfix(noFunctions: Bool) throws(Failure) -> MathNode {
        var value = try parsePower(noFunctions: noFunctions)
        while let token = current {
            if token == .punctuation("!") {
                position += 1
                try wrap()
                value = .function("factorial", [value])
            } else if token == .degree || token == .transpose {
                position += 1
            } else {
                break
            }
        }
        return value
    }

    /// Parses `exp: exp ^ (atom | {expr}) subexpr? | comp`, applied left to right.
    mutating func parsePower(noFunctions: Bool) throws(Failure) -> MathNode {
        var base = try parsePrimary(noFunctions: noFunctions)
        while at("^") {
            try wrap()
            position += 1
            let exponent = try parseScript()
            if at("_") { _ = try parseSubscriptText() }
            base = MathNodeBuilder.power(base, exponent)
        }
        return base
    }

    /// A superscript or subscript argument: an atom or a braced expression.
    mutating func parseScript() throws(Failure) -> MathNode {
        if accept("{") {
            let value = try parseExpression()
            try expect("}")
            return value
        }
        return try parseAtom()
    }
}
