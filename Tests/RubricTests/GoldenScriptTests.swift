import Foundation
import Testing
@testable import Rubric
import RubricSyntax

/// Runs every script under Tests/Scripts. A script states what it expects in comments:
///
///     # limits: fuel=1000, memory=4096      limits for this script (optional; see applyLimits)
///     # sample: {"x": 1}                    starts a case: evaluate this sample
///     # expect: {"reward":1.0,...}          the exact JSON record of the latest sample
///     # batch: [{"x": 1}, {"x": 2}]         starts a case: evaluate these samples as one batch;
///                                           each following `# expect:` is the next record
///     # groups: [0, 0, 1]                   host-given group ids for the latest batch
///     # expect error [E1102] @5:10: text    before any sample: a compile diagnostic;
///                                           after one: that sample's error (@0:0: no position)
///     # expect warning [W0001] @2:9: text   a compile warning
///     # host: judge, explode                compile with these test host functions
///                                           (`TestHosts`; nothing after the colon: a host
///                                           that registers none); without it, no host
///
/// Positions are line:column; the text must occur in the message. Every compile diagnostic
/// must be expected, and every `example` block in the script must pass. Scripts under
/// `lints/` are also held to `check`'s lints (the other scripts exercise features in
/// rubrics too small to be good rewards, so their lints are not checked).
struct GoldenScript: CustomStringConvertible, Sendable {
    struct Expectation: Sendable {
        var code: String
        var line: Int
        var column: Int
        var text: String
        var severity: Severity
    }

    struct SampleCase: Sendable {
        var json: String
        var record: String?
        var error: Expectation?
        /// For `# batch:` cases: the expected records in order, and host group ids.
        var isBatch = false
        var records: [String] = []
        var groups: [Int]?
    }

    var path: String
    var source: String
    var limits = Limits()
    /// The keys the script's `# limits:` lines set.
    var limitKeys: Set<String> = []
    /// The test host functions to register, by name; nil for no host.
    var hosts: [String]?
    var diagnostics: [Expectation] = []
    var samples: [SampleCase] = []

    var description: String { path.components(separatedBy: "/Scripts/").last ?? path }

    /// True for the scripts whose lints are expected too.
    var checksLints: Bool { description.hasPrefix("lints/") }

