package dev.tensile.nn;

import java.util.List;

import dev.tensile.spi.Activation;
import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;

/**
 * A model description with every plugin looked up and every shape known, before any weights exist: what the
 * summary, the memory estimate and model files need to know of a network without building it.
 *
 * @param input  shape of one example
 * @param layers every layer in order, the output last
 * @param loss   the loss on the output
 */
public record ModelPlan(Shape input, List<Planned> layers, Loss loss) {
    public ModelPlan {
        layers = List.copyOf(layers);
    }

    /**
     * One layer, planned.
     *
     * @param index      1-based position in the description (the output is last), as model files number arrays
     * @param label      {@code layer 3 (dense 64)}, or {@code layer 4 (output 10)} for the output layer
     * @param spec       the line of the description
     * @param plugin     the layer plugin
     * @param plan       what the plugin said of this use
     * @param input      shape of one example in
     * @param activation the bound activation after the layer; null for none (identity is none)
     * @param fused      the activation is fused with the loss, so it is not run as a stage
     * @param inLayer    the layer applies the activation itself ({@link Layer.Plan#fusesActivation}), so it is not
     *                   run as a stage either
     * @param init       the initializer of the weight slots (the script's, or the activation's preferred one);
     *                   null when no slot takes the layer's initializer
     */
    public record Planned(int index, String label, LayerSpec spec, Layer plugin, Layer.Plan plan, Shape input,
                          Bound<Activation> activation, boolean fused, boolean inLayer, PluginRef init) {

        public Shape output() {
            return plan.output();
        }

        /** Values in the layer's slots. */
        public long parameterCount() {
            long n = 0;
            for (Layer.Slot s : plan.slots()) {
                n += s.shape().size();
            }
            return n;
        }

        /** Values in the layer's trainable slots (a batch-norm's running statistics are state, not counted). */
        public long trainableCount() {
            long n = 0;
            for (Layer.Slot s : plan.slots()) {
                n += s.trainable() ? s.shape().size() : 0;
            }
            return n;
        }
    }

    /** A plugin with its parameters validated, as the registry returned it. */
    public record Bound<T>(T plugin, dev.tensile.spi.Params params, PluginRef ref) {
    }

    /** Shape of one example out of the network. */
    public Shape output() {
        return layers.get(layers.size() - 1).output();
    }

    /** Values in every slot of every layer. */
    public long parameterCount() {
        long n = 0;
        for (Planned p : layers) {
            n += p.parameterCount();
        }
        return n;
    }
}
