extension Formatter {
    /// The indentation of each output line and the role of each token, worked out in one pass
    /// over the tokens with a stack of open constructs. The rules:
    ///   - a statement starts at the indentation of its block: 0 at the top, 2 more inside each
    ///     `{ }` of a function body or an example; `}` goes back to the line that opened it;
    ///   - a line that continues a statement (after `=` or a binary operator) is indented 2 more
    ///     than the statement's first line;
    ///   - inside `( )`, `[ ]`, a map's `{ }` or `\( )`, a line is indented 2 more than the line
    ///     that opened the innermost bracket, unless the author lined it up with the first token
    ///     after the bracket, which it then stays lined up with; a line starting with the closing
    ///     bracket goes back to the indentation of the line that opened it;
    ///   - a line starting with `then` or `else` lines up with its `if` when the `if` begins its
    ///     line (or follows an `else`, in a chain), and is 2 deeper otherwise; a line inside a
    ///     condition or a `then` branch is 2 deeper than that, and one inside an `else` branch
    ///     is 2 deeper than the line of the `else`;
    ///   - a comment alone on a line takes the indentation of the next line of code, or, when
    ///     that line starts with a closing bracket, the indentation of the lines inside it.
    struct Layout {
        /// How a token is spaced, when its kind alone does not tell.
        enum Role {
            case plain
            /// A prefix `-` or `+`.
            case unary
            /// The `{` or `}` of a function body or an example, as opposed to a map's.
            case blockOpen, blockClose
            /// The `:` of a slice, as in `xs[1:3]`.
            case sliceColon
        }

        var indents: [Int]
        /// The tokens of each code line, spaced but not indented.
        var texts: [String]
        var roles: [Role]

        /// The kinds of open construct.
        private enum Kind {
            case block, parenthesis, list, map, statement, condition, elseBranch

            /// True for the constructs a closing bracket ends.
            var isBracket: Bool {
                switch self {
                case .block, .parenthesis, .list, .map: true
                case .statement, .condition, .elseBranch: false
                }
            }
        }

        /// One open construct: where its continuation lines go, and where a line that starts
        /// with its closing bracket (or, for an `if`, with `then` or `else`) goes.
        private struct Frame {
            var kind: Kind
            var continuation: Int
            var closing: Int
            /// For a condition: whether its `then` has been seen.
            var inThen = false
            /// For a bracket followed by a token on its line: that token, its column in the
            /// source and, once its line is laid out, its column in the output.
            var alignToken: Int?
            var alignSource: Int?
            var alignColumn: Int?
        }

        private var frames: [Frame] = []
        /// The first token of the statement being read, and whether an `=` outside brackets
        /// has been seen in it (after which a `{` is a map, not a function body).
        private var statementStart: TokenKind?
        private var statementHasEqual = false
        /// The indentation a condition closed by the latest `else` gave its `then` and `else`.
        private var lastElseClosing = 0
        private let formatter: Formatter
        private var code: [Token] { formatter.code }

        private init(formatter: Formatter, lineCount: Int) {
            self.formatter = formatter
            indents = Array(repeating: 0, count: lineCount)
            texts = Array(repeating: "", count: lineCount)
            roles = Array(repeating: .plain, count: formatter.code.count)
        }

        /// Lays out `lines` of `formatter`'s tokens: the indentation and text of every line.
        static func compute(_ formatter: Formatter, lines: [Line]) -> Layout {
            var layout = Layout(formatter: formatter, lineCount: lines.count)
            var waitingComments: [Int] = []
            for (number, line) in lines.enumerated() {
                switch line {
                case .blank:
                    break
                case .comment:
                    waitingComments.append(number)
                case .code(let tokens, _):
                    let (indent, commentIndent) = layout.startLine(at: tokens.lowerBound)
                    layout.indents[number] = indent
                    for comment in waitingComments { layout.indents[comment] = commentIndent }
                    waitingComments.removeAll()
                    for index in tokens {
                        layout.read(index, lineIndent: indent, firstOnLine: index == tokens.lowerBound)
                    }
                    layout.write(tokens, at: number)
                }
            }
            return layout
        }

