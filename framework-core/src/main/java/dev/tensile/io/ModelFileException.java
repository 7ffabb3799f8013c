package dev.tensile.io;

import java.nio.file.Path;

/**
 * A model file could not be written or read: truncated, damaged, written by a newer Tensile, or describing a model
 * this installation cannot build. The message is one line, {@code FILE: problem}.
 *
 * <p>A low-level exception behind the problem is attached as a suppressed exception rather than as the cause, so
 * that tools which shorten messages to their innermost cause still show this one.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    /** Longest problem text kept; text taken from a hostile file could otherwise be any length. */
    static final int MAX_PROBLEM = 400;

    public ModelFileException(Path file, String problem) {
        super(file + ": " + printable(problem));
        this.file = file;
        this.problem = printable(problem);
    }

    public ModelFileException(Path file, String problem, Throwable detail) {
        this(file, problem);
        if (detail != null) {
            addSuppressed(detail);
        }
    }

    /**
     * The problem on one line: control characters (which a damaged file can put in any name it holds) escaped the
     * way Java writes them (a newline as backslash-n, others as backslash-u and four hex digits), and the text cut at
     * {@link #MAX_PROBLEM} characters.
     */
    static String printable(String problem) {
        String escaped = dev.tensile.Printable.escape(problem);
        return escaped.length() < MAX_PROBLEM ? escaped : escaped.substring(0, MAX_PROBLEM) + "...";
    }

    /** The model file concerned. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
