/// Parses tokens into a `MathNode` following latex2sympy2_extended's PS grammar and its
/// conversion to SymPy: answers are comma/semicolon lists of elements (a single element is the
/// answer itself, several make a set), elements are intervals, tuples, sets, `±` expressions
/// or relations, and expressions have the usual precedence with implicit multiplication
/// (`2\sqrt{3}`) and mixed numbers (`2\frac{1}{2}` is 5/2, as in latex2sympy).
///
/// Ambiguities are resolved as ANTLR does, by preferring the first alternative that parses:
/// `(1, 2)` is an open interval, `(2, 1)` a tuple, `{5}` a set. Nesting deeper than
/// `maxDepth` and inputs needing more than `maxSteps` parse steps fail, so parsing is
/// bounded on any input.
struct MathExpressionParser {
    /// Why a parse failed.
    enum Failure: Error { case syntax, tooDeep, tooLong }

    /// The deepest nesting of groups, fractions, sets and signs a parse accepts.
    static let maxDepth = 64
    /// The most operations that nest a node one level deeper without a nesting level of
    /// their own (`2^2^2`, `x!!`, `a/b/c`, unions), over the whole parse. With `maxDepth`
    /// this bounds the depth of every tree, so nothing recursive on trees can run deep.
    static let maxWraps = 256
    /// The tokens being parsed.
    let tokens: [LatexToken]
    /// The index of the current token.
    var position = 0
    /// The current nesting level (see `enter`).
    var depth = 0
    /// Parse steps taken so far, against `maxSteps`.
    var steps = 0
    /// Nesting operations so far, against `maxWraps`.
    var wraps = 0
    /// The step budget: generous for any real answer, so backtracking cannot blow up.
    let maxSteps: Int
    /// False when no `\pm` occurs, so `±` elements need not be tried.
    let hasPlusMinus: Bool

    /// Makes a parser for the tokens of one answer.
    init(tokens: [LatexToken]) {
        self.tokens = tokens
        self.maxSteps = 20_000 + 40 * tokens.count
        self.hasPlusMinus = tokens.contains(.command("\\pm"))
    }

    /// Parses an answer (the grammar's `math` rule), or returns nil.
    static func parse(_ tokens: [LatexToken], source: Scalars) -> MathNode? {
        var parser = MathExpressionParser(tokens: tokens)
        return try? parser.parseMath(source: source)
    }

    // MARK: - Cursor

    /// The current token, or nil at the end.
    var current: LatexToken? { position < tokens.count ? tokens[position] : nil }

    /// Returns the token `offset` places after the current one, if any.
    func peek(_ offset: Int = 0) -> LatexToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    /// Returns true when the current token is the punctuation `spelling`.
    func at(_ spelling: String) -> Bool { current == .punctuation(spelling) }

    /// Consumes the punctuation `spelling` or fails.
    mutating func expect(_ spelling: String) throws(Failure) {
        guard at(spelling) else { throw .syntax }
        position += 1
    }

    /// Consumes the punctuation `spelling` if present.
    mutating func accept(_ spelling: String) -> Bool {
        if at(spelling) { position += 1; return true }
        return false
    }

    /// Counts a parse step and a nesting level; fails past the budgets.
    mutating func enter() throws(Failure) {
        steps += 1
        depth += 1
        if depth > MathExpressionParser.maxDepth { throw .tooDeep }
        if steps > maxSteps { throw .tooLong }
    }

    /// Leaves a nesting level entered with `enter`.
    mutating func leave() { depth -= 1 }

    /// Counts an operation that nests the node built so far; fails past `maxWraps`.
    mutating func wrap() throws(Failure) {
        wraps += 1
        if wraps > MathExpressionParser.maxWraps { throw .tooDeep }
    }

    /// Runs `body`; on failure restores the position and returns nil (budget failures
    /// propagate).
    mutating func attempt<T>(_ body: (inout MathExpressionParser) throws(Failure) -> T) throws(Failure) -> T? {
        let saved = position, savedDepth = depth
        do {
            return try body(&self)
        } catch .syntax {
            position = saved
            depth = savedDepth
            return nil
        } catch {
            throw error
        }
    }

    // MARK: - Answers

