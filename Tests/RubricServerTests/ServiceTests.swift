import Testing
@testable import Rubric
@testable import RubricServer

/// Routing, planning and answering through `RewardService`, without sockets.
@Suite("Server service")
struct ServiceTests {
    static let grouped = """
        rubric centred "correctness minus the group mean"
        input completion: string
        input answer: string
        score correct = completion == answer
        reward = correct - mean(group(correct))
        """

    @Test func chunksKeepGroupsWholeAndCoverEverySampleOnce() throws {
        let program = try Program.compile(source: Self.grouped)
        let groups = (0..<300).map { ($0 * 7) % 23 }
        var numbering: [Int: Int] = [:]
        let dense = groups.map { key in numbering[key] ?? { numbering[key] = numbering.count; return numbering.count - 1 }() }
        let batch = SampleBatch(samples: Array(repeating: .map([:]), count: 300), groups: dense)
        let chunks = BatchPlan.chunks(batch, program: program, jobs: 4)
        #expect(chunks.flatMap(\.indices).sorted() == Array(0..<300))
        for group in Set(dense) {
            let holding = chunks.filter { chunk in chunk.indices.contains { dense[$0] == group } }
            #expect(holding.count == 1)
        }
        #expect(chunks.count > 1)
    }

    @Test func chunksSpreadPlainRequestsOverTheWorkers() throws {
        let program = try Program.compile(source: "input x: int\nreward = x")
        let batch = SampleBatch(samples: Array(repeating: .map([:]), count: 64))
        #expect(BatchPlan.chunks(batch, program: program, jobs: 2).map(\.indices.count) == [32, 32])
        #expect(BatchPlan.chunks(batch, program: program, jobs: 1).map(\.indices.count) == [64])
        let large = SampleBatch(samples: Array(repeating: .map([:]), count: 1000))
        #expect(BatchPlan.chunks(large, program: program, jobs: 2).allSatisfy { $0.indices.count <= BatchPlan.maxChunkSize })
        #expect(BatchPlan.chunks(SampleBatch(samples: []), program: program, jobs: 2).isEmpty)
        let batchWide = try Program.compile(source: "input x: int\nreward = x - mean(batch(x))")
        #expect(BatchPlan.chunks(batch, program: batchWide, jobs: 2).count == 1)
    }

    @Test func serviceAnswersEachEndpoint() async throws {
        let program = try Program.compile(source: Self.grouped)
        var configuration = ServerConfiguration()
        configuration.jobs = 2
        let service = RewardService(program: program, configuration: configuration)
        defer { service.shutdown() }

        let body = #"{"query": ["A1", "A2", "B1", "A1"], "prompts": ["A", "A", "B", "A"], "labels": ["1", "1", "1", "1"]}"#
        let reward = await service.answer(method: "POST", path: "/get_reward") { Array(body.utf8) }
        #expect(reward.status == 200)
        // Group A: correct 1, 0, 1 (mean 2/3); group B: correct 1 alone.
        let third = JSON.serialize(.float(1.0 - 2.0 / 3.0)), negative = JSON.serialize(.float(0.0 - 2.0 / 3.0))
        #expect(reward.body.hasPrefix("{\"rewards\":[\(third),\(negative),0.0,\(third)]"))

        let records = await service.answer(method: "POST", path: "/v1/evaluate") {
            Array(#"{"samples": [{"completion": "1", "answer": "1"}, {"completion": "1"}]}"#.utf8)
        }
        #expect(records.status == 200)
        #expect(records.body.hasPrefix(#"{"records":[{"reward":0.0,"scores":{"correct":1.0},"error":null},{"reward":null,"#))

        let tooLarge = await service.answer(method: "POST", path: "/v1/evaluate") { () throws(ServerError) -> [UInt8] in
            throw ServerError(.bodyTooLarge, "too large")
        }
        #expect(tooLarge.status == 413)
        #expect(tooLarge.body == #"{"error":{"code":"S4130","message":"too large"}}"#)

        let missing = await service.answer(method: "GET", path: "/v2") { [] }
        #expect(missing.status == 404)
        let wrongMethod = await service.answer(method: "PUT", path: "/v1/evaluate") { [] }
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers.first?.name == "Allow")

        let health = await service.answer(method: "GET", path: "/health") { [] }
        #expect(health.body == #"{"status":"ok","rubric":"centred","inputs":["completion","answer"],"scores":["correct"],"workers":2,"queue":64,"in_progress":0}"#)

        let metrics = await service.answer(method: "GET", path: "/metrics") { [] }
        #expect(metrics.contentType.hasPrefix("text/plain"))
        #expect(metrics.body.contains(#"rubric_requests_total{endpoint="/get_reward",status="200"} 1"#))
        #expect(metrics.body.contains(#"rubric_samples_total{endpoint="/v1/evaluate"} 2"#))
        #expect(metrics.body.contains(#"rubric_sample_errors_total{code="E1001"} 1"#))
        #expect(metrics.body.contains(#"rubric_request_errors_total{code="S4130"} 1"#))
        #expect(metrics.body.contains(#"rubric_request_duration_seconds_count{endpoint="other"} 1"#))
    }

    @Test func aFullServiceRefusesWithBusy() async throws {
        let program = try Program.compile(source: "input x: int\nreward = x")
        var configuration = ServerConfiguration()
        configuration.queue = 1
        let service = RewardService(program: program, configuration: configuration)
        defer { service.shutdown() }
        #expect(service.gate.tryEnter())
        let refused = await service.answer(method: "POST", path: "/v1/evaluate") { Array(#"{"samples": []}"#.utf8) }
        #expect(refused.status == 503)
        #expect(refused.headers.first?.name == "Retry-After")
        service.gate.leave()
        let accepted = await service.answer(method: "POST", path: "/v1/evaluate") { Array(#"{"samples": [{"x": 2}]}"#.utf8) }
        #expect(accepted.body == #"{"records":[{"reward":2.0,"scores":{},"error":null}]}"#)
    }

    @Test func aRequestPastItsDeadlineGetsErrorRecords() async throws {
        var limits = Limits()
        limits.fuel = 1 << 50
        limits.deadlineNanoseconds = 0
        let program = try Program.compile(source: """
            input size: int
            let xs = range(size)
            score n = len([1 for x in xs for y in xs if x < 0])
            reward = size
            """, limits: limits)
        var configuration = ServerConfiguration()
        configuration.jobs = 1
        configuration.limits = limits
        configuration.requestTimeoutMilliseconds = 50
        let service = RewardService(program: program, configuration: configuration)
        defer { service.shutdown() }
        let reply = await service.answer(method: "POST", path: "/v1/evaluate") {
            Array(#"{"samples": [{"size": 30000}, {"size": 30000}, {"size": 2}]}"#.utf8)
        }
        let late = #"{"reward":null,"scores":{"n":null},"error":{"code":"S1201","message":"request deadline exceeded: the request ran longer than 50 ms","line":null,"column":null}}"#
        // The first sample is stopped where it runs (its record keeps that line); the others never start.
        #expect(reply.body.hasPrefix(#"{"records":[{"reward":null,"scores":{"n":null},"error":{"code":"S1201","#))
        #expect(reply.body.hasSuffix("," + late + "," + late + "]}"))
    }
}
