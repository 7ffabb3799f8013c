package dev.tensile.spi;

import java.util.List;

import dev.tensile.kernel.Gemm;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

/**
 * A layer type (dense, dropout, conv2d, ...): the sixth plugin kind. A layer type owns everything about itself, so
 * the engine never asks "is this a dense layer?": which script parameters it takes ({@link #parameters()}), the
 * output shape it makes of an input shape, its parameter slots (name, shape, initializer, whether weight
 * regularizers apply), forward and backward on the kernel, its memory estimate, and how the summary and the probe
 * print it. Model files and provenance describe a layer by this plugin's name and the parameters the script gave.
 *
 * <p>Life of one use of a layer, say {@code dense 64, activation: 'relu'} as the third line of a model:
 * <ol>
 * <li>{@link #plan(Params, Shape)} with the validated parameters and the shape the layer receives, before any
 *     weights exist: the engine learns the output shape, the slots and the buffer needs (for the summary, the memory
 *     estimate and the sizes a model file must hold);</li>
 * <li>the engine allocates every slot's values (and, for trainable slots, gradients), fills them with the slot's
 *     initializer from a seeded stream of its own, and calls {@link Plan#build(Context)};</li>
 * <li>every training step calls {@link Worker#forward} in order through the network, then {@link Worker#backward}
 *     in reverse order; prediction calls forward only, with {@code training} false.</li>
 * </ol>
 * The activation a script names after a layer ({@code activation: 'relu'}) is not the layer's business: the engine
 * runs it as a stage of its own after the layer (and fuses it with the loss where that is exact), unless the layer
 * offers to apply it inside its own passes ({@link Plan#fusesActivation}). A layer's
 * weights take the script's {@code init:}, or when it names none the activation's preferred initializer.
 *
 * <p>See {@code docs/layers.md} for a worked example and the full contract.
 */
public interface Layer extends Plugin {

    /**
     * The word that adds this layer in a script's {@code model { }} block ({@code dense}), or null for none. Every
     * layer, keyword or not, is reachable as {@code layer 'name', param: value, ...}. A keyword that is already a
     * DSL word or another layer's keyword is reported by the registry and left out; the layer stays reachable by
     * name.
     */
    default String keyword() {
        return null;
    }

    /**
     * The parameter that the keyword's unnamed argument sets ({@code dense 64} sets {@code units}; {@code dropout
     * 0.2} sets {@code rate}), or null when the keyword takes named arguments only.
     */
    default String positional() {
        return null;
    }

    /** The activation a script gets when it names none ({@code relu} for dense); null for none. */
    default String defaultActivation() {
        return null;
    }

    /**
     * Checks one use of this layer against the shape it receives and describes it, before anything is allocated.
     *
     * @param params the script's values, validated against {@link #parameters()}, defaults filled in
     * @param input  the shape of one example as the previous layer (or the model's input) gives it
     * @throws IllegalArgumentException when the input does not fit; the message says what the layer needs and what
     *                                  it got, with both shapes ({@code needs a vector input, got [28, 28, 1]}); the
     *                                  engine puts the layer's position and description in front of it
     */
    Plan plan(Params params, Shape input);

    /** One use of a layer with its shapes known, before any weights exist. */
    interface Plan {

        /** The shape of one example this layer outputs. */
        Shape output();

        /** The arrays this layer needs, in a fixed order (the order of the model file's arrays and of the optimizer's). */
        default List<Slot> slots() {
            return List.of();
        }

        /**
         * Float values of the buffers the layer keeps for a batch of {@code batch} examples: typically its output
         * and its input gradient, {@code batch * (input.size() + output.size())}, plus masks or unfolded panels. Used
         * by the memory estimate before anything is allocated; an estimate, not a promise.
         */
        long bufferValues(int batch);

        /** A few words for summaries, probes and messages: {@code dense 64}, {@code dropout 0.2}. */
        String describe();

