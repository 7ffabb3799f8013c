package dev.tensile.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validated parameter values for one use of a plugin: every declared parameter is present, with its
 * script value or its default, already converted to the declared type.
 */
public final class Params {
    private final String plugin;
    private final Map<String, Object> values;

    public Params(String plugin, Map<String, Object> values) {
        this.plugin = plugin;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params none(String plugin) {
        return new Params(plugin, Map.of());
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public int integer(String name) {
        return ((Number) get(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String text(String name) {
        return (String) get(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("plugin " + plugin + " did not declare parameter " + name);
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
