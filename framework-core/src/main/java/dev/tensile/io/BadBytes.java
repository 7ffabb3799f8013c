package dev.tensile.io;

/** What the reader found wrong inside a file, before the file's name is attached to it. */
final class BadBytes extends Exception {
    private static final long serialVersionUID = 1L;

    BadBytes(String problem) {
        super(problem, null, false, false);
    }
}
