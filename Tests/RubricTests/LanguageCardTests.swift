import Foundation
import Testing
@testable import Rubric
import RubricSemantics
import RubricSyntax

/// The language card of `rubric prompt` stays true: every builtin and library function is
/// listed once with its real parameters, nothing else is, every function the prose names
/// exists, and the rubrics it shows compile and pass their examples.
@Suite("Language card")
struct LanguageCardTests {
    static let card = LanguageCard.markdown()

    /// One `- `name(params) -> type` — text` line of the card, read back.
    struct Entry {
        var name: String
        var parameters: [(name: String, type: String?)]
        var variadic: String?
        var result: String
    }

    /// Every function entry of the card.
    static let entries: [Entry] = card.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("- `"), let close = line.dropFirst(3).firstIndex(of: "`") else { return nil }
        return parse(String(line[line.index(line.startIndex, offsetBy: 3)..<close]))
    }

    /// Reads `name(a: T, b: T = d, ...T) -> R`, splitting parameters at top-level commas.
    static func parse(_ text: String) -> Entry? {
        guard let open = text.firstIndex(of: "("), let arrow = text.range(of: ") -> ", options: .backwards) else { return nil }
        let inside = text[text.index(after: open)..<arrow.lowerBound]
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        for character in inside {
            if character == "\"" { inString.toggle() }
            if !inString {
                if character == "[" || character == "(" { depth += 1 }
                if character == "]" || character == ")" { depth -= 1 }
                if character == ",", depth == 0 {
                    pieces.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { pieces.append(current.trimmingCharacters(in: .whitespaces)) }
        var entry = Entry(name: String(text[..<open]), parameters: [], variadic: nil,
                          result: String(text[arrow.upperBound...]))
        for piece in pieces {
            if piece.hasPrefix("...") {
                entry.variadic = String(piece.dropFirst(3))
                continue
            }
            let declared = piece.components(separatedBy: " = ")[0]
            let parts = declared.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            entry.parameters.append((parts[0], parts.count > 1 ? parts[1] : nil))
        }
        return entry
    }

    @Test func everyBuiltinIsListedOnceWithItsParameters() throws {
        for builtin in BuiltinLibrary.all {
            let listed = Self.entries.filter { $0.name == builtin.name }
            try #require(listed.count == 1, "\(builtin.name) is listed \(listed.count) times")
            let entry = listed[0]
            #expect(entry.parameters.map(\.name) == builtin.signature.parameters.map(\.name), "\(builtin.name)")
            #expect(entry.parameters.map(\.type) == builtin.signature.parameters.map { "\($0.type)" }, "\(builtin.name)")
            #expect(entry.variadic == builtin.signature.variadic.map { "\($0)" }, "\(builtin.name)")
            #expect(Self.card.contains(builtin.signature.summary), "\(builtin.name) lacks its summary")
        }
    }

    @Test func everyLibraryFunctionIsListedOnceWithItsParameters() throws {
        let library = StandardLibrary.shared
        for function in library.functions {
            let listed = Self.entries.filter { $0.name == function.name }
            try #require(listed.count == 1, "\(function.name) is listed \(listed.count) times")
            #expect(listed[0].parameters.map(\.name) == function.parameters.map(\.name), "\(function.name)")
            let declared = function.parameters.map { parameter in parameter.type.map { library.text(in: $0.range) } }
            #expect(listed[0].parameters.map(\.type) == declared, "\(function.name)")
            #expect(listed[0].result == function.returnType.map { library.text(in: $0.range) }, "\(function.name)")
        }
    }

    @Test func nothingElseIsListed() {
        let known = Set(BuiltinLibrary.all.map(\.name) + StandardLibrary.shared.names)
        let listed = Self.entries.map(\.name)
        #expect(listed.count == known.count)
        #expect(Set(listed) == known)
    }

    /// The prose outside code blocks: its `name(` calls must all exist.
    @Test func everyFunctionTheProseNamesExists() {
        var known = Set(BuiltinLibrary.all.map(\.name) + StandardLibrary.shared.names)
        known.formUnion(["group", "batch"])  // keywords written like calls
        var inCode = false
        var unknown: Set<String> = []
        let call = try! NSRegularExpression(pattern: #"`[^`]*?\b([a-z_][a-z0-9_]*)\("#)
        for line in Self.card.split(separator: "\n") {
            if line.hasPrefix("```") { inCode.toggle() }
            if inCode || line.hasPrefix("- `") && line.contains(") -> ") { continue }
            let text = String(line)
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                if !known.contains(name) { unknown.insert(name) }
            }
        }
        #expect(unknown.isEmpty, "the card names \(unknown.sorted()), which do not exist")
    }

    /// Compiles `source` and runs its examples; returns the problems found.
    func problems(_ source: String, _ name: String) -> [String] {
        do {
            let program = try Program.compile(source: source, name: name)
            let outcomes = Evaluator(program: program).runExamples()
            if outcomes.isEmpty { return ["\(name) has no examples"] }
            return outcomes.filter { !$0.passed }.map { "\(name): example '\($0.name)': \($0.failures)" }
                + program.warnings.map { "\(name): \($0.message)" }
        } catch {
            return ["\(name): \(error)"]
        }
    }

    @Test func theSyntaxRubricChecksAndPassesItsExamples() {
        #expect(problems(LanguageCard.syntaxRubric, "syntax.rubric").isEmpty)
        #expect(Self.card.contains(LanguageCard.syntaxRubric))
    }

    @Test("each worked example is an excerpt of Examples/ that checks and passes",
          arguments: LanguageCard.workedExamples.map(\.file))
    func workedExample(_ file: String) throws {
        let text = try #require(LanguageCard.workedExamples.first { $0.file == file }?.text)
        #expect(problems(text, file).isEmpty, "\(problems(text, file))")
        #expect(Self.card.contains(text))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let original = try String(contentsOf: root.appendingPathComponent("Examples/\(file)"), encoding: .utf8)
        var remaining = original.split(separator: "\n", omittingEmptySubsequences: false)[...]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let index = remaining.firstIndex(of: line) else {
                Issue.record("\(file): the card's line '\(line)' is not in Examples/\(file) (in order)")
                return
            }
            remaining = remaining[(index + 1)...]
        }
    }

    @Test func theCardsRubricsAreFormatted() {
        for text in [LanguageCard.syntaxRubric] + LanguageCard.workedExamples.map(\.text) {
            #expect(Formatter.format(text + "\n") == text + "\n", "not formatted:\n\(text)")
        }
    }

    @Test func theLimitsTableShowsTheDefaultsAndEveryLimitCode() {
        let limits = Limits()
        for code in LimitsAuditTests.runtimeLimitCodes {
            #expect(Self.card.contains("| \(code) |"), "\(code) is not in the limits table")
        }
        for code in ["E0901", "E0902"] { #expect(Self.card.contains("| \(code) |")) }
        #expect(Self.card.contains("| \(limits.fuel) units |"))
        #expect(Self.card.contains("| \(limits.maxValueDepth) levels |"))
    }
}
