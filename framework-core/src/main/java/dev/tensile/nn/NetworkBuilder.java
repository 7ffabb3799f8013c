package dev.tensile.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.kernel.Gemm;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Activation;
import dev.tensile.spi.Initializer;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Plugin;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * Turns a {@link ModelSpec} into a {@link Network}: looks every plugin up by name, binds its parameters, asks each
 * layer plugin for its output shape and slots ({@link #plan}), then allocates the slots, initializes them from the
 * seed (each slot from its own derived stream) and builds the workers ({@link #build}).
 */
public final class NetworkBuilder {
    private final PluginRegistry registry;
    private final Gemm gemm;

    public NetworkBuilder(PluginRegistry registry, Gemm gemm) {
        this.registry = registry;
        this.gemm = gemm;
    }

    public PluginRegistry registry() {
        return registry;
    }

    /** What was built, with one summary row per stage. */
    public record Built(Network network, List<SummaryRow> summary) {
    }

    /** One row of {@code summary()}: the stage, its output shape, its parameter count and initializer. */
    public record SummaryRow(String layer, Shape output, long parameters, String init) {
    }

    /** Every plugin looked up and every shape checked, nothing allocated. */
    public ModelPlan plan(ModelSpec spec) {
        Loss loss = loss(spec);
        List<LayerSpec> all = spec.all();
        List<ModelPlan.Planned> planned = new ArrayList<>();
        Shape shape = spec.input();
        for (int i = 0; i < all.size(); i++) {
            planned.add(plan(all.get(i), i + 1, i == all.size() - 1, shape, loss));
            shape = planned.get(i).output();
        }
        if (!shape.isVector()) {
            throw new IllegalArgumentException(planned.get(planned.size() - 1).label() + " gives " + shape
                    + " but the loss needs a vector: flatten it first");
        }
        return new ModelPlan(spec.input(), planned, loss);
    }

    private ModelPlan.Planned plan(LayerSpec ls, int index, boolean isOutput, Shape input, Loss loss) {
        PluginRegistry.Bound<Layer> layer = bind(Layer.class, ls.layer(), index);
        Layer.Plan plan;
        try {
            plan = layer.plugin().plan(layer.params(), input);
            plan.output();
            plan.slots(); // shapes too large for an array are refused here, with the layer named
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + index + " (" + ls.layer().name() + "): " + e.getMessage(), e);
        }
        String label = "layer " + index + " (" + (isOutput ? "output " + plan.output().compact() : plan.describe()) + ")";
        ModelPlan.Bound<Activation> act = null;
        if (ls.activation() != null) {
            PluginRegistry.Bound<Activation> b = bind(Activation.class, ls.activation(), index);
            act = new ModelPlan.Bound<>(b.plugin(), b.params(), ls.activation());
        }
        boolean fused = isOutput && act != null && act.ref().name().equals(loss.fusedActivation());
        boolean inLayer = !fused && act != null && act.ref().params().isEmpty()
                && plan.fusesActivation(act.ref().name());
        PluginRef init = null;
        if (plan.slots().stream().anyMatch(Layer.Slot::usesLayerInitializer)) {
            init = ls.init() != null ? ls.init()
                    : PluginRef.of(act != null ? act.plugin().preferredInitializer() : "xavier-uniform");
            bind(Initializer.class, init, index);
        } else if (ls.init() != null) {
            throw new PluginException(label + " has no weights for init: '" + ls.init().name() + "' to fill");
        }
        return new ModelPlan.Planned(index, label, ls, layer.plugin(), plan, input, act, fused, inLayer, init);
    }

    public Built build(ModelSpec spec, long seed) {
        return build(plan(spec), seed);
    }

    public Built build(ModelPlan plan, long seed) {
        Rng rng = new Rng(seed);
        List<Stage> stages = new ArrayList<>();
        List<SummaryRow> rows = new ArrayList<>();
        boolean trainableBefore = false;
        for (ModelPlan.Planned p : plan.layers()) {
            Stage stage = stage(p, rng, trainableBefore);
            stages.add(stage);
            trainableBefore |= !stage.parameters().isEmpty();
            rows.add(new SummaryRow(p.label(), p.output(), p.trainableCount(), p.init() == null ? "" : p.init().toString()));
            ModelPlan.Bound<Activation> act = p.activation();
            if (act != null && p.fused()) {
                rows.add(new SummaryRow(act.ref().name() + " (fused with " + plan.loss().name() + ")", p.output(), 0, ""));
            } else if (act != null && p.inLayer()) {
                rows.add(new SummaryRow(act.ref().name() + " (applied by " + p.plan().describe() + ")", p.output(), 0,
                        ""));
            } else if (act != null && !"identity".equals(act.ref().name())) {
                ActivationWorker w = new ActivationWorker(act.plugin().create(act.params()), p.output().size());
                stages.add(new Stage(0, act.ref().toString(), act.ref().name(), w, List.of(), p.output(), p.output(),
                        false, false, null));
                rows.add(new SummaryRow(act.ref().toString(), p.output(), 0, ""));
            }
        }
        return new Built(new Network(stages, plan.loss()), rows);
    }

    /** Allocates and initializes the layer's slots and builds its worker. */
    private Stage stage(ModelPlan.Planned p, Rng rng, boolean inputGradient) {
        Initializer.WeightInit layerInit = null;
        if (p.init() != null) {
            PluginRegistry.Bound<Initializer> b = bind(Initializer.class, p.init(), p.index());
            layerInit = b.plugin().create(b.params());
        }
        Map<String, Parameter> bySlot = new LinkedHashMap<>();
        boolean firstWeights = true;
        for (Layer.Slot s : p.plan().slots()) {
            Matrix value = new Matrix(s.shape().leading(), s.shape().last());
            Matrix grad = s.trainable() ? new Matrix(value.rows(), value.cols()) : null;
            // the first weight slot keeps the stream dense layers always drew from, so seeds give the same weights
            Rng stream = s.usesLayerInitializer() && firstWeights ? rng.derive("init:" + p.index())
                    : rng.derive("init:" + p.index() + ":" + s.name());
            firstWeights &= !s.usesLayerInitializer();
            (s.usesLayerInitializer() ? layerInit : s.init()).fill(value, s.fanIn(), s.fanOut(), stream);
            if (bySlot.put(s.name(), new Parameter(p.label() + "." + s.name(), value, grad, !s.regularized())) != null) {
                throw new IllegalStateException(p.label() + " declares the slot '" + s.name() + "' twice");
            }
        }
        LayerContext ctx = new LayerContext(p.label(), bySlot, gemm, rng, p.index(), inputGradient,
                p.inLayer() ? p.activation().ref().name() : null);
        Layer.Worker worker = p.plan().build(ctx);
        // a stage that applies its activation itself says so where the probe and diagnostics name it
        String label = p.inLayer() ? p.label() + " + " + p.activation().ref().name() : p.label();
        return new Stage(p.index(), label, p.plan().describe(), worker, new ArrayList<>(bySlot.values()), p.input(),
                p.output(), true, p.plan().ownRow(), ctx.used());
    }

    private <T extends Plugin> PluginRegistry.Bound<T> bind(Class<T> type, PluginRef ref, int index) {
        try {
            return registry.bind(type, ref.name(), ref.params());
        } catch (PluginException e) {
            throw new PluginException("layer " + index + ": " + e.getMessage(), e);
        }
    }

    private static Loss loss(ModelSpec spec) {
        return Losses.of(spec.loss(), spec.output().activation() == null ? null : spec.output().activation().name());
    }
}
