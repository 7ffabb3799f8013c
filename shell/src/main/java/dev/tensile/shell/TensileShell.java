package dev.tensile.shell;

import java.io.PrintStream;
import java.nio.file.Path;

import dev.tensile.dsl.ScriptFailure;
import dev.tensile.dsl.ScriptRunner;
import dev.tensile.plugin.PluginEntry;

/**
 * The interactive shell: reads DSL lines and plain Groovy, runs them against one session (so state is kept), and
 * reads on while a block is open. Commands start with a colon. An error prints one line and the session goes on.
 */
public final class TensileShell {
    static final String PROMPT = "tensile> ";
    static final String CONTINUE = "    ...> ";

    private final LineSource lines;
    private final ScriptRunner runner;
    private final PrintStream out;
    private int chunk;

    TensileShell(LineSource lines, ScriptRunner runner, PrintStream out) {
        this.lines = lines;
        this.runner = runner;
        this.out = out;
    }

    /** Reads until {@code :quit} or end of input. */
    public void run() {
        out.println("Tensile shell. :help for commands, :quit or Ctrl-D to leave.");
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line = lines.readLine(pending.length() == 0 ? PROMPT : CONTINUE);
            if (line == null) {
                return;
            }
            if (pending.length() == 0 && line.trim().startsWith(":")) {
                if (!command(line.trim())) {
                    return;
                }
                continue;
            }
            pending.append(line).append('\n');
            if (Braces.open(pending) > 0) {
                continue;
            }
            String source = pending.toString();
            pending.setLength(0);
            if (!source.isBlank()) {
                evaluate(source);
            }
        }
    }

    private void evaluate(String source) {
        chunk++;
        try {
            Object result = runner.run(source, "line" + chunk + ".groovy");
            if (result != null) {
                out.println("==> " + result);
            }
        } catch (ScriptFailure e) {
            out.println("error: " + e.getMessage().replaceFirst("^line\\d+\\.groovy:(\\d+): ", "line $1: "));
        }
        out.flush();
    }

    /** @return false when the shell should end */
    private boolean command(String line) {
        String[] parts = line.split("\\s+", 2);
        switch (parts[0]) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":help" -> out.println(String.join(System.lineSeparator(),
                    "DSL blocks and actions: data { }, model { }, train { }, evaluate(), summary(); any Groovy works too.",
                    ":plugins         list the plugins",
                    ":summary         the model's layers, shapes and parameter counts",
                    ":load FILE       run a script into this session",
                    ":quit            leave (or Ctrl-D)"));
            case ":plugins" -> {
                for (PluginEntry e : runner.session().registry().entries()) {
                    out.printf("%-13s %-18s %s%n", e.kind().label(), e.name(), e.plugin().description());
                }
            }
            case ":summary" -> evaluate("summary()");
            case ":load" -> {
                if (parts.length < 2) {
                    out.println("error: :load needs a file");
                } else {
                    try {
                        runner.runFile(Path.of(parts[1].trim()));
                    } catch (ScriptFailure e) {
                        out.println("error: " + e.getMessage());
                    }
                }
            }
            default -> out.println("error: unknown command " + parts[0] + " (:help lists them)");
        }
        out.flush();
        return true;
    }
}
