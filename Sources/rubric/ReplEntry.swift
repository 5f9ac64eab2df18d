import RubricSyntax

/// What the user typed at the prompt: a `:command`, declarations for the session, or an
/// expression to evaluate.
enum ReplEntry: Equatable {
    case empty
    case command(name: String, argument: String)
    case declarations(String)
    case expression(String)

    /// The global an expression is bound to when it is compiled, and the line it is bound by.
    static let valueName = "__value"
    static let expressionPrefix = "let \(valueName) = "

    init(_ text: String) {
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty {
            self = .empty
        } else if trimmed.hasPrefix(":") {
            let body = trimmed.dropFirst()
            let name = body.prefix { !$0.isWhitespace }
            self = .command(name: String(name), argument: String(body.dropFirst(name.count)).trimmingWhitespace)
        } else if Self.startsDeclaration(trimmed) {
            self = .declarations(text)
        } else {
            self = .expression(trimmed)
        }
    }

    /// True when the first token is a declaration keyword (`group` only when `=` follows,
    /// since `group(e)` is an expression).
    static func startsDeclaration(_ text: String) -> Bool {
        let (tokens, _) = Lexer.tokenize(SourceFile(name: "<repl>", text: text))
        guard case .keyword(let word) = tokens.first?.kind else { return false }
        switch word {
        case .input, .let, .fn, .host, .score, .reward, .steps, .latent, .fallback, .example: return true
        case .group: return tokens.count > 1 && tokens[1].kind == .symbol(.equal)
        default: return false
        }
    }

    /// True when more lines could complete the entry: parsing it reports an error at its
    /// very end (an open bracket or brace, a trailing operator, an unfinished `if`), where
    /// the next line would go.
    static func isIncomplete(_ text: String) -> Bool {
        let prefix: String
        switch ReplEntry(text) {
        case .empty, .command: return false
        case .declarations: prefix = ""
        case .expression: prefix = expressionPrefix
        }
        let end = prefix.utf8.count + text.trimmingTrailingWhitespace.utf8.count
        let (_, diagnostics) = Parser.parse(SourceFile(name: "<repl>", text: prefix + text + "\n"))
        return diagnostics.items.contains { $0.severity == .error && $0.range.start >= end }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }).trimmingTrailingWhitespace
    }

    /// The text without trailing spaces, tabs and line breaks.
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
