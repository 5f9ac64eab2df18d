/// The kinds of token the lexer produces.
public enum TokenKind: Sendable, Hashable {
    case identifier
    case int
    case float
    /// A complete string literal without interpolation; its decoded text is in `Token.text`.
    case string
    /// The opening quote of an interpolated string; segments and expressions follow.
    case interpolationBegin
    /// A literal run inside an interpolated string; decoded text in `Token.text`.
    case stringSegment
    /// `\(` inside an interpolated string: an expression follows, closed by `interpolationClose`.
    case interpolationOpen
    case interpolationClose
    /// The closing quote of an interpolated string.
    case interpolationEnd
    case keyword(Keyword)
    case symbol(Symbol)
    case newline
    case eof
}

/// Reserved words. They cannot be used as names.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case rubric, input, `let`, fn, score, reward, example, expect, error
    case `if`, then, `else`, and, or, not, `in`, `for`, `true`, `false`, null, from, skip
    case steps, latent, fallback, group, batch, host
}

/// Punctuation and operators.
public enum Symbol: String, Sendable, Hashable, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", dot = "."
    case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//", percent = "%"
    case starStar = "**", equal = "=", equalEqual = "==", bangEqual = "!=", less = "<"
    case lessEqual = "<=", greater = ">", greaterEqual = ">=", questionQuestion = "??"
    case question = "?", arrow = "->"
}

/// One token: its kind, where it is, and for literals its decoded text.
public struct Token: Sendable {
    public var kind: TokenKind
    public var range: SourceRange
    /// Decoded text for string-like tokens; the spelling for identifiers and numbers.
    public var text: String

    public init(_ kind: TokenKind, _ range: SourceRange, _ text: String = "") {
        self.kind = kind
        self.range = range
        self.text = text
    }

    /// A description of the token for "expected X, found Y" messages.
    public var displayName: String {
        switch kind {
        case .identifier: "name '\(text)'"
        case .int, .float: "number \(text)"
        case .string, .interpolationBegin: "string"
        case .stringSegment, .interpolationOpen, .interpolationClose, .interpolationEnd: "string"
        case .keyword(let word): "keyword '\(word.rawValue)'"
        case .symbol(let symbol): "'\(symbol.rawValue)'"
        case .newline: "end of line"
        case .eof: "end of file"
        }
    }
}
