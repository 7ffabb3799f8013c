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

    /** The next line, "" after Ctrl-C, or null at end of input. */
    String readLine(String prompt);

    /** JLine's line editor, with history and Ctrl-C / Ctrl-D handling. */
    static LineSource jline(Terminal terminal) {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("tensile").build();
        return prompt -> {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                return "";
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
