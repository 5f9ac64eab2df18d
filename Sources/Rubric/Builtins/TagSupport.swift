/// Extraction of the text between `<tag>` and `</tag>`, as Python's
/// `re.findall(r"<tag>(.*?)</tag>", text, re.DOTALL)` finds it: matches are non-greedy (each
/// ends at the first closing tag after its opening tag), never overlap, and are found from
/// left to right. Tags are matched literally and case-sensitively: `<tag attr="x">` is not an
/// opening tag. Searching is plain substring search on UTF-8 bytes, linear in the text.
enum TagSupport {
    /// True when `name` can be used as a tag name: one or more letters, decimal digits, or the
    /// characters `_`, `-` and `:`.
    static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar == "_" || scalar == "-" || scalar == ":"
                || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
        }
    }

    /// The contents of the non-overlapping `<tag>…</tag>` pairs of `text`, left to right, at
    /// most `limit` of them.
    static func contents(of tag: String, in text: String, limit: Int = .max) -> [String] {
        let opening = "<" + tag + ">"
        let closing = "</" + tag + ">"
        let openingLength = opening.utf8.count
        let closingLength = closing.utf8.count
        var found: [String] = []
        var position = 0
        let bytes = Array(text.utf8)
        while found.count < limit,
              let start = FastText.firstByteOffset(of: opening, in: text, from: position) {
            let contentStart = start + openingLength
            // No closing tag after this opening tag means none after any later one either.
            guard let end = FastText.firstByteOffset(of: closing, in: text, from: contentStart) else { break }
            found.append(TextSupport.string(bytes[contentStart..<end]))
            position = end + closingLength
        }
        return found
    }
}
