/// math-verify makes the symbols of an answer complex (SymPy `real=False`) when its LaTeX
/// looks like it involves complex numbers or matrices (a standalone `i`, `\mathbb{C}`,
/// `\det`, ...), and real otherwise. A real `x` and a complex `x` are different symbols, so
/// `3+4i` (the `i` is not standalone: real) differs from `3 + 4 i` (complex). The symbols of
/// a complex-looking answer get `suffix` appended to their names; word comparisons ignore it.
enum ComplexMarker {
    /// Appended to symbol names of complex-looking answers (a private-use character).
    static let suffix = "\u{E000}"

    /// Returns the symbol name without the marker.
    static func plainName(_ name: String) -> String {
        name.hasSuffix(suffix) ? String(name.unicodeScalars.dropLast()) : name
    }

    /// Returns true when the normalized LaTeX looks complex (math-verify's
    /// `should_treat_as_complex`).
    static func looksComplex(_ text: Scalars) -> Bool {
        for literal in ["\\mathbb{C}", "\\text{i}", "\\mathrm{i}", "\\det", "\\operatorname{tr}", "\\operatorname{rank}",
                        "\\text{rank}", "\\arg{", "\\Re{", "\\Im{", "\\operatorname{Re}", "\\operatorname{Im}", "\\text{Re}",
                        "\\text{Im}"] where ScalarText.firstIndex(of: ScalarText.scalars(literal), in: text) != nil {
            return true
        }
        for (index, scalar) in text.enumerated() where scalar == "i" {
            let after = ScalarText.isWordBoundary(text, at: index + 1)
            // `\i` and `\bi\b`.
            if index > 0 && text[index - 1] == "\\" && after { return true }
            if ScalarText.isWordBoundary(text, at: index) && after { return true }
            // `\imath\b`.
            if index > 0 && text[index - 1] == "\\" && ScalarText.matches(text, "imath", at: index)
                && ScalarText.isWordBoundary(text, at: index + 5) {
                return true
            }
        }
        return false
    }
}
