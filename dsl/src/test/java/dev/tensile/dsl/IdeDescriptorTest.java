package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyShell;
import groovy.transform.NamedParam;

import dev.tensile.optim.Optimizers;
import dev.tensile.optim.Schedule;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Param;
import dev.tensile.spi.PluginKind;

/**
 * {@code tensile ide gdsl}, run as a user runs it, and the descriptor it prints evaluated the way IntelliJ evaluates
 * one (its {@code context}, {@code contributor}, {@code enclosingCall}, {@code method}, {@code parameter}, recorded
 * here): every word of every block, with the parameters its source declares, including a plugin jar's.
 */
class IdeDescriptorTest {
    @TempDir
    Path dir;

    /** What the descriptor declares: block ("" for the top level) -> word -> every argument name of its overloads. */
    private static Map<String, Map<String, Set<String>>> evaluate(String gdsl) {
        Map<String, Map<String, Set<String>>> seen = new LinkedHashMap<>();
        List<Closure<?>> scriptContributors = new ArrayList<>();
        List<Closure<?>> blockContributors = new ArrayList<>();
        String[] current = {""};
        Binding b = new Binding();
        b.setVariable("scriptScope", new Closure<Object>(null) {
            public Object doCall(Object... a) {
                return "script";
            }
        });
        b.setVariable("closureScope", new Closure<Object>(null) {
            public Object doCall(Object... a) {
                return "closure";
            }
        });
        b.setVariable("context", new Closure<Object>(null) {
            public Object doCall(Map<String, Object> args) {
                return args.get("scope");
            }
        });
        b.setVariable("contributor", new Closure<Object>(null) {
            public Object doCall(Object ctx, Closure<?> body) {
                (ctx.equals("script") ? scriptContributors : blockContributors).add(body);
                return null;
            }
        });
        Object recorder = new Object() {
            @SuppressWarnings("unused")
            public boolean enclosingCall(String name) {
                return name.equals(current[0]);
            }

            @SuppressWarnings("unused")
            public Map<String, Object> parameter(Map<String, Object> args) {
                return args;
            }

            @SuppressWarnings({"unused", "unchecked"})
            public void method(Map<String, Object> args) {
                Set<String> names = seen.computeIfAbsent(current[0], k -> new LinkedHashMap<>())
                        .computeIfAbsent((String) args.get("name"), k -> new LinkedHashSet<>());
                names.addAll(((Map<String, Object>) args.getOrDefault("params", Map.of())).keySet());
                for (Map<String, Object> p : (List<Map<String, Object>>) args.getOrDefault("namedParams", List.of())) {
                    names.add(p.get("name") + ":");
                }
            }
        };
        new GroovyShell(b).evaluate(gdsl);
        for (String block : List.of("", "data", "model", "train")) {
            current[0] = block;
            for (Closure<?> c : block.isEmpty() ? scriptContributors : blockContributors) {
                c.setDelegate(recorder);
                c.setResolveStrategy(Closure.DELEGATE_FIRST);
                c.call();
            }
        }
        return seen;
    }

    private static Set<String> named(List<Param> params) {
        Set<String> out = new LinkedHashSet<>();
        params.forEach(p -> out.add(p.name() + ":"));
        return out;
    }

    @Test
    void theDescriptorNamesEveryKeywordWithItsParameters() {
        ScriptHarness.Result r = ScriptHarness.tensile("ide", "gdsl");
        assertThat(r.status()).as(r.err()).isZero();
        Map<String, Map<String, Set<String>>> d = evaluate(r.out());
        PluginRegistry registry = PluginRegistry.discover();
        for (Keywords.Block block : Keywords.blocks(registry)) {
            assertThat(d.get(block.name()).keySet()).as(block.name()).containsExactlyInAnyOrderElementsOf(block.words());
        }
        // nothing of a block leaks into another, nor to the top level
        assertThat(d.get("model")).doesNotContainKeys("epochs", "csv");
        assertThat(d.get("")).doesNotContainKeys("dense", "optimizer");

        // layer keywords: the positional parameter by name, the plugin's others, activation: and init:
        assertThat(d.get("model").get("dense")).containsExactlyInAnyOrder("units", "activation:", "init:");
        assertThat(d.get("model").get("conv")).contains("filters").containsAll(named(
                registry.parameters(PluginKind.LAYER, "conv2d")).stream().filter(n -> !n.equals("filters:")).toList());
        assertThat(d.get("model").get("output")).contains("units", "activation:", "init:", "loss:");
        assertThat(d.get("model").get("input")).containsExactly("dims");
        // a word that picks a plugin by name offers every parameter of its kind
        assertThat(d.get("train").get("regularizer")).contains("name").containsAll(
                named(registry.parameters(PluginKind.REGULARIZER, "l2")));
        assertThat(d.get("train").get("callback")).containsAll(named(registry.parameters(PluginKind.CALLBACK, "early-stopping")))
                .containsAll(named(registry.parameters(PluginKind.CALLBACK, "checkpoint")));
        assertThat(d.get("train").get("optimizer")).containsAll(named(Optimizers.parameters("adam")));
        assertThat(d.get("train").get("schedule")).containsAll(named(Schedule.Specs.parameters("step")));
        assertThat(d.get("train").get("epochs")).containsExactly("n");
        // named options from the methods' annotations
        assertThat(d.get("data").get("csv")).contains("path", "response:", "task:", "shape:");
        assertThat(d.get("data").get("split")).containsExactlyInAnyOrder("test:", "dev:", "seed:");
        assertThat(d.get("").get("diagnose")).containsExactlyInAnyOrder("humanError:", "tolerance:");
        assertThat(d.get("").get("plot")).contains("kind", "to:", "models:", "title:");
    }

