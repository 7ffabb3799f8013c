package dev.tensile.dsl;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;

/**
 * Where a syntax error really is. Groovy's parser blames the start of a block ({@code model {}) for a mistake on a
 * later line inside it; re-parsing growing prefixes of the script, with the braces left open closed, finds the
 * first line after which the text no longer parses. A line such as {@code dense 16 activation: 'relu'} (a keyword,
 * a value, then a named argument without the comma between) gets "missing comma between arguments?".
 */
final class SyntaxErrors {
    /** More lines than this are not searched line by line (each try is a parse). */
    private static final int MAX_LINES = 400;

    /** {@code value name:} — an argument followed by a named one with no comma between ({@code 16 activation:}). */
    private static final Pattern MISSING_COMMA = Pattern.compile(
            "(?:'[^']*'|\"[^\"]*\"|[\\w.]+)\\s+[A-Za-z_]\\w*\\s*:(?!:)");

    private SyntaxErrors() {
    }

    /** The hint for a line that looks like arguments without their comma, if it does. */
    static Optional<String> missingComma(String line) {
        // a command (a word and an argument) then a value and a name with a colon; not ?: or a case label
        boolean looks = line != null && line.strip().matches("[A-Za-z_]\\w*\\s+\\S.*") && !line.contains("?")
                && !line.strip().startsWith("case ") && MISSING_COMMA.matcher(line).find();
        return looks ? Optional.of("missing comma between arguments? (" + line.strip() + ")") : Optional.empty();
    }

    /** Line {@code n} (1-based) of {@code source}, or null. */
    static String line(String source, int n) {
        List<String> lines = source.lines().toList();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : null;
    }

    /**
     * The line the mistake is on: the first line at or after {@code reported} where a complete prefix of the script
     * stops parsing; {@code reported} when none does (or the script is too long to search).
     */
    static int locate(String source, int reported) {
        List<String> lines = source.lines().toList();
        if (reported < 1 || lines.size() > MAX_LINES) {
            return reported;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < reported - 1; i++) {
            prefix.append(lines.get(i)).append('\n');
        }
        for (int k = reported; k <= lines.size(); k++) {
            prefix.append(lines.get(k - 1)).append('\n');
            if (unfinished(lines.get(k - 1))) {
                continue; // a statement that goes on on the next line: not a prefix that should parse
            }
            String closers = Braces.closers(prefix);
            if (closers.contains(")") || closers.contains("]")) {
                continue; // inside an argument list or a list literal: the statement goes on
            }
            if (!parses(prefix + closers)) {
                return k;
            }
        }
        return reported;
    }

    private static boolean unfinished(String line) {
        String t = line.strip();
        return t.isEmpty() || t.endsWith(",") || t.endsWith("(") || t.endsWith("[") || t.endsWith("=")
                || t.endsWith("+") || t.endsWith("-") || t.endsWith("*") || t.endsWith("/") || t.endsWith("&&")
                || t.endsWith("||") || t.endsWith("?") || t.endsWith(":") || t.endsWith(".")
                || t.endsWith("'''") || t.endsWith("\"\"\"");
    }

    private static boolean parses(String text) {
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
        unit.addSource("prefix.groovy", text);
        try {
            unit.compile(Phases.CONVERSION);
            return true;
        } catch (MultipleCompilationErrorsException e) {
            return e.getErrorCollector().getErrors().stream().noneMatch(m -> m instanceof SyntaxErrorMessage);
        } catch (CompilationFailedException e) {
            return false;
        }
    }
}
