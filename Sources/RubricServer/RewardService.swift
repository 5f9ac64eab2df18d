import Dispatch
import Rubric

/// What the server answers, independent of the HTTP framework: routes a request, admits it,
/// has its samples scored on the worker pool and renders the reply. Holds no state between
/// requests but counters, so replicas behind a load balancer answer alike.
public final class RewardService: Sendable {
    /// The endpoints, by method and path.
    public enum Endpoint: String, Sendable, CaseIterable {
        case openRLHF = "/get_reward"
        case evaluate = "/v1/evaluate"
        case health = "/health"
        case metrics = "/metrics"

        /// The one method each endpoint takes.
        public var method: String {
            switch self {
            case .openRLHF, .evaluate: "POST"
            case .health, .metrics: "GET"
            }
        }
    }

    /// A response: status, content type, body and any extra headers.
    public struct Reply: Sendable {
        public var status: Int
        public var contentType = "application/json"
        public var body: String
        public var headers: [(name: String, value: String)] = []

        /// The JSON error response for `error`.
        public init(_ error: ServerError) {
            status = error.code.httpStatus
            body = error.json()
        }

        public init(status: Int, contentType: String = "application/json", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    public let program: Program
    public let configuration: ServerConfiguration
    let pool: WorkerPool
    let gate: AdmissionGate
    let metrics = ServerMetrics()

    /// Starts the worker threads; call `shutdown()` to stop them.
    public init(program: Program, configuration: ServerConfiguration) {
        self.program = program
        self.configuration = configuration
        pool = WorkerPool(program: program, threads: configuration.jobs, limits: configuration.limits,
                          pathOverrides: configuration.pathOverrides)
        gate = AdmissionGate(capacity: configuration.queue)
    }

    /// Finishes queued work and stops the worker threads.
    public func shutdown() {
        pool.shutdown()
    }

    /// The endpoint at `path` for `method`, or the 404/405 error that answers instead.
    public static func route(method: String, path: String) -> Result<Endpoint, ServerError> {
        guard let endpoint = Endpoint(rawValue: path) else {
            let paths = Endpoint.allCases.map { "\($0.method) \($0.rawValue)" }.joined(separator: ", ")
            return .failure(ServerError(.notFound, "no endpoint at '\(path)'; the endpoints are \(paths)"))
        }
        guard endpoint.method == method else {
            return .failure(ServerError(.methodNotAllowed, "\(path) takes \(endpoint.method), not \(method)"))
        }
        return .success(endpoint)
    }

    /// Answers one request. `readBody` collects the body (throwing `S4130` past the size
    /// limit); it is called only for scoring endpoints, after the request is admitted.
    public func answer(method: String, path: String,
                       readBody: () async throws(ServerError) -> [UInt8]) async -> Reply {
        let start = DispatchTime.now().uptimeNanoseconds
        metrics.begin()
        let label = Endpoint(rawValue: path)?.rawValue ?? "other"
        var reply: Reply
        var refusal: ServerError?
        switch Self.route(method: method, path: path) {
        case .failure(let error):
            refusal = error
            reply = Reply(error)
            if error.code == .methodNotAllowed, let endpoint = Endpoint(rawValue: path) {
                reply.headers.append(("Allow", endpoint.method))
            }
        case .success(.health):
            reply = Reply(status: 200, body: health())
        case .success(.metrics):
            reply = Reply(status: 200, contentType: "text/plain; version=0.0.4",
                          body: metrics.text(workers: pool.threadCount, queueCapacity: gate.capacity))
        case .success(let endpoint):
            switch await score(endpoint, readBody: readBody) {
            case .success(let body): reply = Reply(status: 200, body: body)
            case .failure(let error):
                refusal = error
                reply = Reply(error)
                if error.code == .busy { reply.headers.append(("Retry-After", "1")) }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.end(endpoint: label, status: reply.status, seconds: seconds, refusal: refusal?.code.rawValue)
        return reply
    }

    /// Admits a scoring request, reads and parses its body and scores its samples on the
    /// workers; returns the response body or why the request was refused.
    func score(_ endpoint: Endpoint, readBody: () async throws(ServerError) -> [UInt8]) async -> Result<String, ServerError> {
        guard gate.tryEnter() else {
            return .failure(ServerError(.busy, "the server is busy: \(gate.capacity) requests are in progress; retry later"))
        }
        defer { gate.leave() }
        let bytes: [UInt8]
        do throws(ServerError) { bytes = try await readBody() } catch { return .failure(error) }
        let (program, configuration) = (program, configuration)
        let parsed = await pool.run { _ in
            Result { () throws(ServerError) -> SampleBatch in
                switch endpoint {
                case .openRLHF: try OpenRLHFRequest.parse(bytes, program: program, configuration: configuration)
                default: try EvaluateRequest.parse(bytes, program: program, configuration: configuration)
                }
            }
        }
        let batch: SampleBatch
        switch parsed {
        case .success(let value): batch = value
        case .failure(let error): return .failure(error)
        }
        let evaluation = BatchEvaluation(batch: batch, program: program, jobs: pool.threadCount)
        let metrics = metrics
        let body = await evaluation.run(on: pool, timeoutMilliseconds: configuration.requestTimeoutMilliseconds) { results in
            var codes: [String: Int] = [:]
            for result in results { if let code = result.error?.code { codes[code, default: 0] += 1 } }
            metrics.scored(endpoint: endpoint.rawValue, samples: results.count, errorCodes: codes)
            switch endpoint {
            case .openRLHF: return OpenRLHFRequest.response(results, program: program, configuration: configuration)
            default: return EvaluateRequest.response(results.map { $0.json() })
            }
        }
        return .success(body)
    }

    /// The health document: status, the rubric's name, inputs and scores, and the load.
    func health() -> String {
        let inputs = program.inputs.map { JSON.serialize(.string($0.name)) }.joined(separator: ",")
        let scores = program.scoreNames.map { JSON.serialize(.string($0)) }.joined(separator: ",")
        return "{\"status\":\"ok\",\"rubric\":\(JSON.serialize(program.name.map { .string($0) } ?? .null)),"
            + "\"inputs\":[\(inputs)],\"scores\":[\(scores)],\"workers\":\(pool.threadCount),"
            + "\"queue\":\(gate.capacity),\"in_progress\":\(gate.inUse)}"
    }
}
