package dev.tensile.nn;

import java.util.Map;

import dev.tensile.kernel.Gemm;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/** What the builder gives one layer's worker: its arrays, the kernel, its random stream on demand. */
final class LayerContext implements Layer.Context {
    private final String label;
    private final Map<String, Parameter> slots;
    private final Gemm gemm;
    private final Rng seed;
    private final int index;
    private final boolean inputGradient;
    private final String fusedActivation;
    private Rng random;

    LayerContext(String label, Map<String, Parameter> slots, Gemm gemm, Rng seed, int index, boolean inputGradient,
                 String fusedActivation) {
        this.label = label;
        this.slots = slots;
        this.gemm = gemm;
        this.seed = seed;
        this.index = index;
        this.inputGradient = inputGradient;
        this.fusedActivation = fusedActivation;
    }

    @Override
    public String fusedActivation() {
        return fusedActivation;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Matrix value(String slot) {
        return slot(slot).value();
    }

    @Override
    public Matrix gradient(String slot) {
        return slot(slot).grad();
    }

    private Parameter slot(String name) {
        Parameter p = slots.get(name);
        if (p == null) {
            throw new IllegalArgumentException(label + " has no slot '" + name + "' (slots: "
                    + String.join(", ", slots.keySet()) + ")");
        }
        return p;
    }

    @Override
    public Gemm gemm() {
        return gemm;
    }

    @Override
    public Rng random() {
        if (random == null) {
            // the name dropout's stream had when dropout was a regularizer: the same seed draws the same masks
            random = seed.derive("regularizer:" + index);
        }
        return random;
    }

    @Override
    public boolean inputGradient() {
        return inputGradient;
    }

    /** The stream the worker asked for, or null. */
    Rng used() {
        return random;
    }
}
