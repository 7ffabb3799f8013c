package dev.tensile.plugin;

/** A plugin could not be found, bound or built; the message names the plugin and what is wrong. */
public class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
