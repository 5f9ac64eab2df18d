import Testing
@testable import Rubric
@testable import RubricServer

/// How the OpenRLHF and native requests map to samples and back, without sockets.
@Suite("Server request mapping")
struct RequestMappingTests {
    static let plain = """
        input completion: string
        input answer: string
        score correct = completion == answer
        reward = if answer == "" then skip else correct
        """
    static let grouped = """
        input completion: string
        input answer: string
        score correct = completion == answer
        reward = correct - mean(group(correct))
        """

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func openRLHFSamplesCarryQueryPromptCompletionLabelAndMeta() throws {
        let program = try Program.compile(source: Self.plain)
        let body = #"{"query": ["<s>Q: 2+2?A: 4</s>"], "prompts": ["Q: 2+2?"], "labels": [{"gold": "4"}], "metas": [{"id": 9}]}"#
        var configuration = ServerConfiguration()
        configuration.stripSuffixes = ["</s>"]
        let batch = try OpenRLHFRequest.parse(bytes(body), program: program, configuration: configuration)
        #expect(batch.groups == nil)
        #expect(JSON.serialize(batch.samples[0]) == #"{"query":"<s>Q: 2+2?A: 4</s>","prompt":"Q: 2+2?","completion":"A: 4","label":{"gold":"4"},"answer":{"gold":"4"},"meta":{"id":9}}"#)
    }

    @Test func completionDropsThePromptAndStripsSuffixesRepeatedly() {
        let strip = ["<|im_end|>", "<pad>"]
        #expect(OpenRLHFRequest.completion(query: "PQ-R", prompt: "PQ-", stripping: []) == "R")
        #expect(OpenRLHFRequest.completion(query: "BOS PQ-R<pad><|im_end|><pad>", prompt: "PQ-", stripping: strip) == "R")
        #expect(OpenRLHFRequest.completion(query: "R<|im_end|>", prompt: nil, stripping: strip) == "R")
        #expect(OpenRLHFRequest.completion(query: "other", prompt: "PQ-", stripping: strip) == "other")
        #expect(OpenRLHFRequest.completion(query: "<pad>", prompt: nil, stripping: strip) == "")
        #expect(OpenRLHFRequest.completion(query: "é→x", prompt: "é→", stripping: []) == "x")
        #expect(OpenRLHFRequest.completion(query: "abc", prompt: "", stripping: [""]) == "abc")
    }

