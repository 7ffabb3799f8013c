package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.plugin.PluginRegistry;

/**
 * The model block's words come from one table, made from the layer plugins: the README's row, completion and the
 * block itself all follow it, and a jar's keyword becomes a word of the block (or, when taken, a problem line).
 */
class KeywordTableTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    @Test
    void theReadmeRowIsTheTablesOwn() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(LayerKeywords.of(REGISTRY).readmeRow());
    }

    @Test
    void builtInLayersRegisterTheirKeywords() {
        LayerKeywords t = LayerKeywords.of(REGISTRY);
        assertThat(t.words()).containsExactly("input", "layer", "dense", "dropout", "conv", "pool", "globalAvgPool",
                "flatten", "batchNorm", "output");
        assertThat(t.row("conv")).isEqualTo(new LayerKeywords.Row("conv", "conv2d", "filters", "relu"));
        assertThat(t.row("pool")).isEqualTo(new LayerKeywords.Row("pool", "pool", "type", null));
        assertThat(t.row("dense")).isEqualTo(new LayerKeywords.Row("dense", "dense", "units", "relu"));
        assertThat(t.row("dropout")).isEqualTo(new LayerKeywords.Row("dropout", "dropout", "rate", null));
        assertThat(t.problems()).isEmpty();
        assertThat(Keywords.all(REGISTRY)).contains("layer", "dense", "dropout");
    }

    @Test
    void aJarsKeywordJoinsTheBlockAndATakenOneIsAProblem(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.build(dir.resolve("layers.jar"), List.of(
                PluginJars.source("com.example.Twice", layer("twice", "\"twice\"")),
                PluginJars.source("com.example.Clash", layer("clash", "\"dense\"")),
                PluginJars.source("com.example.Reserved", layer("reserved", "\"output\""))),
                Map.of("dev.tensile.spi.Layer", "com.example.Twice\ncom.example.Clash\ncom.example.Reserved"), "1.0");
        PluginRegistry registry = PluginRegistry.discover(List.of(jar.getParent()), List.of());
        LayerKeywords t = LayerKeywords.of(registry);
        assertThat(t.words()).containsExactly("input", "layer", "dense", "dropout", "conv", "pool", "globalAvgPool",
                "flatten", "batchNorm", "twice", "output");
        assertThat(t.problems()).containsExactly(
                "layer 'clash' (" + jar + "): its keyword 'dense' is already layer 'dense''s; use layer 'clash'",
                "layer 'reserved' (" + jar + "): its keyword 'output' is not available; use layer 'reserved'");
        assertThat(Keywords.all(registry)).contains("twice");

        // in a script, at once: by its keyword and by name; a keyword of named arguments refuses an unnamed one
        Path script = ScriptHarness.write(dir, "twice.groovy", """
                model { input 2; twice(); layer 'twice'; layer 'clash'; output 3 }
                summary()
                model { input 2; twice 3; output 3 }
                """);
        ScriptHarness.Result r = ScriptHarness.tensile("run", script.toString(), "--plugins", dir.toString());
        assertThat(r.out()).contains("layer 1 (twice)", "layer 2 (twice)", "layer 3 (clash)", "layer 4 (output 3)");
        assertThat(r.err()).isEqualTo("twice.groovy:3: 'twice' takes named arguments only, e.g. twice name: value\n");
    }

    /** A layer plugin that passes its input through, named {@code name}, with the keyword expression {@code keyword}. */
    static String layer(String name, String keyword) {
        String cls = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return """
                package com.example;
                import dev.tensile.spi.*;
                import dev.tensile.tensor.Matrix;
                public final class %s implements Layer {
                    public String name() { return "%s"; }
                    public String description() { return "passes its input through"; }
                    public String keyword() { return %s; }
                    public Plan plan(Params p, Shape in) {
                        return new Plan() {
                            public Shape output() { return in; }
                            public long bufferValues(int batch) { return 0; }
                            public String describe() { return "%s"; }
                            public Worker build(Context c) {
                                return new Worker() {
                                    public Matrix forward(Matrix x, boolean t) { return x; }
                                    public Matrix backward(Matrix g) { return g; }
                                };
                            }
                        };
                    }
                }
                """.formatted(cls, name, keyword, name);
    }
}
