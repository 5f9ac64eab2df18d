import CEditLine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one line at the prompt gave.
enum ReplLine: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line (and any unfinished entry) is dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the end of standard input.
    case end
}

/// Reads the lines of a session.
protocol ReplLineReader: AnyObject {
    /// Reads one line after showing `prompt`.
    func read(prompt: String) -> ReplLine
}

/// Standard input that is not a terminal (a pipe or a file): plain lines and no prompts, so
/// that a transcript holds only what the REPL answered.
final class PlainLineReader: ReplLineReader {
    func read(prompt: String) -> ReplLine {
        guard let line = readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }
}

/// A terminal: line editing, history kept in a file and tab completion, through libedit.
/// Ctrl-C while a line is edited is a key (signals from the keyboard are off in libedit's
/// editing mode), bound to a function that drops the line.
final class LineEditor: ReplLineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    /// The prompt libedit shows, kept alive for its callback.
    private var prompt: UnsafeMutablePointer<CChar>
    /// Set by the Ctrl-C key function; the line el_gets returns next is dropped.
    private var interrupted = false
    /// The names tab completion offers (builtins, library and session names, commands).
    private let completionNames: () -> [String]

    init(historyPath: String?, completionNames: @escaping () -> [String]) {
        setlocale(LC_CTYPE, "")
        self.historyPath = historyPath
        self.completionNames = completionNames
        prompt = strdup("> ")
        editLine = rubric_el_init(CommandLine.arguments.first ?? "rubric")
        history = history_init()
        rubric_history_set_size(history, 1000)
        rubric_history_set_unique(history, 1)
        if let historyPath { rubric_history_load(history, historyPath) }
        rubric_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        rubric_el_set_editor(editLine, "emacs")
        rubric_el_set_history(editLine, history)
        rubric_el_set_prompt(editLine) { editLine in
            LineEditor.owner(of: editLine).prompt
        }
        rubric_el_set_tty(editLine, "-d", "-isig")
        rubric_el_add_function(editLine, "rubric-complete", "Complete a name or command") { editLine, _ in
            LineEditor.owner(of: editLine).complete()
        }
        rubric_el_add_function(editLine, "rubric-interrupt", "Drop the line being edited") { editLine, _ in
            LineEditor.owner(of: editLine).interrupt()
        }
        rubric_el_bind(editLine, "^I", "rubric-complete")
        rubric_el_bind(editLine, "^C", "rubric-interrupt")
        // The user's ~/.editrc may rebind keys, as in other programs using libedit.
        el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(prompt)
    }

    private static func owner(of editLine: OpaquePointer?) -> LineEditor {
        Unmanaged<LineEditor>.fromOpaque(rubric_el_client_data(editLine)!).takeUnretainedValue()
    }

    func read(prompt text: String) -> ReplLine {
        free(prompt)
        prompt = strdup(text)
        interrupted = false
        // Keys typed once the prompt shows are edited: Ctrl-C among them is a key, not a signal.
        rubric_el_prepare_terminal(editLine)
        var count: Int32 = 0
        guard let line = el_gets(editLine, &count), count > 0 else {
            print()
            return .end
        }
        if interrupted { return .interrupted }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        if !text.trimmingWhitespace.isEmpty {
            rubric_history_enter(history, text)
            if let historyPath { rubric_history_save(history, historyPath) }
        }
        return .line(text)
    }

    /// Ctrl-C: shows `^C` at the end of the line and ends it; `read` then drops it.
    private func interrupt() -> UInt8 {
        interrupted = true
        if let line = el_wline(editLine)?.pointee { el_cursor(editLine, Int32(line.lastchar - line.cursor)) }
        el_insertstr(editLine, "^C")
        el_push(editLine, "\n")
        return UInt8(CC_REFRESH)
    }

    /// Tab: completes the word before the cursor, or lists the candidates when several fit.
    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeRawBufferPointer(start: info.buffer, count: length), as: UTF8.self)
        let (word, matches) = ReplCompletion.complete(before, names: completionNames())
        guard !matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = ReplCompletion.commonPrefix(matches)
        if common.count > word.count {
            el_insertstr(editLine, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        if matches.count == 1 { return UInt8(CC_REFRESH) }
        print("\n" + ReplCompletion.columns(matches, width: Self.terminalWidth()))
        fflush(nil)
        return UInt8(CC_REDISPLAY)
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
