package dev.tensile.spi;

import java.util.Locale;

/** The six kinds of plugin, each one SPI interface. */
public enum PluginKind {
    INITIALIZER(Initializer.class),
    ACTIVATION(Activation.class),
    REGULARIZER(Regularizer.class),
    AUGMENTATION(Augmentation.class),
    CALLBACK(Callback.class),
    LAYER(Layer.class);

    private final Class<? extends Plugin> type;

    PluginKind(Class<? extends Plugin> type) {
        this.type = type;
    }

    public Class<? extends Plugin> type() {
        return type;
    }

    /** Lower-case, as users write it: {@code activation}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every kind's label, in order: for messages that list them. */
    public static String labels() {
        StringBuilder sb = new StringBuilder();
        for (PluginKind k : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.label());
        }
        return sb.toString();
    }

    public static PluginKind of(Plugin plugin) {
        for (PluginKind k : values()) {
            if (k.type.isInstance(plugin)) {
                return k;
            }
        }
        throw new IllegalArgumentException(plugin.getClass().getName() + " implements none of the plugin kinds");
    }
}
