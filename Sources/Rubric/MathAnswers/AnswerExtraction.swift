/// Finds the final answer in a model's response: the last `\boxed{...}`, the GSM8K `####`
/// line, or the text after "answer is" / "Answer:". All scans are linear in the text.
enum AnswerExtraction {
    /// The extraction modes of `extract_answer`.
    static let modes = ["auto", "boxed", "hash", "answer_is"]

    /// Extracts with the named mode ("auto" tries boxed, hash, then answer_is), or nil.
    static func extract(_ text: String, mode: String) -> String? {
        switch mode {
        case "boxed": return lastBoxed(text)
        case "hash": return afterHashes(text)
        case "answer_is": return afterAnswerIs(text)
        default: return lastBoxed(text) ?? afterHashes(text) ?? afterAnswerIs(text)
        }
    }

    /// The content of the last `\boxed{...}` or `\fbox{...}` (braces balanced, nested boxes
    /// allowed), or of `\boxed 5` (the token after the space, up to whitespace or `$`, without
    /// a final period). Nil when there is no box or the last one never closes (a truncated
    /// answer).
    static func lastBoxed(_ text: String) -> String? {
        // Everything before the first box is irrelevant: start the scalar work there (a
        // backslash is ASCII, so the byte offset is a scalar boundary).
        let starts = [FastText.firstByteOffset(of: "\\boxed", in: text), FastText.firstByteOffset(of: "\\fbox", in: text)]
        guard let first = starts.compactMap({ $0 }).min() else { return nil }
        let scalars = ScalarText.scalars(String(text[text.utf8.index(text.utf8.startIndex, offsetBy: first)...]))
        let boxed = ScalarText.scalars("\\boxed"), fbox = ScalarText.scalars("\\fbox")
        // Each search resumes left of the previous find, so the scan stays linear.
        var boxedIndex = ScalarText.lastIndex(of: boxed, in: scalars, before: scalars.count) ?? -1
        var fboxIndex = ScalarText.lastIndex(of: fbox, in: scalars, before: scalars.count) ?? -1
        while true {
            let start = max(boxedIndex, fboxIndex)
            if start < 0 { return nil }
            let afterCommand = start + (boxedIndex > fboxIndex ? boxed.count : fbox.count)
            if afterCommand < scalars.count, scalars[afterCommand] == "{" {
                guard let close = BoxedContent.closingBrace(scalars, opening: afterCommand, limit: scalars.count) else { return nil }
                return ScalarText.string(scalars[(afterCommand + 1)..<close])
            }
            if afterCommand < scalars.count, scalars[afterCommand] == " " {
                let tokenStart = ScalarText.skipSpaces(scalars, from: afterCommand)
                var tokenEnd = tokenStart
                while tokenEnd < scalars.count && !ScalarText.isSpace(scalars[tokenEnd]) && scalars[tokenEnd] != "$" { tokenEnd += 1 }
                // A sentence's final period is not part of the token.
                if tokenEnd > tokenStart + 1 && scalars[tokenEnd - 1] == "." { tokenEnd -= 1 }
                if tokenEnd > tokenStart { return ScalarText.string(scalars[tokenStart..<tokenEnd]) }
            }
            // `\boxedx` or a box with nothing after it: look further left.
            if start == boxedIndex {
                boxedIndex = ScalarText.lastIndex(of: boxed, in: scalars, before: start + boxed.count - 1) ?? -1
            } else {
                fboxIndex = ScalarText.lastIndex(of: fbox, in: scalars, before: start + fbox.count - 1) ?? -1
            }
        }
    }

    /// GSM8K style: the rest of the line after the last `####`, trimmed, with commas removed
    /// ("#### 1,234" gives "1234"); nil when there is no `####` or nothing follows it.
    static func afterHashes(_ text: String) -> String? {
        let scalars = ScalarText.scalars(text)
        guard let marker = ScalarText.lastIndex(of: ScalarText.scalars("####"), in: scalars, before: scalars.count) else {
            return nil
        }
        var end = marker + 4
        while end < scalars.count && scalars[end] != "\n" { end += 1 }
        let line = ScalarText.trimmed(Array(scalars[(marker + 4)..<end]).filter { $0 != "," })
        return line.isEmpty ? nil : ScalarText.string(line)
    }

    /// The text after the last "answer is" or "answer:" (any case), up to the end of the line
    /// or of the sentence (a period followed by a space), trimmed, without a trailing
    /// period, Markdown `**`, a leading colon, or surrounding `$...$` / `\(...\)`; nil when
    /// there is no such phrase or nothing follows it.
    static func afterAnswerIs(_ text: String) -> String? {
        let scalars = ScalarText.scalars(text)
        let lowered = scalars.map { ScalarText.isASCIILetter($0) ? Unicode.Scalar(UInt8(truncatingIfNeeded: $0.value) | 0x20) : $0 }
        var best: Int?
        for marker in ["answer is", "answer:"] {
            if let index = ScalarText.lastIndex(of: ScalarText.scalars(marker), in: lowered, before: lowered.count) {
                let end = index + marker.count
                if best.map({ end > $0 }) ?? true { best = end }
            }
        }
        guard let start = best else { return nil }
        var end = start
        while end < scalars.count && scalars[end] != "\n" {
            if scalars[end] == "." && (end + 1 == scalars.count || ScalarText.isSpace(scalars[end + 1])) { break }
            end += 1
        }
        var answer = ScalarText.trimmed(Array(scalars[start..<end]))
        var changed = true
        while changed && !answer.isEmpty {
            changed = false
            let before = answer
            while answer.first == ":" || answer.first == "*" { answer.removeFirst() }
            while answer.last == "." || answer.last == "*" { answer.removeLast() }
            answer = ScalarText.trimmed(answer)
            if answer.count >= 2 && answer.first == "$" && answer.last == "$" {
                answer = ScalarText.trimmed(Array(answer.dropFirst().dropLast()))
            }
            if answer.count >= 4 && ScalarText.matches(answer, "\\(", at: 0) && ScalarText.matches(answer, "\\)", at: answer.count - 2) {
                answer = ScalarText.trimmed(Array(answer.dropFirst(2).dropLast(2)))
            }
            changed = answer != before
        }
        return answer.isEmpty ? nil : ScalarText.string(answer)
    }
}
