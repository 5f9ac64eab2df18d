import ArgumentParser
import Foundation
import Rubric
import RubricSyntax

/// How diagnostics are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Exit codes shared by the subcommands.
enum ExitStatus {
    /// The rubric has errors, an example failed or a sample failed.
    static let failure: Int32 = 1
    /// The file could not be read or the command line was wrong.
    static let usage: Int32 = 2
    /// `rubric eval`: more samples failed than --max-error-rate allows.
    static let tooManyErrors: Int32 = 3
    /// `rubric verify`: a property failed on some case.
    static let propertyFailed: Int32 = 4
}

/// Reads a whole file as UTF-8 text, reporting a missing or undecodable file clearly.
func readSource(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure("cannot read '\(path)'", status: ExitStatus.usage)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CommandFailure("'\(path)' is not valid UTF-8", status: ExitStatus.usage)
    }
    return text
}

/// Prints diagnostics to standard error (text) or standard output (JSON lines).
func printDiagnostics(_ diagnostics: [Diagnostic], source: SourceFile, format: OutputFormat) {
    for diagnostic in diagnostics {
        switch format {
        case .text: FileHandle.standardError.write(Data((DiagnosticRenderer.text(diagnostic, in: source) + "\n").utf8))
        case .json: print(DiagnosticRenderer.json(diagnostic, in: source))
        }
    }
}

/// Compiles a file, printing its diagnostics; throws an exit when it has errors.
func compileFile(_ path: String, format: OutputFormat = .text, limits: Limits = Limits()) throws -> Program {
    let text = try readSource(path)
    do throws(CompileFailure) {
        let program = try Program.compile(source: text, name: path, limits: limits)
        printDiagnostics(program.warnings, source: program.source, format: format)
        return program
    } catch {
        printDiagnostics(error.diagnostics, source: error.source, format: format)
        throw ExitCode(ExitStatus.failure)
    }
}

/// A command-line failure with a message and an exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var status: Int32

    init(_ message: String, status: Int32) {
        description = message
        self.status = status
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Checks that every `--map` argument has the form INPUT=PATH.
func validateMappings(_ mappings: [String]) throws {
    for mapping in mappings where !mapping.contains("=") {
        throw ValidationError("--map takes INPUT=PATH, got '\(mapping)'")
    }
}

/// Turns `--map INPUT=PATH` arguments into the paths each input is read from instead of its
/// own; an input the rubric does not declare is a usage error naming the inputs it has.
func inputOverrides(_ mappings: [String], program: Program) throws -> [String: [PathSegment]] {
    var overrides: [String: [PathSegment]] = [:]
    for mapping in mappings {
        let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
        guard program.inputs.contains(where: { $0.name == parts[0] }) else {
            throw CommandFailure("--map: the rubric has no input named '\(parts[0])' (inputs: "
                                 + program.inputs.map(\.name).joined(separator: ", ") + ")", status: ExitStatus.usage)
        }
        overrides[parts[0]] = parsePath(parts[1])
    }
    return overrides
}
