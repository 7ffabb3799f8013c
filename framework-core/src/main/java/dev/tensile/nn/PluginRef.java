package dev.tensile.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plugin named in a model or training description, with the parameter values the script gave it
 * (validated only when the network is built, against the plugin's declared parameters).
 */
public record PluginRef(String name, Map<String, Object> params) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public PluginRef {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static PluginRef of(String name) {
        return new PluginRef(name, Map.of());
    }

    @Override
    public String toString() {
        return params.isEmpty() ? name : name + params;
    }
}