        /// Decides the indentation of the line starting with token `first`, and that of a
        /// comment line just above it; starts a new statement when the line begins one.
        private mutating func startLine(at first: Int) -> (indent: Int, commentIndent: Int) {
            let token = code[first]
            if Layout.isCloser(token), let frame = frames.last(where: { $0.kind.isBracket }) {
                return (frame.closing, frame.continuation)
            }
            if token.kind == .keyword(.then), let frame = frames.last(where: { $0.kind == .condition && !$0.inThen }) {
                return (frame.closing, frame.closing)
            }
            if token.kind == .keyword(.else), let frame = frames.last(where: { $0.kind == .condition && $0.inThen }) {
                return (frame.closing, frame.closing)
            }
            if atStatementLevel && !continuesStatement(at: first) {
                while let last = frames.last, last.kind != .block { frames.removeLast() }
                let indent = frames.last?.continuation ?? 0
                frames.append(Frame(kind: .statement, continuation: indent + 2, closing: indent))
                statementStart = token.kind
                statementHasEqual = false
                return (indent, indent)
            }
            var indent = frames.last?.continuation ?? 0
            if let frame = frames.last, let column = frame.alignColumn, frame.alignSource == sourceColumn(first) {
                indent = column
            }
            return (indent, indent)
        }

        /// Spaces out the tokens of line `number` and notes where the tokens that brackets
        /// line up with have landed.
        private mutating func write(_ tokens: Range<Int>, at number: Int) {
            var text = ""
            var columns: [Int] = []
            var column = indents[number]
            for index in tokens {
                if index > tokens.lowerBound {
                    let space = Spacing.between(code[index - 1], code[index], left: roles[index - 1], right: roles[index])
                    text += space
                    column += space.count
                }
                columns.append(column)
                let spelling = formatter.source.text(in: code[index].range)
                text += spelling
                column += spelling.unicodeScalars.count
            }
            texts[number] = text
            for frame in frames.indices {
                if let token = frames[frame].alignToken, tokens.contains(token), frames[frame].alignColumn == nil {
                    frames[frame].alignColumn = columns[token - tokens.lowerBound]
                }
            }
        }

        /// Returns the 0-based column, in Unicode scalars, at which token `index` starts in the source.
        private func sourceColumn(_ index: Int) -> Int {
            formatter.source.location(of: code[index].range.start).column - 1
        }

        /// Updates the stack for token `index` on a line indented by `lineIndent`.
        private mutating func read(_ index: Int, lineIndent: Int, firstOnLine: Bool) {
            let token = code[index]
            switch token.kind {
            case .symbol(.leftParen), .interpolationOpen:
                open(.parenthesis, at: index, lineIndent)
            case .symbol(.leftBracket):
                open(.list, at: index, lineIndent)
            case .symbol(.leftBrace):
                let opensBody = atStatementLevel && !statementHasEqual
                    && (statementStart == .keyword(.fn) || statementStart == .keyword(.example))
                if opensBody {
                    roles[index] = .blockOpen
                    // A body goes with its statement's first line, however the header was broken.
                    let base = frames.last(where: { $0.kind == .statement })?.closing ?? lineIndent
                    frames.append(Frame(kind: .block, continuation: base + 2, closing: base))
                } else {
                    open(.map, at: index, lineIndent)
                }
            case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace), .interpolationClose:
                while let frame = frames.popLast() {
                    guard frame.kind.isBracket else { continue }
                    if frame.kind == .block { roles[index] = .blockClose }
                    break
                }
            case .symbol(.comma), .keyword(.for):
                endConditions()
            case .keyword(.if):
                if isFilter(index) {
                    endConditions()
                } else {
                    let closing = firstOnLine ? lineIndent
                        : index > 0 && code[index - 1].kind == .keyword(.else) ? lastElseClosing : lineIndent + 2
                    frames.append(Frame(kind: .condition, continuation: closing + 2, closing: closing))
                }
            case .keyword(.then):
                while let last = frames.last, last.kind == .elseBranch { frames.removeLast() }
                if let last = frames.indices.last, frames[last].kind == .condition { frames[last].inThen = true }
            case .keyword(.else):
                while let last = frames.last, last.kind == .elseBranch { frames.removeLast() }
                if let last = frames.last, last.kind == .condition {
                    lastElseClosing = last.closing
                    frames.removeLast()
                }
                frames.append(Frame(kind: .elseBranch, continuation: lineIndent + 2, closing: lineIndent))
            case .symbol(.colon):
                if frames.last(where: { $0.kind.isBracket })?.kind == .list { roles[index] = .sliceColon }
            case .symbol(.equal):
                if atStatementLevel { statementHasEqual = true }
            case .symbol(.minus), .symbol(.plus):
                if index == 0 || formatter.followsNewline[index] || !Layout.endsOperand(code[index - 1]) {
                    roles[index] = .unary
                }
            default:
                break
            }
        }

