/// The canonical layout of a rubric file, as `rubric fmt` writes it. The formatter works on the
/// token stream, not on the tree: it keeps every line break the author made between tokens,
/// every comment and one blank line wherever there were blank lines, and only rewrites the
/// spaces between tokens on a line (see `FormatterSpacing.swift`) and the indentation at the
/// start of each line (see `FormatterLayout.swift`). Token text is copied from the source, so
/// strings, raw strings and numbers stay exactly as written.
public struct Formatter {
    /// What formatting a file produced: its canonical text, or the syntax errors that stopped it.
    public enum Outcome: Sendable {
        case formatted(String)
        case syntaxErrors([Diagnostic])
    }

    /// One line of output before it is indented.
    enum Line {
        /// Code tokens `tokens` (indexes into `code`), with the comment that ends the line, if any.
        case code(tokens: Range<Int>, comment: SourceRange?)
        /// A line holding only a comment.
        case comment(SourceRange)
        /// One blank line, standing for one or more in the source.
        case blank
    }

    let source: SourceFile
    /// The tokens of the file without newline and end-of-file tokens.
    let code: [Token]
    /// For each token in `code`, whether the lexer put a newline token right before it.
    let followsNewline: [Bool]
    let comments: [SourceRange]

    /// Formats `source`, or returns its syntax errors when it does not parse; a file with
    /// syntax errors is never rewritten, since its tokens may not mean what they seem to.
    public static func format(_ source: SourceFile) -> Outcome {
        let parsed = Parser.parse(source)
        if parsed.diagnostics.hasErrors {
            return .syntaxErrors(parsed.diagnostics.sorted().filter { $0.severity == .error })
        }
        let lexed = Lexer.tokenizeKeepingComments(source)
        return .formatted(Formatter(source: source, tokens: lexed.tokens, comments: lexed.comments).render())
    }

    /// Returns `text` formatted, or `text` itself, unchanged, when it does not parse.
    public static func format(_ text: String) -> String {
        if case .formatted(let result) = format(SourceFile(name: "", text: text)) { return result }
        return text
    }

    /// Keeps the code tokens of `tokens`, noting which of them start a line the lexer ended.
    init(source: SourceFile, tokens: [Token], comments: [SourceRange]) {
        self.source = source
        self.comments = comments
        var code: [Token] = []
        var followsNewline: [Bool] = []
        var afterNewline = false
        for token in tokens {
            switch token.kind {
            case .newline: afterNewline = true
            case .eof: break
            default:
                code.append(token)
                followsNewline.append(afterNewline)
                afterNewline = false
            }
        }
        self.code = code
        self.followsNewline = followsNewline
    }

    /// Produces the formatted text: the lines, indented, each ending in a newline.
    func render() -> String {
        let lines = splitLines()
        let layout = Layout.compute(self, lines: lines)
        var output = ""
        for (number, line) in lines.enumerated() {
            switch line {
            case .blank:
                output += "\n"
            case .comment(let range):
                output += String(repeating: " ", count: layout.indents[number]) + commentText(range) + "\n"
            case .code(_, let comment):
                output += String(repeating: " ", count: layout.indents[number]) + layout.texts[number]
                if let comment { output += "  " + commentText(comment) }
                output += "\n"
            }
        }
        return output
    }

    /// Returns a comment's text without the spaces or carriage return that end its line.
    func commentText(_ range: SourceRange) -> String {
        var end = range.end
        while end > range.start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(source.bytes[end - 1]) {
            end -= 1
        }
        return source.text(in: SourceRange(range.start, end))
    }

    /// Groups tokens and comments into output lines: tokens stay on one line while they start
    /// on the line where the previous token ended, a comment after code on its line stays
    /// there, and each run of blank lines between two items becomes one blank line.
    func splitLines() -> [Line] {
        var lines: [Line] = []
        var tokenIndex = 0
        var commentIndex = 0
        /// The code line being gathered: its first token and the source line its last token ends on.
        var pending: (first: Int, endLine: Int)?
        var lastEndLine = 0
        func closePending(comment: SourceRange?) {
            if let open = pending { lines.append(.code(tokens: open.first..<tokenIndex, comment: comment)) }
            pending = nil
        }
        while tokenIndex < code.count || commentIndex < comments.count {
            let takesComment = commentIndex < comments.count
                && (tokenIndex == code.count || comments[commentIndex].start < code[tokenIndex].range.start)
            let range = takesComment ? comments[commentIndex] : code[tokenIndex].range
            let startLine = source.line(of: range.start)
            if let open = pending, open.endLine == startLine {
                if takesComment {
                    closePending(comment: range)
                    commentIndex += 1
                    continue
                }
            } else {
                closePending(comment: nil)
                if lastEndLine > 0 && startLine > lastEndLine + 1 { lines.append(.blank) }
                if takesComment {
                    lines.append(.comment(range))
                } else {
                    pending = (tokenIndex, startLine)
                }
            }
            lastEndLine = source.line(of: max(range.start, range.end - 1))
            if takesComment {
                commentIndex += 1
            } else {
                pending?.endLine = lastEndLine
                tokenIndex += 1
            }
        }
        closePending(comment: nil)
        return lines
    }
}
