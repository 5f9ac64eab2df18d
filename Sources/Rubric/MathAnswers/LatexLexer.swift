/// Splits a normalized answer into `LatexToken`s the way the PS grammar's ANTLR lexer does:
/// at each position the longest matching token wins, whitespace and spacing commands are
/// skipped, and any character the grammar has no token for makes the whole answer
/// unparseable (math-verify then falls back to comparing strings). Linear in the input,
/// apart from a bounded look-ahead for multi-character spellings.
enum LatexLexer {
    /// Returns the tokens, or nil when some character cannot be tokenized.
    static func tokenize(_ text: Scalars) -> [LatexToken]? {
        // nextClose[i] is the first `}` at or after i, so accent arguments are found in O(1).
        var nextClose = [Int](repeating: text.count, count: text.count + 1)
        var position = text.count - 1
        while position >= 0 {
            nextClose[position] = text[position] == "}" ? position : nextClose[position + 1]
            position -= 1
        }
        var tokens: [LatexToken] = []
        var index = 0
        while index < text.count {
            let scalar = text[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                index += 1
                continue
            }
            guard let (token, length) = next(text, at: index, nextClose) else { return nil }
            if let token { tokens.append(token) }
            index += max(length, 1)
        }
        return tokens
    }

    /// The token at `index` and its length; a nil token is skipped.
    private static func next(_ text: Scalars, at index: Int, _ nextClose: [Int]) -> (LatexToken?, Int)? {
        let scalar = text[index]
        if scalar == "\\" { return backslashToken(text, at: index, nextClose) }
        if scalar == "^" {
            for (spelling, token) in LatexVocabulary.caretTokens where ScalarText.matches(text, spelling, at: index) {
                return (token, spelling.unicodeScalars.count)
            }
            return (.punctuation("^"), 1)
        }
        if ScalarText.isASCIIDigit(scalar) || (scalar == "." && index + 1 < text.count && ScalarText.isASCIIDigit(text[index + 1])) {
            return numberToken(text, at: index)
        }
        if ScalarText.isASCIILetter(scalar) { return letterToken(text, at: index) }
        switch scalar {
        case "+", "-", "*", "/", "(", ")", "{", "}", "[", "]", "|", ",", ";", ":", "_", ".", "&":
            return (.punctuation(String(scalar)), 1)
        case "=":
            return ScalarText.matches(text, "==", at: index) ? (.relation(.equal), 2) : (.relation(.equal), 1)
        case "<":
            if ScalarText.matches(text, "<->", at: index) || ScalarText.matches(text, "<=>", at: index) {
                return (.unsupported("<->"), 3)
            }
            return ScalarText.matches(text, "<=", at: index) ? (.relation(.lessOrEqual), 2) : (.relation(.less), 1)
        case ">":
            return ScalarText.matches(text, ">=", at: index) ? (.relation(.greaterOrEqual), 2) : (.relation(.greater), 1)
        case "!":
            if ScalarText.matches(text, "!==", at: index) { return (.relation(.notEqual), 3) }
            return ScalarText.matches(text, "!=", at: index) ? (.relation(.notEqual), 2) : (.punctuation("!"), 1)
        case "~":
            return ScalarText.matches(text, "~=", at: index) ? (.setRelation("approx"), 2) : nil
        case "'":
            return (.transpose, 1)
        default:
            break
        }
        if let name = LatexVocabulary.greekCharacters[scalar] {
            return (.greek(name), index + 1 < text.count && text[index + 1] == " " ? 2 : 1)
        }
        if let token = LatexVocabulary.unicodeTokens[scalar] { return (token, 1) }
        return nil
    }

    /// Reads `NUMBER`, `E_NOTATION` (`1.5E3`, `2E-4`) or `PERCENT_NUMBER` (`50\%`, `50 %`).
    private static func numberToken(_ text: Scalars, at index: Int) -> (LatexToken?, Int)? {
        var end = index
        while end < text.count && ScalarText.isASCIIDigit(text[end]) { end += 1 }
        if end + 1 < text.count && text[end] == "." && ScalarText.isASCIIDigit(text[end + 1]) {
            end += 1
            while end < text.count && ScalarText.isASCIIDigit(text[end]) { end += 1 }
        }
        let number = ScalarText.string(text[index..<end])
        // E notation: NUMBER 'E' [+-]? DIGIT+
        if end < text.count && text[end] == "E" {
            var position = end + 1
            if position < text.count && (text[position] == "+" || text[position] == "-") { position += 1 }
            let digitsStart = position
            while position < text.count && ScalarText.isASCIIDigit(text[position]) { position += 1 }
            if position > digitsStart { return (.eNotation(ScalarText.string(text[index..<position])), position - index) }
        }
        // PERCENT_NUMBER: NUMBER WS_CHAR? ('\%' | '%')
        var position = end
        if position < text.count && (text[position] == " " || text[position] == "\t" || text[position] == "\r" || text[position] == "\n") {
            position += 1
        }
        if ScalarText.matches(text, "\\%", at: position) { return (.percentNumber(number), position + 2 - index) }
        if position < text.count && text[position] == "%" { return (.percentNumber(number), position + 1 - index) }
        return (.number(number), end - index)
    }

    /// Reads a letter: a bare operator name (longest), a differential `dx`, `e`, `E`, or a
    /// single letter.
    private static func letterToken(_ text: Scalars, at index: Int) -> (LatexToken?, Int)? {
        var best: (LatexToken, Int)?
        let scalar = text[index]
        for name in LatexVocabulary.bareNamesByFirstLetter[scalar] ?? [] where ScalarText.matches(text, name, at: index) {
            if best.map({ name.count > $0.1 }) ?? true { best = (.unsupported(ScalarText.string(name)), name.count) }
        }
        if scalar == "d", let (name, length) = differential(text, at: index), best.map({ length > $0.1 }) ?? true {
            return (.differential(name), length)
        }
        if let best, best.1 > 1 { return best }
        if scalar == "e" { return (.eulerE, 1) }
        if scalar == "E" { return (.capitalE, 1) }
        return (.letter(String(scalar)), 1)
    }

