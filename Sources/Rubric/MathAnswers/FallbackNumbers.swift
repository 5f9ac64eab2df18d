import Foundation

/// math-verify's last resort when an answer's LaTeX does not parse: the plain numbers in the
/// text (its "number with anchors" regex: a number at the start or after a space or `=`,
/// optionally after a currency sign, with thousands separators, a decimal part and a percent
/// sign) and bare `\frac{a}{b}` of numbers. The candidate that ends last is used.
enum FallbackNumbers {
    /// A candidate found in the text.
    struct Candidate {
        var start: Int
        var end: Int
        var value: MathNode
    }

    /// The currency signs a number may follow (math-verify's list).
    static let currencies = Set("$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₩₪₫₭₮₯₰₱₲₳₴₵₶₷₸₹₺₻₼₽₾₿".unicodeScalars)

    /// The value math-verify falls back to, or nil when the text has no candidate.
    static func value(in text: Scalars) -> MathNode? {
        var candidates = numbers(in: text) + fractions(in: text)
        candidates.sort { ($0.end, -$0.start) > ($1.end, -$1.start) }
        return candidates.first?.value
    }

    /// Every non-overlapping number match, left to right.
    static func numbers(in text: Scalars) -> [Candidate] {
        var results: [Candidate] = []
        var start = 0
        while start < text.count {
            if let candidate = numberMatch(text, at: start) {
                results.append(candidate)
                start = max(candidate.end, start + 1)
            } else {
                start += 1
            }
        }
        return results
    }

    /// Tries `(?:^|\s|=)(?:\*\*)?[currency]?NUMBER PERCENT?` starting at `start`.
    private static func numberMatch(_ text: Scalars, at start: Int) -> Candidate? {
        var anchors: [Int] = []
        if start == 0 { anchors.append(0) }
        if ScalarText.isSpace(text[start]) || text[start] == "=" { anchors.append(start + 1) }
        for anchor in anchors {
            var bodies = [anchor]
            if ScalarText.matches(text, "**", at: anchor) { bodies.insert(anchor + 2, at: 0) }
            for body in bodies {
                var numberStarts = [body]
                if body < text.count && currencies.contains(text[body]) { numberStarts.insert(body + 1, at: 0) }
                for numberStart in numberStarts {
                    if numberStart > 0 && ScalarText.isDigit(text[numberStart - 1]) { continue }
                    if let (end, value) = number(text, at: numberStart) {
                        return Candidate(start: start, end: end, value: value)
                    }
                }
            }
        }
        return nil
    }

    /// Matches the number alternatives at `index` and the optional percent suffix.
    private static func number(_ text: Scalars, at index: Int) -> (Int, MathNode)? {
        /// Returns the end of the run of (at most `max`) digits starting at `position`.
        func digits(from position: Int, max: Int = .max) -> Int {
            var end = position
            while end < text.count && end - position < max && ScalarText.isDigit(text[end]) { end += 1 }
            return end
        }
        var integerText = "", decimalText = ""
        var end = -1
        var sign = index
        if sign < text.count && text[sign] == "-" { sign += 1 }
        // 1: thousands groups "1,234" or "1 234", optional ".5".
        if sign < text.count, ScalarText.isDigit(text[sign]), text[sign] != "0" {
            var leadEnd = digits(from: sign + 1, max: 2)
            while leadEnd > sign {
                var position = leadEnd, groups = 0
                while position < text.count && (text[position] == "," || text[position] == " ")
                        && digits(from: position + 1, max: 3) == position + 4 {
                    position += 4
                    groups += 1
                }
                if groups > 0 {
                    integerText = ScalarText.string(text[index..<position])
                    end = position
                    if position + 1 < text.count && text[position] == "." && ScalarText.isDigit(text[position + 1]) {
                        let fractionEnd = digits(from: position + 1)
                        decimalText = ScalarText.string(text[position..<fractionEnd])
                        end = fractionEnd
                    }
                    break
                }
                leadEnd -= 1
                if leadEnd == sign { break }
            }
        }
        // 2: "123.45" or "123,45"; 3: ".45"; 4: "123".
        if end < 0, sign < text.count, ScalarText.isDigit(text[sign]) {
            let integerEnd = digits(from: sign)
            if integerEnd + 1 < text.count && (text[integerEnd] == "." || text[integerEnd] == ",") && ScalarText.isDigit(text[integerEnd + 1]) {
                integerText = ScalarText.string(text[index..<integerEnd])
                let fractionEnd = digits(from: integerEnd + 1)
                decimalText = ScalarText.string(text[integerEnd..<fractionEnd])
                end = fractionEnd
            }
        }
        if end < 0, index + 1 < text.count, text[index] == ".", ScalarText.isDigit(text[index + 1]) {
            let fractionEnd = digits(from: index + 1)
            decimalText = ScalarText.string(text[index..<fractionEnd])
            end = fractionEnd
        }
        if end < 0, sign < text.count, ScalarText.isDigit(text[sign]) {
            end = digits(from: sign)
            integerText = ScalarText.string(text[index..<end])
        }
        guard end >= 0 else { return nil }
        var percentEnd = end
        if let suffixEnd = percentSuffix(text, at: end) { percentEnd = suffixEnd }
        var integer = String(integerText.unicodeScalars.filter { $0 != "," && $0 != " " })
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        while integer.hasPrefix("0") { integer.removeFirst() }
        if integer.isEmpty { integer = "0" }
        let decimal = decimalText.replacingOccurrences(of: ",", with: ".")
        let asciiDigits = String((integer + decimal).unicodeScalars.map { scalar -> Character in
            if let digit = scalar.properties.numericType == .decimal ? scalar.properties.numericValue : nil,
               !ScalarText.isASCIIDigit(scalar) {
                return Character(String(Int(digit)))
            }
            return Character(scalar)
        })
        var value = MathNodeBuilder.number(asciiDigits)
        if negative { value = MathNodeBuilder.negate(value) }
        if percentEnd > end { value = .percent(value) }
        return (percentEnd, value)
    }

