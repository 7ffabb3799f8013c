package dev.tensile.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tensile.dsl.ScriptFailure;
import dev.tensile.dsl.ScriptRunner;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.spi.PluginKind;
import dev.tensile.spi.EpochLog;

/**
 * The interactive shell: reads DSL lines and plain Groovy, runs them against one session (so state is kept), and
 * reads on while a block is open. Commands start with a colon. An error prints one line and the session goes on.
 */
public final class TensileShell {
    static final String PROMPT = "tensile> ";
    static final String CONTINUE = "    ...> ";

    private final LineSource lines;
    private final Supplier<ScriptRunner> newSession;
    private final PrintStream out;
    private volatile ScriptRunner runner;
    private int chunk;

    /** @param newSession makes a fresh session: at start and on {@code :reset} */
    TensileShell(LineSource lines, Supplier<ScriptRunner> newSession, PrintStream out) {
        this.lines = lines;
        this.newSession = newSession;
        this.out = out;
        this.runner = newSession.get();
    }

    ScriptRunner runner() {
        return runner;
    }

    /** Ctrl-C outside the line editor: stop the training in progress at the end of its batch. */
    void interrupt() {
        runner.session().requestInterrupt();
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
            if (line.equals(LineSource.INTERRUPTED)) {
                pending.setLength(0);
                continue;
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
        String arg = parts.length > 1 ? parts[1].trim() : "";
        switch (parts[0]) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":help" -> out.println(String.join(System.lineSeparator(),
                    "DSL blocks and actions: data { }, model { }, train { }, evaluate(), summary(); any Groovy works too.",
                    "Tab completes commands, keywords, plugin names and their parameters; Ctrl-R searches history.",
                    ":plugins [kind]  list the plugins (of one kind: initializer, activation, regularizer, ...)",
                    ":summary         the model's layers, shapes and parameter counts",
                    ":train [epochs]  train again with the last train { } block (optionally for N epochs)",
                    ":eval            evaluate the trained model",
                    ":diagnose [e]    bias and variance against human-level error e (default 0)",
                    ":plot            the loss curves of the last training, as a chart",
                    ":load FILE       run a script into this session",
                    ":export FILE     export the trained model as ONNX (raw features in, probabilities out; docs/onnx.md)",
                    ":save FILE       save the trained model (a zip that numpy reads as .npz, see docs/model-format.md)",
                    ":reset           forget everything and start a fresh session",
                    ":quit            leave (or Ctrl-D); Ctrl-C during training stops it and keeps the weights"));
            case ":plugins" -> plugins(arg);
            case ":summary" -> evaluate("summary()");
            case ":eval" -> evaluate("evaluate()");
            case ":diagnose" -> {
                if (!arg.isEmpty() && !arg.matches("[0-9]*\\.?[0-9]+")) {
                    out.println("error: :diagnose takes the human-level error as a fraction, e.g. :diagnose 0.05");
                } else {
                    evaluate("diagnose humanError: " + (arg.isEmpty() ? "0" : arg));
                }
            }
            case ":train" -> train(arg);
            case ":plot" -> plot();
            case ":save" -> {
                if (arg.isEmpty()) {
                    out.println("error: :save needs a file");
                } else {
                    evaluate("save '" + arg.replace("\\", "\\\\").replace("'", "\\'") + "'");
                }
            }
            case ":reset" -> {
                // the registry outlives sessions (plugin jars are loaded once), so script plugins go by hand
                runner.session().registry().forgetScriptPlugins();
                runner = newSession.get();
                out.println("fresh session");
            }
            case ":export" -> {
                if (arg.isEmpty()) {
                    out.println("error: :export needs a file, e.g. :export model.onnx");
                } else {
                    evaluate("export '" + arg.replace("\\", "\\\\").replace("'", "\\'") + "'");
                }
            }
            case ":load" -> {
                if (arg.isEmpty()) {
                    out.println("error: :load needs a file");
                } else {
                    try {
                        runner.runFile(Path.of(arg));
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

    private void plugins(String kind) {
        for (PluginEntry e : runner.session().registry().entries()) {
            if (kind.isEmpty() || e.kind().label().equals(kind)) {
                out.printf("%-13s %-21s %s%n", e.kind().label(), e.name(), e.description());
            }
        }
        if (!kind.isEmpty() && java.util.Arrays.stream(PluginKind.values()).noneMatch(k -> k.label().equals(kind))) {
            out.println("error: no plugin kind '" + kind + "' (kinds: " + PluginKind.labels() + ")");
        }
    }

    private void train(String arg) {
        if (!arg.isEmpty() && !arg.matches("\\d+")) {
            out.println("error: :train takes a number of epochs, got " + arg);
            return;
        }
        evaluate(arg.isEmpty() ? "retrain(null)" : "retrain(" + arg + ")");
    }

    private void plot() {
        if (runner.session().model() == null) {
            out.println("error: nothing trained yet");
            return;
        }
        List<EpochLog> epochs = runner.session().model().history().epochs();
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train loss", epochs.stream().mapToDouble(EpochLog::trainLoss).toArray());
        series.put("dev loss", epochs.stream().mapToDouble(EpochLog::devLoss).toArray());
        out.println(TextChart.draw(series, 60, 12));
    }
}
