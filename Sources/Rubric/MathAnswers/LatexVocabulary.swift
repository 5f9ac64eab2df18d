/// The fixed token spellings of latex2sympy2_extended's PS grammar that the lexer recognises:
/// backslash commands, bare operator names, Greek letters and accents. The lexer picks the
/// longest spelling that matches, as ANTLR does.
enum LatexVocabulary {
    /// Backslash commands with a fixed meaning; a nil token is skipped (spacing commands).
    static let commands: [String: LatexToken?] = {
        var table: [String: LatexToken?] = [:]
        for skipped in ["\\,", "\\thinspace", "\\:", "\\medspace", "\\;", "\\thickspace", "\\quad", "\\qquad", "\\!",
                        "\\negthinspace", "\\negmedspace", "\\negthickspace", "\\$", "\\vrule", "\\vcenter", "\\vbox",
                        "\\vskip", "\\vspace", "\\hfil"] {
            table[skipped] = .some(nil)
        }
        let punctuation: [String: String] = [
            "\\(": "\\(", "\\)": "\\)", "\\lgroup": "\\lgroup", "\\rgroup": "\\rgroup", "\\{": "\\{", "\\}": "\\}",
            "\\lbrace": "\\lbrace", "\\rbrace": "\\rbrace", "\\lbrack": "\\lbrack", "\\rbrack": "\\rbrack",
            "\\lvert": "\\lvert", "\\rvert": "\\rvert", "\\vert": "\\vert", "\\|": "\\|",
            "\\lfloor": "\\lfloor", "\\rfloor": "\\rfloor", "\\lceil": "\\lceil", "\\rceil": "\\rceil",
            "\\llcorner": "\\lfloor", "\\lrcorner": "\\rfloor", "\\ulcorner": "\\lceil", "\\urcorner": "\\rceil",
            "\\over": "/", "\\times": "*", "\\cdot": "*", "\\div": "/", "\\\\": "\\\\",
        ]
        for (spelling, canonical) in punctuation { table[spelling] = .punctuation(canonical) }
        for name in ["\\phantom", "\\boxed", "\\sqrt", "\\frac", "\\binom", "\\choose", "\\mod", "\\pm", "\\cup", "\\cap",
                     "\\setminus", "\\langle", "\\rangle",
                     "\\log", "\\ln", "\\exp", "\\sin", "\\cos", "\\tan", "\\csc", "\\sec", "\\cot", "\\arcsin",
                     "\\arccos", "\\arctan", "\\arccsc", "\\arcsec", "\\arccot", "\\sinh", "\\cosh", "\\tanh",
                     "\\arsinh", "\\arcosh", "\\artanh", "\\arcsinh", "\\arccosh", "\\arctanh", "\\floor", "\\ceil",
                     "\\gcd", "\\lcm", "\\max", "\\min"] {
            table[name] = .command(name)
        }
        table["\\dfrac"] = .command("\\frac"); table["\\tfrac"] = .command("\\frac"); table["\\cfrac"] = .command("\\frac")
        table["\\tbinom"] = .command("\\binom"); table["\\dbinom"] = .command("\\binom")
        table["\\mp"] = .command("\\pm")
        for name in ["\\lim", "\\to", "\\rightarrow", "\\Rightarrow", "\\longrightarrow", "\\Longrightarrow", "\\int",
                     "\\sum", "\\prod", "\\det", "\\mathit", "\\operatorname", "\\xrightarrow", "\\xRightarrow",
                     "\\leftrightarrow", "\\Leftrightarrow", "\\partial", "\\variable", "\\begin", "\\end"] {
            table[name] = .unsupported(name)
        }
        table["\\exponentialE"] = .eulerE
        table["\\infty"] = .infinity
        table["\\infty\\%"] = .infinity
        table["\\emptyset"] = .namedSet("empty")
        table["\\{\\}"] = .namedSet("empty")
        table["\\lbrace\\rbrace"] = .namedSet("empty")
        for (letter, name) in [("N", "naturals"), ("Z", "integers"), ("Q", "rationals"), ("R", "reals"), ("C", "complexes"), ("P", "primes")] {
            table["\\mathbb{\(letter)}"] = .namedSet(name)
        }
        table["\\in"] = .setRelation("in"); table["\\notin"] = .setRelation("notin")
        table["\\approx"] = .setRelation("approx")
        table["\\subseteq"] = .setRelation("subseteq"); table["\\supseteq"] = .setRelation("supseteq")
        table["\\equiv"] = .relation(.equal)
        table["\\lt"] = .relation(.less); table["\\gt"] = .relation(.greater)
        for spelling in ["\\leq", "\\le", "\\leqslant"] { table[spelling] = .relation(.lessOrEqual) }
        for spelling in ["\\geq", "\\ge", "\\geqslant"] { table[spelling] = .relation(.greaterOrEqual) }
        for spelling in ["\\ne", "\\neq", "\\not\\equiv"] { table[spelling] = .relation(.notEqual) }
        table["\\Gamma"] = .greek("Gamma"); table["\\gamma"] = .greek("gamma")
        return table
    }()

