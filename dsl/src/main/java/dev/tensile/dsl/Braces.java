package dev.tensile.dsl;

/**
 * Counts unclosed braces, brackets and parentheses outside one-line strings and comments, to know when input
 * continues on the next line (the shell) and to close a script's prefix (finding a syntax error's line).
 */
public final class Braces {
    private Braces() {
    }

    /** How many braces, brackets and parentheses are open at the end of {@code s}. */
    public static int open(CharSequence s) {
        return closers(s).length();
    }

    /** What closes everything open at the end of {@code s}, innermost first ({@code "])}"} after {@code "{(["}). */
    public static String closers(CharSequence s) {
        StringBuilder open = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote || c == '\n') {
                    // a one-line string never continues past its line: an unclosed one is Groovy's error to report
                    quote = 0;
                }
                continue;
            }
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '{' -> open.append('}');
                case '(' -> open.append(')');
                case '[' -> open.append(']');
                case '}', ')', ']' -> {
                    if (open.length() > 0) {
                        open.setLength(open.length() - 1);
                    }
                }
                default -> {
                }
            }
        }
        return open.reverse().toString();
    }
}
