import Foundation
import Testing

/// `rubric repl` fed a transcript on standard input (not a terminal: no prompts, plain
/// lines), checking what it answers line by line.
@Suite("REPL transcripts")
struct ReplTests {
    let cli = CommandLineTests()

    /// Runs `rubric repl` with `lines` on standard input; every session must end with status 0.
    func repl(_ lines: [String], arguments: [String] = []) throws -> String {
        let outcome = try cli.rubric(["repl"] + arguments, stdin: lines.joined(separator: "\n") + "\n")
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        return outcome.stdout
    }

    /// Expects every piece somewhere in the output.
    func expect(_ output: String, contains pieces: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for piece in pieces {
            #expect(output.contains(piece), "missing \(piece.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    static let rubric = """
        rubric lengths "rewards short answers"
        input completion: string
        input limit: int = 10
        let words = split(completion)
        score short = len(words) <= limit
        score nonempty = len(words) > 0
        reward = 0.5 * short + 0.5 * nonempty
        """

    @Test func expressionsPrintTheirValueAndType() throws {
        let output = try repl(["2 + 3", "\"a\" + \"b\"", "[1, 2.5]", "{\"a\": [1]}", "1 / 4", "null",
                               "upper(\"x\")", "if 2 > 1 then \"yes\" else \"no\""])
        #expect(output == """
            5 : int
            "ab" : string
            [1.0,2.5] : list[float]
            {"a":[1]} : map[list[int]]
            0.25 : float
            null : null
            "X" : string
            "yes" : string

            """)
    }

    @Test func letsAndFunctionsAccumulateAndCanBeRedefined() throws {
        let output = try repl(["let xs = [1, 2, 3]", "fn double(n: int) -> int = n * 2",
                               "[double(x) for x in xs]", "let total = sum(xs)", "double(total)",
                               "let xs = [10]", "total"])
        #expect(output == """
            xs = [1,2,3] : list[int]
            fn double declared
            [2,4,6] : list[int]
            total = 6 : int
            12 : int
            xs = [10] : list[int]
            10 : int

            """)
    }

    @Test func anEntryContinuesWhileTheParserFindsItUnfinished() throws {
        let output = try repl(["[1,", " 2,", " 3]", "10 +", "5", "fn f(x: int) -> int {", "  let y = x + 1",
                               "  y * 2", "}", "f(4)", "(1 +", "", "7"])
        #expect(output.hasPrefix("""
            [1,2,3] : list[int]
            15 : int
            fn f declared
            10 : int
            error[E0106]: expected an expression, found end of file
            """))
        // An empty line ends an unfinished entry: the error is shown and the next one is read.
        #expect(output.hasSuffix("7 : int\n"))
    }

    @Test func typeShowsTheStaticTypeWithoutEvaluating() throws {
        let output = try repl(["input n: int", ":type n * 1.5", ":type [n]", ":type {\"k\": n > 1}", ":type"])
        #expect(output.contains("float\nlist[int]\nmap[bool]\nusage: :type EXPR\n"))
    }

    @Test func inputsAreReadFromTheSample() throws {
        let path = try cli.file(#"{"completion": "from a file", "n": 2}"#, "sample.json")
        let output = try repl(["input completion: string", "input n: int = 1", "n", "completion",
                               ":sample {\"completion\": \"a b c\"}", "len(split(completion))",
                               ":sample @" + path, "completion + \" \" + str(n)", ":sample [1]", ":sample {"])
        expect(output, contains: [
            "completion : string\nerror[E1001]",
            "n = 1 : int\n1 : int\n",
            "sample: completion\n3 : int\n",
            "sample: completion, n\n\"from a file 2\" : string\n",
            "error: a sample must be a JSON object, not list\n",
            "error[E1003]",
        ])
    }

    @Test func explainBreaksTheLoadedRubricDown() throws {
        let path = try cli.file(Self.rubric)
        let output = try repl([":load " + path, ":sample {\"completion\": \"one two three\"}", ":explain"])
        #expect(output == """
            loaded \(path) (2 input, 1 let, 2 score)
            sample: completion
            input completion = "one two three" : string
            input limit = 10 : int
            let words = ["one","two","three"] : list[string]
            score short = 1.0
            score nonempty = 1.0
            reward = 1.0
            error: none
            record: {"reward":1.0,"scores":{"short":1.0,"nonempty":1.0},"error":null}

            """)
    }

    @Test func explainShowsWhereAFailingSampleStopped() throws {
        let path = try cli.file("input n: int\nscore a = 1\nscore b = 10 // n\nlet after = 1\nreward = a + b\n")
        let output = try repl([":sample {\"n\": 0}", ":explain"], arguments: [path])
        #expect(output.contains("""
            score a = 1.0
            score b = (failed)
            let after = (not reached) : int
            reward = skip
            error[E1102]: integer division by zero
             --> \(path):3:11
            """))
        #expect(output.contains(#"record: {"reward":null,"scores":{"a":1.0,"b":null},"error":{"code":"E1102""#))
    }

    @Test func loadReplacesTheSessionAndReloadReadsTheFileAgain() throws {
        let path = try cli.file("let answer = 41\nreward = 0\n")
        let script = [":reload", "let stale = 1", ":load " + path, "answer", "stale", ":reload", "answer"]
        // The file changes between the first read and :reload: run the first part, then rewrite it.
        var output = try repl(Array(script.prefix(5)))
        #expect(output.hasPrefix("no file loaded: use :load FILE\nstale = 1 : int\nloaded \(path) (1 let)\n41 : int\n"))
        #expect(output.contains("error[E0201]: unknown name 'stale'"))
        try "let answer = 42\nreward = 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        output = try repl([":load " + path, ":reload", "answer"])
        #expect(output == "loaded \(path) (1 let)\nloaded \(path) (1 let)\n42 : int\n")
    }

    @Test func aFileThatDoesNotCompileLeavesTheSessionAsItWas() throws {
        let path = try cli.file("let a = 1\nscore s = a + \"x\"\nreward = s\n")
        let output = try repl(["let kept = 5", ":load " + path, "kept", ":load /nonexistent/file.rubric"])
        expect(output, contains: [
            "error[E0302]",
            "--> \(path):2:11",
            "\n5 : int\n",
            "error: cannot read '/nonexistent/file.rubric'",
        ])
    }

    @Test func errorsShowTheirCodeAndTheSessionGoesOn() throws {
        let output = try repl(["nope", "\"a\" + 1", "1 // 0", "let bad = [1][5]", "[1, 2", "", "1 + 1",
                               "let a = 1", "let b = a + 1", "let a = \"s\"", "b", ":frobnicate"])
        #expect(output.contains("""
            error[E0201]: unknown name 'nope'
             --> <repl>:1:1
              |
            1 | nope
              | ^^^^
            """))
        expect(output, contains: [
            "error[E0302]: '+' cannot be applied to string and int",
            "error[E1102]: integer division by zero",
            "bad : int\nerror[E1104]",
            "error[E0105]",
            "\n2 : int\n",
        ])
        // Redefining `a` as a string would break `b`: refused, and `b` still reads the old `a`.
        #expect(output.contains(" --> <repl>:1:9\n  |\n1 | let b = a + 1\n"))
        #expect(output.hasSuffix("2 : int\nunknown command ':frobnicate' (:help lists them)\n"))
    }

    @Test func scoresAndRewardJoinTheSessionAndExplainShowsThem() throws {
        let output = try repl(["input text: string", "score long = len(text) > 3", "reward = long",
                               ":sample {\"text\": \"hello\"}", ":explain", "long + 1"])
        expect(output, contains: [
            "long : float\nerror[E1001]",
            "reward declared\n",
            "score long = 1.0\nreward = 1.0\nerror: none\n",
        ])
        #expect(output.hasSuffix("2.0 : float\n"))
    }

    @Test func anExpressionReadsOnlyTheDeclarationsItNeeds() throws {
        // `completion` is missing from the sample, but `2 + 3` and `limit` do not read it.
        let path = try cli.file(Self.rubric)
        let output = try repl(["2 + 3", "limit * 2", "len(words)"], arguments: [path])
        #expect(output.hasPrefix("loaded \(path) (2 input, 1 let, 2 score)\n5 : int\n20 : int\nerror[E1001]"))
        #expect(output.contains("--> \(path):2:1"))
    }

    @Test func costAndDisasmDescribeTheBytecode() throws {
        let output = try repl(["let xs = [1, 2, 3]", ":cost len([x for x in xs if x > 1])",
                               ":disasm len(xs)", ":cost"])
        expect(output, contains: [
            "bound: 4 (static: fuel in input sizes, functions it calls included)",
            "at this sample: 4",
            "fuel: 3 (dynamic: used on the current sample)",
            "== expression",
            "loadGlobal",
            "callBuiltin",
            "storeGlobal         1  ; __value",
        ])
        #expect(output.hasSuffix("usage: :cost EXPR\n"))
    }

    @Test func fuelIsTheOptionsBudget() throws {
        let output = try repl(["len([x for x in range(1000)])"], arguments: ["--fuel", "100"])
        #expect(output.contains("error[E1201]: fuel exhausted: the sample used more than 100 units of work"))
    }

    @Test func quitEndsTheSession() throws {
        let output = try repl(["1", ":quit", "2"])
        #expect(output == "1 : int\n")
    }

    @Test func helpAndResetAndStartupOptions() throws {
        let path = try cli.file(Self.rubric)
        let output = try repl(["len(words)", ":help", ":reset", "limit", "completion"],
                              arguments: [path, "--sample", "{\"completion\": \"a b\"}"])
        expect(output, contains: [
            "sample: completion\n2 : int\n",
            ":cost EXPR",
            "session cleared\nerror[E0201]: unknown name 'limit'",
        ])
    }

    @Test func anUnreadableRubricIsAUsageError() throws {
        let outcome = try cli.rubric(["repl", "/nonexistent/file.rubric"], stdin: "")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot read"))
    }
}

/// `rubric repl` on a pseudo-terminal: line editing, completion, Ctrl-C and Ctrl-D, driven by
/// Tests/Support/repl_terminal.py.
@Suite("REPL on a terminal")
struct ReplTerminalTests {
    @Test(.timeLimit(.minutes(2))) func lineEditingCompletionInterruptAndEndOfInput() throws {
        let script = PythonPeer.root.appendingPathComponent("Tests/Support/repl_terminal.py").path
        let output = try PythonPeer.runRaw(arguments: [script, CommandLineTests.binary.path], stdin: Data())
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(output)")
    }
}
