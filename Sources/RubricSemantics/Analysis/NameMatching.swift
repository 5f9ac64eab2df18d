/// Substring tests on names and source text for the analyses' heuristics, on UTF-8 bytes
/// (ASCII case folded), without the string-processing machinery `String.contains` brings.
enum NameMatching {
    /// True when `text`, with ASCII letters lowercased, contains one of `parts` (lowercase).
    static func contains(any parts: [String], in text: String) -> Bool {
        let bytes = Array(text.utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        return parts.contains { part in contains(Array(part.utf8), in: bytes) }
    }

    /// True when `needle` occurs in `haystack`.
    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
