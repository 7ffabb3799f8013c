package dev.tensile.nn;

import java.util.List;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Rng;

/**
 * One stage of a built network: a layer plugin's worker with its arrays, or the activation that follows a layer.
 * What the engine knows of a stage is only this, so nothing in it asks which layer type a stage is.
 *
 * @param index    the layer's 1-based position in the model description (model files name its arrays and its
 *                 stream {@code layer3}); 0 for an activation
 * @param label    {@code layer 3 (dense 64)} for a layer, the activation ({@code relu}) for an activation stage
 * @param describe a few words: {@code dense 64}, {@code relu}
 * @param worker   forward and backward
 * @param arrays   the layer's slots in order (trainable parameters and state); empty for an activation
 * @param input    shape of one example in
 * @param output   shape of one example out
 * @param layer    true for a layer plugin's stage, false for an activation
 * @param ownRow   whether the probe gives the stage a row of its own (see {@link Layer.Plan#ownRow()})
 * @param random   the stream the layer asked for (dropout masks), saved in checkpoints; null for none
 */
public record Stage(int index, String label, String describe, Layer.Worker worker, List<Parameter> arrays, Shape input,
                    Shape output, boolean layer, boolean ownRow, Rng random) {
    public Stage {
        arrays = List.copyOf(arrays);
    }

    /** The arrays the optimizer trains. */
    public List<Parameter> parameters() {
        return arrays.stream().filter(Parameter::trainable).toList();
    }

    public int inputSize() {
        return input.size();
    }

    public int outputSize() {
        return output.size();
    }
}