    /// Every script under Tests/Scripts, sorted by path.
    static let all: [GoldenScript] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts")
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".rubric") { paths.append(root.appendingPathComponent(relative).path) }
        }
        return paths.sorted().map { GoldenScript(path: $0) }
    }()

    init(path: String) {
        self.path = path
        source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let hash = line.range(of: "# ") else { continue }
            let comment = line[hash.upperBound...]
            if comment.hasPrefix("limits:") {
                applyLimits(String(comment.dropFirst("limits:".count)))
            } else if comment.hasPrefix("host:") {
                hosts = comment.dropFirst("host:".count).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else if comment.hasPrefix("sample:") {
                samples.append(SampleCase(json: comment.dropFirst("sample:".count).trimmingCharacters(in: .whitespaces)))
            } else if comment.hasPrefix("batch:") {
                var batch = SampleCase(json: comment.dropFirst("batch:".count).trimmingCharacters(in: .whitespaces))
                batch.isBatch = true
                samples.append(batch)
            } else if comment.hasPrefix("groups:"), !samples.isEmpty {
                let text = comment.dropFirst("groups:".count).trimmingCharacters(in: .whitespaces)
                samples[samples.count - 1].groups = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            } else if comment.hasPrefix("expect:") {
                let record = comment.dropFirst("expect:".count).trimmingCharacters(in: .whitespaces)
                if samples.last?.isBatch == true {
                    samples[samples.count - 1].records.append(record)
                } else if !samples.isEmpty {
                    samples[samples.count - 1].record = record
                }
            } else if comment.hasPrefix("expect error") || comment.hasPrefix("expect warning") {
                guard let expectation = GoldenScript.parseExpectation(String(comment)) else { continue }
                if samples.isEmpty || expectation.severity == .warning {
                    diagnostics.append(expectation)
                } else {
                    samples[samples.count - 1].error = expectation
                }
            }
        }
    }

    /// Parses `expect error [CODE] @L:C: text`.
    static func parseExpectation(_ comment: String) -> Expectation? {
        let severity: Severity = comment.hasPrefix("expect warning") ? .warning : .error
        guard let open = comment.firstIndex(of: "["), let close = comment.firstIndex(of: "]"),
              let at = comment.firstIndex(of: "@") else { return nil }
        let code = String(comment[comment.index(after: open)..<close])
        let rest = comment[comment.index(after: at)...]
        let parts = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
        let text = parts.count > 2 ? parts[2].trimmingCharacters(in: .whitespaces) : ""
        return Expectation(code: code, line: line, column: column, text: text, severity: severity)
    }

    mutating func applyLimits(_ text: String) {
        for setting in text.split(separator: ",") {
            let pair = setting.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let value = Int(pair[1]) else { continue }
            limitKeys.insert(pair[0])
            switch pair[0] {
            case "fuel": limits.fuel = value
            case "memory": limits.memoryBytes = value
            case "regex_match": limits.regexMatchLimit = UInt32(value)
            case "regex_depth": limits.regexDepthLimit = UInt32(value)
            case "regex_heap_kib": limits.regexHeapLimitKiB = UInt32(value)
            case "regex_jit": limits.regexJIT = value != 0
            case "regex_jit_stack": limits.regexJITStackBytes = value
            case "value_depth": limits.maxValueDepth = value
            case "deadline_ms": limits.deadlineNanoseconds = UInt64(value) * 1_000_000
            case "output_bytes": limits.maxOutputBytes = value
            case "source_bytes": limits.syntax.maxSourceBytes = value
            case "nesting": limits.syntax.maxNesting = value
            default: break
            }
        }
    }
}

