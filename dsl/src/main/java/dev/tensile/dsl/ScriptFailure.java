package dev.tensile.dsl;

import java.util.HashSet;
import java.util.Set;

import groovy.lang.MissingPropertyException;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * A script failed. The message is one line, {@code FILE:LINE: message}, pointing at the script's own line even when
 * the error was raised deep inside the engine; the cause keeps the full stack trace for {@code --stacktrace}.
 */
public final class ScriptFailure extends RuntimeException {

    ScriptFailure(String message, Throwable cause) {
        // messages quote names and cells from data and model files: never let one drive the terminal
        super(dev.tensile.Printable.escape(message), cause);
    }

    static ScriptFailure of(Throwable e, String scriptName) {
        return of(e, scriptName, t -> java.util.Optional.empty());
    }

    /** @param blame names the plugin (and jar) whose code raised a failure, when it came from a plugin jar */
    static ScriptFailure of(Throwable e, String scriptName,
                            java.util.function.Function<Throwable, java.util.Optional<String>> blame) {
        if (e instanceof ScriptFailure f) {
            return f;
        }
        if (e instanceof MultipleCompilationErrorsException mce && mce.getErrorCollector().getErrorCount() > 0) {
            Message m = mce.getErrorCollector().getError(0);
            if (m instanceof SyntaxErrorMessage sem) {
                SyntaxException se = sem.getCause();
                return new ScriptFailure(scriptName + ":" + se.getLine() + ": syntax error: "
                        + firstLine(se.getOriginalMessage()), e);
            }
        }
        int line = scriptLine(e, scriptName);
        String where = line > 0 ? scriptName + ":" + line + ": " : scriptName + ": ";
        String plugin = blame.apply(e).map(p -> p + " failed: ").orElse("");
        return new ScriptFailure(where + plugin + describe(e, !plugin.isEmpty()), e);
    }

    /** {@code SimpleName: first line of the message}, for a failure nobody anticipated. */
    public static String oneLine(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
    }

    /** What to say when the heap ran out, with what the user can do about it. */
    public static String outOfMemory() {
        long mb = Runtime.getRuntime().maxMemory() >> 20;
        return "out of memory (the Java heap may grow to " + mb + " MB): give Java more with"
                + " TENSILE_JAVA_OPTS=-Xmx<size> (e.g. -Xmx4g), or use a smaller model, batch or dataset";
    }

    private static String describe(Throwable e, boolean fromPlugin) {
        Throwable t = e;
        // Wrappers add nothing the user needs; our own exceptions already say what is wrong.
        while (t.getCause() != null && t.getMessage() != null && t.getCause().getMessage() != null
                && t.getMessage().contains(t.getCause().getMessage())) {
            t = t.getCause();
        }
        if (t instanceof MissingPropertyException mpe) {
            return "unknown name '" + mpe.getProperty() + "'";
        }
        if (t instanceof StackOverflowError) {
            return "stack overflow (endless recursion in the script?)";
        }
        if (t instanceof OutOfMemoryError) {
            return outOfMemory();
        }
        String msg = t.getMessage();
        if (t instanceof AssertionError && !fromPlugin) {
            return "assertion failed: " + (msg == null ? "" : firstLine(msg));
        }
        if (t instanceof Error && !(t instanceof dev.tensile.plugin.PluginExitBlocked)) {
            // an Error's class is part of what went wrong: "AssertionError: weights not ready"
            return t.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
        }
        return msg == null ? t.getClass().getSimpleName() : firstLine(msg);
    }

    /** The line of the innermost stack frame that belongs to the script, in the exception or any cause. */
    private static int scriptLine(Throwable e, String scriptName) {
        Set<Throwable> seen = new HashSet<>();
        int line = -1;
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            for (StackTraceElement el : t.getStackTrace()) {
                if (scriptName.equals(el.getFileName()) && el.getLineNumber() > 0) {
                    line = el.getLineNumber();
                    break;
                }
            }
        }
        return line;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s).trim();
    }
}
