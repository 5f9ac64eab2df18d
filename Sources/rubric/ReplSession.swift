import Rubric
import RubricSyntax

/// One top-level declaration of the session (`input`, `let`, `fn`, `score`, `reward`,
/// `steps`, `latent`, `fallback`, `group` or `example`) with its text and where it came from.
struct ReplDeclaration {
    /// What a declaration defines: a later declaration with the same key replaces it.
    enum Key: Hashable {
        case name(String)
        case reward
        case special(String)
        case example(String)
    }

    var key: Key
    /// The declaring keyword: `input`, `let`, `score`…
    var keyword: String
    /// The text, from the keyword up to the next declaration (comments included).
    var text: String
    var origin: SourceFile
    var originStart: Int
    /// Every identifier in the text: a superset of the names the declaration reads.
    var references: Set<String>

    /// The name the declaration binds, for `input`, `let`, `fn` and `score`.
    var name: String? {
        if case .name(let name) = key { return name }
        return nil
    }

    /// The identifiers in `text` (names, calls, fields): what an entry may depend on.
    static func identifiers(in text: String) -> Set<String> {
        let (tokens, _) = Lexer.tokenize(SourceFile(name: "<repl>", text: text))
        return Set(tokens.filter { $0.kind == .identifier }.map(\.text))
    }
}

/// The syntax errors of a text given to the session.
struct SyntaxErrors: Error {
    var diagnostics: [Diagnostic]
}

/// The rubric built up at the prompt or loaded from a file: its declarations in order, and
/// the text before the first (the `rubric` header and leading comments) when loaded.
struct ReplSession {
    var preamble: (text: String, origin: SourceFile)?
    var declarations: [ReplDeclaration] = []
    /// The file loaded last, for `:reload`.
    var file: String?

    /// The reward line the REPL adds to a session that has none, so that it compiles.
    static let placeholderReward = "reward = 0\n"

    var isEmpty: Bool { declarations.isEmpty && preamble == nil }

    var hasReward: Bool { declarations.contains { $0.key == .reward } }

    /// The names the session defines, in order.
    var names: [String] { declarations.compactMap(\.name) }

    /// The declarations of a text, each with its text up to the next one; the text before
    /// the first is the preamble. Fails with the syntax errors of a text that has some.
    static func parse(_ origin: SourceFile) -> Result<(preamble: String, declarations: [ReplDeclaration]), SyntaxErrors> {
        let (tree, diagnostics) = Parser.parse(origin)
        guard !diagnostics.hasErrors else { return .failure(SyntaxErrors(diagnostics: diagnostics.sorted())) }
        let starts = tree.statements.map(\.range.start)
        let ends = starts.dropFirst() + [origin.bytes.count]
        let declarations = zip(tree.statements, zip(starts, ends)).map { statement, bounds in
            let text = origin.text(in: SourceRange(bounds.0, bounds.1))
            return ReplDeclaration(key: statement.replKey, keyword: statement.keyword, text: text,
                                   origin: origin, originStart: bounds.0,
                                   references: ReplDeclaration.identifiers(in: text))
        }
        return .success((origin.text(in: SourceRange(0, starts.first ?? origin.bytes.count)), declarations))
    }

    /// The session with `added` declared: each replaces the declaration with the same key
    /// where it stands, or is appended.
    func declaring(_ added: [ReplDeclaration]) -> ReplSession {
        var session = self
        for declaration in added {
            if let index = session.declarations.firstIndex(where: { $0.key == declaration.key }) {
                session.declarations[index] = declaration
            } else {
                session.declarations.append(declaration)
            }
        }
        return session
    }

    /// The whole session as one rubric, with a placeholder reward when it has none.
    func source() -> ReplSource {
        var source = ReplSource()
        if let preamble { source.append(preamble.text, from: preamble.origin, at: 0) }
        append(declarations, to: &source)
        if !hasReward { source.appendGenerated(Self.placeholderReward) }
        return source
    }

    /// The declarations an entry reading `names` needs: those defining the names, and those
    /// they need in turn, in session order. Scores, lets and inputs it does not read are
    /// left out, so a sample missing an unrelated input does not stop it.
    func declarations(needing names: Set<String>) -> [ReplDeclaration] {
        var wanted = names
        var pending = Array(names)
        while let name = pending.popLast() {
            for declaration in declarations where declaration.name == name {
                for reference in declaration.references where !wanted.contains(reference) {
                    wanted.insert(reference)
                    pending.append(reference)
                }
            }
        }
        return declarations.filter { $0.name.map(wanted.contains) ?? false }
    }

    /// Appends declarations to a source, each ending its line.
    func append(_ declarations: [ReplDeclaration], to source: inout ReplSource) {
        for declaration in declarations {
            source.append(declaration.text, from: declaration.origin, at: declaration.originStart)
            if !declaration.text.hasSuffix("\n") { source.appendGenerated("\n") }
        }
    }
}

extension Statement {
    /// Where the statement starts and ends in its source.
    var range: SourceRange {
        switch self {
        case .input(let decl): decl.range
        case .let(let decl): decl.range
        case .fn(let decl): decl.range
        case .host(let decl): decl.range
        case .score(let decl): decl.range
        case .reward(let decl): decl.range
        case .special(let decl): decl.range
        case .example(let decl): decl.range
        }
    }

    var keyword: String {
        switch self {
        case .input: "input"
        case .let: "let"
        case .fn: "fn"
        case .host: "host fn"
        case .score: "score"
        case .reward: "reward"
        case .special(let decl): decl.kind.rawValue
        case .example: "example"
        }
    }

    var replKey: ReplDeclaration.Key {
        switch self {
        case .input(let decl): .name(decl.name)
        case .let(let decl): .name(decl.name)
        case .fn(let decl): .name(decl.name)
        case .host(let decl): .name(decl.name)
        case .score(let decl): .name(decl.name)
        case .reward: .reward
        case .special(let decl): .special(decl.kind.rawValue)
        case .example(let decl): .example(decl.name)
        }
    }
}