        /**
         * Whether the probe and the summary give this layer a row and a number of its own (true, the default, for a
         * layer with slots) or fold it into the row of the layer before it (dropout, pooling: no weights of their
         * own, so their statistics are those of what the next weighted layer receives).
         */
        default boolean ownRow() {
            return !slots().isEmpty();
        }

        /**
         * Whether this layer applies the activation {@code name} (given without parameters) itself, inside its own
         * passes, instead of the engine running it as a stage of its own over the whole batch: conv2d applies relu to
         * each chunk of its output while the chunk is in cache, which saves a pass over memory each way. When true,
         * {@link Context#fusedActivation()} names it to {@link #build}, the worker's output is the activated one and
         * its backward takes the gradient of that output. Default false: the engine runs every activation.
         */
        default boolean fusesActivation(String name) {
            return false;
        }

        /** The worker, on the engine's arrays. Called once per built network; allocate buffers lazily. */
        Worker build(Context context);
    }

    /**
     * A named array of a layer: a trainable parameter (weights, bias, a batch-norm scale) or a piece of state the
     * layer keeps and the model file must save (a batch-norm's running mean). The engine stores a slot of shape
     * {@code [d0, ..., dn]} as a {@link Matrix} of {@code d0*...*dn-1} rows and {@code dn} columns (a rank-1 slot as
     * one row), row-major, which is also its layout in model files.
     *
     * @param name        lower camelCase, unique within the layer ({@code weights}, {@code bias}); model files call
     *                    the array {@code layer3.weights}
     * @param shape       its shape
     * @param init        how it starts; null means the layer's initializer (the script's {@code init:}, else the
     *                    activation's preferred one), which receives {@code fanIn} and {@code fanOut}
     * @param fanIn       inputs feeding one output unit (dense: input width; conv: kernel area x input channels)
     * @param fanOut      outputs one input unit feeds (dense: units; conv: kernel area x filters)
     * @param regularized whether weight penalties and constraints ({@code l2}, {@code max-norm}) apply to it
     * @param trainable   whether it has a gradient and the optimizer updates it; false for state
     */
    record Slot(String name, Shape shape, Initializer.WeightInit init, int fanIn, int fanOut, boolean regularized,
                boolean trainable) {
        public Slot {
            if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("slot name '" + name + "' is not lower camelCase");
            }
            if (shape == null) {
                throw new IllegalArgumentException("slot " + name + " has no shape");
            }
            if (fanIn < 1 || fanOut < 1) {
                throw new IllegalArgumentException("slot " + name + " needs positive fan-in and fan-out");
            }
            if (init == null && !trainable) {
                throw new IllegalArgumentException("state slot " + name + " needs its own initial value");
            }
        }

        /** Trainable weights that the layer's initializer fills and weight regularizers act on. */
        public static Slot weights(String name, Shape shape, int fanIn, int fanOut) {
            return new Slot(name, shape, null, fanIn, fanOut, true, true);
        }

        /** A trainable array that starts at zero and that regularizers leave alone (a bias, a shift). */
        public static Slot bias(String name, Shape shape) {
            return filled(name, shape, 0f);
        }

        /** A trainable array that starts at {@code value} everywhere, regularizers leave it alone (a scale: 1). */
        public static Slot filled(String name, Shape shape, float value) {
            return new Slot(name, shape, (w, in, out, rng) -> w.fill(value), 1, 1, false, true);
        }

        /** State that the optimizer never touches but model files keep, starting at {@code value} (running statistics). */
        public static Slot state(String name, Shape shape, float value) {
            return new Slot(name, shape, (w, in, out, rng) -> w.fill(value), 1, 1, false, false);
        }

