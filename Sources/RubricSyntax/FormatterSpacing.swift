extension Formatter {
    /// The space between two tokens on one line: one space by default (around binary
    /// operators, `=`, `->` and keywords, after `,` and after a `:` that is not a slice's), and
    /// none inside brackets, before `,`, `:` and `?`, around `.`, after a prefix `-` or `+`,
    /// between a name and its `(` or `[`, and between the pieces of a string. The braces of a
    /// function body or an example keep a space inside them when the body shares their line.
    enum Spacing {
        /// Returns the text to put between `left` and `right`, given their roles.
        static func between(_ left: Token, _ right: Token, left leftRole: Layout.Role,
                            right rightRole: Layout.Role) -> String {
            if isStringPiece(left.kind, right.kind) { return "" }
            if leftRole == .blockOpen || rightRole == .blockClose { return " " }
            if leftRole == .unary || leftRole == .sliceColon || rightRole == .sliceColon { return "" }
            if opens(left.kind) || Layout.isCloser(right) { return "" }
            switch right.kind {
            case .symbol(.comma), .symbol(.colon), .symbol(.question), .symbol(.dot): return ""
            case .symbol(.leftParen):
                return left.kind == .identifier || left.kind == .keyword(.group) || left.kind == .keyword(.batch) ? "" : " "
            case .symbol(.leftBracket):
                return Layout.endsOperand(left) ? "" : " "
            default:
                break
            }
            return left.kind == .symbol(.dot) ? "" : " "
        }

        /// True when the two tokens are adjacent parts of one string literal, which the lexer
        /// cut around each `\(…)`: they are contiguous in the source and must stay so.
        static func isStringPiece(_ left: TokenKind, _ right: TokenKind) -> Bool {
            switch left {
            case .interpolationBegin, .stringSegment, .interpolationClose: return true
            default: break
            }
            switch right {
            case .stringSegment, .interpolationEnd, .interpolationOpen: return true
            default: return false
            }
        }

        /// True for a token after which no space goes: an opening bracket or `\(`.
        static func opens(_ kind: TokenKind) -> Bool {
            switch kind {
            case .symbol(.leftParen), .symbol(.leftBracket), .symbol(.leftBrace), .interpolationOpen: true
            default: false
            }
        }
    }
}
