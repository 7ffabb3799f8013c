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
        super(message, cause);
    }

    static ScriptFailure of(Throwable e, String scriptName) {
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
        return new ScriptFailure(where + describe(e), e);
    }

    private static String describe(Throwable e) {
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
        String msg = t.getMessage();
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