    /// Matches `'d' WS*? ([a-zA-Z] | '\\' [a-zA-Z]+)` and returns the symbol name ("d" plus
    /// the variable) and the length.
    private static func differential(_ text: Scalars, at index: Int) -> (String, Int)? {
        var position = index + 1
        while position < text.count && (text[position] == " " || text[position] == "\t" || text[position] == "\r" || text[position] == "\n") {
            position += 1
        }
        guard position < text.count else { return nil }
        if ScalarText.isASCIILetter(text[position]) {
            return ("d" + String(text[position]), position + 1 - index)
        }
        if text[position] == "\\" {
            var end = position + 1
            while end < text.count && ScalarText.isASCIILetter(text[end]) { end += 1 }
            if end > position + 1 { return ("d" + ScalarText.string(text[(position + 1)..<end]), end - index) }
        }
        return nil
    }

    /// Reads a backslash token: the longest of the fixed commands, Greek letters (which take
    /// one following space), other symbols, and accents with their braced argument.
    private static func backslashToken(_ text: Scalars, at index: Int, _ nextClose: [Int]) -> (LatexToken?, Int)? {
        var best: (LatexToken?, Int)?
        /// Keeps the candidate when it is longer than the best so far (ANTLR's longest match).
        func consider(_ token: LatexToken?, _ length: Int) {
            if best.map({ length > $0.1 }) ?? true { best = (token, length) }
        }
        // The command name: letters, or one other character.
        // No spelling is longer than 24 characters, so longer names need not be read.
        var nameEnd = index + 1
        while nameEnd < text.count && nameEnd < index + 24 && ScalarText.isASCIILetter(text[nameEnd]) { nameEnd += 1 }
        if nameEnd == index + 1 && nameEnd < text.count { nameEnd += 1 }
        // Fixed spellings with braces come first, so `\mathbb{R}` is ℝ rather than an accent.
        for spelling in ["\\{\\}", "\\lbrace\\rbrace", "\\not\\equiv", "\\infty\\%", "\\mathbb{N}", "\\mathbb{Z}", "\\mathbb{Q}",
                         "\\mathbb{R}", "\\mathbb{C}", "\\mathbb{P}"] where ScalarText.matches(text, spelling, at: index) {
            if let token = LatexVocabulary.commands[spelling] { consider(token, spelling.unicodeScalars.count) }
        }
        // Every prefix of the name may be a token (`\pix` is `\pi` then x).
        var prefixEnd = index + 2
        while prefixEnd <= nameEnd {
            let spelling = ScalarText.string(text[index..<prefixEnd])
            if let token = LatexVocabulary.commands[spelling] { consider(token, prefixEnd - index) }
            if let name = LatexVocabulary.greekCommands[spelling] {
                let spaced = prefixEnd < text.count && text[prefixEnd] == " "
                consider(.greek(name), prefixEnd - index + (spaced ? 1 : 0))
            }
            if LatexVocabulary.otherSymbols.contains(spelling) {
                let spaced = prefixEnd < text.count && text[prefixEnd] == " "
                consider(.otherSymbol(String(spelling.dropFirst())), prefixEnd - index + (spaced ? 1 : 0))
            }
            if LatexVocabulary.accents.contains(spelling), let (content, length) = accentArgument(text, from: prefixEnd, nextClose) {
                consider(.accent(String(spelling.dropFirst()), content), prefixEnd - index + length)
            }
            prefixEnd += 1
        }
        if ScalarText.matches(text, "\\infty%", at: index) { consider(.infinity, 7) }
        if let length = environmentLength(text, at: index) {
            consider(.command(text[index + 1] == "b" ? "\\begin{matrix}" : "\\end{matrix}"), length)
        }
        return best
    }

    /// Matches the start or end of a matrix environment (`matrix`, `pmatrix`, `bmatrix`, or
    /// `array` with a column specification of c, l and r) and returns its length.
    private static func environmentLength(_ text: Scalars, at index: Int) -> Int? {
        for prefix in ["\\begin{", "\\end{"] where ScalarText.matches(text, prefix, at: index) {
            let nameStart = index + prefix.unicodeScalars.count
            for name in ["matrix}", "pmatrix}", "bmatrix}"] where ScalarText.matches(text, name, at: nameStart) {
                return nameStart + name.unicodeScalars.count - index
            }
            guard ScalarText.matches(text, "array}", at: nameStart) else { return nil }
            var end = nameStart + 6
            if prefix == "\\end{" { return end - index }
            guard end < text.count, text[end] == "{" else { return nil }
            end += 1
            while end < text.count && ["c", "l", "r"].contains(text[end]) { end += 1 }
            guard end < text.count, text[end] == "}" else { return nil }
            return end + 1 - index
        }
        return nil
    }

    /// Matches `WS_CHAR? '{' ('\}' | ~[}])*? '}'` and returns the content and the length.
    private static func accentArgument(_ text: Scalars, from start: Int, _ nextClose: [Int]) -> (String, Int)? {
        var position = start
        if position < text.count && (text[position] == " " || text[position] == "\t" || text[position] == "\r" || text[position] == "\n") {
            position += 1
        }
        guard position < text.count, text[position] == "{" else { return nil }
        let end = nextClose[position + 1]
        guard end < text.count else { return nil }
        return (ScalarText.string(text[(position + 1)..<end]), end + 1 - start)
    }
}
