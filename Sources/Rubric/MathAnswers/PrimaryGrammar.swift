/// The primaries of the PS grammar (`comp` and `atom`): groups, `\boxed{}`, absolute values,
/// floors and ceilings, functions, fractions, binomials, roots, numbers and symbols.
extension MathExpressionParser {
    /// The closing delimiter of each group opener.
    static let groupClosers: [String: String] = [
        "(": ")", "{": "}", "[": "]", "\\{": "\\}", "\\lgroup": "\\rgroup", "\\lbrace": "\\rbrace", "\\lbrack": "\\rbrack",
    ]

    /// Parses `comp`: the first alternative that parses wins, in the grammar's order.
    mutating func parsePrimary(noFunctions: Bool) throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        guard let token = current else { throw .syntax }
        if case .punctuation(let spelling) = token {
            if let closer = MathExpressionParser.groupClosers[spelling],
               let value = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> MathNode in
                   parser.position += 1
                   let value = try parser.parseExpression()
                   try parser.expect(closer)
                   return value
               }) {
                return value
            }
            for (open, close, name) in [("|", "|", "abs"), ("\\lvert", "\\rvert", "abs"), ("\\vert", "\\vert", "abs"),
                                        ("\\lfloor", "\\rfloor", "floor"), ("\\lceil", "\\rceil", "ceiling")] where spelling == open {
                position += 1
                let value = try parseExpression()
                try expect(close)
                return .function(name, [value])
            }
            if spelling == "{" { return try parseChooseBinomial() }
            throw .syntax
        }
        if case .command(let name) = token {
            switch name {
            case "\\begin{matrix}":
                return try parseMatrix()
            case "\\boxed", "\\phantom":
                position += 1
                try expect("{")
                let value = try parseExpression()
                try expect("}")
                return value
            case "\\frac":
                position += 1
                let (top, bottom) = try parseTwoArguments()
                return MathNodeBuilder.fraction(top, bottom)
            case "\\binom":
                position += 1
                let (top, bottom) = try parseTwoArguments()
                return MathNodeBuilder.binomial(top, bottom)
            case "\\sqrt":
                position += 1
                var index: MathNode?
                if accept("[") {
                    index = try parseExpression()
                    try expect("]")
                }
                try expect("{")
                let radicand = try parseExpression()
                try expect("}")
                return MathNodeBuilder.root(radicand, index: index)
            default:
                if noFunctions { throw .syntax }
                return try parseFunction(name)
            }
        }
        if !noFunctions, let call = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in
            try parser.parseAppliedFunction()
        }) {
            return call
        }
        if token == .eulerE {
            if noFunctions { throw .syntax }
            position += 1
            if at("^") {
                position += 1
                return MathNodeBuilder.exponential(try parseScript())
            }
            return .constant("e")
        }
        return try parseAtom()
    }

    /// A matrix environment: rows separated by `\\`, entries by `&`, all rows as long.
    mutating func parseMatrix() throws(Failure) -> MathNode {
        position += 1
        var rows: [[MathNode]] = [[try parseExpression()]]
        while true {
            if accept("&") {
                rows[rows.count - 1].append(try parseExpression())
            } else if accept("\\\\") {
                if current == .command("\\end{matrix}") { break }
                rows.append([try parseExpression()])
            } else {
                break
            }
        }
        guard current == .command("\\end{matrix}"), rows.allSatisfy({ $0.count == rows[0].count }) else { throw .syntax }
        position += 1
        return .matrix(rows)
    }

    /// Two braced arguments, as `\frac{a}{b}` and `\binom{n}{k}` take.
    mutating func parseTwoArguments() throws(Failure) -> (MathNode, MathNode) {
        try expect("{")
        let first = try parseExpression()
        try expect("}")
        try expect("{")
        let second = try parseExpression()
        try expect("}")
        return (first, second)
    }

    /// Parses the binomial `{n \choose k}`.
    mutating func parseChooseBinomial() throws(Failure) -> MathNode {
        try expect("{")
        let top = try parseExpression()
        guard current == .command("\\choose") else { throw .syntax }
        position += 1
        let bottom = try parseExpression()
        try expect("}")
        return MathNodeBuilder.binomial(top, bottom)
    }

    /// A named function: `\sin x`, `\sin^2(x)`, `\log_2 8`, `\ln x`, `\max(a, b)`, ...
    mutating func parseFunction(_ command: String) throws(Failure) -> MathNode {
        let multi = ["\\gcd", "\\lcm", "\\max", "\\min"].contains(command)
        let single = ["\\log", "\\ln", "\\exp", "\\sin", "\\cos", "\\tan", "\\csc", "\\sec", "\\cot", "\\arcsin", "\\arccos",
                      "\\arctan", "\\arccsc", "\\arcsec", "\\arccot", "\\sinh", "\\cosh", "\\tanh", "\\arsinh", "\\arcosh",
                      "\\artanh", "\\arcsinh", "\\arccosh", "\\arctanh", "\\floor", "\\ceil"].contains(command)
        guard multi || single else { throw .syntax }
        position += 1
        var lowerIndex: MathNode?, superscript: MathNode?
        for _ in 0..<2 {
            if lowerIndex == nil, accept("_") { lowerIndex = try parseScript() }
            if superscript == nil, accept("^") { superscript = try parseScript() }
        }
        var arguments: [MathNode]
        if let parenthesized = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> [MathNode] in
            try parser.expect("(")
            var values = [try parser.parseExpression()]
            while multi, parser.accept(",") { values.append(try parser.parseExpression()) }
            try parser.expect(")")
            return values
        }) {
            arguments = parenthesized
        } else {
            arguments = [try parseMultiplicative(noFunctions: true)]
        }
        let name = String(command.dropFirst())
        if name == "log" || name == "ln" {
            let base = lowerIndex ?? (name == "ln" ? .constant("e") : .integer(10))
            arguments.append(base)
            return MathNodeBuilder.power(.function("log", arguments), superscript)
        }
        return MathNodeBuilder.applyFunction(name, arguments, power: superscript)
    }

    /// Parses `atom_expr_no_supexpr supexpr? ( '(' args ')' | '[' args ']' )`: a symbol applied to
    /// arguments, `f(x)`, which must be an atom or contain a comma.
    mutating func parseAppliedFunction() throws(Failure) -> MathNode {
        guard let token = current else { throw .syntax }
        switch token {
        case .letter, .greek, .otherSymbol, .accent: break
        default: throw .syntax
        }
        position += 1
        var name = MathNodeBuilder.symbolText(token)
        if at("_") { name += try parseSubscriptText() }
        var power: MathNode?
        if accept("^") { power = try parseScript() }
        var braced = false
        if at("{"), peek(1) == .punctuation("(") || peek(1) == .punctuation("[") { position += 1; braced = true }
        guard let open = current, open == .punctuation("(") || open == .punctuation("[") else { throw .syntax }
        position += 1
        var arguments: [MathNode]
        if let single = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> MathNode in
            let atom = try parser.parseAtom()
            guard parser.at(")") || parser.at("]") else { throw .syntax }
            return atom
        }) {
            arguments = [single]
        } else {
            arguments = [try parseExpression()]
            try expect(",")
            while !(at(")") || at("]")) {
                arguments.append(try parseExpression())
                if !accept(",") { break }
            }
        }
        try expect(open == .punctuation("(") ? ")" : "]")
        if braced { try expect("}") }
        return MathNodeBuilder.power(.function("f:" + name, arguments), power)
    }

    /// Parses `atom`: a symbol with optional scripts, `\infty`, a number, a percentage, E notation,
    /// `E`, or a differential.
    mutating func parseAtom() throws(Failure) -> MathNode {
        guard let token = current else { throw .syntax }
        position += 1
        switch token {
        case .number(let text):
            if at("_") { _ = try parseSubscriptText() }
            return MathNodeBuilder.number(text)
        case .eNotation(let text):
            return MathNodeBuilder.number(text)
        case .percentNumber(let text):
            return .percent(MathNodeBuilder.number(text))
        case .infinity:
            return .constant("oo")
        case .capitalE:
            return .symbol("e")
        case .differential(let name):
            return .symbol(name)
        case .letter, .greek, .otherSymbol, .accent:
            if token == .letter("I") { return .constant("i") }
            var name = MathNodeBuilder.symbolText(token)
            var power: MathNode?
            for _ in 0..<2 {
                if at("_") { name += try parseSubscriptText() }
                if power == nil, accept("^") { power = try parseScript() }
            }
            return MathNodeBuilder.power(MathNodeBuilder.symbol(name), power)
        default:
            throw .syntax
        }
    }

    /// Parses `atom_expr`: a letter, Greek letter, other symbol or text command with optional
    /// scripts (the left side of `x = 5`).
    mutating func parseAtomExpression() throws(Failure) -> MathNode {
        switch current {
        case .letter?, .greek?, .otherSymbol?, .accent?: return try parseAtom()
        default: throw .syntax
        }
    }

    /// A subscript, returned as the text latex2sympy appends to the symbol name: `_1`, or
    /// `_{12}` for a longer one.
    mutating func parseSubscriptText() throws(Failure) -> String {
        try expect("_")
        var text = ""
        if accept("{") {
            var level = 0
            while let token = current, !(level == 0 && token == .punctuation("}")) {
                if token == .punctuation("{") { level += 1 }
                if token == .punctuation("}") { level -= 1 }
                text += MathNodeBuilder.spelling(token)
                position += 1
            }
            try expect("}")
            if text.isEmpty { throw .syntax }
        } else {
            guard let token = current else { throw .syntax }
            _ = try parseAtom()
            text = MathNodeBuilder.spelling(token)
        }
        return text.unicodeScalars.count > 1 ? "_{" + text + "}" : "_" + text
    }
}
