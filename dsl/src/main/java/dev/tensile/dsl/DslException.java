package dev.tensile.dsl;

/** A mistake in a script: an unknown keyword, a bad value, a missing block. The message says how to fix it. */
public final class DslException extends RuntimeException {
    public DslException(String message) {
        super(message);
    }

    public DslException(String message, Throwable cause) {
        super(message, cause);
    }
}