    @Test func searchFindsTheFirstOccurrenceLikeANaiveSearch() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let haystack = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in "ab".randomElement(using: &generator)! })
            let needle = String((0..<Int.random(in: 1...4, using: &generator)).map { _ in "ab".randomElement(using: &generator)! })
            let found = TextSearch.endOfFirstMatch(of: needle, in: haystack)
            let naive = haystack.utf8.indices.first { haystack.utf8[$0...].starts(with: needle.utf8) }
                .map { haystack.utf8.index($0, offsetBy: needle.utf8.count) }
            #expect(found == naive, "\(needle) in \(haystack)")
        }
    }

    @Test func openRLHFRequestsAreChecked() throws {
        let program = try Program.compile(source: Self.plain)
        let configuration = ServerConfiguration()
        let cases: [(String, ServerErrorCode)] = [
            (#"{"query": 1}"#, .invalidField),
            (#"{"prompts": []}"#, .invalidField),
            (#"{"query": ["a"], "prompts": ["a", "b"]}"#, .lengthMismatch),
            (#"{"query": ["a"], "labels": []}"#, .lengthMismatch),
            (#"{"query": [true]}"#, .invalidField),
            ("[]", .invalidField),
            ("{", .invalidJSON),
        ]
        for (body, code) in cases {
            #expect(throws: ServerError.self) { try OpenRLHFRequest.parse(bytes(body), program: program, configuration: configuration) }
            do {
                _ = try OpenRLHFRequest.parse(bytes(body), program: program, configuration: configuration)
            } catch {
                #expect(error.code == code, "\(body)")
            }
        }
        do {
            _ = try OpenRLHFRequest.parse([0x7B, 0xFF, 0x7D], program: program, configuration: configuration)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.code == .invalidUTF8)
        }
    }

    @Test func openRLHFGroupsFollowThePromptUnlessToldOtherwise() throws {
        let program = try Program.compile(source: Self.grouped)
        let body = #"{"query": ["A1", "B1", "A2", "B2"], "prompts": ["A", "B", "A", "B"], "labels": ["1", "1", "1", "1"], "metas": [{"k": 1}, {"k": 1}, {"k": 1.0}, {"k": 2}]}"#
        var configuration = ServerConfiguration()
        #expect(try OpenRLHFRequest.parse(bytes(body), program: program, configuration: configuration).groups == [0, 1, 0, 1])
        configuration.groupBy = [.key("meta"), .key("k")]
        #expect(try OpenRLHFRequest.parse(bytes(body), program: program, configuration: configuration).groups == [0, 0, 0, 1])
    }

    @Test func openRLHFResponseFillsSkippedAndFailedSamples() throws {
        let program = try Program.compile(source: Self.plain)
        let evaluator = Evaluator(program: program)
        let results = [
            evaluator.evaluate(sample: .map(["completion": .string("4"), "answer": .string("4")])),
            evaluator.evaluate(sample: .map(["completion": .string("4"), "answer": .string("")])),
            evaluator.evaluate(sample: .map(["completion": .string("4")])),
        ]
        var configuration = ServerConfiguration()
        configuration.nullReward = -0.5
        #expect(OpenRLHFRequest.response(results, program: program, configuration: configuration)
                == #"{"rewards":[1.0,-0.5,-0.5],"scores":[1.0,-0.5,-0.5],"extra_logs":{"correct":[1.0,0.0,-0.5],"rubric_skipped":[0.0,1.0,0.0],"rubric_failed":[0.0,0.0,1.0]}}"#)
        configuration.openRLHFScore = "correct"
        #expect(OpenRLHFRequest.response(results, program: program, configuration: configuration)
                .hasPrefix(#"{"rewards":[1.0,-0.5,-0.5],"scores":[1.0,0.0,-0.5],"#))
    }

    @Test func evaluateRequestsReadSamplesAndGroups() throws {
        let program = try Program.compile(source: Self.grouped)
        let configuration = ServerConfiguration()
        let byKey = try EvaluateRequest.parse(bytes(#"{"samples": [{"p": "x"}, {"p": "y"}, {"p": "x"}], "group_by": "p"}"#),
                                              program: program, configuration: configuration)
        #expect(byKey.groups == [0, 1, 0])
        let byIds = try EvaluateRequest.parse(bytes(#"{"samples": [{}, {}, {}], "groups": [5, 3, 5]}"#),
                                              program: program, configuration: configuration)
        #expect(byIds.groups == [0, 1, 0])
        let whole = try EvaluateRequest.parse(bytes(#"{"samples": [{}, {}]}"#), program: program, configuration: configuration)
        #expect(whole.groups == nil)
        #expect(throws: ServerError(.invalidField, "groups[1] must be an integer, not string")) {
            try EvaluateRequest.parse(self.bytes(#"{"samples": [{}, {}], "groups": [1, "a"]}"#), program: program,
                                      configuration: configuration)
        }
        var limited = configuration
        limited.maxSamples = 1
        #expect(throws: ServerError(.tooManySamples, "the request has 2 samples; the server takes at most 1 per request")) {
            try EvaluateRequest.parse(self.bytes(#"{"samples": [{}, {}]}"#), program: program, configuration: limited)
        }
    }

    @Test func errorCodesCarryTheirHTTPStatus() {
        #expect(ServerErrorCode.invalidJSON.httpStatus == 400)
        #expect(ServerErrorCode.bodyTooLarge.httpStatus == 413)
        #expect(ServerErrorCode.busy.httpStatus == 503)
        #expect(ServerErrorCode.methodNotAllowed.httpStatus == 405)
        #expect(ServerError(.notFound, "no \"x\"").json() == #"{"error":{"code":"S4040","message":"no \"x\""}}"#)
    }
}
