import Foundation
import Testing
@testable import Rubric
@testable import RubricSemantics
import RubricSyntax

/// No ambient authority: nothing a script can reach reads files, the environment, the clock,
/// randomness or the network, or starts processes. Two kinds of evidence:
///
/// - The source of everything a script can execute (the library targets Rubric,
///   RubricSemantics, RubricSyntax and the C in CSupport) is scanned for the APIs that give
///   such authority. The modules that could provide them (Foundation, the C library, Dispatch,
///   the C wrappers, which re-export libc) may be imported only by the files listed in
///   `importers`, and every use of a forbidden API must be in `sanctioned`, with its reason.
///   The command-line tool (Sources/rubric) is the host and is not scanned.
/// - The names a script can call are closed: a call resolves to the rubric's own functions,
///   the standard library (written in Rubric, calling only builtins) or the builtin registry,
///   and anything else is an unknown name at compile time.
@Suite("No ambient authority")
struct AmbientAuthorityTests {
    /// APIs that read or write the world outside the sample, by what they would reach. These
    /// names mean the same thing wherever they appear.
    static let forbiddenNames: [(what: String, pattern: String)] = [
        ("files", #"\b(FileManager|FileHandle|FileDescriptor|contentsOfFile|fopen|fdopen|freopen|popen|fread|fgets|fwrite|fputs|fprintf|opendir|readdir|mmap|unlink|yaml_parser_set_input_file|yaml_emitter_set_output_file)\b|contentsOf: *URL"#),
        ("the environment", #"\b(getenv|setenv|unsetenv|environ|ProcessInfo|CommandLine|Bundle|UserDefaults|NSHomeDirectory|NSTemporaryDirectory)\b"#),
        ("the clock", #"\b(Date|DispatchTime|DispatchWallTime|ContinuousClock|SuspendingClock|CFAbsoluteTimeGetCurrent|clock_gettime|gettimeofday|mach_absolute_time|Timer|localtime|gmtime)\b"#),
        ("randomness", #"\b(random|arc4random|arc4random_uniform|SystemRandomNumberGenerator|randomElement|shuffled|shuffle|drand48|UUID|getrandom|getentropy)\b"#),
        ("the network", #"\b(URLSession|URLRequest|URL|socket|getaddrinfo|gethostbyname|NWConnection|CFStream)\b"#),
        ("processes", #"\b(Process|posix_spawn|posix_spawnp|fork|vfork|execv|execve|execvp|dlopen|dlsym|sigaction)\b"#),
        ("the terminal", #"\b(print|debugPrint|dump|stdout|stderr|stdin|readLine|isatty)\b"#),
        ("callouts into host code", #"\b(pcre2_set_callout\w*|pcre2_set_compile_recursion_guard\w*)\b"#),
    ]

    /// C library functions with short, common names: a free call of one of these (not a
    /// method, not a definition) is forbidden in files that can see the C library, that is in
    /// C files and in Swift files importing one of `importers`' modules. Elsewhere such a
    /// call can only be the file's own function.
    static let forbiddenCalls: [(what: String, pattern: String)] = [
        ("files", #"(?<![.\w])(?<!func )(open|openat|creat|read|write|close|stat|lstat|fstat|connect)\("#),
        ("the clock", #"(?<![.\w])(?<!func )(time|clock|sleep|usleep|nanosleep)\("#),
        ("randomness", #"(?<![.\w])(?<!func )(rand|srand)\("#),
        ("processes", #"(?<![.\w])(?<!func )(system|signal|kill|raise|exit|abort)\("#),
    ]

    /// A forbidden API used on purpose, in one file (on lines containing `context`, when
    /// given), with the reason it gives no script authority.
    struct Sanction {
        var file: String
        var token: String
        var context: String?
        var reason: String
    }

    static let sanctioned: [Sanction] = [
        Sanction(file: "Sources/Rubric/Runtime/ExecutionContext.swift", token: "DispatchTime",
                 reason: "the per-sample deadline (Limits.deadlineNanoseconds): the host's clock bounds the run; "
                     + "a script only ever sees E1203, never a time"),
        Sanction(file: "Sources/Rubric/Metrics/NGramIndex.swift", token: "random",
                 reason: "a per-process hash seed, so inputs cannot be crafted to collide; ids follow insertion "
                     + "order and keys are compared exactly, so no result depends on it"),
        Sanction(file: "Sources/Rubric/MathAnswers/MathAnswerComparison.swift", token: "read", context: "read(text)",
                 reason: "the closure parameter `read` (a math answer parser) of the answer cache, not the C library's"),
        Sanction(file: "Sources/Rubric/Runtime/YAML.swift", token: "open", context: "open(isMapping:",
                 reason: "the YAML builder's own method that opens a list or map, not the C library's"),
        Sanction(file: "Sources/Rubric/API/EvaluatorPool.swift", token: "ProcessInfo",
                 reason: "the host's processor count, the default number of threads of a batch; no script sees it"),
    ] + verifierSanctions

    /// `rubric verify` draws its cases from a generator seeded by `--seed`: the same seed gives
    /// the same cases. It runs rubrics and is never called by one.
    static let verifierSanctions: [Sanction] = [
        ("CaseGenerator.swift", ["random", "randomElement"]), ("DataCases.swift", ["random", "shuffle"]),
        ("ValuePool.swift", ["random", "randomElement"]),
    ].flatMap { file, tokens in
        tokens.map { Sanction(file: "Sources/Rubric/Verification/" + file, token: $0,
                              reason: "the property checker's seeded generator; scripts cannot call the checker") }
    }

    /// Modules that could give authority (Foundation, the C library, Dispatch, and the C
    /// wrappers, which re-export the C library), with the files allowed to import each.
    static let importers: [String: Set<String>] = [
        "Foundation": [
            "Sources/Rubric/API/StackRunner.swift", "Sources/Rubric/API/ParallelEvaluator.swift",
            "Sources/Rubric/Runtime/Arithmetic.swift", "Sources/Rubric/MathAnswers/SympyRounding.swift",
            "Sources/Rubric/MathAnswers/ExactNumber.swift", "Sources/Rubric/MathAnswers/FallbackNumbers.swift",
            "Sources/Rubric/MathAnswers/DecimalValue.swift", "Sources/Rubric/MathAnswers/MathFunctions.swift",
            "Sources/Rubric/MathAnswers/MathAnswerComparison.swift", "Sources/Rubric/MathAnswers/MathEvaluation.swift",
            "Sources/Rubric/MathAnswers/MathNodeBuilder.swift",
            // The processor count, for the default number of threads.
            "Sources/Rubric/API/EvaluatorPool.swift",
        ],
        // Math functions (exp, log, nextafter) and memchr-like byte searches.
        "Glibc": ["Sources/Rubric/Metrics/BLEU.swift", "Sources/Rubric/Runtime/FastText.swift",
                  "Sources/Rubric/Builtins/MathBuiltins.swift", "Sources/Rubric/MathAnswers/AnswerExtraction.swift",
                  "Sources/RubricSemantics/Analysis/RangeAnalysis+Builtins.swift",
                  "Sources/RubricSemantics/Analysis/RangeAnalysis+Operators.swift"],
        "Musl": ["Sources/Rubric/Metrics/BLEU.swift", "Sources/Rubric/Builtins/MathBuiltins.swift",
                 "Sources/RubricSemantics/Analysis/RangeAnalysis+Builtins.swift",
                 "Sources/RubricSemantics/Analysis/RangeAnalysis+Operators.swift"],
        "Darwin": ["Sources/Rubric/Metrics/BLEU.swift", "Sources/Rubric/Runtime/FastText.swift",
                   "Sources/Rubric/Builtins/MathBuiltins.swift", "Sources/Rubric/MathAnswers/AnswerExtraction.swift",
                   "Sources/RubricSemantics/Analysis/RangeAnalysis+Builtins.swift",
                   "Sources/RubricSemantics/Analysis/RangeAnalysis+Operators.swift"],
        "Dispatch": ["Sources/Rubric/Runtime/ExecutionContext.swift"],
        "CPCRE2": ["Sources/Rubric/Runtime/Regex.swift", "Sources/Rubric/Runtime/RegexCache.swift"],
        "CYAML": ["Sources/Rubric/Runtime/YAML.swift"],
        // Byte searches and the SIMD scan of JSON strings.
        "CSupport": ["Sources/Rubric/Runtime/FastText.swift", "Sources/Rubric/MathAnswers/AnswerExtraction.swift",
                     "Sources/Rubric/Runtime/JSON.swift"],
    ]

    /// Modules any file may import: the project's own layers and pure data structures.
    static let harmlessModules: Set<String> = ["RubricSyntax", "RubricSemantics", "OrderedCollections"]

    /// Headers the C in CSupport may include.
    static let allowedHeaders: Set<String> = ["<string.h>", "<stddef.h>", "<stdint.h>", "<emmintrin.h>", "\"csupport.h\""]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every scanned file, by path relative to the repository, with its text.
    static let files: [(path: String, text: String)] = {
        var found: [(String, String)] = []
        for folder in ["Sources/Rubric", "Sources/RubricSemantics", "Sources/RubricSyntax", "Sources/CSupport"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".swift") || relative.hasSuffix(".c") || relative.hasSuffix(".h") else { continue }
                let path = folder + "/" + relative
                let text = (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
                found.append((path, text))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }()

    /// `text` without comments and string literals' contents, line structure kept, so that
    /// documentation may name what the code must not call.
    static func code(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var kept = ""
            var inString = false
            var previous: Character = " "
            for character in line {
                if !inString, character == "/", previous == "/" {
                    kept.removeLast()
                    break
                }
                if character == "\"", previous != "\\" { inString.toggle() }
                if !inString || character == "\"" { kept.append(character) }
                previous = character
            }
            return kept
        }
    }

    /// The patterns, compiled once.
    static let names = forbiddenNames.map { ($0.what, try! NSRegularExpression(pattern: $0.pattern)) }
    static let namesAndCalls = names + forbiddenCalls.map { ($0.what, try! NSRegularExpression(pattern: $0.pattern)) }

    /// True when the file can see the C library: C code, or Swift importing a module of
    /// `importers`.
    static func seesTheCLibrary(_ path: String, _ text: String) -> Bool {
        !path.hasSuffix(".swift") || code(text).contains { line in
            line.hasPrefix("import ") && importers.keys.contains(String(line.dropFirst("import ".count)))
        }
    }

    /// The forbidden APIs used in `text`: (line number, what, token, line).
    static func violations(in text: String, seesTheCLibrary: Bool = true)
        -> [(line: Int, what: String, token: String, text: String)] {
        var found: [(Int, String, String, String)] = []
        var inBlockComment = false
        let patterns = seesTheCLibrary ? namesAndCalls : names
        for (index, line) in code(text).enumerated() {
            var line = line
            if inBlockComment {
                guard let end = line.range(of: "*/") else { continue }
                line = String(line[end.upperBound...])
                inBlockComment = false
            }
            if let start = line.range(of: "/*") {
                if line[start.upperBound...].range(of: "*/") == nil { inBlockComment = true }
                line = String(line[..<start.lowerBound])
            }
            for (what, regex) in patterns {
                for match in regex.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                    let token = String(line[Range(match.range, in: line)!]).trimmingCharacters(in: CharacterSet(charactersIn: "("))
                    found.append((index + 1, what, token, line))
                }
            }
        }
        return found
    }

    @Test func theScanSeesTheWholeLibrary() {
        #expect(Self.files.count > 110)
        #expect(Self.files.contains { $0.path == "Sources/Rubric/Builtins/BuiltinLibrary.swift" })
        #expect(Self.files.contains { $0.path == "Sources/CSupport/csupport.c" })
    }

    @Test func theScanFindsWhatItLooksFor() {
        let planted = """
            let home = getenv("HOME")   // getenv in a comment is fine
            let now = Date()
            let data = FileManager.default.contents(atPath: "/etc/passwd")
            let fd = open("/tmp/x", O_RDONLY)
            let roll = Int.random(in: 0..<6)
            let quoted = "time( is only text"
            /* system("rm") in a block comment
               is fine */
            """
        let tokens = Self.violations(in: planted).map(\.token)
        #expect(tokens == ["getenv", "Date", "FileManager", "open", "random"])
    }

    @Test func noFileUsesAForbiddenAPIOutsideTheAllowList() {
        for (path, text) in Self.files {
            for violation in Self.violations(in: text, seesTheCLibrary: Self.seesTheCLibrary(path, text)) {
                let allowed = Self.sanctioned.contains {
                    $0.file == path && $0.token == violation.token && $0.context.map(violation.text.contains) != false
                }
                #expect(allowed, "\(path):\(violation.line) uses \(violation.token), which reaches \(violation.what)")
            }
        }
    }

    @Test func everySanctionIsStillNeeded() {
        for sanction in Self.sanctioned {
            let text = Self.files.first { $0.path == sanction.file }?.text ?? ""
            #expect(Self.violations(in: text).contains { $0.token == sanction.token && sanction.context.map($0.text.contains) != false },
                    "\(sanction.file) no longer uses \(sanction.token): remove its sanction")
        }
    }

    @Test func capableModulesAreImportedOnlyWhereAllowed() {
        for (path, text) in Self.files where path.hasSuffix(".swift") {
            for line in Self.code(text) {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count else { continue }
                guard words[..<index].allSatisfy({ ["@testable", "public", "internal", "@_implementationOnly", "@preconcurrency"].contains($0) })
                else { continue }
                let module = String(words[index + 1])
                if Self.harmlessModules.contains(module) { continue }
                #expect(Self.importers[module]?.contains(path) == true,
                        "\(path) imports \(module): add it to the allow-list with a reason, or do without")
            }
        }
    }

    @Test func theCSupportIncludesOnlyStringFunctions() {
        for (path, text) in Self.files where !path.hasSuffix(".swift") {
            for line in text.split(separator: "\n") where line.hasPrefix("#include") {
                let header = line.dropFirst("#include".count).trimmingCharacters(in: .whitespaces)
                #expect(Self.allowedHeaders.contains(header), "\(path) includes \(header)")
            }
        }
    }

    /// Names a script might try in order to reach the outside world.
    static let capabilityNames = [
        "open", "read_file", "write_file", "readfile", "file", "getenv", "env", "environ", "now", "time", "clock",
        "today", "date", "random", "rand", "uuid", "system", "exec", "spawn", "shell", "popen", "eval", "import",
        "require", "load", "include", "http_get", "fetch", "request", "urlopen", "socket", "print", "input_line",
        "sleep", "exit", "__import__",
    ]

    @Test("a capability name is unknown to scripts", arguments: capabilityNames)
    func capabilityNameIsUnknown(_ name: String) {
        #expect(BuiltinLibrary.indexByName[name] == nil)
        #expect(!StandardLibrary.shared.contains(name))
        for source in ["reward = len(\(name)(\"/etc/passwd\"))\n", "reward = len(\"/etc/passwd\".\(name)())\n"] {
            do {
                _ = try Program.compile(source: source)
                Issue.record("\(source) compiled")
            } catch {
                let codes = error.diagnostics.map(\.code)
                #expect(codes.contains(.unknownName) || codes.contains(.unexpectedToken) || codes.contains(.expectedToken),
                        "\(source): \(codes)")
            }
        }
    }

    @Test func theStandardLibraryCallsOnlyBuiltinsAndItself() {
        let library = StandardLibrary.shared
        var collector = CallCollector()
        for function in library.functions {
            function.locals.forEach { collector.visit($0.value) }
            collector.visit(function.body)
        }
        let parameters = Set(library.functions.flatMap { $0.parameters.map(\.name) })
        let outside = collector.names.filter {
            BuiltinLibrary.indexByName[$0] == nil && !library.contains($0) && !parameters.contains($0)
        }
        #expect(outside.isEmpty, "the standard library calls \(outside.sorted())")
    }

    @Test func compiledCodeCallsOnlyRegisteredBuiltins() throws {
        let program = try Program.compile(source: "input s: string\nreward = len(lower(s)) + token_f1(s, [s])\n")
        #expect(program.builtins.count == BuiltinLibrary.all.count)
        for chunk in [program.mainChunk] + Array(program.functionChunks) {
            for instruction in chunk.code where instruction.opcode == .callBuiltin {
                #expect(BuiltinLibrary.all.indices.contains(Int(instruction.a)))
            }
        }
    }
}
