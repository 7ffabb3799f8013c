package dev.tensile.io;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.ModelPlan;
import dev.tensile.spi.Layer;

/**
 * One array a planned model implies, in the order the network lists its arrays: for every layer (numbered as the
 * summary numbers layers) its slots in the order its plugin declares them ({@code layer3.weights} then
 * {@code layer3.bias} for a dense layer), stored as {@code rows x cols} (a slot's leading sizes by its last).
 * Computed from the plan alone, so a reader knows every size before it builds.
 *
 * @param trainable whether the optimizer keeps state for it (checkpoints write that state)
 */
record ArraySlot(String entry, String parameter, long rows, long cols, boolean trainable) {

    long values() {
        return rows * cols;
    }

    static List<ArraySlot> of(ModelPlan plan) {
        List<ArraySlot> slots = new ArrayList<>();
        for (ModelPlan.Planned p : plan.layers()) {
            for (Layer.Slot s : p.plan().slots()) {
                String name = "layer" + p.index() + "." + s.name();
                slots.add(new ArraySlot(name + ".npy", name, s.shape().leading(), s.shape().last(), s.trainable()));
            }
        }
        return slots;
    }

    /** The trainable ones, in order: the network's parameters. */
    static List<ArraySlot> trainable(List<ArraySlot> slots) {
        return slots.stream().filter(ArraySlot::trainable).toList();
    }
}
