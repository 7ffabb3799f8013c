package dev.tensile.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tensile.distributed.DistributedRun;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.PluginRef;
import dev.tensile.plugin.ParamBinder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.train.LabeledData;
import dev.tensile.train.Metrics;
import dev.tensile.train.TrainPlan;

/**
 * An activation from a plugin jar in a --plugins folder, which the test class path does not have, trains on Spark:
 * the jar travels to the executors with the job, and their replicas load it from there.
 */
class PluginJarTest {
    private static final String SOURCE = """
            package jarplugin;

            import dev.tensile.spi.Activation;
            import dev.tensile.spi.Params;
            import dev.tensile.tensor.Matrix;

            public final class Softsign implements Activation {
                public String name() { return "jar-softsign"; }
                public String description() { return "x / (1 + |x|), from a plugin jar"; }
                public Function create(Params params) {
                    return new Function() {
                        public void forward(Matrix z, Matrix a) {
                            float[] zs = z.data();
                            float[] as = a.data();
                            for (int i = 0; i < zs.length; i++) {
                                as[i] = zs[i] / (1 + Math.abs(zs[i]));
                            }
                        }
                        public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
                            float[] zs = z.data();
                            float[] ga = gradA.data();
                            float[] gz = gradZ.data();
                            for (int i = 0; i < zs.length; i++) {
                                float d = 1 + Math.abs(zs[i]);
                                gz[i] = ga[i] / (d * d);
                            }
                        }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    private Path buildJar() throws Exception {
        Path src = dir.resolve("src/jarplugin/Softsign.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", cp,
                "-proc:none", src.toString());
        assertThat(rc).isZero();
        Path jar = Files.createDirectories(dir.resolve("plugins")).resolve("softsign-plugin.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            try (var files = Files.list(classes.resolve("jarplugin"))) {
                for (Path f : files.toList()) {
                    out.putNextEntry(new JarEntry("jarplugin/" + f.getFileName()));
                    out.write(Files.readAllBytes(f));
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.tensile.spi.Activation"));
            out.write("jarplugin.Softsign\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void anActivationFromAPluginJarTrainsOnTheExecutors() throws Exception {
        Path jar = buildJar();
        PluginRegistry registry = PluginRegistry.discover(List.of(jar.getParent()), List.of());
        assertThat(registry.problems()).isEmpty();
        assertThat(Fixtures.REGISTRY.names(dev.tensile.spi.PluginKind.ACTIVATION)).doesNotContain("jar-softsign");
        ModelSpec spec = new ModelSpec(2, List.of(new LayerSpec(new PluginRef("dense", Map.of("units", 32)),
                PluginRef.of("jar-softsign"), null)), new LayerSpec(new PluginRef("dense", Map.of("units", 3)),
                PluginRef.of("softmax"), null), "cross-entropy");
        TrainPlan plan = Fixtures.plan(20, 32, new PluginRef("adam", Map.of("lr", 0.02)), List.of(), List.of());
        LabeledData[] data = Fixtures.spirals();
        Network net = new NetworkBuilder(registry, dev.tensile.kernel.GemmProvider.get()).build(spec, plan.seed()).network();
        double before = Metrics.evaluate(net, data[0], 64).loss();
        SparkTraining spark = new SparkTraining();
        spark.fit(new DistributedRun(spec, plan, registry, net, data[0], null, plan.bind(registry), null),
                ParamBinder.bind(spark, Map.of("master", Fixtures.MASTER, "workers", 2, "averageEvery", 4)));
        assertThat(Metrics.evaluate(net, data[0], 64).loss()).isLessThan(before * 0.8);
    }
}
