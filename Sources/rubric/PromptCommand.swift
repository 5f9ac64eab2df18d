import ArgumentParser
import Rubric

/// `rubric prompt`: prints the language card, a one-page Markdown summary of the language for
/// a language model's system prompt.
struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt",
        abstract: "Print the language card (Markdown) for an LLM's system prompt: syntax, types, "
            + "every builtin and library function with its signature, reward semantics, limits and examples.")

    func run() throws {
        print(LanguageCard.markdown(), terminator: "")
    }
}
