/// One token of an answer, following the lexer of latex2sympy2_extended's PS grammar (the
/// parser math-verify uses), restricted to what math answers contain.
enum LatexToken: Equatable, Sendable {
    /// Digits with an optional decimal part (`12`, `1.5`, `.5`).
    case number(String)
    /// A number in E notation (`1.5E3`; only a capital E, as in the grammar).
    case eNotation(String)
    /// A number followed by `%` or `\%`.
    case percentNumber(String)
    /// A letter other than e and E.
    case letter(String)
    /// `e`, Euler's number.
    case eulerE
    /// `E`, read as the symbol e.
    case capitalE
    /// `d` followed by a variable (`dx`), read as one symbol.
    case differential(String)
    /// A Greek letter command or character, by name (`pi`, `alpha`, `Gamma`).
    case greek(String)
    /// Another symbol command (`\ell`, `\hbar`, ...), by name.
    case otherSymbol(String)
    /// A text-like command with its braced content (`\text{cm}`, `\bar{x}`).
    case accent(String, String)
    /// `\infty`.
    case infinity
    /// `\mathbb{R}` and friends, `\emptyset`, `\{\}`: a named set.
    case namedSet(String)
    /// Punctuation and operators, by their canonical spelling: `+ - * / ( ) { } [ ] \{ \}
    /// | , ; : ! _ ^ . &` and `\(`, `\)`.
    case punctuation(String)
    /// A command with a role in the grammar (`\frac`, `\sqrt`, `\sin`, `\cdot`, `\cup`, ...).
    case command(String)
    /// A relation operator.
    case relation(RelationKind)
    /// `\approx`, `\in`, `\notin`, `\subseteq`, `\supseteq`: relations with special meaning.
    case setRelation(String)
    /// `^\circ` and its variants.
    case degree
    /// `^T`, `^{T}`, `^{\top}`.
    case transpose
    /// A token the grammar only allows in constructs not supported here (bare operator names
    /// such as `tr` or `floor`, matrix environments, integrals, limits, ...): parsing fails.
    case unsupported(String)
}
