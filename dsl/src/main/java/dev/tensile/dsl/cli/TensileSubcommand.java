package dev.tensile.dsl.cli;

/**
 * A subcommand contributed by another module through {@code META-INF/services}; the object must carry picocli's
 * {@code @Command} annotation.
 */
public interface TensileSubcommand {
    /** The word users type after {@code tensile}. */
    String name();
}
