import Foundation
import Rubric

/// Running statistics of one reported value (the reward or a score) over the records.
struct ValueStatistics {
    var count = 0
    var sum = 0.0
    var sumOfSquares = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    /// Records where the value is null although the sample succeeded (a skip).
    var skips = 0
    /// Records of failed samples.
    var errors = 0

    mutating func add(_ value: Double?, failed: Bool) {
        if failed { errors += 1 }
        guard let value else {
            if !failed { skips += 1 }
            return
        }
        count += 1
        sum += value
        sumOfSquares += value * value
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Population standard deviation.
    var standardDeviation: Double? {
        guard let mean else { return nil }
        return max(0, sumOfSquares / Double(count) - mean * mean).squareRoot()
    }
}

/// The end-of-run summary of `rubric eval`: a table per score and the reward, and a text
/// histogram of the reward.
struct EvalSummary {
    var records = 0
    var failed = 0
    var reward = ValueStatistics()
    var scores: [(name: String, statistics: ValueStatistics)]
    /// Every reward, for the histogram (8 bytes per record).
    var rewards: [Double] = []

    init(scoreNames: [String]) {
        scores = scoreNames.map { ($0, ValueStatistics()) }
    }

    mutating func add(_ result: SampleResult) {
        records += 1
        let isFailure = result.error != nil
        if isFailure { failed += 1 }
        reward.add(isFailure ? nil : result.reward, failed: isFailure)
        if !isFailure, let value = result.reward { rewards.append(value) }
        for index in scores.indices {
            let value = index < result.scoreValues.count ? result.scoreValues[index] : nil
            scores[index].statistics.add(value, failed: isFailure)
        }
    }

    /// The table and histogram, as plain text.
    func text() -> String {
        var lines = ["\(records) records, \(failed) failed"]
        let header = ["name", "mean", "std", "min", "max", "skipped", "errors"]
        var rows = [header]
        for (name, statistics) in [("reward", reward)] + scores.map({ ($0.name, $0.statistics) }) {
            rows.append([name, format(statistics.mean), format(statistics.standardDeviation),
                         format(statistics.count > 0 ? statistics.minimum : nil),
                         format(statistics.count > 0 ? statistics.maximum : nil),
                         percent(statistics.skips), percent(statistics.errors)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  "))
        }
        lines.append(contentsOf: histogram())
        return lines.joined(separator: "\n")
    }

    /// A ten-bin histogram of the rewards, bars scaled to 40 characters.
    func histogram() -> [String] {
        guard let low = rewards.min(), let high = rewards.max() else { return [] }
        let binCount = low == high ? 1 : 10
        var bins = [Int](repeating: 0, count: binCount)
        for value in rewards {
            let position = binCount == 1 ? 0 : Int((value - low) / (high - low) * Double(binCount))
            bins[min(max(position, 0), binCount - 1)] += 1
        }
        let largest = bins.max() ?? 1
        var lines = ["reward histogram:"]
        for (index, count) in bins.enumerated() {
            let from = low + (high - low) * Double(index) / Double(binCount)
            let to = binCount == 1 ? high : low + (high - low) * Double(index + 1) / Double(binCount)
            let bar = String(repeating: "#", count: largest == 0 ? 0 : (count * 40 + largest - 1) / largest)
            lines.append("  [\(format(from)), \(format(to))\(index == binCount - 1 ? "]" : ")") \(bar) \(count)")
        }
        return lines
    }

    /// The summary as one JSON object.
    func json() -> String {
        func object(_ statistics: ValueStatistics) -> String {
            let fields: [(String, Double?)] = [
                ("mean", statistics.mean), ("std", statistics.standardDeviation),
                ("min", statistics.count > 0 ? statistics.minimum : nil),
                ("max", statistics.count > 0 ? statistics.maximum : nil),
            ]
            let numbers = fields.map { "\"\($0.0)\":\($0.1.map { JSON.serialize(.float($0)) } ?? "null")" }
            return "{" + (numbers + ["\"count\":\(statistics.count)", "\"skipped\":\(statistics.skips)",
                                     "\"errors\":\(statistics.errors)"]).joined(separator: ",") + "}"
        }
        let scoreText = scores.map { "\(JSON.serialize(.string($0.name))):\(object($0.statistics))" }.joined(separator: ",")
        return "{\"records\":\(records),\"failed\":\(failed),\"reward\":\(object(reward)),\"scores\":{\(scoreText)}}"
    }

    func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.4g", value)
    }

    func percent(_ count: Int) -> String {
        records == 0 ? "0%" : String(format: "%.1f%%", Double(count) * 100 / Double(records))
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second.
struct ProgressBar {
    let start = Date()
    var lastDraw = Date.distantPast

    mutating func update(records: Int, bytesRead: Int, totalBytes: Int?, force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(records) / elapsed
        var line = "\r\(records) records  \(Int(rate))/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytesRead) / Double(totalBytes))
            let filled = Int(fraction * 30)
            let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            line = "\r[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] "
                + String(format: "%3.0f%%", fraction * 100) + "  \(records) records  \(Int(rate))/s  ETA "
                + String(format: "%d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
