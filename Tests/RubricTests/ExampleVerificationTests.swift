import Foundation
import Testing
@testable import Rubric

/// Every rubric in Examples/ passes `rubric verify` with its data file: no finding on the
/// generated cases, the records or their mutations, with the command's default options. A
/// rubric may reject malformed generated input with its own `fail("…")`, but never a record.
@Suite("Example verification")
struct ExampleVerificationTests {
    @Test(arguments: ExampleRubricTests.names)
    func exampleHasNoFindings(_ name: String) throws {
        let folder = ExampleRubricTests.folder
        let source = try String(contentsOf: folder.appendingPathComponent("\(name).rubric"), encoding: .utf8)
        let program = try Program.compile(source: source, name: "\(name).rubric")
        let data = try String(contentsOf: folder.appendingPathComponent("data/\(name).jsonl"), encoding: .utf8)
        var options = VerificationOptions()
        options.data = try data.split(separator: "\n").map { line throws(RuntimeError) in
            try JSON.parse(String(line), maxDepth: 128)
        }
        let report = PropertyVerifier(program: program, options: options).run()
        #expect(report.generated == options.cases)
        #expect(report.dataCases > 0 && report.mutations > 0)
        #expect(report.findings.isEmpty, "\(name):\n\(report.text(file: "\(name).rubric"))")
        // The rubric's own checks may reject generated or mutated input, never a record.
        #expect(report.rejections.allSatisfy { $0.origin != .data })
    }
}
