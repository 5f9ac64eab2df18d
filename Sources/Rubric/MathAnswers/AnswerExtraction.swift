#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSupport

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
        // The commands and braces are ASCII, so the search works on the UTF-8 bytes: a byte
        // below 0x80 is always a whole character. Only the rare `\boxed 5` form decodes
        // characters, to find the token's end by Python's notion of whitespace.
        withUTF8Bytes(of: text) { bytes, count -> String? in
            var end = count
            while let start = lastBoxCommand(bytes, count: count, before: end) {
                let afterCommand = start.offset + start.length
                if afterCommand < count, bytes[afterCommand] == UInt8(ascii: "{") {
                    guard let close = closingBrace(bytes, count: count, opening: afterCommand) else { return nil }
                    return String(decoding: UnsafeBufferPointer(start: bytes + afterCommand + 1, count: close - afterCommand - 1),
                                  as: UTF8.self)
                }
                if afterCommand < count, bytes[afterCommand] == UInt8(ascii: " ") {
                    let rest = text.unicodeScalars[text.utf8.index(text.utf8.startIndex, offsetBy: afterCommand)...]
                    if let token = spaceSeparatedToken(rest) { return token }
                }
                // `\boxedx` or a box with nothing after it: look further left.
                end = start.offset
            }
            return nil
        }
    }

    /// The last `\boxed` or `\fbox` of the `count` bytes that starts before byte `end`: its
    /// offset and length. Each call scans backslashes leftwards from `end` (memrchr), so a
    /// whole search that resumes left of each find stays linear.
    private static func lastBoxCommand(_ bytes: UnsafePointer<UInt8>, count: Int,
                                       before end: Int) -> (offset: Int, length: Int)? {
        var limit = end
        while limit > 0, let hit = rubric_memrchr(bytes, Int32(UInt8(ascii: "\\")), limit) {
            let offset = bytes.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let available = count - offset
            if available >= 6 && memcmp(bytes + offset, "\\boxed", 6) == 0 { return (offset, 6) }
            if available >= 5 && memcmp(bytes + offset, "\\fbox", 5) == 0 { return (offset, 5) }
            limit = offset
        }
        return nil
    }

    /// The index of the brace closing the one at `opening`, or nil when it never closes.
    private static func closingBrace(_ bytes: UnsafePointer<UInt8>, count: Int, opening: Int) -> Int? {
        var depth = 1
        var index = opening + 1
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// The token of `\boxed 5`: after the spaces that start `rest`, up to whitespace or `$`,
    /// without a sentence's final period; nil when it is empty. Reads only the spaces and the
    /// token, so trying every box of a text stays linear.
    private static func spaceSeparatedToken(_ rest: Substring.UnicodeScalarView) -> String? {
        var token = String.UnicodeScalarView()
        var seenToken = false
        for scalar in rest {
            if !seenToken && ScalarText.isSpace(scalar) { continue }
            if ScalarText.isSpace(scalar) || scalar == "$" { break }
            seenToken = true
            token.append(scalar)
        }
        // A sentence's final period is not part of the token.
        if token.count > 1 && token.last == "." { token.removeLast() }
        return token.isEmpty ? nil : String(token)
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
