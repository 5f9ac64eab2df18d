import Testing
import RubricSyntax

/// Unit tests of the lexer, the parser and diagnostic rendering.
@Suite("Syntax")
struct SyntaxTests {
    func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    @Test func newlinesInsideBracketsAreDroppedButNotInsideBraces() {
        #expect(kinds("(1,\n2)") == [.symbol(.leftParen), .int, .symbol(.comma), .int, .symbol(.rightParen), .eof])
        #expect(kinds("{\n}") == [.symbol(.leftBrace), .newline, .symbol(.rightBrace), .eof])
    }

    @Test func twoCharacterOperatorsWin() {
        #expect(kinds("a // b ** c ?? d -> e") == [.identifier, .symbol(.slashSlash), .identifier, .symbol(.starStar),
                                                    .identifier, .symbol(.questionQuestion), .identifier,
                                                    .symbol(.arrow), .identifier, .eof])
    }

    @Test func stringEscapesAndRawStringsDecode() {
        let tokens = Lexer.tokenize(SourceFile(name: "t", text: ##""a\n\t\"\\\u{e9}" r"\d+\n" r#"say "hi""#"##)).tokens
        #expect(tokens[0].text == "a\n\t\"\\é")
        #expect(tokens[1].text == #"\d+\n"#)
        #expect(tokens[2].text == #"say "hi""#)
    }

    @Test func interpolationProducesSegmentsAndNestedTokens() {
        #expect(kinds(#""x=\(a + (b))!""#) == [
            .interpolationBegin, .stringSegment, .interpolationOpen, .identifier, .symbol(.plus),
            .symbol(.leftParen), .identifier, .symbol(.rightParen), .interpolationClose, .stringSegment,
            .interpolationEnd, .eof,
        ])
    }

    @Test func numbersDistinguishIntsFloatsAndFieldAccess() {
        #expect(kinds("1_000 2.5 1e3 3.x") == [.int, .float, .float, .int, .symbol(.dot), .identifier, .eof])
    }

    @Test func precedenceFollowsTheGrammar() throws {
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t", text: "reward = -2 ** 2 + 3 * 4 ?? 5 == 6 or not x and y\n"))
        #expect(!diagnostics.hasErrors)
        guard case .reward(let decl) = tree.statements.first else { Issue.record("no reward"); return }
        #expect(render(decl.value) == "(((((-(2 ** 2)) + (3 * 4)) ?? 5) == 6) or ((not x) and y))")
    }

    @Test func rightAssociativeOperators() {
        let (tree, _) = Parser.parse(SourceFile(name: "t", text: "reward = a ?? b ?? c + 2 ** 3 ** 2\n"))
        guard case .reward(let decl) = tree.statements.first else { Issue.record("no reward"); return }
        #expect(render(decl.value) == "(a ?? (b ?? (c + (2 ** (3 ** 2)))))")
    }

    @Test func recoveryReportsOneErrorPerBrokenStatement() {
        let text = "let a = (1 +\nlet b = 2 2\nscore = 3\nreward = a\n"
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        #expect(diagnostics.items.map(\.code.rawValue) == ["E0106", "E0106", "E0105"])
        #expect(tree.statements.count == 1)
    }

    @Test func textRenderingShowsPositionLineAndCaret() {
        let source = SourceFile(name: "r.rubric", text: "let a = 1\nscore s = anwser + 1\n")
        let diagnostic = Diagnostic(.unknownName, "unknown name 'anwser'", at: SourceRange(20, 26),
                                    notes: ["help: did you mean 'answer'?"])
        #expect(DiagnosticRenderer.text(diagnostic, in: source) == """
            error[E0201]: unknown name 'anwser'
             --> r.rubric:2:11
              |
            2 | score s = anwser + 1
              |           ^^^^^^
              = help: did you mean 'answer'?
            """)
    }

    @Test func jsonRenderingHasStableFields() {
        let source = SourceFile(name: "r.rubric", text: "reward = \"é\" + x\n")
        let diagnostic = Diagnostic(.unknownName, "unknown name 'x'", at: SourceRange(16, 17))
        #expect(DiagnosticRenderer.json(diagnostic, in: source) ==
            #"{"code":"E0201","severity":"error","message":"unknown name 'x'","file":"r.rubric","line":1,"column":16,"end_line":1,"end_column":17,"source_line":"reward = \"é\" + x","notes":[]}"#)
    }

    @Test func locationsCountUnicodeScalars() {
        let source = SourceFile(name: "t", text: "ab\n€x\n")
        #expect(source.location(of: 6) == SourceLocation(line: 2, column: 2))
        #expect(source.lineText(2) == "€x")
    }

    /// Renders an expression fully parenthesised, to make precedence visible.
    func render(_ expr: Expr) -> String {
        switch expr.kind {
        case .int(let value): return String(value)
        case .name(let name): return name
        case .unary(let op, let operand):
            return op == .not ? "(not \(render(operand)))" : "(\(op.rawValue)\(render(operand)))"
        case .binary(let op, let lhs, let rhs):
            return "(\(render(lhs)) \(op.rawValue) \(render(rhs)))"
        default: return "?"
        }
    }
}
