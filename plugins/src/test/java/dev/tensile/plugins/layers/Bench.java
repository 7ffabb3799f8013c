package dev.tensile.plugins.layers;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tensile.kernel.Gemm;
import dev.tensile.kernel.ScalarGemm;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * A test bench for one layer plugin: plans it through the registry, allocates its slots as the engine does (zeros;
 * tests fill what they need) and builds its worker on the scalar kernel.
 */
final class Bench implements Layer.Context {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();

    final Layer.Plan plan;
    final Layer.Worker worker;
    final Map<String, Matrix> values = new LinkedHashMap<>();
    final Map<String, Matrix> gradients = new LinkedHashMap<>();
    private final Gemm gemm = new ScalarGemm();
    private final Rng rng;
    private final boolean inputGradient;

    Bench(String layer, Map<String, ?> params, Shape input, Rng rng, boolean inputGradient) {
        PluginRegistry.Bound<Layer> b = REGISTRY.bind(Layer.class, layer, params);
        this.plan = b.plugin().plan(b.params(), input);
        this.rng = rng;
        this.inputGradient = inputGradient;
        for (Layer.Slot s : plan.slots()) {
            values.put(s.name(), new Matrix(s.shape().leading(), s.shape().last()));
            if (s.trainable()) {
                gradients.put(s.name(), new Matrix(s.shape().leading(), s.shape().last()));
            }
        }
        this.worker = plan.build(this);
    }

    @Override
    public String label() {
        return "layer 1 (test)";
    }

    @Override
    public Matrix value(String slot) {
        return values.get(slot);
    }

    @Override
    public Matrix gradient(String slot) {
        return gradients.get(slot);
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public Rng random() {
        return rng;
    }

    @Override
    public boolean inputGradient() {
        return inputGradient;
    }

    static void fill(Matrix m, Rng rng) {
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) rng.gaussian();
        }
    }
}
