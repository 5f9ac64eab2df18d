/// Expression parsing by precedence climbing. Binding powers, loosest first:
///   1 or · 2 and · 3 not (prefix) · 4 comparisons and `in` (non-associative) · 5 ?? (right)
///   6 + - · 7 * / // % · 8 unary - + · 9 ** (right) · then postfix calls, fields, indexing.
extension Parser {
    /// Parses a full expression.
    mutating func parseExpression() throws -> Expr {
        try parseBinary(minimum: 1)
    }

    /// The operator at the current token, its binding power and whether it is right-associative.
    private func binaryOperator() -> (BinaryOperator, Int, Bool, Int)? {
        switch current.kind {
        case .keyword(.or): return (.or, 1, false, 1)
        case .keyword(.and): return (.and, 2, false, 1)
        case .keyword(.in): return (.in, 4, false, 1)
        case .keyword(.not):
            if case .keyword(.in) = peek().kind { return (.notIn, 4, false, 2) }
            return nil
        case .symbol(let symbol):
            switch symbol {
            case .equalEqual: return (.equal, 4, false, 1)
            case .bangEqual: return (.notEqual, 4, false, 1)
            case .less: return (.less, 4, false, 1)
            case .lessEqual: return (.lessEqual, 4, false, 1)
            case .greater: return (.greater, 4, false, 1)
            case .greaterEqual: return (.greaterEqual, 4, false, 1)
            case .questionQuestion: return (.coalesce, 5, true, 1)
            case .plus: return (.add, 6, false, 1)
            case .minus: return (.subtract, 6, false, 1)
            case .star: return (.multiply, 7, false, 1)
            case .slash: return (.divide, 7, false, 1)
            case .slashSlash: return (.floorDivide, 7, false, 1)
            case .percent: return (.modulo, 7, false, 1)
            case .starStar: return (.power, 9, true, 1)
            default: return nil
            }
        default: return nil
        }
    }

    /// Enters one level of nesting, failing cleanly once the configured limit is passed.
    mutating func enterNesting() throws {
        depth += 1
        if depth > limits.maxNesting {
            throw fail(.nestingTooDeep,
                       "expression nests deeper than \(limits.maxNesting) levels",
                       notes: ["help: split the expression with 'let' bindings"])
        }
    }

    /// Checks the height of a freshly built node against the nesting limit.
    mutating func checkHeight(_ expr: Expr) throws -> Expr {
        if expr.height > limits.maxNesting {
            throw fail(.nestingTooDeep,
                       "expression nests deeper than \(limits.maxNesting) levels",
                       at: SourceRange(expr.range.end, expr.range.end),
                       notes: ["help: split long chains of operators with 'let' bindings"])
        }
        return expr
    }

