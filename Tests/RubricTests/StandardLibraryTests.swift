import Foundation
import Testing
@testable import Rubric
import RubricSemantics
import RubricSyntax

/// The standard library written in Rubric: its embedded copy, that it checks cleanly, that
/// every function is documented, and how programs include, shadow and report it.
@Suite("Standard library")
struct StandardLibraryTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Stdlib")

    /// The modules compiled into the binary are exactly the files in Stdlib/.
    @Test func embeddedCopyMatchesTheFiles() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".rubric") }.sorted()
        #expect(StandardLibrary.modules.map(\.name) == names, "run python3 Stdlib/embed.py")
        for (name, text) in StandardLibrary.modules {
            let file = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            #expect(file == text, "\(name) changed: run python3 Stdlib/embed.py")
        }
    }

    /// Every library function parses and type-checks.
    @Test func everyFunctionChecks() {
        let diagnostics = Checker.checkLibrary(StandardLibrary.shared, environment: StandardEnvironment.shared)
        let errors = diagnostics.items.map { diagnostic in
            let (module, location) = StandardLibrary.locate(diagnostic.range.start)
            return "\(module):\(location): \(diagnostic.message)"
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(!StandardLibrary.shared.functions.isEmpty)
    }

    /// Every function has a comment right above it, and no library name is also a builtin.
    @Test func everyFunctionIsDocumentedAndNamesAreUnique() {
        var seen: Set<String> = []
        for (name, text) in StandardLibrary.modules {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.hasPrefix("fn ") {
                let function = line.dropFirst(3).prefix { $0 != "(" }
                #expect(index > 0 && lines[index - 1].hasPrefix("#"), "\(name): fn \(function) has no comment above it")
                #expect(seen.insert(String(function)).inserted, "\(function) is defined twice")
                #expect(BuiltinLibrary.indexByName[String(function)] == nil, "\(function) is also a builtin")
            }
        }
    }

    /// A program contains only the library functions it calls, with their dependencies.
    @Test func programsIncludeOnlyWhatTheyCall() throws {
        let program = try Program.compile(source: "input n: int\nreward = soft_overlong(n, max: 10, cache: 5)\n")
        #expect(program.functionChunks.map(\.name) == ["soft_overlong"])
        let plain = try Program.compile(source: "input n: int\nreward = n\n")
        #expect(plain.functionChunks.isEmpty)
    }

    /// A rubric's own function shadows a library function of the same name.
    @Test func rubricFunctionsShadowTheLibrary() throws {
        let source = "input n: int\nfn soft_overlong(x: int) -> int = x * 2\nreward = soft_overlong(n)\n"
        let program = try Program.compile(source: source)
        let result = Evaluator(program: program).evaluate(sample: .map(["n": .int(4)]))
        #expect(result.reward == 8)
    }

    /// Wrong arguments to a library function are reported at the rubric's call.
    @Test func wrongArgumentsAreReportedAtTheCall() {
        let source = "input n: string\nreward = soft_overlong(n)\n"
        let (file, diagnostics) = Program.diagnose(source: source)
        #expect(diagnostics.map(\.code) == [.typeMismatch])
        #expect(diagnostics.first.map { file.location(of: $0.range.start).line } == 2)
    }

    /// A run-time error inside a library function points at the rubric's call and names the
    /// function.
    @Test func runtimeErrorsInTheLibraryPointAtTheCall() throws {
        let source = "input xs: list[float]\nscore s = 1\nreward = zscore(1.0, xs)\n"
        let program = try Program.compile(source: source)
        let result = Evaluator(program: program).evaluate(sample: .map(["xs": .list([.float(1), .float(3)])]))
        #expect(result.error == nil)
        let failing = Evaluator(program: program).evaluate(sample: .map(["xs": .list([])]))
        #expect(failing.error?.code == "E1107")
        #expect(failing.error?.line == 3)
        #expect(failing.error?.message.contains("standard library function 'zscore'") == true)
    }
}