    /// Greek letter commands, with the symbol name each stands for.
    static let greekCommands: [String: String] = {
        var table: [String: String] = [:]
        for name in ["alpha", "beta", "gamma", "Gamma", "delta", "Delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
                     "Theta", "vartheta", "iota", "kappa", "lambda", "Lambda", "mu", "nu", "xi", "Xi", "omicron", "pi", "Pi",
                     "varpi", "rho", "varrho", "sigma", "Sigma", "varsigma", "tau", "upsilon", "Upsilon", "phi", "Phi",
                     "varphi", "chi", "psi", "Psi", "omega", "Omega"] {
            table["\\" + name] = name
        }
        return table
    }()

    /// Greek letters written as Unicode characters.
    static let greekCharacters: [Unicode.Scalar: String] = [
        "α": "alpha", "β": "beta", "γ": "gamma", "Γ": "Gamma", "δ": "delta", "Δ": "Delta", "ε": "epsilon",
        "ϵ": "varepsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "Θ": "Theta", "ϑ": "vartheta", "ι": "iota",
        "κ": "kappa", "λ": "lambda", "Λ": "Lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "Ξ": "Xi", "ο": "omicron",
        "π": "pi", "Π": "Pi", "ϖ": "varpi", "ρ": "rho", "ϱ": "varrho", "σ": "sigma", "Σ": "Sigma", "ς": "varsigma",
        "τ": "tau", "υ": "upsilon", "Υ": "Upsilon", "φ": "phi", "Φ": "Phi", "ϕ": "varphi", "χ": "chi", "ψ": "psi",
        "Ψ": "Psi", "ω": "omega", "Ω": "Omega",
    ]

    /// Other symbol commands (read as symbols named after the command).
    static let otherSymbols: Set<String> = [
        "\\Bbbk", "\\wp", "\\nabla", "\\bigstar", "\\angle", "\\nexists", "\\diagdown", "\\measuredangle", "\\eth",
        "\\diagup", "\\sphericalangle", "\\clubsuit", "\\varnothing", "\\Diamond", "\\complement", "\\diamondsuit",
        "\\imath", "\\Finv", "\\triangledown", "\\heartsuit", "\\jmath", "\\Game", "\\triangle", "\\spadesuit", "\\ell",
        "\\hbar", "\\vartriangle", "\\hslash", "\\blacklozenge", "\\lozenge", "\\blacksquare", "\\mho",
        "\\blacktriangle", "\\sharp", "\\prime", "\\Im", "\\flat", "\\square", "\\backprime", "\\Re", "\\natural",
        "\\surd", "\\circledS",
    ]

    /// Commands taking a braced argument that the grammar reads as one symbol (`\text{cm}`).
    static let accents: Set<String> = [
        "\\acute", "\\bar", "\\overline", "\\breve", "\\check", "\\widecheck", "\\dot", "\\ddot", "\\grave", "\\hat",
        "\\tilde", "\\widetilde", "\\vec", "\\overrightarrow", "\\bm", "\\boldsymbol", "\\text", "\\textit", "\\textbf",
        "\\textnormal", "\\mathbb", "\\mathbin", "\\mathbf", "\\mathcal", "\\mathclap", "\\mathclose",
        "\\mathellipsis", "\\mathfrak", "\\mathinner", "\\mathit", "\\mathnormal", "\\mathop", "\\mathopen",
        "\\mathord", "\\mathpunct", "\\mathrel", "\\mathring", "\\mathrlap", "\\mathrm", "\\mathscr", "\\mathsf",
        "\\mathsterling", "\\mathtt", "\\mbox",
    ]

