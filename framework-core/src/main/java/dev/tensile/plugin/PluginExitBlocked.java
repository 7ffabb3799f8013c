package dev.tensile.plugin;

/**
 * Plugin code tried to end the program and {@link ExitCalls} stopped it. An {@code Error}, so that a plugin's own
 * {@code catch (Exception e)} does not swallow it on the way out.
 */
public final class PluginExitBlocked extends Error {
    PluginExitBlocked(String message) {
        super(message);
    }
}
