/// Turns source bytes into tokens. The lexer is a single forward pass with a small mode
/// stack for string interpolation; newlines inside ( ) and [ ] are dropped here so the
/// parser only sees the ones that can end a statement.
public struct Lexer {
    private let source: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private var tokens: [Token] = []
    private var diagnostics = DiagnosticBag()
    /// Every comment, from its `#` to the end of its line; comments are not tokens.
    private var comments: [SourceRange] = []
    /// Open brackets; a newline is a token only when the innermost one is `{` or none is open.
    private var brackets: [UInt8] = []
    /// For each interpolation in progress, the bracket depth at which its `\(` was opened.
    private var interpolationDepths: [Int] = []
    /// Where each interpolation in progress was opened, for the "not closed" error.
    private var interpolationStarts: [Int] = []

    /// Creates a lexer over `source`.
    public init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// Tokenises the whole file, returning the tokens (always ending in `eof`) and any errors.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: DiagnosticBag) {
        let scanned = tokenizeKeepingComments(source)
        return (scanned.tokens, scanned.diagnostics)
    }

    /// Tokenises the whole file like `tokenize`, and also returns the range of every comment,
    /// in order. A `#` inside a string literal is part of the string, not a comment.
    public static func tokenizeKeepingComments(_ source: SourceFile)
        -> (tokens: [Token], comments: [SourceRange], diagnostics: DiagnosticBag) {
        var lexer = Lexer(source: source)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics)
    }

    private mutating func run() {
        while true {
            skipSpacesAndComments()
            guard index < bytes.count else { break }
            let start = index
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                if brackets.isEmpty || brackets.last == UInt8(ascii: "{") {
                    tokens.append(Token(.newline, SourceRange(start, index)))
                } else if interpolationDepths.isEmpty && nextLineStartsDeclaration() {
                    // A bracket left open above a line that begins a declaration was never
                    // closed: end the statement here so the parser reports it and recovers.
                    brackets.removeAll()
                    tokens.append(Token(.newline, SourceRange(start, index)))
                }
                continue
            }
            if isIdentifierStart(byte) {
                if byte == UInt8(ascii: "r"), index + 1 < bytes.count,
                   bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "#") {
                    if lexRawString() { continue }
                }
                lexIdentifier()
                continue
            }
            if isDigit(byte) {
                lexNumber()
                continue
            }
            if byte == UInt8(ascii: "\"") {
                lexString(resumeAt: nil)
                continue
            }
            if byte == UInt8(ascii: ")"), let depth = interpolationDepths.last, depth == brackets.count {
                // The `)` that closes `\(`: resume the enclosing string.
                interpolationDepths.removeLast()
                interpolationStarts.removeLast()
                brackets.removeLast()
                index += 1
                tokens.append(Token(.interpolationClose, SourceRange(start, index)))
                lexString(resumeAt: index)
                continue
            }
            lexSymbol()
        }
        if let start = interpolationStarts.last {
            diagnostics.error(.unterminatedString, "string interpolation is not closed",
                              at: SourceRange(start, start + 2))
        }
        tokens.append(Token(.eof, SourceRange(bytes.count, bytes.count)))
    }

    /// True when the line starting at `index` begins, in its first column, with a keyword that
    /// can only start a declaration.
    private func nextLineStartsDeclaration() -> Bool {
        for spelling in Lexer.declarationKeywords {
            let end = index + spelling.count
            guard end <= bytes.count, bytes[index..<end].elementsEqual(spelling) else { continue }
            if end == bytes.count || bytes[end] == UInt8(ascii: " ") { return true }
        }
        return false
    }

    /// The keywords that can only begin a declaration, as bytes.
    private static let declarationKeywords = ["input", "let", "fn", "host", "score", "example", "rubric"].map { Array($0.utf8) }

    private mutating func skipSpacesAndComments() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                comments.append(SourceRange(start, index))
            } else {
                return
            }
        }
    }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func lexIdentifier() {
        let start = index
        while index < bytes.count, isIdentifierStart(bytes[index]) || isDigit(bytes[index]) {
            index += 1
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let range = SourceRange(start, index)
        if let keyword = Keyword(rawValue: text) {
            tokens.append(Token(.keyword(keyword), range, text))
        } else {
            tokens.append(Token(.identifier, range, text))
        }
    }

    private mutating func lexNumber() {
        let start = index
        var isFloat = false
        func digits(_ lexer: inout Lexer) {
            while lexer.index < lexer.bytes.count,
                  lexer.isDigit(lexer.bytes[lexer.index]) || lexer.bytes[lexer.index] == UInt8(ascii: "_") {
                lexer.index += 1
            }
        }
        digits(&self)
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
            isFloat = true
            index += 1
            digits(&self)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            var probe = index + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") {
                probe += 1
            }
            if probe < bytes.count, isDigit(bytes[probe]) {
                isFloat = true
                index = probe
                digits(&self)
            }
        }
        let range = SourceRange(start, index)
        // A letter glued to a number (`12abc`) is a mistake, not two tokens.
        if index < bytes.count, isIdentifierStart(bytes[index]) {
            while index < bytes.count, isIdentifierStart(bytes[index]) || isDigit(bytes[index]) { index += 1 }
            diagnostics.error(.invalidNumber, "invalid number literal '\(source.text(in: SourceRange(start, index)))'",
                              at: SourceRange(start, index))
            tokens.append(Token(.int, SourceRange(start, index), "0"))
            return
        }
        let text = String(decoding: bytes[start..<index].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        tokens.append(Token(isFloat ? .float : .int, range, text))
    }

    /// Lexes `r"..."` or `r#"..."#`; returns false if this is just an identifier starting with r.
    private mutating func lexRawString() -> Bool {
        let start = index
        var probe = index + 1
        var hashes = 0
        while probe < bytes.count, bytes[probe] == UInt8(ascii: "#") { hashes += 1; probe += 1 }
        guard probe < bytes.count, bytes[probe] == UInt8(ascii: "\"") else { return false }
        probe += 1
        let contentStart = probe
        while probe < bytes.count {
            if bytes[probe] == UInt8(ascii: "\"") {
                var count = 0
                while count < hashes, probe + 1 + count < bytes.count,
                      bytes[probe + 1 + count] == UInt8(ascii: "#") { count += 1 }
                if count == hashes {
                    let text = String(decoding: bytes[contentStart..<probe], as: UTF8.self)
                    index = probe + 1 + hashes
                    tokens.append(Token(.string, SourceRange(start, index), text))
                    return true
                }
            }
            if bytes[probe] == UInt8(ascii: "\n"), hashes == 0 { break }
            probe += 1
        }
        index = probe
        diagnostics.error(.unterminatedString, "raw string literal is not terminated",
                          at: SourceRange(start, start + 1 + hashes + 1))
        tokens.append(Token(.string, SourceRange(start, index), ""))
        return true
    }

    /// Lexes a quoted string starting at its opening quote, or, when `resumeAt` is given, the
    /// rest of an interpolated string after a `\(...)` part.
    private mutating func lexString(resumeAt: Int?) {
        let quoteStart = index
        if resumeAt == nil { index += 1 }
        let segmentStart = index
        var text: [UInt8] = []
        var interpolated = resumeAt != nil
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                let segment = String(decoding: text, as: UTF8.self)
                if interpolated {
                    if !text.isEmpty {
                        tokens.append(Token(.stringSegment, SourceRange(segmentStart, index - 1), segment))
                    }
                    tokens.append(Token(.interpolationEnd, SourceRange(index - 1, index)))
                } else {
                    tokens.append(Token(.string, SourceRange(quoteStart, index), segment))
                }
                return
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = index
                index += 1
                guard index < bytes.count else { break }
                let next = bytes[index]
                index += 1
                switch next {
                case UInt8(ascii: "n"): text.append(10)
                case UInt8(ascii: "t"): text.append(9)
                case UInt8(ascii: "r"): text.append(13)
                case UInt8(ascii: "0"): text.append(0)
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
                case UInt8(ascii: "u"): lexUnicodeEscape(escapeStart, into: &text)
                case UInt8(ascii: "("):
                    if !interpolated {
                        tokens.append(Token(.interpolationBegin, SourceRange(quoteStart, quoteStart + 1)))
                        interpolated = true
                    }
                    if !text.isEmpty {
                        tokens.append(Token(.stringSegment, SourceRange(segmentStart, escapeStart),
                                            String(decoding: text, as: UTF8.self)))
                        text.removeAll()
                    }
                    tokens.append(Token(.interpolationOpen, SourceRange(escapeStart, index)))
                    brackets.append(UInt8(ascii: "("))
                    interpolationDepths.append(brackets.count)
                    interpolationStarts.append(escapeStart)
                    return
                default:
                    diagnostics.error(.invalidEscape,
                                      "invalid escape sequence '\\\(String(decoding: [next], as: UTF8.self))'",
                                      at: SourceRange(escapeStart, index),
                                      notes: ["help: valid escapes are \\n \\t \\r \\0 \\\\ \\\" \\u{...} \\(...); use r\"...\" for regexes"])
                }
                continue
            }
            text.append(byte)
            index += 1
        }
        diagnostics.error(.unterminatedString, "string literal is not terminated before the end of the line",
                          at: SourceRange(resumeAt ?? quoteStart, (resumeAt ?? quoteStart) + 1))
        if interpolated {
            tokens.append(Token(.interpolationEnd, SourceRange(index, index)))
        } else {
            tokens.append(Token(.string, SourceRange(quoteStart, index), String(decoding: text, as: UTF8.self)))
        }
    }

    /// Decodes `\u{XXXX}` after `\u` has been consumed.
    private mutating func lexUnicodeEscape(_ escapeStart: Int, into text: inout [UInt8]) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            diagnostics.error(.invalidEscape, "expected '{' after \\u", at: SourceRange(escapeStart, index))
            return
        }
        index += 1
        var value: UInt32 = 0
        var count = 0
        while index < bytes.count, let digit = hexValue(bytes[index]), count < 8 {
            value = value * 16 + digit
            count += 1
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "}"), count > 0,
              let scalar = Unicode.Scalar(value) else {
            diagnostics.error(.invalidEscape, "invalid unicode escape", at: SourceRange(escapeStart, index))
            return
        }
        index += 1
        text.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static let symbolsByLength: [[(bytes: [UInt8], symbol: Symbol)]] = {
        let all = Symbol.allCases.map { (Array($0.rawValue.utf8), $0) }
        return [all.filter { $0.0.count == 2 }, all.filter { $0.0.count == 1 }]
    }()

    private mutating func lexSymbol() {
        let start = index
        for group in Lexer.symbolsByLength {
            for (spelling, symbol) in group where index + spelling.count <= bytes.count {
                if bytes[index..<index + spelling.count].elementsEqual(spelling) {
                    index += spelling.count
                    trackBracket(symbol)
                    tokens.append(Token(.symbol(symbol), SourceRange(start, index), symbol.rawValue))
                    return
                }
            }
        }
        // Unknown: skip one whole scalar so the caret points at a real character.
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        let text = source.text(in: SourceRange(start, index))
        diagnostics.error(.unexpectedCharacter, "unexpected character '\(text)'", at: SourceRange(start, index))
    }

    private mutating func trackBracket(_ symbol: Symbol) {
        switch symbol {
        case .leftParen: brackets.append(UInt8(ascii: "("))
        case .leftBracket: brackets.append(UInt8(ascii: "["))
        case .leftBrace: brackets.append(UInt8(ascii: "{"))
        case .rightParen, .rightBracket, .rightBrace:
            if !brackets.isEmpty { brackets.removeLast() }
        default: break
        }
    }
}
