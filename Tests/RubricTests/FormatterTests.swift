import Foundation
import Testing
import RubricSyntax

/// `rubric fmt`'s formatter: on every script in the repository it must keep the tree and the
/// comments, reach a fixed point in one step, and find the repository already formatted; and
/// it must lay out the constructs of the language as the style rules say.
@Suite("Formatter")
struct FormatterTests {
    /// One .rubric file of the repository, named by its path below the repository root.
    struct Script: CustomStringConvertible, Sendable {
        var path: String
        var text: String

        var description: String { String(path.dropFirst(GrammarAgreementTests.root.path.count + 1)) }

        /// Every script under Tests/Scripts, Examples, Stdlib and Benchmarks.
        static let all: [Script] = GrammarAgreementTests.repositoryScripts().map {
            Script(path: $0.path, text: (try? String(contentsOf: $0, encoding: .utf8)) ?? "")
        }
    }

    /// Parses `text`, failing the test on syntax errors.
    func parse(_ text: String) -> SyntaxTree {
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        #expect(!diagnostics.hasErrors, "\(diagnostics.items.map(\.message))\n\(text)")
        return tree
    }

    /// Describes a syntax tree without its source ranges, so that two layouts of one program
    /// describe alike. It walks the tree by reflection, which keeps it complete as the tree grows.
    func shape(_ value: Any) -> String {
        if value is SourceRange || value is SourceFile { return "_" }
        let mirror = Mirror(reflecting: value)
        if mirror.children.isEmpty { return String(reflecting: value) }
        let parts = mirror.children.map { child in (child.label.map { "\($0): " } ?? "") + shape(child.value) }
        return "\(mirror.subjectType)(\(parts.joined(separator: ", ")))"
    }

    /// The text of every comment in `text`, in order, without the spaces that end its line.
    func comments(_ text: String) -> [String] {
        let source = SourceFile(name: "t", text: text)
        return Lexer.tokenizeKeepingComments(source).comments.map { range in
            var comment = source.text(in: range)
            while comment.last == " " || comment.last == "\t" || comment.last == "\r" { comment.removeLast() }
            return comment
        }
    }

    /// Checks the formatter's promises on `text`: the same tree and comments, and a fixed point.
    func checkPreserved(_ text: String) {
        let formatted = Formatter.format(text)
        #expect(shape(parse(formatted)) == shape(parse(text)), "\(formatted)")
        #expect(comments(formatted) == comments(text))
        #expect(Formatter.format(formatted) == formatted)
    }

    @Test func treeShapeSeesMeaningButNotLayout() {
        #expect(shape(parse("let x = 1 + 2\n")) == shape(parse("let  x=(1+2)\n\n")))
        #expect(shape(parse("let x = 1 + 2\n")) != shape(parse("let x = 1 - 2\n")))
        #expect(shape(parse("let x = \"a\"\n")) != shape(parse("let x = \"b\"\n")))
        #expect(shape(parse("let x = f(a: 1)\n")) != shape(parse("let x = f(1)\n")))
    }

    @Test("formatting keeps the tree and comments and is idempotent", arguments: Script.all)
    func preservesMeaning(_ script: Script) {
        guard case .formatted = Formatter.format(SourceFile(name: "t", text: script.text)) else {
            #expect(Formatter.format(script.text) == script.text, "a file with syntax errors must be left alone")
            return
        }
        checkPreserved(script.text)
    }

    @Test("mutations of the scripts that still parse keep their tree and comments", arguments: Script.all)
    func preservesMeaningOfMutations(_ script: Script) {
        for mutant in GrammarAgreementTests.mutations(of: script.text) {
            guard case .formatted = Formatter.format(SourceFile(name: "t", text: mutant)) else { continue }
            checkPreserved(mutant)
        }
    }

