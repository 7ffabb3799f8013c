package dev.tensile.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;

/**
 * Checks a script's raw values against a plugin's declared parameters and converts them to their types.
 * Every error names the plugin, the parameter and what is allowed.
 */
public final class ParamBinder {
    private ParamBinder() {
    }

    public static Params bind(Plugin plugin, Map<String, ?> raw) {
        List<Param> declared = plugin.parameters();
        Map<String, Param> byName = declared.stream()
                .collect(Collectors.toMap(Param::name, p -> p, (a, b) -> a, LinkedHashMap::new));
        for (String key : raw.keySet()) {
            if (!byName.containsKey(key)) {
                String msg = plugin.name() + " has no parameter '" + key + "'";
                msg += Suggestions.closest(key, byName.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("");
                msg += byName.isEmpty() ? " (it takes no parameters)" : " (parameters: " + String.join(", ", byName.keySet()) + ")";
                throw new PluginException(msg);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : declared) {
            Object v = raw.containsKey(p.name()) ? convert(plugin, p, raw.get(p.name())) : p.defaultValue();
            values.put(p.name(), v);
        }
        return new Params(plugin.name(), values);
    }

    private static Object convert(Plugin plugin, Param p, Object v) {
        String where = plugin.name() + " parameter '" + p.name() + "' ";
        switch (p.type()) {
            case REAL -> {
                if (!(v instanceof Number num)) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + describe(v));
                }
                double d = num.doubleValue();
                if (!(d >= p.min() && d <= p.max())) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + v);
                }
                return d;
            }
            case INTEGER -> {
                if (!(v instanceof Number num) || num.doubleValue() != Math.rint(num.doubleValue())) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + describe(v));
                }
                double d = num.doubleValue();
                if (!(d >= p.min() && d <= p.max())) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + v);
                }
                return (int) d;
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + describe(v));
                }
                return v;
            }
            case TEXT -> {
                // A whole number is accepted as its decimal text: a text parameter may take words or a count
                // (a convolution's padding: 'same', 'valid' or 1); the plugin checks what it reads.
                if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                        && Math.abs(num.doubleValue()) < 1e15) {
                    return Long.toString(num.longValue());
                }
                if (!(v instanceof CharSequence)) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + describe(v));
                }
                return v.toString();
            }
            case CHOICE -> {
                String s = v == null ? null : v.toString();
                if (!(v instanceof CharSequence) || !p.choices().contains(s)) {
                    throw new PluginException(where + "must be " + p.allowed() + ", got " + describe(v));
                }
                return s;
            }
            default -> throw new IllegalStateException(p.type().toString());
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof CharSequence) {
            return "'" + v + "' (a string)";
        }
        return v + " (" + v.getClass().getSimpleName() + ")";
    }
}
