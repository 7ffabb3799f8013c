package dev.tensile.io;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.ModelPlan;
import dev.tensile.spi.Layer;

/**
 * One array a planned model implies, in the order the network lists its arrays: for every layer (numbered as the
 * summary numbers layers) its slots in the order its plugin declares them ({@code layer3.weights} then
 * {@code layer3.bias} for a dense layer). The network computes with it as {@code rows x cols} (a slot's leading sizes
 * by its last); files store it in the slot's own shape ({@code dims}: a conv kernel's (kh, kw, in, out)), except that a
 * rank-1 slot is stored as one row {@code (1, n)}, as every version of the format has. Computed from the plan alone, so
 * a reader knows every size before it builds.
 *
 * @param trainable whether the optimizer keeps state for it (checkpoints write that state)
 */
record ArraySlot(String entry, String parameter, long rows, long cols, List<Long> dims, boolean trainable) {

    long values() {
        return rows * cols;
    }

    /** The shape the files store. */
    Npy.Shape stored() {
        return new Npy.Shape(dims);
    }

    /**
     * Whether a file's array of {@code shape} holds this slot: its stored shape, or as files before 4-D arrays wrote
     * it, {@code (rows, cols)}; a rank-1 {@code (cols,)} (what numpy writes for a bias) for a one-row slot.
     */
    boolean holds(Npy.Shape shape) {
        return shape.is(dims) || shape.is(List.of(rows, cols)) || rows == 1 && shape.is(List.of(cols));
    }

    static List<ArraySlot> of(ModelPlan plan) {
        List<ArraySlot> slots = new ArrayList<>();
        for (ModelPlan.Planned p : plan.layers()) {
            for (Layer.Slot s : p.plan().slots()) {
                String name = "layer" + p.index() + "." + s.name();
                List<Long> dims = new ArrayList<>();
                if (s.shape().rank() == 1) {
                    dims.add(1L);
                }
                for (int d : s.shape().dims()) {
                    dims.add((long) d);
                }
                slots.add(new ArraySlot(name + ".npy", name, s.shape().leading(), s.shape().last(), List.copyOf(dims),
                        s.trainable()));
            }
        }
        return slots;
    }

    /** The trainable ones, in order: the network's parameters. */
    static List<ArraySlot> trainable(List<ArraySlot> slots) {
        return slots.stream().filter(ArraySlot::trainable).toList();
    }
}
