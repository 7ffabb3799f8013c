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

    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public ModelFileException(Path file, String problem, Throwable detail) {
        this(file, problem);
        if (detail != null) {
            addSuppressed(detail);
        }
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
