package dev.tensile.dsl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.Gemm;
import dev.tensile.nn.ActivationLayer;
import dev.tensile.nn.Dense;
import dev.tensile.nn.Layer;
import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.SoftmaxCrossEntropy;
import dev.tensile.nn.conv.Conv2d;
import dev.tensile.nn.conv.Pool2d;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.tensor.Rng;

/** The network of B3, built layer by layer: conv 32 - pool - conv 64 - pool - dense 128 - dense 10. */
final class B3Network {
    private B3Network() {
    }

    static Network build(PluginRegistry registry, Gemm gemm, long seed) {
        Rng rng = new Rng(seed);
        Activation.Function relu = registry.bind(Activation.class, "relu", Map.of()).plugin().create(
                registry.bind(Activation.class, "relu", Map.of()).params());
        PluginRegistry.Bound<Initializer> he = registry.bind(Initializer.class, "he-normal", Map.of());
        Initializer.WeightInit init = he.plugin().create(he.params());
        List<Layer> layers = new ArrayList<>();
        Conv2d c1 = new Conv2d(gemm, ConvGeometry.of(28, 28, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), 32, true, "conv1");
        Conv2d c2 = new Conv2d(gemm, ConvGeometry.of(14, 14, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), 64, true, "conv2");
        Dense d1 = new Dense(gemm, 7 * 7 * 64, 128, "dense1");
        Dense d2 = new Dense(gemm, 128, 10, "dense2");
        c1.computeInputGradient(false);
        layers.add(c1);
        layers.add(new ActivationLayer("relu", relu, 28 * 28 * 32));
        layers.add(new Pool2d(Pool2d.Mode.MAX, ConvGeometry.of(28, 28, 32, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1), "max-pool"));
        layers.add(c2);
        layers.add(new ActivationLayer("relu", relu, 14 * 14 * 64));
        layers.add(new Pool2d(Pool2d.Mode.MAX, ConvGeometry.of(14, 14, 64, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1), "max-pool"));
        layers.add(d1);
        layers.add(new ActivationLayer("relu", relu, 128));
        layers.add(d2);
        fill(init, c1.kernel(), 9, 9 * 32, rng.derive("init:1"));
        fill(init, c2.kernel(), 9 * 32, 9 * 64, rng.derive("init:2"));
        fill(init, d1.weights(), 3136, 128, rng.derive("init:3"));
        fill(init, d2.weights(), 128, 10, rng.derive("init:4"));
        if (Boolean.getBoolean("tensile.bench.layerTimes")) {
            layers.replaceAll(TimedLayer::new);
        }
        return new Network(layers, new SoftmaxCrossEntropy());
    }

    private static void fill(Initializer.WeightInit init, Parameter p, int fanIn, int fanOut, Rng rng) {
        init.fill(p.value(), fanIn, fanOut, rng);
    }
}
