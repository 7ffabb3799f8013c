package dev.tensile.shell;

/**
 * Counts unclosed braces, brackets and parentheses outside one-line strings and comments, to know when input
 * continues on the next line.
 */
final class Braces {
    private Braces() {
    }

    static int open(CharSequence s) {
        int depth = 0;
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
                case '{', '(', '[' -> depth++;
                case '}', ')', ']' -> depth--;
                default -> {
                }
            }
        }
        return depth;
    }
}
