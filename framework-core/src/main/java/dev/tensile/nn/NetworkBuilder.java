package dev.tensile.nn;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.kernel.Gemm;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.Regularizer;
import dev.tensile.tensor.Rng;

/**
 * Turns a {@link ModelSpec} into a {@link Network}: looks every plugin up by name, binds its parameters,
 * initializes weights from the seed (each layer from its own derived stream) and checks shapes.
 */
public final class NetworkBuilder {
    private final PluginRegistry registry;
    private final Gemm gemm;

    public NetworkBuilder(PluginRegistry registry, Gemm gemm) {
        this.registry = registry;
        this.gemm = gemm;
    }

    /** What was built, with one summary row per layer. */
    public record Built(Network network, List<SummaryRow> summary) {
    }

    /** One row of {@code summary()}: the layer, its output width, its parameter count and initializer. */
    public record SummaryRow(String layer, int outputs, long parameters, String init) {
    }

    public Built build(ModelSpec spec, long seed) {
        Rng rng = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        List<SummaryRow> rows = new ArrayList<>();
        int width = spec.inputs();
        int index = 0;
        for (LayerSpec ls : spec.layers()) {
            index++;
            if (ls instanceof LayerSpec.Dense d) {
                width = addDense(d, width, index, false, spec.loss(), rng, layers, rows);
            } else if (ls instanceof LayerSpec.ActivationRegularizer ar) {
                PluginRegistry.Bound<Regularizer> b = bind(Regularizer.class, ar.regularizer(), index);
                Regularizer.Term term = b.plugin().create(b.params());
                if (!term.actsOnActivations()) {
                    throw new PluginException("layer " + index + ": regularizer '" + ar.regularizer().name()
                            + "' acts on weights, not activations; use it in train { regularizer '" + ar.regularizer().name() + "' }");
                }
                String label = ar.regularizer().toString();
                layers.add(new ActivationRegularizerLayer(label, term, width, rng.derive("regularizer:" + index)));
                rows.add(new SummaryRow(label, width, 0, ""));
            }
        }
        addDense(spec.output(), width, index + 1, true, spec.loss(), rng, layers, rows);
        return new Built(new Network(layers, loss(spec)), rows);
    }

    private int addDense(LayerSpec.Dense d, int inputs, int index, boolean isOutput, String lossName, Rng rng,
                         List<Layer> layers, List<SummaryRow> rows) {
        String label = "layer " + index + " (" + (isOutput ? "output " : "dense ") + d.units() + ")";
        PluginRegistry.Bound<Activation> act = bind(Activation.class, d.activation(), index);
        PluginRef initRef = d.init() != null ? d.init() : PluginRef.of(act.plugin().preferredInitializer());
        PluginRegistry.Bound<Initializer> init = bind(Initializer.class, initRef, index);
        Dense dense = new Dense(gemm, inputs, d.units(), label);
        init.plugin().create(init.params()).fill(dense.weights().value(), inputs, d.units(), rng.derive("init:" + index));
        layers.add(dense);
        rows.add(new SummaryRow(label, d.units(), (long) inputs * d.units() + d.units(), initRef.toString()));
        boolean fused = isOutput && "cross-entropy".equals(lossName) && "softmax".equals(d.activation().name());
        if (!fused && !"identity".equals(d.activation().name())) {
            layers.add(new ActivationLayer(d.activation().name(), act.plugin().create(act.params()), d.units()));
            rows.add(new SummaryRow(d.activation().toString(), d.units(), 0, ""));
        } else if (fused) {
            rows.add(new SummaryRow("softmax (fused with cross-entropy)", d.units(), 0, ""));
        }
        return d.units();
    }

    private <T extends dev.tensile.spi.Plugin> PluginRegistry.Bound<T> bind(Class<T> type, PluginRef ref, int index) {
        try {
            return registry.bind(type, ref.name(), ref.params());
        } catch (PluginException e) {
            throw new PluginException("layer " + index + ": " + e.getMessage(), e);
        }
    }

    private static Loss loss(ModelSpec spec) {
        if ("cross-entropy".equals(spec.loss())) {
            if (!"softmax".equals(spec.output().activation().name())) {
                throw new IllegalArgumentException("loss 'cross-entropy' needs the output activation 'softmax', got '"
                        + spec.output().activation().name() + "'");
            }
            return new SoftmaxCrossEntropy();
        }
        if ("mse".equals(spec.loss())) {
            if ("softmax".equals(spec.output().activation().name())) {
                throw new IllegalArgumentException("loss 'mse' is for regression: give the output activation: 'identity'");
            }
            return new MeanSquaredError();
        }
        throw new IllegalArgumentException("unknown loss '" + spec.loss() + "' (losses: cross-entropy, mse)");
    }
}
