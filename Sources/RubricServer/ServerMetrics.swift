import Foundation

/// Counters for `GET /metrics`, in Prometheus' text format: requests by endpoint and status,
/// samples scored, errors by code (per-sample `E…`/`S12xx` and whole-request `S4xxx`/`S5xxx`),
/// request latency as a histogram, and requests in flight. Every counter only grows, and
/// series appear in a fixed order, so scrapes of two replicas can be summed.
final class ServerMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds (Prometheus' defaults, widened to a
    /// minute since a large batch may take that long).
    static let latencyBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    /// One endpoint's latency histogram.
    struct Histogram {
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.latencyBuckets.count)
        var count = 0
        var sum = 0.0
    }

    private let lock = NSLock()
    private var requests: [String: [Int: Int]] = [:]
    private var samples: [String: Int] = [:]
    private var sampleErrors: [String: Int] = [:]
    private var requestErrors: [String: Int] = [:]
    private var latency: [String: Histogram] = [:]
    private var inFlight = 0

    /// Notes that a request has started.
    func begin() {
        lock.lock()
        inFlight += 1
        lock.unlock()
    }

    /// Notes a finished request: its endpoint, status, duration, and the code it was refused
    /// with, if any.
    func end(endpoint: String, status: Int, seconds: Double, refusal: String?) {
        lock.lock()
        defer { lock.unlock() }
        inFlight -= 1
        requests[endpoint, default: [:]][status, default: 0] += 1
        if let refusal { requestErrors[refusal, default: 0] += 1 }
        var histogram = latency[endpoint] ?? Histogram()
        for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { histogram.bucketCounts[index] += 1 }
        histogram.count += 1
        histogram.sum += seconds
        latency[endpoint] = histogram
    }

    /// Notes the samples an endpoint scored and the error codes of those that failed.
    func scored(endpoint: String, samples count: Int, errorCodes: [String: Int]) {
        lock.lock()
        defer { lock.unlock() }
        samples[endpoint, default: 0] += count
        for (code, number) in errorCodes { sampleErrors[code, default: 0] += number }
    }

    /// The exposition text, with gauges for the worker threads and admission slots.
    func text(workers: Int, queueCapacity: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
        }
        family("rubric_requests_total", "counter", "HTTP requests answered, by endpoint and status.")
        for endpoint in requests.keys.sorted() {
            for status in requests[endpoint]!.keys.sorted() {
                lines.append("rubric_requests_total{endpoint=\"\(endpoint)\",status=\"\(status)\"} \(requests[endpoint]![status]!)")
            }
        }
        /// One counter family with one label, its series in label order.
        func counters(_ name: String, _ help: String, label: String, _ values: [String: Int]) {
            family(name, "counter", help)
            for key in values.keys.sorted() { lines.append("\(name){\(label)=\"\(key)\"} \(values[key]!)") }
        }
        counters("rubric_samples_total", "Samples scored, by endpoint.", label: "endpoint", samples)
        counters("rubric_sample_errors_total", "Samples whose record has an error, by code.", label: "code", sampleErrors)
        counters("rubric_request_errors_total", "Requests refused as a whole, by code.", label: "code", requestErrors)
        family("rubric_request_duration_seconds", "histogram", "Time from a request's arrival to its response.")
        for endpoint in latency.keys.sorted() {
            let histogram = latency[endpoint]!
            for (index, bound) in Self.latencyBuckets.enumerated() {
                lines.append("rubric_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} \(histogram.bucketCounts[index])")
            }
            lines.append("rubric_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} \(histogram.count)")
            lines.append("rubric_request_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(histogram.sum)")
            lines.append("rubric_request_duration_seconds_count{endpoint=\"\(endpoint)\"} \(histogram.count)")
        }
        family("rubric_requests_in_flight", "gauge", "Requests being answered now, this scrape included.")
        lines.append("rubric_requests_in_flight \(inFlight)")
        family("rubric_workers", "gauge", "Worker threads that evaluate samples.")
        lines.append("rubric_workers \(workers)")
        family("rubric_queue_capacity", "gauge", "Scoring requests admitted at once before 503.")
        lines.append("rubric_queue_capacity \(queueCapacity)")
        return lines.joined(separator: "\n") + "\n"
    }
}