    @Test
    void aPluginJarsKeywordAndParametersAreInTheDescriptor() throws Exception {
        Path jar = PluginJars.build(dir.resolve("echo.jar"), List.of(PluginJars.source("com.example.Echo", """
                package com.example;
                import dev.tensile.spi.*;
                import dev.tensile.tensor.Matrix;
                import java.util.List;
                public final class Echo implements Layer {
                    public String name() { return "echo"; }
                    public String description() { return "passes its input through"; }
                    public String keyword() { return "echo"; }
                    public String positional() { return "times"; }
                    public List<Param> parameters() {
                        return List.of(Param.integer("times", 1, 1, 9, "how often"), Param.bool("loud", false, "louder"));
                    }
                    public Plan plan(Params p, Shape in) {
                        return new Plan() {
                            public Shape output() { return in; }
                            public long bufferValues(int batch) { return 0; }
                            public String describe() { return "echo"; }
                            public Worker build(Context c) {
                                return new Worker() {
                                    public Matrix forward(Matrix x, boolean t) { return x; }
                                    public Matrix backward(Matrix g) { return g; }
                                };
                            }
                        };
                    }
                }
                """)), Map.of("dev.tensile.spi.Layer", "com.example.Echo"), "1.0");
        ScriptHarness.Result r = ScriptHarness.tensile("ide", "gdsl", "--plugins", jar.getParent().toString());
        assertThat(r.status()).as(r.err()).isZero();
        Map<String, Map<String, Set<String>>> d = evaluate(r.out());
        assertThat(d.get("model").get("echo")).containsExactlyInAnyOrder("times", "loud:", "activation:", "init:");
        assertThat(d.get("model").get("layer")).contains("loud:", "units:", "rate:");
        assertThat(r.out()).contains("(echo) louder; ");
    }

    @Test
    void anUnknownFormatIsOneLine() {
        ScriptHarness.Result r = ScriptHarness.tensile("ide", "dsld");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tensile ide: unknown format 'dsld' (formats: gdsl)\n");
    }

    /**
     * The annotations the descriptor reads are the options each word checks: a script with an unknown option is
     * refused with the list of options, which must be exactly the annotated names.
     */
    @Test
    void annotatedOptionsAreTheOptionsTheWordsAccept() throws Exception {
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("TensileScript.diagnose", "diagnose zzz: 1");
        calls.put("TensileScript.crossValidate", "crossValidate zzz: 1");
        calls.put("TensileScript.plot", "plot 'loss', zzz: 1");
        calls.put("TensileScript.probe", "probe zzz: 1");
        calls.put("TensileScript.defineActivation", "defineActivation 'f', forward: { it }, derivative: { z, a -> 1 }, zzz: 1");
        calls.put("TensileScript.defineCallback", "defineCallback 'c', zzz: 1");
        calls.put("DataBlock.split", "data { split zzz: 1 }");
        calls.put("DataBlock.csv", "data { train csv('a.csv', response: 'y', zzz: 1) }");
        calls.put("DataBlock.libsvm", "data { train libsvm('a.svm', zzz: 1) }");
        calls.put("TrainBlock.clip", "train { clip zzz: 1 }");
        calls.put("TrainBlock.onDiagnostics", "train { onDiagnostics(zzz: 1) { s, l -> } }");
        Set<String> annotated = new LinkedHashSet<>();
        for (Class<?> c : List.of(TensileScript.class, DataBlock.class, TrainBlock.class)) {
            for (Method m : c.getDeclaredMethods()) {
                for (Parameter p : m.getParameters()) {
                    NamedParam[] names = p.getAnnotationsByType(NamedParam.class);
                    if (names.length == 0) {
                        continue;
                    }
                    String key = c.getSimpleName() + "." + m.getName();
                    annotated.add(key);
                    assertThat(calls).as("a call of " + key + " with an unknown option").containsKey(key);
                    ScriptHarness.Result r = ScriptHarness.tensile("run",
                            ScriptHarness.write(dir, "o.groovy", calls.get(key) + "\n").toString());
                    String options = r.err().replaceAll("(?s).*\\(options: ([^)]*)\\).*", "$1").strip();
                    Set<String> expected = new LinkedHashSet<>();
                    for (NamedParam n : names) {
                        expected.add(n.value());
                    }
                    assertThat(Set.of(options.split(", "))).as(key + ": " + r.err()).isEqualTo(expected);
                }
            }
        }
        assertThat(annotated).containsExactlyInAnyOrderElementsOf(calls.keySet());
    }
}
