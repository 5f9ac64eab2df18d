/// math-verify's unit removal: a trailing `\text{...}` or `\mbox{...}` (optionally squared:
/// `\text{cm}^2`) is dropped, then up to twice a trailing unit word from its list ("cm",
/// "meters", "degrees", "apples", single letters such as "m" or "s", ...) that follows a
/// digit, a closing brace or a space. A rule that would leave nothing is not applied, so
/// `\text{Yes}` stays a word. Only the last few dozen characters are examined.
enum UnitStripping {
    /// Removes trailing units as described above.
    static func strip(_ text: Scalars) -> Scalars {
        var value = text
        if let start = trailingTextStart(value) {
            let shortened = ScalarText.trimmed(Array(value[..<start]))
            if !shortened.isEmpty && shortened != value { value = shortened }
        }
        for _ in 0..<2 {
            guard let keep = trailingUnitStart(value) else { break }
            let shortened = Array(value[..<keep])
            if shortened.isEmpty || shortened == value { break }
            value = shortened
        }
        return value
    }

    /// math-verify's unit words, in its order; a `.` matches any character, as in its regex.
    /// ("integer" "point" is one word there: a missing comma in its list.)
    static let units: [Scalars] = [
        "integerpoint", "feet", "sue", "digit", "pound", "meal", "edge", "student", "children ticket", "multiple",
        "east", "degree", "mph", "kmph", "ft", "m square", " m east", "sq m", "deg", "mile", "q .", "monkey",
        "prime", "ratio", "profit of rs", "rd", "o", "gm", "p . m", "lb", "tile", "per", "dm", "lt", "gain", "ab",
        "way", "west", "a .", "b .", "c .", "d .", "e .", "f .", "g .", "h .", "t", "h", "no change", "men",
        "soldier", "pie", "bc", "excess", "st", "inches", "noon", "cent", "by", "gal", "kmh", "c", "acre", "rise",
        "a . m", "th", "π r 2", "sq", "mark", "l", "toy", "coin", "sq . m", "gallon", "° f", "profit", "minw", "yr",
        "women", "am", "pm", "hr", "cu cm", "square", "v â € ™", "are", "rupee", "rounds", "cubic", "cc", "mtr", "s",
        "ohm", "number", "kmph", "day", "hour", "minute", "min", "second", "man", "woman", "sec", "cube", "mt",
        "sq inch", "mp", "∏ cm ³", "hectare", "more", "sec", "unit", "cu . m", "cm 2", "rs .", "rs", "kg", "g",
        "month", "km", "m", "cm", "mm", "apple", "liter", "loss", "yard", "pure", "year", "increase", "decrease",
        "d", "less", "Surface", "litre", "pi sq m", "s .", "metre", "meter", "inch",
    ].map(ScalarText.scalars)

    /// The start of a trailing `\text{...}`/`\mbox{...}` group (the regex
    /// `(\\(?:text|mbox){.*?})(\^\d|\{\^\d\})?$`): the leftmost such command whose brace
    /// opens before a closing brace that ends the text, possibly followed by `^d` or `{^d}`.
    static func trailingTextStart(_ text: Scalars) -> Int? {
        let count = text.count
        var lastClose = -1
        if count >= 1 && text[count - 1] == "}" { lastClose = count - 1 }
        if lastClose < 0 && count >= 3 && text[count - 3] == "}" && text[count - 2] == "^" && ScalarText.isDigit(text[count - 1]) {
            lastClose = count - 3
        }
        guard lastClose > 0 else { return nil }
        // `.` does not match a newline, so the group cannot span one.
        var earliest = lastClose
        while earliest > 0 && text[earliest - 1] != "\n" { earliest -= 1 }
        var index = earliest
        while index + 6 <= lastClose {
            if text[index] == "\\" && (ScalarText.matches(text, "\\text{", at: index) || ScalarText.matches(text, "\\mbox{", at: index)) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Every unit word with its optional plural ending ("", "s", "es").
    static let unitWords: [Scalars] = units.flatMap { unit in [unit, unit + ["s"], unit + ["e", "s"]] }

    /// The length to keep when the text ends with a unit word (the regex
    /// `(\d|\}|\s)\s*(?:units)(?:s|es)?\s*$` replaced by its first group), or nil.
    static func trailingUnitStart(_ text: Scalars) -> Int? {
        var end = text.count
        while end > 0 && ScalarText.isSpace(text[end - 1]) { end -= 1 }
        guard end > 0 else { return nil }
        var best: Int?
        for word in unitWords {
            let start = end - word.count
            guard start >= 0, matchesUnit(text, word, at: start) else { continue }
            var runStart = start
            while runStart > 0 && ScalarText.isSpace(text[runStart - 1]) { runStart -= 1 }
            var anchor: Int?
            if runStart > 0 && (ScalarText.isDigit(text[runStart - 1]) || text[runStart - 1] == "}") {
                anchor = runStart - 1
            } else if runStart < start {
                anchor = runStart
            }
            if let anchor, best.map({ anchor < $0 }) ?? true { best = anchor }
        }
        return best.map { $0 + 1 }
    }

    /// Matches a unit word at `index`, with `.` standing for any character but a newline.
    private static func matchesUnit(_ text: Scalars, _ word: Scalars, at index: Int) -> Bool {
        for (offset, scalar) in word.enumerated() {
            let character = text[index + offset]
            if scalar == "." ? character == "\n" : character != scalar { return false }
        }
        return true
    }
}