    @Test("extra spaces, indentation and blank lines do not change the result", arguments: Script.all)
    func layoutIsCanonical(_ script: Script) {
        guard case .formatted(let formatted) = Formatter.format(SourceFile(name: "t", text: script.text)) else { return }
        var generator = SeededGenerator(state: UInt64(script.text.utf8.count))
        let jittered = jitter(formatted, using: &generator)
        if formatted.utf8.count > 200 { #expect(jittered != formatted) }
        #expect(Formatter.format(jittered) == formatted, "\(jittered)")
    }

    /// Returns `text` with random extra spaces between tokens and comments, at the start of
    /// lines and in blank lines. Lines that open a bracket left open at their end, and lines
    /// inside such a bracket, keep their columns, since an author may line up with them.
    func jitter(_ text: String, using generator: inout SeededGenerator) -> String {
        let source = SourceFile(name: "t", text: text)
        let lexed = Lexer.tokenizeKeepingComments(source)
        let tokens = lexed.tokens.filter { $0.kind != .newline && $0.kind != .eof }
        let items = (tokens.map { ($0.range, Optional($0.kind)) } + lexed.comments.map { ($0, nil) })
            .sorted { $0.0.start < $1.0.start }
        let newline = UInt8(ascii: "\n")
        // The lines on which a bracket opens and stays open past the line's end, and the
        // lines that start inside such a bracket (a function body or an example is no bracket).
        var keepsColumns = Set<Int>()
        var insideBracket = Set<Int>()
        var openLines: [Int?] = []
        for (index, token) in tokens.enumerated() {
            let line = source.line(of: token.range.start)
            if index > 0, source.line(of: tokens[index - 1].range.end) < line {
                keepsColumns.formUnion(openLines.compactMap { $0 })
                if openLines.contains(where: { $0 != nil }) { insideBracket.insert(line) }
            }
            switch token.kind {
            case .symbol(.leftParen), .symbol(.leftBracket), .interpolationOpen: openLines.append(line)
            case .symbol(.leftBrace):
                let previous = index > 0 ? tokens[index - 1].kind : nil
                let opensBody = [.symbol(.rightParen), .symbol(.rightBracket), .symbol(.question), .identifier, .string]
                    .contains(previous)
                openLines.append(opensBody ? nil : line)
            case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace), .interpolationClose:
                openLines.removeLast()
            default: break
            }
        }
        var output: [UInt8] = []
        var copied = 0
        var previous: TokenKind?
        for (range, kind) in items {
            let gap = Array(source.bytes[copied..<range.start])
            let line = source.line(of: range.start)
            if let lastNewline = gap.lastIndex(of: newline) {
                output += gap[..<lastNewline]
                if gap.filter({ $0 == newline }).count > 1 && Bool.random(using: &generator) { output.append(newline) }
                output.append(newline)
                output += gap[(lastNewline + 1)...]
                if !insideBracket.contains(line) && !keepsColumns.contains(line) { output += Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...3, using: &generator)) }
            } else {
                output += gap
                let joined = [.interpolationBegin, .stringSegment, .interpolationClose].contains(previous)
                    || [.stringSegment, .interpolationEnd, .interpolationOpen].contains(kind)
                if copied > 0 && !joined && !keepsColumns.contains(line) {
                    output += Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...2, using: &generator))
                }
            }
            output += source.bytes[range.start..<range.end]
            copied = range.end
            previous = kind
        }
        output += source.bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    @Test("every script in the repository is already formatted", arguments: Script.all)
    func repositoryIsFormatted(_ script: Script) {
        #expect(Formatter.format(script.text) == script.text, "run `rubric fmt \(script)`")
    }

    @Test func repositoryHasScriptsThatParseAndScriptsThatDoNot() {
        let parses = Script.all.map { script in
            if case .formatted = Formatter.format(SourceFile(name: "t", text: script.text)) { return true }
            return false
        }
        #expect(parses.filter { $0 }.count > 100)
        #expect(parses.contains(false))
    }

    @Test func spacesAroundOperatorsAndAfterCommasAndColons() {
        #expect(Formatter.format("input  x :int?=null\nlet y=x??0+ -1*(2**-3)\nreward=y\n")
                == "input x: int? = null\nlet y = x ?? 0 + -1 * (2 ** -3)\nreward = y\n")
        #expect(Formatter.format("let a = { \"k\" :[ 1,2 ] , b:f( 1,n:2 ) }\n")
                == "let a = {\"k\": [1, 2], b: f(1, n: 2)}\n")
        #expect(Formatter.format("let u = not(1>2)and 1 not in[1]\n") == "let u = not (1 > 2) and 1 not in [1]\n")
    }

    @Test func declaredRangesReadLikeIntervals() {
        #expect(Formatter.format("score s   in[ 0,1 ]=x\nreward in [ - 1 , 1.5 ]=s\n")
                == "score s in [0, 1] = x\nreward in [-1, 1.5] = s\n")
    }

    @Test func hostFunctionDeclarationsAreSpacedLikeFunctions() {
        #expect(Formatter.format("host   fn judge( question:string,answer :string )->float\n")
                == "host fn judge(question: string, answer: string) -> float\n")
        #expect(Formatter.format("host fn j(\nq: string,\n      a: list[string]?\n  ) -> map[float]\n")
                == "host fn j(\n  q: string,\n  a: list[string]?\n) -> map[float]\n")
    }

    @Test func slicesIndexingFieldsAndCallsHaveNoInnerSpaces() {
        #expect(Formatter.format("let s = xs[ 1 : -1 ] + xs[ : n] + xs[i :i + 2] + m . k + f ( x )[ 0 ]\n")
                == "let s = xs[1:-1] + xs[:n] + xs[i:i + 2] + m.k + f(x)[0]\n")
        #expect(Formatter.format("let n = -x - -y + group( x )[0] + g(- 1)\n") == "let n = -x - -y + group(x)[0] + g(-1)\n")
    }

    @Test func literalsAreCopiedAsWritten() {
        let text = ##"let s = "a\t\u{e9}\"#\(x  +1)" + r"\d+#" + r#"say "hi""# + 1_000 + 1.50e3"## + "\n"
        #expect(Formatter.format(text) == ##"let s = "a\t\u{e9}\"#\(x + 1)" + r"\d+#" + r#"say "hi""# + 1_000 + 1.50e3"## + "\n")
        let multiline = "let m = r#\"one\n   two  \n\"#   +  \"x\"\n"
        #expect(Formatter.format(multiline) == "let m = r#\"one\n   two  \n\"# + \"x\"\n")
    }

    @Test(arguments: [
        ("fn f( a:int , b : int=2 )->int{\nlet c=a+b\n    # before the body\n  c*2\n        }\n",
         "fn f(a: int, b: int = 2) -> int {\n  let c = a + b\n  # before the body\n  c * 2\n}\n"),
        ("fn g(a: int) -> list[int] {   [a]   }\n", "fn g(a: int) -> list[int] { [a] }\n"),
        ("example \"e\"{\na=1\n      expect f(a)>0\n  # last\n}\n",
         "example \"e\" {\n  a = 1\n  expect f(a) > 0\n  # last\n}\n"),
        ("fn k(a: int,\n  b: int) -> int {\n    a\n  }\n", "fn k(a: int,\n  b: int) -> int {\n  a\n}\n"),
    ])
    func blocksAreIndentedByTwo(_ text: String, _ expected: String) {
        #expect(Formatter.format(text) == expected)
    }

    @Test(arguments: [
        ("let v =\n      if z>1\n    then 1\n  else 3\n", "let v =\n  if z > 1\n  then 1\n  else 3\n"),
        ("let v = if z then 1\n     else if y then\n2\n        else 3\n",
         "let v = if z then 1\n  else if y then\n    2\n  else 3\n"),
        ("fn h(x: int) -> int =\nif x > 0 then\nfail(\"no\")\nelse x\n",
         "fn h(x: int) -> int =\n  if x > 0 then\n    fail(\"no\")\n  else x\n"),
        ("let xs = [1,\n2,\n     3]\nlet m = {\n\"a\": 1\n    }\n", "let xs = [1,\n  2,\n  3]\nlet m = {\n  \"a\": 1\n}\n"),
        ("let ys = len([x for x in xs\n              if x > 1])\n", "let ys = len([x for x in xs\n              if x > 1])\n"),
        ("let s = 1 +\n2 *\n        3\n", "let s = 1 +\n  2 *\n  3\n"),
    ])
    func continuationLinesFollowBracketsAndConditionals(_ text: String, _ expected: String) {
        #expect(Formatter.format(text) == expected)
        checkPreserved(text)
    }

    @Test func lineUpWithAnOpeningBracketIsKeptWhereverTheBracketMoves() {
        let text = "fn   f(a: int,\n       b: int) -> int {\n  a + b\n}\n"
        #expect(Formatter.format(text) == "fn f(a: int,\n     b: int) -> int {\n  a + b\n}\n")
    }

    @Test func commentsAndBlankLinesAreKept() {
        let text = """


            # header comment
            rubric demo "d"   # after the header
            input x: int#glued


            # about y
              let y = "# not a comment" # trailing   \n\
            reward = y



            """
        let formatted = Formatter.format(text)
        #expect(formatted == """
            # header comment
            rubric demo "d"  # after the header
            input x: int  #glued

            # about y
            let y = "# not a comment"  # trailing
            reward = y

            """)
        checkPreserved(text)
    }

    @Test func aFileWithSyntaxErrorsIsLeftUnchanged() {
        for text in ["let x = (1 +\n", "let  x = \"open\n", "reward = 1 2\n", "fn f( {\n"] {
            #expect(Formatter.format(text) == text)
            guard case .syntaxErrors(let errors) = Formatter.format(SourceFile(name: "t", text: text)) else {
                Issue.record("\(text) should not format")
                continue
            }
            #expect(!errors.isEmpty)
        }
    }

    @Test func emptyAndCommentOnlyFiles() {
        #expect(Formatter.format("") == "")
        #expect(Formatter.format("\n\n") == "")
        #expect(Formatter.format("  # only\r\n\n\n# comments") == "# only\n\n# comments\n")
    }
}