@Suite("Golden scripts")
struct GoldenScriptTests {
    @Test("script", .timeLimit(.minutes(1)), arguments: GoldenScript.all)
    func script(_ script: GoldenScript) {
        var program: Program?
        var reported: [Diagnostic] = []
        let source: SourceFile
        do {
            let host = script.hosts.map { HostEnvironment(TestHosts.named($0)) } ?? .unavailable
            let compiled = try Program.compile(source: script.source, name: script.description, limits: script.limits,
                                               host: host)
            program = compiled
            reported = compiled.warnings + (script.checksLints ? compiled.analysis.lints : [])
            source = compiled.source
        } catch {
            reported = error.diagnostics
            source = error.source
        }
        checkDiagnostics(script, reported, source)
        guard let program else {
            #expect(!script.diagnostics.filter { $0.severity == .error }.isEmpty,
                    "\(script): did not compile but expects no error")
            return
        }
        let evaluator = Evaluator(program: program, limits: script.limits)
        for sample in script.samples where sample.isBatch {
            do throws(RuntimeError) {
                // Batches are parsed with the default depth limit, so that a sample too deep for
                // the script's limit reaches the evaluator, which must refuse it itself.
                guard case .list(let batch) = try JSON.parse(sample.json, maxDepth: Limits().maxValueDepth) else {
                    Issue.record("\(script): a batch must be a JSON array")
                    continue
                }
                let records = evaluator.evaluate(batch: batch, groups: sample.groups).map { $0.json() }
                #expect(records == sample.records, "\(script): batch \(sample.json)")
            } catch {
                Issue.record("\(script): batch is not valid JSON: \(error.message)")
            }
        }
        for sample in script.samples where !sample.isBatch {
            let result: SampleResult
            do throws(RuntimeError) {
                result = evaluator.evaluate(sample: try JSON.parse(sample.json, maxDepth: script.limits.maxValueDepth))
            } catch {
                result = .failed(SampleError(code: error.code.rawValue, message: error.message, line: nil, column: nil),
                                 program: program)
            }
            if let record = sample.record {
                #expect(result.json() == record, "\(script): sample \(sample.json)")
            }
            if let expected = sample.error {
                let error = result.error
                #expect(error?.code == expected.code, "\(script): sample \(sample.json) error \(String(describing: error))")
                // @0:0 stands for an error with no position (the sample itself was malformed).
                #expect((error?.line ?? 0) == expected.line && (error?.column ?? 0) == expected.column,
                        "\(script): sample \(sample.json) error at \(error?.line ?? 0):\(error?.column ?? 0), expected \(expected.line):\(expected.column)")
                #expect(error?.message.contains(expected.text) ?? false, "\(script): message \(error?.message ?? "")")
            } else if sample.record == nil {
                Issue.record("\(script): sample \(sample.json) has no expectation")
            }
        }
        for outcome in evaluator.runExamples() {
            #expect(outcome.passed, "\(script): example '\(outcome.name)' failed: \(outcome.failures)")
        }
    }

    /// Checks that the reported diagnostics are exactly the expected ones.
    func checkDiagnostics(_ script: GoldenScript, _ reported: [Diagnostic], _ source: SourceFile) {
        var unmatched = reported
        for expected in script.diagnostics {
            let index = unmatched.firstIndex { diagnostic in
                let location = source.location(of: diagnostic.range.start)
                return diagnostic.code.rawValue == expected.code && diagnostic.severity == expected.severity
                    && location.line == expected.line && location.column == expected.column
            }
            guard let index else {
                let got = reported.map { "\($0.code.rawValue)@\(source.location(of: $0.range.start)): \($0.message)" }
                Issue.record("\(script): missing \(expected.severity) [\(expected.code)] @\(expected.line):\(expected.column); got \(got)")
                continue
            }
            #expect(unmatched[index].message.contains(expected.text),
                    "\(script): message '\(unmatched[index].message)' lacks '\(expected.text)'")
            unmatched.remove(at: index)
        }
        for diagnostic in unmatched {
            Issue.record("\(script): unexpected \(DiagnosticRenderer.text(diagnostic, in: source))")
        }
    }
}

/// Every stable code, compile-time and runtime, is exercised by at least one golden script.
@Suite("Code coverage of golden scripts")
struct CodeCoverageTests {
    /// The codes that appear in `# expect error [CODE]` comments across all scripts.
    static let expectedCodes: Set<String> = {
        var codes: Set<String> = []
        for script in GoldenScript.all {
            for expectation in script.diagnostics { codes.insert(expectation.code) }
            for sample in script.samples {
                if let error = sample.error { codes.insert(error.code) }
            }
        }
        return codes
    }()

    @Test func everyCompileTimeCodeHasAGoldenScript() {
        let missing = DiagnosticCode.allCases.map(\.rawValue).filter { !Self.expectedCodes.contains($0) }
        #expect(missing.isEmpty, "no golden script for \(missing)")
    }

    /// Runtime codes that no script can raise, with where each is tested instead. A script
    /// only reads its sample; these come from the host while a sample runs.
    static let raisedOnlyByTheHost: [String: String] = [
        // ExecutionContext.cancellation, raised by `rubric repl` on Ctrl-C.
        RuntimeErrorCode.cancelled.rawValue: "CancellationTests, ReplTerminalTests",
    ]

    @Test func everyRuntimeCodeHasAGoldenScript() {
        let missing = RuntimeErrorCode.allCases.map(\.rawValue).filter {
            !Self.expectedCodes.contains($0) && Self.raisedOnlyByTheHost[$0] == nil
        }
        #expect(missing.isEmpty, "no golden script for \(missing)")
    }

    @Test func codesRaisedOnlyByTheHostHaveNoScriptThatCouldTestThem() {
        for code in Self.raisedOnlyByTheHost.keys {
            #expect(!Self.expectedCodes.contains(code), "\(code) has a golden script: drop its exemption")
        }
    }
}
