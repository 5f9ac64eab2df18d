import Rubric

/// Reads every record of a data file (JSONL, a JSON array or YAML documents) for the commands
/// that need the whole file at once (`verify`, `compare`). A record that does not parse stops
/// the command with a usage error naming it: these commands compare runs on the same
/// records, so they need every record.
func readAllSamples(_ path: String, format: InputFormat, maxDepth: Int) throws -> [Value] {
    let reader = try RecordReader(path: path, format: format, maxDepth: maxDepth)
    var samples: [Value] = []
    while let item = reader.next() {
        switch ParallelEvaluator.parsed(item, maxDepth: maxDepth) {
        case .sample(let value): samples.append(value)
        case .unreadable(let error): throw CommandFailure("\(path): \(error.message)", status: ExitStatus.usage)
        case .jsonLine: break
        }
    }
    return samples
}
