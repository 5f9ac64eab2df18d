/// Substring search in linear time, for text that comes from clients: a naive search is
/// quadratic, and a request may hold megabytes of prompt and query.
enum TextSearch {
    /// The index just after the first occurrence of `needle` in `haystack` (Knuth–Morris–Pratt
    /// over UTF-8 bytes, so equal means byte-equal), or nil when it does not occur.
    static func endOfFirstMatch(of needle: String, in haystack: String) -> String.Index? {
        // The usual case, a query that starts with its prompt, costs one comparison.
        var (needleCopy, haystackCopy) = (needle, haystack)
        let isPrefix = needleCopy.withUTF8 { pattern in
            haystackCopy.withUTF8 { text in text.count >= pattern.count && text.prefix(pattern.count).elementsEqual(pattern) }
        }
        if isPrefix { return haystack.utf8.index(haystack.utf8.startIndex, offsetBy: needle.utf8.count) }
        let pattern = Array(needle.utf8)
        // failure[i]: length of the longest proper border of pattern[0...i].
        var failure = [Int](repeating: 0, count: pattern.count)
        var border = 0
        for index in 1..<pattern.count {
            while border > 0 && pattern[index] != pattern[border] { border = failure[border - 1] }
            if pattern[index] == pattern[border] { border += 1 }
            failure[index] = border
        }
        var matched = 0
        var position = haystack.utf8.startIndex
        for byte in haystack.utf8 {
            while matched > 0 && byte != pattern[matched] { matched = failure[matched - 1] }
            if byte == pattern[matched] { matched += 1 }
            position = haystack.utf8.index(after: position)
            if matched == pattern.count { return position }
        }
        return nil
    }
}
