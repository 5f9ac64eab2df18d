/// math-verify's `extract_boxed_content`: takes the contents of the `\boxed{...}` and
/// `\fbox{...}` groups of a text, searching from the right. It is used on the answer strings
/// before parsing, so `\boxed{5}` and `5` parse alike. Linear in the length of the text.
enum BoxedContent {
    /// Which boxes to keep.
    enum Mode {
        /// Every box, joined by commas (the gold answer's setting).
        case all
        /// The last box, plus earlier ones separated from it by a short "and"/","/";" gap.
        case last
    }

    /// Returns the boxed contents of `text`, or `text` itself when it has no box.
    static func extract(_ text: Scalars, mode: Mode) -> Scalars {
        let boxed = ScalarText.scalars("\\boxed"), fbox = ScalarText.scalars("\\fbox")
        var results: [Scalars] = []
        var currentPosition = text.count
        var maxPosition = text.count
        var lastBoxedStart: Int?
        // Cached search results: a found index stays valid while it lies before the cursor.
        var boxedCache: Int?? = nil, fboxCache: Int?? = nil

        /// Finds the last occurrence of `pattern` left of the cursor, reusing a cached find.
        func search(_ pattern: Scalars, _ cache: inout Int??) -> Int? {
            if let cached = cache {
                if let index = cached, index + pattern.count <= currentPosition { return index }
                if cached == nil { return nil }
            }
            let found = ScalarText.lastIndex(of: pattern, in: text, before: currentPosition)
            cache = .some(found)
            return found
        }

        while true {
            let boxedIndex = search(boxed, &boxedCache) ?? -1
            let fboxIndex = search(fbox, &fboxCache) ?? -1
            if boxedIndex < 0 && fboxIndex < 0 { break }
            let start = max(boxedIndex, fboxIndex)
            var next = start + (boxedIndex > fboxIndex ? 6 : 5)
            while next < maxPosition && ScalarText.isSpace(text[next]) { next += 1 }
            if next >= maxPosition { break }
            if text[next] == "{" {
                guard let close = closingBrace(text, opening: next, limit: maxPosition) else {
                    if results.isEmpty { results.append(Array(text[next...])) }
                    break
                }
                let content = ScalarText.trimmed(Array(text[(next + 1)..<close]))
                if mode == .last, let laterStart = lastBoxedStart {
                    let previous = results.last ?? []
                    if !shouldKeep(text, content: content, later: previous, end: close, laterStart: laterStart) { break }
                }
                if results.last != content { results.append(content) }
                lastBoxedStart = start
                maxPosition = start
            } else {
                if results.isEmpty { results.append(Array(text[next...])) }
                break
            }
            currentPosition = start
        }
        if results.isEmpty { return text }
        var joined = Scalars()
        for (index, result) in results.reversed().enumerated() {
            if index > 0 { joined.append(",") }
            joined.append(contentsOf: result)
        }
        return joined
    }

    /// Returns the index of the brace closing the one at `opening`, looking before `limit`.
    static func closingBrace(_ text: Scalars, opening: Int, limit: Int) -> Int? {
        var depth = 1
        var index = opening + 1
        while index < limit {
            if text[index] == "{" {
                depth += 1
            } else if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// Decides whether an earlier box belongs to the answer in "last" mode: it must end
    /// within 10 characters of the later box, or within 70 with a separator ("and", "or",
    /// a comma or a semicolon) between them and a different content.
    private static func shouldKeep(_ text: Scalars, content: Scalars, later: Scalars, end: Int, laterStart: Int) -> Bool {
        let lower = min(end + 1, text.count), upper = max(lower, min(laterStart, text.count))
        let between = Array(text[lower..<upper])
        if between.count < 10 { return true }
        if later != content && between.count < 70 && hasSeparator(between) { return true }
        return false
    }

    /// Returns true when the text contains a comma, a semicolon, or the word "and" or "or".
    private static func hasSeparator(_ text: Scalars) -> Bool {
        for (index, scalar) in text.enumerated() {
            if scalar == "," || scalar == ";" { return true }
            for word in ["and", "or"] where ScalarText.matches(text, word, at: index) {
                if ScalarText.isWordBoundary(text, at: index) && ScalarText.isWordBoundary(text, at: index + word.count) {
                    return true
                }
            }
        }
        return false
    }
}
