import Foundation
import Rubric
import RubricSyntax

/// Tab completion at the prompt: commands after a leading `:`, otherwise names (builtins,
/// standard-library functions, keywords and the session's own names).
enum ReplCompletion {
    /// The builtins, library functions and keywords, sorted; the session adds its names.
    static let fixedNames: [String] = Array(Set(BuiltinLibrary.all.map(\.name) + StandardLibrary.shared.names
                                                + Keyword.allCases.map(\.rawValue))).sorted()

    /// The word being completed at the end of `line` (the text before the cursor) and the
    /// candidates that start with it, sorted.
    static func complete(_ line: String, names: [String]) -> (word: String, matches: [String]) {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix(":") {
            guard !trimmed.contains(" ") else { return (String(trimmed), []) }
            return (String(trimmed), Repl.commandNames.map { ":" + $0 }.filter { $0.hasPrefix(trimmed) })
        }
        let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        guard !word.isEmpty, !(word.first?.isNumber ?? false) else { return (word, []) }
        return (word, Set(names).filter { $0.hasPrefix(word) }.sorted())
    }

    /// The longest text every word starts with.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The words in columns across a line of `width` characters.
    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / cell)
        var lines: [String] = []
        for start in stride(from: 0, to: words.count, by: perLine) {
            let row = words[start..<min(start + perLine, words.count)]
            lines.append(row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined()
                .trimmingTrailingWhitespace)
        }
        return lines.joined(separator: "\n")
    }
}