    /// Matches `\s*(?:%|[Pp]ercent|\s*[Pp]ercentage|\s*[Pp]ct)` at `index`.
    private static func percentSuffix(_ text: Scalars, at index: Int) -> Int? {
        let position = ScalarText.skipSpaces(text, from: index)
        if position < text.count && text[position] == "%" { return position + 1 }
        for word in ["percent", "Percent", "percentage", "Percentage", "pct", "Pct"] where ScalarText.matches(text, word, at: position) {
            return position + word.unicodeScalars.count
        }
        return nil
    }

    /// Bare fractions `-?\frac{n}{n}` of plain numbers, with an optional percent sign.
    static func fractions(in text: Scalars) -> [Candidate] {
        var results: [Candidate] = []
        var index = 0
        let command = ScalarText.scalars("\\frac{")
        while let found = ScalarText.firstIndex(of: command, in: text, from: index) {
            let start = found > 0 && text[found - 1] == "-" ? found - 1 : found
            var position = found + command.count
            guard let topEnd = simpleNumberEnd(text, at: position), topEnd < text.count, text[topEnd] == "}",
                  topEnd + 1 < text.count, text[topEnd + 1] == "{",
                  let bottomEnd = simpleNumberEnd(text, at: topEnd + 2), bottomEnd < text.count, text[bottomEnd] == "}" else {
                index = found + 1
                continue
            }
            position = bottomEnd + 1
            let latex = Array(text[start..<position])
            let normalized = LatexCleanup.normalize(latex, boxed: .all)
            if var value = MathAnswerReader.parseLatex(normalized) {
                var end = position
                let afterSpaces = ScalarText.skipSpaces(text, from: position)
                if ScalarText.matches(text, "\\%", at: afterSpaces) {
                    end = afterSpaces + 2
                    value = .percent(value)
                } else if afterSpaces < text.count && text[afterSpaces] == "%" {
                    end = afterSpaces + 1
                    value = .percent(value)
                }
                results.append(Candidate(start: start, end: end, value: value))
            }
            index = position
        }
        return results
    }

    /// Matches `-?\d+(?:[.,]\d+)?` and returns its end.
    private static func simpleNumberEnd(_ text: Scalars, at index: Int) -> Int? {
        var position = index
        if position < text.count && text[position] == "-" { position += 1 }
        let digitsStart = position
        while position < text.count && ScalarText.isDigit(text[position]) { position += 1 }
        guard position > digitsStart else { return nil }
        if position + 1 < text.count && (text[position] == "." || text[position] == ",") && ScalarText.isDigit(text[position + 1]) {
            position += 1
            while position < text.count && ScalarText.isDigit(text[position]) { position += 1 }
        }
        return position
    }
}