    /// Operator names the grammar lexes as tokens even without a backslash; they are only
    /// valid inside `\operatorname{...}`, so a bare one (as in "true", "north") fails to parse.
    static let bareNames: [String] = [
        "arsinh", "arcsinh", "arcosh", "arccosh", "artanh", "arctanh", "gcd", "lcm", "floor", "ceil", "eye", "zeros",
        "ones", "cols", "rows", "diag", "norm", "rank", "trace", "tr", "rref", "hstack", "vstack", "orth", "ortho",
        "orthogonal", "orthogonalize", "nullspace", "eig", "eigen", "diagonalize", "eigenvals", "eigenvalues",
        "eigenvects", "eigenvectors", "svd", "SVD", "matrix", "pmatrix", "bmatrix", "vmatrix",
    ]

    /// `bareNames` as scalars, grouped by their first letter.
    static let bareNamesByFirstLetter: [Unicode.Scalar: [Scalars]] = {
        var table: [Unicode.Scalar: [Scalars]] = [:]
        for name in bareNames {
            let scalars = ScalarText.scalars(name)
            table[scalars[0], default: []].append(scalars)
        }
        return table
    }()

    /// Tokens starting with `^`: degree marks and transposes.
    static let caretTokens: [(String, LatexToken)] = [
        ("^\\circ", .degree), ("^\\degree", .degree), ("^\\circle", .degree), ("^°", .degree),
        ("^{\\circ}", .degree), ("^{\\degree}", .degree), ("^{\\circle}", .degree), ("^{°}", .degree),
        ("^T", .transpose), ("^{T}", .transpose), ("^{\\top}", .transpose),
    ]

    /// Non-ASCII characters with a token meaning.
    static let unicodeTokens: [Unicode.Scalar: LatexToken] = [
        "∔": .punctuation("+"), "⊕": .punctuation("+"), "⊞": .punctuation("+"),
        "−": .punctuation("-"), "∸": .punctuation("-"),
        "×": .punctuation("*"), "⋅": .punctuation("*"), "⋄": .punctuation("*"), "⊡": .punctuation("*"),
        "∗": .punctuation("*"), "⋆": .punctuation("*"), "∘": .punctuation("*"), "∙": .punctuation("*"),
        "⊗": .punctuation("*"), "⊠": .punctuation("*"), "⋈": .punctuation("*"), "⋉": .punctuation("*"),
        "⋊": .punctuation("*"), "÷": .punctuation("/"), "∕": .punctuation("/"),
        "≡": .relation(.equal), "≣": .relation(.equal), "≟": .relation(.equal), "≎": .relation(.equal),
        "≏": .relation(.equal), "≐": .relation(.equal), "≑": .relation(.equal), "≒": .relation(.equal),
        "≓": .relation(.equal), "≔": .relation(.equal), "≕": .relation(.equal), "≖": .relation(.equal),
        "≗": .relation(.equal),
        "≈": .setRelation("approx"), "≊": .setRelation("approx"), "≋": .setRelation("approx"),
        "≃": .setRelation("approx"), "≅": .setRelation("approx"),
        "≪": .relation(.less), "≺": .relation(.less), "⋖": .relation(.less),
        "≤": .relation(.lessOrEqual), "≦": .relation(.lessOrEqual), "≲": .relation(.lessOrEqual), "≾": .relation(.lessOrEqual),
        "≫": .relation(.greater), "≻": .relation(.greater), "⋗": .relation(.greater),
        "≥": .relation(.greaterOrEqual), "≧": .relation(.greaterOrEqual), "≳": .relation(.greaterOrEqual),
        "≿": .relation(.greaterOrEqual),
        "≠": .relation(.notEqual), "≁": .relation(.notEqual), "≄": .relation(.notEqual), "≇": .relation(.notEqual),
        "≉": .relation(.notEqual), "≢": .relation(.notEqual),
        "ℕ": .namedSet("naturals"), "ℤ": .namedSet("integers"), "ℚ": .namedSet("rationals"), "ℝ": .namedSet("reals"),
        "ℂ": .namedSet("complexes"), "ℙ": .namedSet("primes"), "∅": .namedSet("empty"),
        "∪": .command("\\cup"), "∩": .command("\\cap"), "∖": .command("\\setminus"),
        "±": .command("\\pm"), "∓": .command("\\pm"),
        "∉": .setRelation("notin"), "⊆": .setRelation("subseteq"), "⊇": .setRelation("supseteq"),
        "ℵ": .otherSymbol("ℵ"), "ℶ": .otherSymbol("ℶ"), "ℷ": .otherSymbol("ℷ"), "ℸ": .otherSymbol("ℸ"),
    ]
}
