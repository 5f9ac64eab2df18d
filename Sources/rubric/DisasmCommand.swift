import ArgumentParser
import Rubric

/// `rubric disasm FILE`: prints the bytecode of a rubric with source lines.
struct DisasmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "Print a rubric's bytecode, each instruction with its source line.")

    @Argument(help: "The rubric file.")
    var file: String

    func run() throws {
        let program = try compileFile(file)
        print(Disassembler.disassemble(program), terminator: "")
    }
}
