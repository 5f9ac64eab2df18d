import ArgumentParser
import Dispatch
import Foundation
import Logging
import Rubric
import RubricServer

/// `rubric serve RUBRIC`: an HTTP reward server for trainers, with OpenRLHF's remote reward
/// protocol and a native batch endpoint (see `RewardService`).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a rubric over HTTP: OpenRLHF's remote reward protocol and a batch endpoint.",
        discussion: """
            Endpoints: POST /get_reward (OpenRLHF: {"query", "prompts", "labels"} -> \
            {"rewards", "scores", "extra_logs"}), POST /v1/evaluate ({"samples": [...]} -> \
            {"records": [...]}, records as rubric eval writes them), GET /health, GET /metrics \
            (Prometheus). The first line on standard output is "listening http://HOST:PORT". \
            SIGTERM or SIGINT stops accepting connections, finishes the requests in flight and \
            exits 0. Exit status 1: the rubric does not compile; 2: bad arguments or the address \
            cannot be bound.
            """)

    @Argument(help: "The rubric file.")
    var rubric: String

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port = 8000

    @Option(help: "Worker threads that evaluate samples; every core by default.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Scoring requests admitted at once; more get 503 (S5030).")
    var queue = 64

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body; larger gets 413 (S4130).")
    var maxBodyBytes = 64 << 20

    @Option(name: .customLong("max-samples"), help: "Most samples in one request; more gets 400 (S4004).")
    var maxSamples = 65_536

    @Option(name: .customLong("request-timeout-ms"),
            help: "Time budget of a request's evaluation; samples unfinished then get an S1201 record. 0: none.")
    var requestTimeoutMilliseconds = 60_000

    @Option(name: .customLong("deadline-ms"), help: "Time budget of one sample (E1203 past it). 0: none.")
    var deadlineMilliseconds: Int?

    @Option(help: "Instruction budget per sample.")
    var fuel: Int?

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: "Read an input from another field: INPUT=PATH, e.g. answer=label.gold or answer=meta.solution.")
    var mappings: [String] = []

    @Option(name: .customLong("group-by"),
            help: "Dotted path of the group key for rubrics that read group(e) without a `group = input` (OpenRLHF default: prompt).")
    var groupBy: String?

    @Option(name: .customLong("strip"), parsing: .singleValue,
            help: "OpenRLHF: text removed from the end of each completion, e.g. '<|im_end|>' or '</s>' (repeatable).")
    var stripSuffixes: [String] = []

    @Option(name: .customLong("null-reward"), parsing: .unconditional, help: "OpenRLHF: the reward sent for a skipped or failed sample.")
    var nullReward = 0.0

    @Option(name: .customLong("openrlhf-score"), help: "OpenRLHF: the score sent as `scores` (default: the reward).")
    var openRLHFScore: String?

    @Option(name: .customLong("log-level"), help: "Server log level on standard error: trace, debug, info, notice, warning, error.")
    var logLevel = "warning"

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if queue < 1 { throw ValidationError("--queue must be at least 1") }
        if !(0...65_535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if maxBodyBytes < 1 { throw ValidationError("--max-body-bytes must be at least 1") }
        if maxSamples < 1 { throw ValidationError("--max-samples must be at least 1") }
        if requestTimeoutMilliseconds < 0 { throw ValidationError("--request-timeout-ms must not be negative") }
        if let deadlineMilliseconds, deadlineMilliseconds < 0 { throw ValidationError("--deadline-ms must not be negative") }
        if !nullReward.isFinite { throw ValidationError("--null-reward must be a finite number") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        try validateMappings(mappings)
    }

    func run() throws {
        var limits = Limits()
        if let fuel { limits.fuel = fuel }
        if let deadlineMilliseconds { limits.deadlineNanoseconds = UInt64(deadlineMilliseconds) * 1_000_000 }
        let program = try compileFile(rubric, limits: limits)
        if let openRLHFScore, !program.scoreNames.contains(openRLHFScore) {
            throw CommandFailure("--openrlhf-score: the rubric has no score named '\(openRLHFScore)' (scores: "
                                 + program.scoreNames.joined(separator: ", ") + ")", status: ExitStatus.usage)
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.jobs = jobs
        configuration.queue = queue
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxSamples = maxSamples
        configuration.requestTimeoutMilliseconds = requestTimeoutMilliseconds
        configuration.limits = limits
        configuration.pathOverrides = try inputOverrides(mappings, program: program)
        configuration.groupBy = groupBy.map(parsePath)
        configuration.stripSuffixes = stripSuffixes
        configuration.nullReward = nullReward
        configuration.openRLHFScore = openRLHFScore

        var logger = Logger(label: "rubric.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let outcome = ServeOutcome()
        let finished = DispatchSemaphore(value: 0)
        // The server runs on Swift concurrency's threads; this thread only waits for it.
        Task { [configuration, logger] in
            do {
                try await RewardServer.run(program: program, configuration: configuration, logger: logger) { url in
                    // Written at once (not through stdout's buffer), so a parent process sees it.
                    FileHandle.standardOutput.write(Data("listening \(url)\n".utf8))
                }
            } catch {
                outcome.failure = "\(error)"
            }
            finished.signal()
        }
        finished.wait()
        if let failure = outcome.failure {
            throw CommandFailure("cannot serve on \(host):\(port): \(failure)", status: ExitStatus.usage)
        }
    }
}

/// How the server task ended, read by the waiting thread after the task signals.
private final class ServeOutcome: @unchecked Sendable {
    var failure: String?
}
