import Foundation
import Testing
@testable import Rubric
import RubricSyntax

/// Every limit of the sandbox is documented, has its own error code, a golden script under
/// Tests/Scripts/limits/ that reaches it, and (for limits met while a sample runs) a batch in
/// which the sample that hits it gets an error record and the next sample evaluates normally.
/// Adding a field to `Limits` or `SyntaxLimits` without all of that fails here.
@Suite("Limits audit")
struct LimitsAuditTests {
    /// One configurable limit: its property path, its key in a golden script's `# limits:`
    /// line, and the codes that report it.
    struct Entry: CustomStringConvertible, Sendable {
        var property: String
        var key: String
        var codes: [String]
        var description: String { property }
    }

    static let entries: [Entry] = [
        Entry(property: "fuel", key: "fuel", codes: ["E1201"]),
        Entry(property: "memoryBytes", key: "memory", codes: ["E1202"]),
        Entry(property: "regexMatchLimit", key: "regex_match", codes: ["E1204"]),
        Entry(property: "regexDepthLimit", key: "regex_depth", codes: ["E1204"]),
        Entry(property: "regexJIT", key: "regex_jit", codes: ["E1204"]),
        Entry(property: "regexHeapLimitKiB", key: "regex_heap_kib", codes: ["E1204"]),
        Entry(property: "regexJITStackBytes", key: "regex_jit_stack", codes: ["E1204"]),
        Entry(property: "maxValueDepth", key: "value_depth", codes: ["E1206"]),
        Entry(property: "maxOutputBytes", key: "output_bytes", codes: ["E1205", "E0950"]),
        Entry(property: "deadlineNanoseconds", key: "deadline_ms", codes: ["E1203"]),
        Entry(property: "syntax.maxSourceBytes", key: "source_bytes", codes: ["E0901"]),
        Entry(property: "syntax.maxNesting", key: "nesting", codes: ["E0902"]),
    ]

    /// The golden scripts under Tests/Scripts/limits/.
    static let scripts = GoldenScript.all.filter { $0.description.hasPrefix("limits/") }

    /// The property paths of `Limits`, with `SyntaxLimits` flattened under `syntax.`.
    static var properties: [String] {
        Mirror(reflecting: Limits()).children.flatMap { child -> [String] in
            guard let label = child.label else { return [] }
            if label == "syntax" {
                return Mirror(reflecting: child.value).children.compactMap { $0.label.map { "syntax.\($0)" } }
            }
            return [label]
        }
    }

    @Test func everyLimitIsAudited() {
        let audited = Set(Self.entries.map(\.property))
        for property in Self.properties {
            #expect(audited.contains(property), "Limits.\(property) has no entry: give it a code, a golden script and an entry here")
        }
        #expect(Set(Self.properties) == audited)
    }

    @Test("every limit is documented with its reason", arguments: entries)
    func documented(_ entry: Entry) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = entry.property.hasPrefix("syntax.") ? "Sources/RubricSyntax/SyntaxLimits.swift"
            : "Sources/Rubric/Runtime/Limits.swift"
        let name = entry.property.split(separator: ".").last.map(String.init) ?? entry.property
        let lines = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let declaration = try #require(lines.firstIndex { $0.contains("public var \(name):") },
                                       "\(file) declares no \(name)")
        var comment: [Substring] = []
        var index = declaration - 1
        while index >= 0, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
            comment.insert(lines[index], at: 0)
            index -= 1
        }
        let text = comment.joined(separator: " ")
        // A reason takes more than a label: at least two sentences.
        #expect(text.components(separatedBy: ". ").count >= 2 || text.filter { $0 == "." }.count >= 2,
                "\(name) needs a doc comment that gives its reason: \(text)")
    }

    @Test("every limit has a golden script that reaches it", arguments: entries)
    func reached(_ entry: Entry) {
        let setting = Self.scripts.filter { $0.limitKeys.contains(entry.key) }
        #expect(!setting.isEmpty, "no script under limits/ sets \(entry.key)")
        for code in entry.codes {
            let reaching = setting.filter { script in
                script.diagnostics.contains { $0.code == code }
                    || script.samples.contains { $0.error?.code == code || $0.records.contains { Self.code(of: $0) == code } }
            }
            #expect(!reaching.isEmpty, "no script under limits/ that sets \(entry.key) expects \(code)")
        }
    }

    @Test("a sample over a runtime limit fails alone: the next one evaluates normally", arguments: entries)
    func nextSampleUnaffected(_ entry: Entry) {
        for code in entry.codes where code.hasPrefix("E1") {
            let recovering = Self.scripts.filter { $0.limitKeys.contains(entry.key) }.contains { script in
                script.samples.contains { batch in
                    zip(batch.records, batch.records.dropFirst()).contains { failed, next in
                        Self.code(of: failed) == code && Self.code(of: next) == nil
                    }
                }
            }
            #expect(recovering, "no script under limits/ that sets \(entry.key) has a batch in which a sample fails with \(code) and the next succeeds")
        }
    }

    /// The runtime codes of limits: E1201-E1219 (E1207 is a cancellation, not a limit;
    /// E1220 up are host functions).
    static let runtimeLimitCodes = RuntimeErrorCode.allCases.map(\.rawValue)
        .filter { $0 >= "E1201" && $0 < "E1220" && $0 != "E1207" }

    @Test func everyLimitCodeIsInTheAudit() {
        let audited = Set(Self.entries.flatMap(\.codes))
        // E0900-E0959 are the compile-time limits; E0960 up are host functions.
        let limitCodes = Self.runtimeLimitCodes
            + DiagnosticCode.allCases.map(\.rawValue).filter { $0 >= "E0900" && $0 < "E0960" }
        for code in limitCodes {
            #expect(audited.contains(code), "\(code) is a limit code that no audited limit reports")
        }
    }

    /// The error code of an expected JSON record, or nil for `"error":null`.
    static func code(of record: String) -> String? {
        guard let range = record.range(of: #""error":{"code":""#) else { return nil }
        return String(record[range.upperBound...].prefix(5))
    }
}