    /// Parses `math: set_elements_relation | set_elements | set_relation`, whole input.
    mutating func parseMath(source: Scalars) throws(Failure) -> MathNode {
        if let node = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in
            let node = try parser.parseElementsRelation()
            guard parser.current == nil else { throw .syntax }
            return node
        }) { return node }
        if let node = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in
            let groups = try parser.parseSemicolonElements(relations: true) { $0 == nil }
            guard parser.current == nil else { throw .syntax }
            return groups
        }) {
            // "1,000" is a number with a thousands separator, not the set {1, 0}.
            if let number = ThousandsNumber.value(of: source) { return number }
            return MathExpressionParser.setOrTuple(node)
        }
        let node = try parseSetRelation()
        guard current == nil else { throw .syntax }
        return node
    }

    /// Parses `set_elements_relation: atom_expr_list (IN | ASSIGNMENT)
    /// semicolon_elements_no_relation`.
    mutating func parseElementsRelation() throws(Failure) -> MathNode {
        let lhs = try parseAtomExpressionList()
        guard current == .setRelation("in") || current == .relation(.equal) else { throw .syntax }
        position += 1
        let groups = try parseSemicolonElements(relations: false) { $0 == nil }
        return .relation(.equal, lhs, MathExpressionParser.setOrTuple(groups))
    }

    /// Parses `atom_expr_list: '(' atom_expr (',' atom_expr)* ')' | atom_expr`.
    mutating func parseAtomExpressionList() throws(Failure) -> MathNode {
        if accept("(") {
            var items = [try parseAtomExpression()]
            while accept(",") { items.append(try parseAtomExpression()) }
            try expect(")")
            return items.count == 1 ? items[0] : .tuple(items)
        }
        return try parseAtomExpression()
    }

    /// latex2sympy's `convert_elements_to_set_or_tuple`: one element is itself, one group of
    /// several is a set, several single-element groups are a set, otherwise a set of tuples.
    static func setOrTuple(_ groups: [[MathNode]]) -> MathNode {
        if groups.count == 1 {
            return groups[0].count == 1 ? groups[0][0] : .finiteSet(groups[0])
        }
        if groups.allSatisfy({ $0.count == 1 }) { return .finiteSet(groups.map { $0[0] }) }
        return .finiteSet(groups.map { .tuple($0) })
    }

    /// Parses `semicolon_elements: comma_elements (';' comma_elements)*`, ending where `isEnd`
    /// holds.
    mutating func parseSemicolonElements(relations: Bool, isEnd: (LatexToken?) -> Bool) throws(Failure) -> [[MathNode]] {
        try enter()
        defer { leave() }
        var groups: [[MathNode]] = []
        var group: [MathNode] = []
        while true {
            group.append(contentsOf: try parseElement(relations: relations, isEnd: isEnd))
            if accept(",") { continue }
            if accept(";") { groups.append(group); group = []; continue }
            break
        }
        groups.append(group)
        guard isEnd(current) else { throw .syntax }
        return groups
    }

    /// Parses `element: plus_minus_expr | set_atom | relation` (or `expr` when `relations` is
    /// false); a `±` element contributes two values.
    mutating func parseElement(relations: Bool, isEnd: (LatexToken?) -> Bool) throws(Failure) -> [MathNode] {
        /// Returns true for the tokens that may follow an element: a separator or the end.
        func followsElement(_ token: LatexToken?) -> Bool {
            token == .punctuation(",") || token == .punctuation(";") || isEnd(token)
        }
        if hasPlusMinus, let values = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> [MathNode] in
            let values = try parser.parsePlusMinus()
            guard followsElement(parser.current) else { throw .syntax }
            return values
        }) { return values }
        if let atom = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> MathNode in
            let atom = try parser.parseSetAtom()
            guard followsElement(parser.current) else { throw .syntax }
            return atom
        }) { return [atom] }
        let value = relations ? try parseRelation() : try parseExpression()
        guard followsElement(current) else { throw .syntax }
        return [value]
    }

    /// Parses `plus_minus_expr: expr PLUS_MINUS expr | PLUS_MINUS expr`: `a \pm b` is {a+b, a-b}.
    mutating func parsePlusMinus() throws(Failure) -> [MathNode] {
        if current == .command("\\pm") {
            position += 1
            let value = try parseExpression()
            return [MathNodeBuilder.unaryMinus(value), value]
        }
        let lhs = try parseExpression()
        guard current == .command("\\pm") else { throw .syntax }
        position += 1
        let rhs = try parseExpression()
        return [MathNodeBuilder.add(lhs, rhs), MathNodeBuilder.add(lhs, MathNodeBuilder.unaryMinus(rhs))]
    }
}
