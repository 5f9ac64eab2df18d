import Foundation
import Testing
import RubricSyntax

/// The machine grammar in Grammar/rubric.lark must accept exactly what the Swift parser
/// accepts: on every script in the repository, on deterministic mutations of them (a
/// character deleted, a line break inserted, a line duplicated), which probe the error side,
/// and on targeted cases. Grammar/rubric.gbnf must agree on the scripts and targeted cases,
/// and everything it generates must parse.
@Suite("Grammar agreement")
struct GrammarAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every .rubric file under Tests/Scripts (all its folders), Examples, Stdlib and Benchmarks.
    static func repositoryScripts() -> [URL] {
        var files: [URL] = []
        for folder in ["Tests/Scripts", "Examples", "Stdlib", "Benchmarks"] {
            let base = root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(atPath: base.path)
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix(".rubric") { files.append(base.appendingPathComponent(relative)) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Mutations of `text` at positions chosen deterministically from its length.
    static func mutations(of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 10 else { return [] }
        var results: [String] = []
        for step in [3, 7, 11] {
            let position = (scalars.count * step) / 13
            var deleted = scalars
            deleted.remove(at: position)
            results.append(String(String.UnicodeScalarView(deleted)))
            var broken = scalars
            broken.insert("\n", at: position)
            results.append(String(String.UnicodeScalarView(broken)))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 3 {
            var doubled = lines
            doubled.insert(lines[lines.count / 2], at: lines.count / 2)
            results.append(doubled.joined(separator: "\n"))
        }
        return results
    }

    /// True when the Swift parser reports nothing for `text`.
    static func swiftAccepts(_ text: String) -> Bool {
        Parser.parse(SourceFile(name: "t", text: text)).diagnostics.items.isEmpty
    }

    /// Hand-written cases for syntax the repository's scripts exercise only lightly, each with
    /// the verdict the parser must give: declared ranges, host function declarations and lint
    /// allowance comments (which are ordinary comments to the grammar).
    static let targetedCases: [(text: String, valid: Bool)] = [
        ("reward in [0, 1] = 1\n", true),
        ("score s in [-1, 2.5] = 0\nreward in [-1e3, 1_000] = s\n", true),
        ("score s in [\n  0,\n  1,\n] = 0\nreward = s\n", false),
        ("reward in [0,\n 1] = 1\n", true),
        ("reward in [1] = 1\n", false),
        ("reward in [0, 1, 2] = 1\n", false),
        ("reward in [0 1] = 1\n", false),
        ("reward in [a, 1] = 1\n", false),
        ("reward in [-x, 1] = 1\n", false),
        ("reward in 0, 1 = 1\n", false),
        ("reward in [0, 1]\n", false),
        ("score s in = 1\nreward = s\n", false),
        ("score in [0, 1] = 1\n", false),
        ("host fn judge(q: string, a: string) -> float\nreward = judge(\"q\", \"a\")\n", true),
        ("host fn f(\n  x: int,\n  y: list[string]?,\n) -> map[float]\nreward = 1\n", true),
        ("host fn f() -> bool\nreward = 1\n", true),
        ("host fn f(x) -> int\nreward = 1\n", false),
        ("host fn f(x: int) -> int = x\nreward = 1\n", false),
        ("host fn f(x: int) -> int { x }\nreward = 1\n", false),
        ("host fn f(x: int) -> int {\n  x\n}\nreward = 1\n", false),
        ("host fn f(x: int)\nreward = 1\n", false),
        ("host fn f(x: int) ->\nreward = 1\n", false),
        ("host f(x: int) -> int\nreward = 1\n", false),
        ("host fn f(x: int = 1) -> int\nreward = 1\n", false),
        ("host fn (x: int) -> int\nreward = 1\n", false),
        ("host fn if(x: int) -> int\nreward = 1\n", false),
        ("host fn f(x: int) -> list\nreward = 1\n", false),
        ("host fn f(x: int) -> int reward = 1\n", false),
        ("score length = 1  # allow: W0004\nreward = 1\n", true),
        ("# allow: W0001, W0004\nreward = 1 # allow: W0002 # and more\n", true),
        ("let a = [\n  1,  # allow: W0004\n  2,\n]\nreward = a[0]\n", true),
        ("reward = 1 allow: W0004\n", false),
    ]

    /// Writes each text to its own file, runs check_grammar.py on them (with `mode`, such as
    /// "--gbnf", before the files) and returns its verdicts in the order of `texts`.
    static func grammarVerdicts(_ texts: [String], mode: [String] = []) throws -> [Bool] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grammar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, text) in texts.enumerated() {
            let path = directory.appendingPathComponent("\(index).rubric").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Grammar/check_grammar.py").path] + mode + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check_grammar.py failed (is the lark package installed?)")
        let verdicts = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Bool])
        return try paths.map { try #require(verdicts[$0], "no verdict for \($0)") }
    }

    /// The texts where `verdicts` differs from the Swift parser, each with both verdicts.
    static func disagreements(_ texts: [String], _ verdicts: [Bool], grammar: String) -> [String] {
        zip(texts, verdicts).compactMap { text, verdict in
            let swift = swiftAccepts(text)
            return swift == verdict ? nil : "swift \(swift), \(grammar) \(verdict):\n\(text)"
        }
    }

    @Test func targetedCasesHaveTheIntendedVerdicts() {
        for (text, valid) in Self.targetedCases {
            #expect(Self.swiftAccepts(text) == valid, "the parser should \(valid ? "accept" : "reject"):\n\(text)")
        }
    }

    @Test func larkGrammarAgreesWithTheParser() throws {
        var texts: [String] = Self.targetedCases.map(\.text)
        for script in Self.repositoryScripts() {
            let text = try String(contentsOf: script, encoding: .utf8)
            texts += [text] + Self.mutations(of: text)
        }
        #expect(texts.count > 500)
        let swift = texts.map(Self.swiftAccepts)
        #expect(swift.contains(true) && swift.contains(false))
        let found = Self.disagreements(texts, try Self.grammarVerdicts(texts), grammar: "lark")
        #expect(found.isEmpty, "\(found.count) disagreements; first:\n\(found.first ?? "")")
    }

    /// rubric.gbnf, run by a GBNF-to-Lark translation, gives the parser's verdict on every
    /// script of the repository and every targeted case: it accepts every rubric that parses
    /// and rejects every one with a syntax error.
    @Test func gbnfGrammarAgreesWithTheParserOnTheRepository() throws {
        var texts: [String] = Self.targetedCases.map(\.text)
        for script in Self.repositoryScripts() where !script.path.contains("/Benchmarks/") {
            texts.append(try String(contentsOf: script, encoding: .utf8))
        }
        #expect(texts.count > 250)
        let found = Self.disagreements(texts, try Self.grammarVerdicts(texts, mode: ["--gbnf"]), grammar: "gbnf")
        #expect(found.isEmpty, "\(found.count) disagreements; first:\n\(found.first ?? "")")
    }

    @Test func everyProgramTheGBNFGeneratesParses() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gbnf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Grammar/check_grammar.py").path,
                             "--gbnf-sample", "100", directory.path, "7"]
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".rubric") }
        #expect(files.count == 100)
        for file in files {
            let text = try String(contentsOfFile: directory.appendingPathComponent(file).path, encoding: .utf8)
            #expect(Self.swiftAccepts(text), "GBNF produced a program the parser rejects:\n\(text)")
        }
    }

    @Test func ebnfNamesEveryKeywordAndSymbolOfTheLexer() throws {
        let ebnf = try String(contentsOf: Self.root.appendingPathComponent("Grammar/rubric.ebnf"), encoding: .utf8)
        guard let reserved = ebnf.range(of: "Reserved words:") else {
            Issue.record("rubric.ebnf has no list of reserved words")
            return
        }
        let listed = Set(ebnf[reserved.upperBound...].split(whereSeparator: { " \n*)".contains($0) }).map(String.init))
        #expect(listed.isSuperset(of: Keyword.allCases.map(\.rawValue)),
                "missing: \(Set(Keyword.allCases.map(\.rawValue)).subtracting(listed))")
        for symbol in Symbol.allCases {
            #expect(ebnf.contains("\"\(symbol.rawValue)\""), "rubric.ebnf never spells \(symbol.rawValue)")
        }
    }

    @Test func gbnfGrammarIsWellFormed() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Grammar/check_grammar.py").path, "--gbnf-smoke"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
