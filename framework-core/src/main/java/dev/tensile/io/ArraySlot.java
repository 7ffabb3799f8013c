package dev.tensile.io;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;

/**
 * One weight array a model description implies, in the order the network lists its parameters: for every dense
 * layer (numbered as the summary numbers layers, dropout and friends included) its weights (inputs x units) then
 * its bias (1 x units). Computed from the description alone, so a reader knows every size before it builds.
 */
record ArraySlot(String entry, String parameter, long rows, long cols) {

    long values() {
        return rows * cols;
    }

    static List<ArraySlot> of(ModelSpec spec) {
        List<ArraySlot> slots = new ArrayList<>();
        long width = spec.inputs();
        int index = 0;
        for (LayerSpec l : spec.layers()) {
            index++;
            if (l instanceof LayerSpec.Dense d) {
                add(slots, index, width, d.units());
                width = d.units();
            }
        }
        add(slots, index + 1, width, spec.output().units());
        return slots;
    }

    private static void add(List<ArraySlot> slots, int index, long inputs, long units) {
        slots.add(new ArraySlot("layer" + index + ".weights.npy", "layer" + index + ".weights", inputs, units));
        slots.add(new ArraySlot("layer" + index + ".bias.npy", "layer" + index + ".bias", 1, units));
    }
}
