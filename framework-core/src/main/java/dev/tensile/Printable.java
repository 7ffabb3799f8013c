package dev.tensile;

/**
 * Text from files (labels, column names, cells, plugin descriptions) made safe to print: control characters, which
 * a hostile file can use to retitle or clear the terminal, are escaped the way Java writes them (a newline as
 * backslash-n, the rest as backslash-u and four hex digits), as are the Unicode line and paragraph separators.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with every control character escaped; {@code s} itself when it has none. */
    public static String escape(String s) {
        if (s == null || clean(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (unsafe(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True when {@code s} has nothing to escape. */
    public static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || unsafe(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR;
    }
}
