package dev.tensile.spi;

import java.util.List;
import java.util.Objects;

/**
 * A typed plugin parameter with its default and what values are allowed.
 *
 * @param name         camelCase name as written in scripts, e.g. {@code lambda}, {@code restoreBest}
 * @param type         one of {@link Type}
 * @param defaultValue the value used when a script does not set it (never null)
 * @param min          smallest allowed number, inclusive (numbers only)
 * @param max          largest allowed number, inclusive (numbers only)
 * @param choices      allowed strings (choice only)
 * @param description  one line for help and completion
 */
public record Param(String name, Type type, Object defaultValue, double min, double max,
                    List<String> choices, String description) {

    /** The types a script value may take. */
    public enum Type { REAL, INTEGER, BOOLEAN, TEXT, CHOICE }

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "default of " + name);
        choices = List.copyOf(choices);
    }

    public static Param real(String name, double defaultValue, double min, double max, String description) {
        return new Param(name, Type.REAL, defaultValue, min, max, List.of(), description);
    }

    public static Param integer(String name, int defaultValue, int min, int max, String description) {
        return new Param(name, Type.INTEGER, defaultValue, min, max, List.of(), description);
    }

    public static Param bool(String name, boolean defaultValue, String description) {
        return new Param(name, Type.BOOLEAN, defaultValue, 0, 0, List.of(), description);
    }

    public static Param text(String name, String defaultValue, String description) {
        return new Param(name, Type.TEXT, defaultValue, 0, 0, List.of(), description);
    }

    public static Param choice(String name, String defaultValue, List<String> choices, String description) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default " + defaultValue + " of " + name + " is not among " + choices);
        }
        return new Param(name, Type.CHOICE, defaultValue, 0, 0, choices, description);
    }

    /** What values are allowed, in words, for error messages and help. */
    public String allowed() {
        return switch (type) {
            case REAL -> "a number in [" + fmt(min) + ", " + fmt(max) + "]";
            case INTEGER -> "an integer in [" + fmt(min) + ", " + fmt(max) + "]";
            case BOOLEAN -> "true or false";
            case TEXT -> "a string";
            case CHOICE -> "one of " + String.join(", ", choices);
        };
    }

    private static String fmt(double v) {
        if (v == Double.MAX_VALUE || v == Integer.MAX_VALUE) {
            return "inf";
        }
        if (v == -Double.MAX_VALUE || v == Integer.MIN_VALUE) {
            return "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
