import Rubric
import RubricSyntax

/// The libFuzzer dictionary: words a mutation can insert whole, taken from the lexer's
/// keywords and symbols, the builtin registry and the standard library.
enum FuzzDictionary {
    static var text: String {
        var words = Keyword.allCases.map(\.rawValue) + Symbol.allCases.map(\.rawValue)
        words += BuiltinLibrary.all.map(\.name) + StandardLibrary.shared.names
        words += ["# sample: ", "# batch: ", "\n", "r\"", "\\(", "input x: ", "list[", "map[", "any", "string", "float",
                  "int", "bool", "number", "1e308", "9223372036854775807", "-0.0", "NaN", "\u{FEFF}", "\u{0}"]
        return words.map { word in
            "\"" + word.utf8.map { byte in
                (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                    ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }.joined() + "\""
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