    mutating func parseBinary(minimum: Int) throws -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        var left = try parsePrefix(minimum: minimum)
        var previousWasComparison = false
        while let (op, power, rightAssociative, width) = binaryOperator(), power >= minimum {
            let opToken = current
            for _ in 0..<width { advance() }
            if op.isComparison && previousWasComparison {
                throw fail(.chainedComparison, "comparisons cannot be chained",
                           at: opToken.range, notes: ["help: write 'a < b and b < c'"])
            }
            skipNewlines()
            let right = try parseBinary(minimum: rightAssociative ? power : power + 1)
            left = try checkHeight(Expr(.binary(op, left, right), left.range.union(right.range),
                                        height: max(left.height, right.height) + 1))
            previousWasComparison = op.isComparison
        }
        return left
    }

    mutating func parsePrefix(minimum: Int) throws -> Expr {
        let token = current
        switch token.kind {
        case .keyword(.not):
            if minimum > 3 {
                throw fail(.unexpectedToken, "'not' must be parenthesised here", notes: ["help: write (not x)"])
            }
            advance()
            let operand = try parseBinary(minimum: 3)
            return Expr(.unary(.not, operand), token.range.union(operand.range), height: operand.height + 1)
        case .symbol(.minus), .symbol(.plus):
            advance()
            if case .symbol(.minus) = token.kind, case .int = current.kind, current.text == "9223372036854775808" {
                let literal = advance()
                return try parsePostfix(Expr(.int(Int.min), token.range.union(literal.range)))
            }
            let operand = try parseBinary(minimum: 8)
            let op: UnaryOperator = token.kind == .symbol(.minus) ? .negate : .plus
            return Expr(.unary(op, operand), token.range.union(operand.range), height: operand.height + 1)
        default:
            return try parsePostfix(try parsePrimary())
        }
    }

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var expr = base
        while true {
            if check(.dot) {
                advance()
                let (name, nameRange) = try expectIdentifier("a field or function name after '.'")
                if check(.leftParen) {
                    let (arguments, end) = try parseArguments()
                    expr = Expr(.methodCall(receiver: expr, name: name, nameRange: nameRange, arguments: arguments),
                                expr.range.union(end), height: expr.height + 1)
                } else {
                    expr = Expr(.field(expr, name: name, nameRange: nameRange), expr.range.union(nameRange),
                                height: expr.height + 1)
                }
            } else if check(.leftBracket) {
                advance()
                var start: Expr?
                if !check(.colon) { start = try parseExpression() }
                if match(.colon) {
                    var end: Expr?
                    if !check(.rightBracket) { end = try parseExpression() }
                    let close = try expect(.rightBracket, "to close the slice")
                    let height = max(start?.height ?? 0, end?.height ?? 0, expr.height) + 1
                    expr = Expr(.slice(expr, start: start, end: end), expr.range.union(close.range), height: height)
                } else {
                    let close = try expect(.rightBracket, "to close the index")
                    let index = start!
                    expr = Expr(.index(expr, index), expr.range.union(close.range),
                                height: max(expr.height, index.height) + 1)
                }
            } else if check(.leftParen) {
                throw fail(.notCallable, "only named functions can be called",
                           notes: ["help: call a function by its name, as in len(x) or x.len()"])
            } else {
                return try checkHeight(expr)
            }
            expr = try checkHeight(expr)
        }
    }

    /// Parses `( args )` after a callee; returns the arguments and the range of the `)`.
    mutating func parseArguments() throws -> ([Argument], SourceRange) {
        try expect(.leftParen, "to start the arguments")
        var arguments: [Argument] = []
        while !check(.rightParen) {
            var label: String?
            var labelRange: SourceRange?
            if case .identifier = current.kind, case .symbol(.colon) = peek().kind {
                let token = advance()
                advance()
                label = token.text
                labelRange = token.range
            }
            arguments.append(Argument(label: label, labelRange: labelRange, value: try parseExpression()))
            if !match(.comma) { break }
        }
        let close = try expect(.rightParen, "to close the argument list")
        return (arguments, close.range)
    }

    mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .int:
            advance()
            guard let value = Int(token.text) else {
                throw fail(.invalidNumber, "integer literal \(token.text) does not fit in 64 bits", at: token.range)
            }
            return Expr(.int(value), token.range)
        case .float:
            advance()
            guard let value = Double(token.text), value.isFinite else {
                throw fail(.invalidNumber, "float literal \(token.text) is out of range", at: token.range)
            }
            return Expr(.float(value), token.range)
        case .string:
            advance()
            return Expr(.string(token.text), token.range)
        case .interpolationBegin:
            return try parseInterpolation()
        case .keyword(.true):
            advance()
            return Expr(.bool(true), token.range)
        case .keyword(.false):
            advance()
            return Expr(.bool(false), token.range)
        case .keyword(.null):
            advance()
            return Expr(.null, token.range)
        case .keyword(.reward):
            advance()
            return Expr(.reward, token.range)
        case .keyword(.skip):
            advance()
            return Expr(.skip, token.range)
        case .keyword(.group), .keyword(.batch):
            advance()
            let scope: CollectionScope = token.kind == .keyword(.group) ? .group : .batch
            try expect(.leftParen, "after '\(scope.rawValue)'")
            let inner = try parseExpression()
            let close = try expect(.rightParen, "to close '\(scope.rawValue)('")
            return Expr(.collect(inner, scope: scope), token.range.union(close.range), height: inner.height + 1)
        case .keyword(.if):
            return try parseConditional()
        case .identifier:
            advance()
            if check(.leftParen) {
                let (arguments, end) = try parseArguments()
                let height = (arguments.map(\.value.height).max() ?? 0) + 1
                return Expr(.call(name: token.text, nameRange: token.range, arguments: arguments),
                            token.range.union(end), height: height)
            }
            return Expr(.name(token.text), token.range)
        case .symbol(.leftParen):
            advance()
            var inner = try parseExpression()
            let close = try expect(.rightParen, "to close the parenthesis")
            inner.range = token.range.union(close.range)
            return inner
        case .symbol(.leftBracket):
            return try parseListDisplay()
        case .symbol(.leftBrace):
            return try parseMapDisplay()
        case .keyword(let word):
            throw fail(.unexpectedToken, "expected an expression, found keyword '\(word.rawValue)'")
        default:
            throw fail(.unexpectedToken, "expected an expression, found \(token.displayName)")
        }
    }

    mutating func parseConditional() throws -> Expr {
        let start = advance().range
        let condition = try parseExpression()
        skipNewlines()
        try expect(.then, "after the condition of 'if'")
        skipNewlines()
        let thenBranch = try parseExpression()
        if atNewline, case .keyword(.else) = nextAfterNewlines().kind { skipNewlines() }
        try expect(.else, "after the 'then' branch (every 'if' needs an 'else')")
        skipNewlines()
        let elseBranch = try parseExpression()
        let height = max(condition.height, thenBranch.height, elseBranch.height) + 1
        return Expr(.conditional(condition: condition, then: thenBranch, else: elseBranch),
                    start.union(elseBranch.range), height: height)
    }

    func nextAfterNewlines() -> Token {
        var offset = 0
        while case .newline = peek(offset).kind { offset += 1 }
        return peek(offset)
    }

    mutating func parseInterpolation() throws -> Expr {
        let start = advance().range
        var parts: [InterpolationPart] = []
        var height = 1
        while true {
            let token = current
            switch token.kind {
            case .stringSegment:
                advance()
                parts.append(.text(token.text))
            case .interpolationOpen:
                advance()
                let inner = try parseExpression()
                height = max(height, inner.height + 1)
                parts.append(.expr(inner))
                try expectInterpolationClose()
            case .interpolationEnd:
                advance()
                return Expr(.interpolation(parts), start.union(token.range), height: height)
            default:
                throw fail(.unexpectedToken, "expected ')' to close the interpolation, found \(token.displayName)")
            }
        }
    }

    private mutating func expectInterpolationClose() throws {
        if case .interpolationClose = current.kind {
            advance()
            return
        }
        throw fail(.expectedToken, "expected ')' to close the interpolation, found \(current.displayName)")
    }

    mutating func parseListDisplay() throws -> Expr {
        let open = advance().range
        var elements: [Expr] = []
        if check(.rightBracket) {
            return Expr(.list([]), open.union(advance().range))
        }
        let first = try parseExpression()
        if check(.for) {
            let clauses = try parseClauses()
            let close = try expect(.rightBracket, "to close the list comprehension")
            return Expr(.listComprehension(element: first, clauses: clauses), open.union(close.range),
                        height: first.height + 1)
        }
        elements.append(first)
        while match(.comma) {
            if check(.rightBracket) { break }
            elements.append(try parseExpression())
        }
        let close = try expect(.rightBracket, "to close the list")
        return Expr(.list(elements), open.union(close.range), height: (elements.map(\.height).max() ?? 0) + 1)
    }

    mutating func parseMapDisplay() throws -> Expr {
        let open = advance().range
        skipNewlines()
        var entries: [MapEntry] = []
        if check(.rightBrace) {
            return Expr(.map([]), open.union(advance().range))
        }
        let keyToken = current
        var first = try parseMapEntry()
        skipNewlines()
        if check(.for) {
            // In a comprehension a bare name key is the variable, as in Python: {w: 1 for w in ws}.
            if case .identifier = keyToken.kind { first.key = Expr(.name(keyToken.text), keyToken.range) }
            let clauses = try parseClauses()
            skipNewlines()
            let close = try expect(.rightBrace, "to close the map comprehension")
            return Expr(.mapComprehension(key: first.key, value: first.value, clauses: clauses),
                        open.union(close.range), height: max(first.key.height, first.value.height) + 1)
        }
        entries.append(first)
        while match(.comma) {
            skipNewlines()
            if check(.rightBrace) { break }
            entries.append(try parseMapEntry())
            skipNewlines()
        }
        let close = try expect(.rightBrace, "to close the map")
        let height = (entries.map { max($0.key.height, $0.value.height) }.max() ?? 0) + 1
        return Expr(.map(entries), open.union(close.range), height: height)
    }

    mutating func parseMapEntry() throws -> MapEntry {
        let key: Expr
        switch current.kind {
        case .identifier:
            let token = advance()
            key = Expr(.string(token.text), token.range)
        case .string, .interpolationBegin, .symbol(.leftParen):
            key = try parsePrimary()
        default:
            throw fail(.expectedToken, "expected a map key (a name, a string or a parenthesised expression), found \(current.displayName)")
        }
        skipNewlines()
        try expect(.colon, "after the map key")
        skipNewlines()
        return MapEntry(key: key, value: try parseExpression())
    }

    /// Parses the `for ... in ...` and `if ...` clauses of a comprehension.
    mutating func parseClauses() throws -> [ComprehensionClause] {
        var clauses: [ComprehensionClause] = []
        while true {
            skipNewlines()
            if match(.for) {
                var names = [try expectIdentifier("a loop variable after 'for'")]
                if match(.comma) { names.append(try expectIdentifier("a second loop variable")) }
                try expect(.in, "after the loop variable")
                clauses.append(.forIn(names: names, iterable: try parseBinary(minimum: 1)))
            } else if match(.if) {
                clauses.append(.filter(try parseBinary(minimum: 1)))
            } else {
                return clauses
            }
        }
    }
}
