/// The set rules of the PS grammar: intervals, tuples, finite sets, named sets, and unions,
/// intersections and differences of them.
extension MathExpressionParser {
    /// Interval openers, and whether each leaves the end open.
    static let intervalOpeners: [String: Bool] = ["(": true, "\\(": true, "\\lgroup": true, "[": false, "\\lbrack": false]
    /// Interval closers, and whether each leaves the end open.
    static let intervalClosers: [String: Bool] = [")": true, "\\)": true, "\\rgroup": true, "]": false, "\\rbrack": false]

    /// Parses `set_atom: interval | literal_set | ordered_tuple | finite_set`.
    mutating func parseSetAtom() throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        if let interval = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in try parser.parseInterval() }) {
            return interval
        }
        if case .namedSet(let name)? = current {
            position += 1
            return .namedSet(name)
        }
        if at("{") && peek(1) == .punctuation("}") {
            position += 2
            return .namedSet("empty")
        }
        if let tuple = try attempt({ (parser: inout MathExpressionParser) throws(Failure) in try parser.parseOrderedTuple() }) {
            return tuple
        }
        return try parseFiniteSet()
    }

    /// Parses `interval: ([ | ( ) expr , expr (] | ))`; an empty open interval such as `(2, 1)`
    /// is the tuple (2, 1), as latex2sympy decides.
    mutating func parseInterval() throws(Failure) -> MathNode {
        guard case .punctuation(let open)? = current, let leftOpen = MathExpressionParser.intervalOpeners[open] else {
            throw .syntax
        }
        position += 1
        let lower = try parseExpression()
        try expect(",")
        let upper = try parseExpression()
        guard case .punctuation(let close)? = current, let rightOpen = MathExpressionParser.intervalClosers[close] else {
            throw .syntax
        }
        position += 1
        if let low = MathEvaluation.realValue(lower), let high = MathEvaluation.realValue(upper) {
            if (leftOpen && rightOpen && high <= low) || (!leftOpen && !rightOpen && high < low) {
                return .tuple([lower, upper])
            }
            if !leftOpen && !rightOpen && high == low { return .finiteSet([lower]) }
        }
        // SymPy always leaves an infinite end open: [-\infty, 3] is (-\infty, 3].
        let lowerInfinite = MathEvaluation.realValue(lower) == -.infinity
        let upperInfinite = MathEvaluation.realValue(upper) == .infinity
        return .interval(lower, upper, leftOpen: leftOpen || lowerInfinite, rightOpen: rightOpen || upperInfinite)
    }

    /// Parses `ordered_tuple: ( elements ) | \( elements \) | [ elements ]`; one element is itself.
    mutating func parseOrderedTuple() throws(Failure) -> MathNode {
        let pairs: [String: String] = ["(": ")", "\\(": "\\)", "[": "]"]
        guard case .punctuation(let open)? = current, let close = pairs[open] else { throw .syntax }
        position += 1
        let groups = try parseSemicolonElements(relations: true) { $0 == .punctuation(close) }
        try expect(close)
        let items = groups.flatMap { $0 }
        return items.count == 1 ? items[0] : .tuple(items)
    }

    /// Parses `finite_set: { elements } | \{ elements \} | \boxed{ elements }`.
    mutating func parseFiniteSet() throws(Failure) -> MathNode {
        let boxed = current == .command("\\boxed")
        if boxed { position += 1 }
        let pairs: [String: String] = boxed ? ["{": "}"] : ["{": "}", "\\{": "\\}"]
        guard case .punctuation(let open)? = current, let close = pairs[open] else { throw .syntax }
        position += 1
        let groups = try parseSemicolonElements(relations: true) { $0 == .punctuation(close) }
        try expect(close)
        return boxed ? MathExpressionParser.setOrTuple(groups) : .finiteSet(groups.flatMap { $0 })
    }

    /// Parses `set_relation: atom_expr_list (\in | =) set_relation | minus_expr` (subset relations
    /// and `\notin` are not supported).
    mutating func parseSetRelation() throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        if let relation = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> MathNode in
            let lhs = try parser.parseAtomExpressionList()
            guard parser.current == .setRelation("in") || parser.current == .relation(.equal) else { throw .syntax }
            parser.position += 1
            return .relation(.equal, lhs, try parser.parseSetRelation())
        }) {
            return relation
        }
        return try parseSetDifference()
    }

    /// Parses `minus_expr`: differences of unions, left to right.
    mutating func parseSetDifference() throws(Failure) -> MathNode {
        var lhs = try parseSetUnion()
        while current == .command("\\setminus") {
            try wrap()
            position += 1
            lhs = .setOperation(.difference, lhs, try parseSetUnion())
        }
        return lhs
    }

    /// Parses `union_expr`: unions of intersections; tuples taking part become sets.
    mutating func parseSetUnion() throws(Failure) -> MathNode {
        var lhs = try parseSetIntersection()
        while current == .command("\\cup") {
            try wrap()
            position += 1
            lhs = .setOperation(.union, MathExpressionParser.tupleAsSet(lhs), MathExpressionParser.tupleAsSet(try parseSetIntersection()))
        }
        return lhs
    }

    /// Parses `intersection_expr`: intersections of set groups.
    mutating func parseSetIntersection() throws(Failure) -> MathNode {
        var lhs = try parseSetGroup()
        while current == .command("\\cap") {
            try wrap()
            position += 1
            lhs = .setOperation(.intersection, MathExpressionParser.tupleAsSet(lhs), MathExpressionParser.tupleAsSet(try parseSetGroup()))
        }
        return lhs
    }

    /// Parses `set_group: ( minus_expr ) | set_atom`.
    mutating func parseSetGroup() throws(Failure) -> MathNode {
        try enter()
        defer { leave() }
        if at("("), let group = try attempt({ (parser: inout MathExpressionParser) throws(Failure) -> MathNode in
            parser.position += 1
            let value = try parser.parseSetDifference()
            try parser.expect(")")
            return value
        }) {
            return group
        }
        return try parseSetAtom()
    }

    /// A tuple used as a set operand becomes the set of its elements.
    static func tupleAsSet(_ node: MathNode) -> MathNode {
        if case .tuple(let items) = node { return .finiteSet(items) }
        return node
    }
}