        /// Opens the bracket at token `index`, on a line indented by `lineIndent`.
        private mutating func open(_ kind: Kind, at index: Int, _ lineIndent: Int) {
            var frame = Frame(kind: kind, continuation: lineIndent + 2, closing: lineIndent)
            let next = index + 1
            if next < code.count, !Layout.isCloser(code[next]),
               formatter.source.line(of: code[next].range.start) == formatter.source.line(of: code[index].range.start) {
                frame.alignToken = next
                frame.alignSource = sourceColumn(next)
            }
            frames.append(frame)
        }

        /// Closes the conditions and `else` branches inside the innermost bracket, as a comma,
        /// a `for` or a comprehension's `if` ends them.
        private mutating func endConditions() {
            while let last = frames.last, last.kind == .condition || last.kind == .elseBranch { frames.removeLast() }
        }

        /// True when no bracket is open, or the innermost open one is a block.
        private var atStatementLevel: Bool {
            guard let bracket = frames.last(where: { $0.kind.isBracket }) else { return true }
            return bracket.kind == .block
        }

        /// True when the line starting at token `first` goes on with the statement of the line
        /// before: that line ended with an operator, `=` or a keyword that needs more, or this
        /// line starts with `then` or `else`.
        private func continuesStatement(at first: Int) -> Bool {
            if code[first].kind == .keyword(.then) || code[first].kind == .keyword(.else) { return true }
            guard first > 0 else { return false }
            switch code[first - 1].kind {
            case .symbol(let symbol):
                return symbol != .rightParen && symbol != .rightBracket && symbol != .rightBrace
                    && symbol != .leftBrace && symbol != .question
            case .keyword(let word):
                return [.and, .or, .not, .in, .then, .else, .if, .from].contains(word)
            default:
                return false
            }
        }

        /// True when the `if` at `index` is a comprehension's filter rather than a conditional:
        /// it follows a complete operand inside a list or a map.
        private func isFilter(_ index: Int) -> Bool {
            guard index > 0, Layout.endsOperand(code[index - 1]) else { return false }
            let bracket = frames.last(where: { $0.kind.isBracket })?.kind
            return bracket == .list || bracket == .map
        }

        /// True for a token that can end an operand, after which `-` is binary and `[` indexes.
        static func endsOperand(_ token: Token) -> Bool {
            switch token.kind {
            case .identifier, .int, .float, .string, .interpolationEnd: true
            case .symbol(let symbol): symbol == .rightParen || symbol == .rightBracket || symbol == .rightBrace
            case .keyword(let word): [.true, .false, .null, .reward, .skip].contains(word)
            default: false
            }
        }

        /// True for a closing bracket or brace, including the `)` that ends an interpolation.
        static func isCloser(_ token: Token) -> Bool {
            switch token.kind {
            case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace), .interpolationClose: true
            default: false
            }
        }
    }
}
