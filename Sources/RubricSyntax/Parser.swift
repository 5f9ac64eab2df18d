/// A recursive-descent parser for statements, with precedence climbing for expressions in
/// `Parser+Expressions.swift`. A syntax error abandons the current statement only: the parser
/// skips to the start of the next one and goes on, so one run reports several errors.
public struct Parser {
    var tokens: [Token]
    var position = 0
    var diagnostics = DiagnosticBag()
    let source: SourceFile
    let limits: SyntaxLimits
    /// Current expression nesting, bounded by `limits.maxNesting`.
    var depth = 0

    /// Thrown to abandon the statement being parsed after its error has been reported.
    struct Abandon: Error {}

    init(source: SourceFile, tokens: [Token], limits: SyntaxLimits) {
        self.source = source
        self.tokens = tokens
        self.limits = limits
    }

    /// The E0901 diagnostic for a source of `bytes` UTF-8 bytes when it exceeds the size
    /// limit, or nil when it fits. Hosts call it before building a `SourceFile`, which copies
    /// and indexes the whole text.
    public static func sizeCheck(bytes: Int, limits: SyntaxLimits) -> DiagnosticBag? {
        // Offsets from 1 GiB up belong to the standard library (see FunctionLibrary.baseOffset).
        guard bytes > min(limits.maxSourceBytes, (1 << 30) - 1) else { return nil }
        var bag = DiagnosticBag()
        bag.error(.sourceTooLarge, "source is \(bytes) bytes; the limit is \(limits.maxSourceBytes) bytes",
                  at: SourceRange(0, 0))
        return bag
    }

    /// Parses a whole file, returning the tree and every diagnostic found on the way. Every
    /// range in the tree is shifted by `baseOffset`, which lets code from another file (the
    /// standard library) live in the same offset space as the user's rubric.
    public static func parse(_ source: SourceFile, limits: SyntaxLimits = SyntaxLimits(), baseOffset: Int = 0)
        -> (tree: SyntaxTree, diagnostics: DiagnosticBag) {
        if let tooLarge = sizeCheck(bytes: source.bytes.count, limits: limits) {
            return (SyntaxTree(source: source, header: nil, statements: []), tooLarge)
        }
        var (tokens, lexErrors) = Lexer.tokenize(source)
        if baseOffset != 0 {
            for index in tokens.indices {
                tokens[index].range = SourceRange(tokens[index].range.start + baseOffset,
                                                  tokens[index].range.end + baseOffset)
            }
        }
        var parser = Parser(source: source, tokens: tokens, limits: limits)
        parser.diagnostics = lexErrors
        let tree = parser.parseProgram()
        return (tree, parser.diagnostics)
    }

    // MARK: - Token helpers

