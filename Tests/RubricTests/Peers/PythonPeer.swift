import Foundation

/// Runs a Python reference implementation (sacrebleu, rouge-score, math-verify, or a Python
/// transcription of a published formula) for differential tests. The script reads JSON lines
/// on stdin and writes one JSON line per input on stdout; `setup.sh` installs the packages.
enum PythonPeer {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the Python script at `script` (relative to the repository root) with one JSON
    /// object per line of `cases` on stdin and returns its output lines parsed as JSON.
    static func run(script: String, cases: [Any]) throws -> [Any] {
        let input = try cases.map { item -> String in
            let data = try JSONSerialization.data(withJSONObject: item, options: [.fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let output = try runRaw(arguments: [root.appendingPathComponent(script).path], stdin: Data(input.utf8))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == cases.count else {
            throw Failure(description: "\(script) printed \(lines.count) lines for \(cases.count) cases")
        }
        return try lines.map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
        }
    }

    /// Runs `python3 arguments…` with `stdin` and returns stdout; a non-zero exit is an error
    /// carrying stderr. Input and error output go through temporary files, so no pipe can
    /// fill up and deadlock.
    static func runRaw(arguments: [String], stdin: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory
        let inputURL = directory.appendingPathComponent("peer-in-\(UUID().uuidString)")
        let errorURL = directory.appendingPathComponent("peer-err-\(UUID().uuidString)")
        try stdin.write(to: inputURL)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: inputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let outputPipe = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = outputPipe
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errorText = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            throw Failure(description: "python3 \(arguments.joined(separator: " ")) failed: \(errorText)")
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}
