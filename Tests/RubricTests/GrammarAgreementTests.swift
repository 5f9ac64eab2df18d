import Foundation
import Testing
import RubricSyntax

/// The machine grammar in Grammar/rubric.lark must accept exactly what the Swift parser
/// accepts: on every script in the repository, and on deterministic mutations of them (a
/// character deleted, a line break inserted, a line duplicated), which probe the error side.
@Suite("Grammar agreement")
struct GrammarAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every .rubric file under Tests/Scripts, Examples and Benchmarks.
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

    @Test func larkGrammarAgreesWithTheParser() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("grammar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected: [String: Bool] = [:]
        var count = 0
        for script in Self.repositoryScripts() {
            let text = try String(contentsOf: script, encoding: .utf8)
            for variant in [text] + Self.mutations(of: text) {
                count += 1
                let path = directory.appendingPathComponent("\(count).rubric").path
                try variant.write(toFile: path, atomically: true, encoding: .utf8)
                expected[path] = Self.swiftAccepts(variant)
            }
        }
        #expect(count > 500)
        #expect(expected.values.contains(true) && expected.values.contains(false))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root.appendingPathComponent("Grammar/check_grammar.py").path]
            + expected.keys.sorted()
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check_grammar.py failed (is the lark package installed?)")
        let verdicts = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Bool])
        var disagreements: [String] = []
        for (path, swiftVerdict) in expected where verdicts[path] != swiftVerdict {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            disagreements.append("swift \(swiftVerdict), lark \(String(describing: verdicts[path])):\n\(text)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements; first:\n\(disagreements.first ?? "")")
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