    var current: Token { tokens[position] }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(position + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func check(_ symbol: Symbol) -> Bool {
        if case .symbol(symbol) = current.kind { return true }
        return false
    }

    func check(_ keyword: Keyword) -> Bool {
        if case .keyword(keyword) = current.kind { return true }
        return false
    }

    var atNewline: Bool {
        if case .newline = current.kind { return true }
        return false
    }

    var atEnd: Bool {
        if case .eof = current.kind { return true }
        return false
    }

    mutating func match(_ symbol: Symbol) -> Bool {
        if check(symbol) { advance(); return true }
        return false
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        if check(keyword) { advance(); return true }
        return false
    }

    mutating func skipNewlines() {
        while atNewline { advance() }
    }

    /// Consumes `symbol` or reports "expected X" and abandons the statement.
    @discardableResult
    mutating func expect(_ symbol: Symbol, _ context: String) throws -> Token {
        if check(symbol) { return advance() }
        throw fail(.expectedToken, "expected '\(symbol.rawValue)' \(context), found \(current.displayName)")
    }

    mutating func expect(_ keyword: Keyword, _ context: String) throws {
        if check(keyword) { advance(); return }
        throw fail(.expectedToken, "expected '\(keyword.rawValue)' \(context), found \(current.displayName)")
    }

    /// Consumes an identifier or reports an error naming what was expected.
    mutating func expectIdentifier(_ what: String) throws -> (String, SourceRange) {
        if case .identifier = current.kind {
            let token = advance()
            return (token.text, token.range)
        }
        if case .keyword(let word) = current.kind {
            throw fail(.expectedToken, "expected \(what), found keyword '\(word.rawValue)' (keywords are reserved)")
        }
        throw fail(.expectedToken, "expected \(what), found \(current.displayName)")
    }

    /// Reports an error at the current token and returns the error that abandons the statement.
    mutating func fail(_ code: DiagnosticCode, _ message: String, at range: SourceRange? = nil,
                       notes: [String] = []) -> Abandon {
        diagnostics.error(code, message, at: range ?? current.range, notes: notes)
        return Abandon()
    }

    /// Requires the end of a statement: a newline, or the end of the file.
    mutating func expectStatementEnd() throws {
        if atNewline || atEnd {
            skipNewlines()
            return
        }
        throw fail(.unexpectedToken, "expected end of line after statement, found \(current.displayName)")
    }

    // MARK: - Statements

    mutating func parseProgram() -> SyntaxTree {
        skipNewlines()
        var header: Header?
        var statements: [Statement] = []
        if check(.rubric) {
            do { header = try parseHeader() } catch { synchronize() }
        }
        while !atEnd {
            let start = position
            do {
                statements.append(try parseStatement())
            } catch {
                // Always move on, even when the statement failed at its first token.
                if position == start { advance() }
                synchronize()
            }
        }
        return SyntaxTree(source: source, header: header, statements: statements)
    }

    /// Skips tokens until the start of a line that begins a statement, or the end of the file.
    mutating func synchronize() {
        depth = 0
        // The error may have been found at the first token of the next declaration.
        if startsStatement, position > 0, case .newline = tokens[position - 1].kind { return }
        while !atEnd {
            if atNewline {
                skipNewlines()
                if startsStatement { return }
                continue
            }
            advance()
        }
    }

    var startsStatement: Bool {
        guard case .keyword(let word) = current.kind else { return false }
        switch word {
        case .input, .let, .fn, .host, .score, .reward, .example, .rubric, .steps, .latent, .fallback: return true
        case .group: return peek().kind == .symbol(.equal)
        default: return false
        }
    }

    mutating func parseHeader() throws -> Header {
        let start = advance().range
        let (name, nameRange) = try expectIdentifier("a rubric name after 'rubric'")
        var description: String?
        if case .string = current.kind { description = advance().text }
        let header = Header(name: name, description: description, range: start.union(nameRange))
        try expectStatementEnd()
        return header
    }

    mutating func parseStatement() throws -> Statement {
        switch current.kind {
        case .keyword(.input): return .input(try parseInput())
        case .keyword(.let):
            let decl = try parseLet()
            try expectStatementEnd()
            return .let(decl)
        case .keyword(.fn): return .fn(try parseFunction())
        case .keyword(.host): return .host(try parseHostFunction())
        case .keyword(.score): return .score(try parseScore())
        case .keyword(.reward): return .reward(try parseReward())
        case .keyword(.steps): return .special(try parseSpecialBinding(.steps))
        case .keyword(.latent): return .special(try parseSpecialBinding(.latent))
        case .keyword(.fallback): return .special(try parseSpecialBinding(.fallback))
        case .keyword(.group): return .special(try parseSpecialBinding(.group))
        case .keyword(.example): return .example(try parseExample())
        case .keyword(.rubric):
            throw fail(.invalidStatement, "the 'rubric' header must be the first line of the file")
        default:
            throw fail(.invalidStatement, "expected a declaration (input, let, fn, host fn, score, reward, steps, latent, fallback, group or example), found \(current.displayName)")
        }
    }

    mutating func parseInput() throws -> InputDecl {
        let start = advance().range
        let (name, nameRange) = try expectIdentifier("an input name")
        try expect(.colon, "and a type after the input name")
        let type = try parseType()
        var path: [PathSegment] = [.key(name)]
        if match(.from) { path = try parsePath() }
        var defaultValue: Expr?
        if match(.equal) {
            skipNewlines()
            defaultValue = try parseExpression()
        }
        let decl = InputDecl(name: name, nameRange: nameRange, type: type, path: path,
                             defaultValue: defaultValue, range: start.union(tokens[position - 1].range))
        try expectStatementEnd()
        return decl
    }

    mutating func parsePath() throws -> [PathSegment] {
        var path: [PathSegment] = []
        repeat {
            switch current.kind {
            case .identifier, .string: path.append(.key(advance().text))
            case .keyword: path.append(.key(advance().text))
            case .int, .float:
                // `a.0.1` lexes as `a`, `.`, `0.1`: a float token here is two indexes.
                let token = advance()
                let pieces = token.text.split(separator: ".", omittingEmptySubsequences: false)
                for piece in pieces {
                    guard let value = Int(piece), pieces.count <= 2 else {
                        throw fail(.invalidNumber, "'\(token.text)' is not a list index in the input path", at: token.range)
                    }
                    path.append(.index(value))
                }
            default:
                throw fail(.expectedToken, "expected a field name, string or index in the input path, found \(current.displayName)")
            }
        } while match(.dot)
        return path
    }

    mutating func parseLet() throws -> LetDecl {
        let start = advance().range
        let (name, nameRange) = try expectIdentifier("a name after 'let'")
        var type: TypeSyntax?
        if match(.colon) { type = try parseType() }
        try expect(.equal, "after the name in 'let'")
        skipNewlines()
        let value = try parseExpression()
        return LetDecl(name: name, nameRange: nameRange, type: type, value: value,
                       range: start.union(value.range))
    }

    mutating func parseFunction() throws -> FnDecl {
        let start = advance().range
        let (name, nameRange) = try expectIdentifier("a function name after 'fn'")
        try expect(.leftParen, "after the function name")
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let (paramName, paramRange) = try expectIdentifier("a parameter name")
            var type: TypeSyntax?
            if match(.colon) { type = try parseType() }
            var defaultValue: Expr?
            if match(.equal) { defaultValue = try parseExpression() }
            parameters.append(Parameter(name: paramName, range: paramRange, type: type, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "to close the parameter list")
        var returnType: TypeSyntax?
        if match(.arrow) { returnType = try parseType() }
        var locals: [LetDecl] = []
        let body: Expr
        if match(.equal) {
            skipNewlines()
            body = try parseExpression()
        } else if match(.leftBrace) {
            skipNewlines()
            while check(.let) {
                locals.append(try parseLet())
                if !atNewline {
                    throw fail(.unexpectedToken, "expected end of line after 'let', found \(current.displayName)")
                }
                skipNewlines()
            }
            body = try parseExpression()
            skipNewlines()
            try expect(.rightBrace, "to close the function body (a body is lets followed by one expression)")
        } else {
            throw fail(.expectedToken, "expected '=' or '{' to start the function body, found \(current.displayName)")
        }
        let decl = FnDecl(name: name, nameRange: nameRange, parameters: parameters, returnType: returnType,
                          locals: locals, body: body, range: start.union(tokens[position - 1].range))
        try expectStatementEnd()
        return decl
    }

    /// Parses `host fn name(p: T, …) -> R`: typed parameters without defaults, a result
    /// type, and no body.
    mutating func parseHostFunction() throws -> HostFnDecl {
        let start = advance().range
        try expect(.fn, "after 'host' (write host fn name(x: T) -> T)")
        let (name, nameRange) = try expectIdentifier("a host function name after 'host fn'")
        try expect(.leftParen, "after the host function name")
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let (paramName, paramRange) = try expectIdentifier("a parameter name")
            try expect(.colon, "and a type after the parameter name (a host function's parameters have types)")
            parameters.append(Parameter(name: paramName, range: paramRange, type: try parseType(), defaultValue: nil))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "to close the parameter list")
        try expect(.arrow, "and the result type after the parameters (a host function declares what it returns)")
        let returnType = try parseType()
        if check(.equal) || check(.leftBrace) {
            throw fail(.unexpectedToken, "a host function has no body: the host supplies it")
        }
        let decl = HostFnDecl(name: name, nameRange: nameRange, parameters: parameters, returnType: returnType,
                              range: start.union(tokens[position - 1].range))
        try expectStatementEnd()
        return decl
    }

    mutating func parseScore() throws -> ScoreDecl {
        let start = advance().range
        let (name, nameRange) = try expectIdentifier("a score name after 'score'")
        let declared = try parseDeclaredRange()
        try expect(.equal, declared == nil ? "or 'in [lower, upper]' after the score name" : "after the range")
        skipNewlines()
        let value = try parseExpression()
        try expectStatementEnd()
        return ScoreDecl(name: name, nameRange: nameRange, declaredRange: declared, value: value,
                         range: start.union(value.range))
    }

    mutating func parseReward() throws -> RewardDecl {
        let start = advance().range
        let declared = try parseDeclaredRange()
        try expect(.equal, declared == nil ? "or 'in [lower, upper]' after 'reward'" : "after the range")
        skipNewlines()
        let value = try parseExpression()
        try expectStatementEnd()
        return RewardDecl(declaredRange: declared, value: value, range: start.union(value.range))
    }

    /// Parses an optional `in [lower, upper]`, whose bounds are number literals.
    mutating func parseDeclaredRange() throws -> DeclaredRange? {
        guard check(.in) else { return nil }
        let start = advance().range
        try expect(.leftBracket, "after 'in' to start the range [lower, upper]")
        let lower = try parseRangeBound("the lower bound")
        try expect(.comma, "between the bounds of the range")
        let upper = try parseRangeBound("the upper bound")
        let close = try expect(.rightBracket, "to close the range [lower, upper]")
        return DeclaredRange(lower: lower, upper: upper, range: start.union(close.range))
    }

    /// Parses a bound of a declared range: an int or float literal, optionally after '-'.
    mutating func parseRangeBound(_ what: String) throws -> Expr {
        let minus = match(.minus) ? tokens[position - 1].range : nil
        switch current.kind {
        case .int, .float: return negated(try parsePrimary(), minus: minus)
        default: throw fail(.expectedToken, "expected a number for \(what) of the range, found \(current.displayName)")
        }
    }

    /// Wraps a literal in a negation when a '-' came before it.
    func negated(_ literal: Expr, minus: SourceRange?) -> Expr {
        guard let minus else { return literal }
        return Expr(.unary(.negate, literal), minus.union(literal.range), height: literal.height + 1)
    }

    /// Parses `steps = e`, `latent = e`, `fallback = e` or `group = e`.
    mutating func parseSpecialBinding(_ kind: SpecialBindingKind) throws -> SpecialBindingDecl {
        let start = advance().range
        try expect(.equal, "after '\(kind.rawValue)'")
        skipNewlines()
        let value = try parseExpression()
        try expectStatementEnd()
        return SpecialBindingDecl(kind: kind, value: value, range: start.union(value.range))
    }

    mutating func parseExample() throws -> ExampleDecl {
        let start = advance().range
        guard case .string = current.kind else {
            throw fail(.expectedToken, "expected a quoted example name after 'example', found \(current.displayName)")
        }
        let name = advance().text
        try expect(.leftBrace, "to open the example")
        skipNewlines()
        var items: [ExampleItem] = []
        while !check(.rightBrace) && !atEnd {
            do {
                items.append(try parseExampleItem())
                if !check(.rightBrace) {
                    if !atNewline {
                        throw fail(.unexpectedToken, "expected end of line in example, found \(current.displayName)")
                    }
                    skipNewlines()
                }
            } catch {
                // Skip to the next line inside the example and keep going.
                while !atNewline && !atEnd && !check(.rightBrace) { advance() }
                skipNewlines()
                depth = 0
            }
        }
        let end = try expect(.rightBrace, "to close the example")
        try expectStatementEnd()
        return ExampleDecl(name: name, items: items, range: start.union(end.range))
    }

    mutating func parseExampleItem() throws -> ExampleItem {
        if match(.expect) {
            if check(.error) {
                let range = advance().range
                var code: String?
                if case .string = current.kind { code = advance().text }
                return .expectError(code: code, range: range)
            }
            return .expect(try parseExpression())
        }
        let (name, nameRange) = try expectIdentifier("an input name or 'expect' in the example")
        try expect(.equal, "after the input name in the example")
        return .assign(name: name, nameRange: nameRange, value: try parseExpression())
    }

    // MARK: - Types

    mutating func parseType() throws -> TypeSyntax {
        let (name, range) = try expectIdentifier("a type")
        var type: TypeSyntax
        switch name {
        case "list", "map":
            try expect(.leftBracket, "after '\(name)' (write \(name)[float])")
            let element = try parseType()
            let end = try expect(.rightBracket, "to close the element type")
            type = name == "list" ? .list(element, range.union(end.range)) : .map(element, range.union(end.range))
        default:
            type = .named(name, range)
        }
        if check(.question) {
            let end = advance().range
            type = .optional(type, type.range.union(end))
        }
        return type
    }
}