        /** True when the layer's initializer (script's {@code init:} or the activation's choice) fills this slot. */
        public boolean usesLayerInitializer() {
            return init == null;
        }
    }

    /** What the engine gives a layer's worker. */
    interface Context {

        /** Where the layer sits, for messages: {@code layer 3 (dense 64)}. */
        String label();

        /** The values of slot {@code name}, as the forward pass reads them (rows x cols as {@link Slot} says). */
        Matrix value(String slot);

        /**
         * The gradient of slot {@code name}, same shape; null for a slot that is not trainable. Backward ADDS to it
         * (see {@link Worker#backward}); the engine zeroes it before each step.
         */
        Matrix gradient(String slot);

        /** The matrix multiply every layer runs on (blocked, vectorized, on the compute pool). */
        Gemm gemm();

        /**
         * This layer's own random stream (dropout masks), derived from the run's seed and the layer's position. Its
         * position is saved in checkpoints and restored in place, so keep the object rather than copying its state.
         */
        Rng random();

        /**
         * Whether anything reads this layer's input gradient. False for the first layer of a network: its
         * {@link Worker#backward} may then skip computing d(loss)/d(input) (a whole product for a dense layer) and
         * return null.
         */
        boolean inputGradient();

        /**
         * The activation this layer applies itself (see {@link Plan#fusesActivation}), or null when the engine runs
         * the layer's activation, if any, as a stage of its own.
         */
        default String fusedActivation() {
            return null;
        }
    }

    /**
     * A built layer: forward and backward on batches. A worker owns its output and input-gradient buffers and reuses
     * them while the batch size stays the same (keep one per batch size seen: a run uses the full batch, the short
     * last batch and the dev chunks), so no training step allocates after the first epoch. Returned matrices are
     * valid until the worker's next call.
     */
    interface Worker {

        /**
         * The layer's output for a batch ({@code batch x input.size()} in, {@code batch x output.size()} out).
         * {@code input} belongs to the caller: read it, never write it; it stays unchanged until the matching
         * {@link #backward}, so keep a reference rather than a copy. With {@code training} false (dev, test,
         * prediction) the output must not depend on any random stream.
         */
        Matrix forward(Matrix input, boolean training);

        /**
         * Given d(loss)/d(output) for the batch of the last {@code forward(..., true)}, ADDS each trainable slot's
         * gradient to {@link Context#gradient} (so that several backward passes accumulate, as gradient accumulation
         * and data-parallel training need; the engine zeroes gradients before each step, or calls
         * {@link #backwardOverwriting} instead where the worker offers it) and returns
         * d(loss)/d(input) in a buffer of its own, or null when {@link Context#inputGradient()} is false.
         * {@code gradOutput} belongs to the caller: never write it.
         */
        Matrix backward(Matrix gradOutput);

        /**
         * Whether this worker offers {@link #backwardOverwriting}, so that the engine need not zero its gradients
         * before a step's only backward pass. Default false: the engine zeroes them and calls {@link #backward}.
         */
        default boolean overwritesGradients() {
            return false;
        }

        /**
         * {@link #backward} for a step's only backward pass, when {@link #overwritesGradients()} is true: SETS each
         * trainable slot's gradient to this batch's instead of adding to it, because the engine has not zeroed it. That
         * saves a pass over every gradient per step, and lets a product write its result where it would otherwise read
         * the old values back (a dense layer's weight gradient). The values must equal those of zeroing followed by
         * {@link #backward}. The engine calls it only when {@link #overwritesGradients()} says so.
         */
        default Matrix backwardOverwriting(Matrix gradOutput) {
            throw new UnsupportedOperationException("this layer adds to its gradients only; see overwritesGradients()");
        }

        /**
         * This layer at inference as ONNX nodes applied to {@code input} (a float tensor {@code [batch, input size]},
         * rows laid out as the layer's input shape): trained arrays become initializers ({@code
         * input.onnxContext().floatTensor(...)}), operators come from {@link OnnxOps} or Tribuo's {@code
         * ONNXOperators} (opset {@value OnnxOps#OPSET}); returns the output, {@code [batch, output size]}. The default,
         * null, means the layer cannot be exported, and an export that meets it says so, naming the layer.
         */
        default org.tribuo.util.onnx.ONNXRef<?> onnx(org.tribuo.util.onnx.ONNXRef<?> input) {
            return null;
        }
    }
}
