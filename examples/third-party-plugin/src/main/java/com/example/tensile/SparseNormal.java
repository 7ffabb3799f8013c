package com.example.tensile;

import java.util.List;

import dev.tensile.spi.Initializer;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;

/**
 * Sparse initialization (Martens, 2010): each unit gets exactly {@code connections} non-zero incoming weights drawn
 * from N(0, std²), the rest zero, so units differ from the start without large fan-in sums. Parameters:
 * {@code connections} (default 15, at least 1), {@code std} (default 1).
 */
public final class SparseNormal implements Initializer {

    @Override
    public String name() {
        return "sparse-normal";
    }

    @Override
    public String description() {
        return "each unit gets 'connections' non-zero N(0, std^2) incoming weights (Martens 2010)";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("connections", 15, 1, Integer.MAX_VALUE, "non-zero incoming weights per unit"),
                Param.real("std", 1.0, 0, Double.MAX_VALUE, "standard deviation of the non-zero weights"));
    }

    @Override
    public WeightInit create(Params params) {
        int connections = params.integer("connections");
        double std = params.real("std");
        return (w, fanIn, fanOut, rng) -> {
            w.fill(0f);
            int k = Math.min(connections, fanIn);
            int[] rows = new int[fanIn];
            for (int i = 0; i < fanIn; i++) {
                rows[i] = i;
            }
            for (int unit = 0; unit < fanOut; unit++) {
                rng.shuffle(rows);
                for (int c = 0; c < k; c++) {
                    w.set(rows[c], unit, (float) (rng.gaussian() * std));
                }
            }
        };
    }
}
