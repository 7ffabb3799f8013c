package dev.tensile.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** Where the shell's lines come from: JLine in a real terminal, plain lines from a pipe. */
interface LineSource {

    /** What {@link #readLine} returns when the user pressed Ctrl-C: drop what was typed so far. */
    String INTERRUPTED = "\u0003";

    /** The next line, {@link #INTERRUPTED} after Ctrl-C, or null at end of input. */
    String readLine(String prompt);

    /**
     * JLine's line editor: Tab completion, history kept in {@code historyFile} (searched with Ctrl-R), Ctrl-C
     * clearing the line and Ctrl-D ending input.
     */
    static LineSource jline(Terminal terminal, ShellCompleter completer, java.nio.file.Path historyFile) {
        org.jline.reader.Completer files = new org.jline.builtins.Completers.FileNameCompleter();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("tensile")
                .parser(new ShellParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .completer((r, line, candidates) -> {
                    String before = line.line().substring(0, line.cursor());
                    if (before.stripLeading().startsWith(":load ")) {
                        files.complete(r, line, candidates);
                        return;
                    }
                    // no space after a completion: inside quotes the closing quote comes next
                    for (String c : completer.candidates(before)) {
                        candidates.add(new org.jline.reader.Candidate(c, c, null, null, null, null, false));
                    }
                })
                .build();
        return prompt -> {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                return INTERRUPTED;
            } catch (EndOfFileException e) {
                return null;
            }
        };
    }

    /** Piped input: prints the prompt so a transcript reads like a session, then reads one line. */
    static LineSource plain(BufferedReader in, PrintStream out) {
        return prompt -> {
            out.print(prompt);
            out.flush();
            try {
                String line = in.readLine();
                if (line != null) {
                    out.println(line);
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
